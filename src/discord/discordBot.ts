/**
 * The discord.js client and the one interaction router: every handler runs inside a single
 * try/catch that logs with the interaction's context and answers the member, so no handler
 * error escapes as an unhandled rejection.
 */
import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction, MessageFlags } from 'discord.js';
import type { Logger } from 'pino';
import { timeFirstResponse } from './ackTimer.js';
import { copyForLocale } from './copy.js';

export interface DiscordBotOptions {
  token: string;
  apiBaseUrl: string;
  logger: Logger;
  /** REST retries and timeout; tests use fewer. */
  rest?: { retries?: number; timeout?: number };
  /**
   * The gateway shards this process holds: `count` for the whole bot (or `auto`, Discord's
   * recommendation from `/gateway/bot`), `ids` for this process (undefined: all of them).
   * @defaultValue `{ count: 'auto', ids: undefined }`
   */
  shards?: { count: number | 'auto'; ids: readonly number[] | undefined };
  /**
   * Claims an interaction for this process before anything answers it: true only for the one
   * process (of all that share the database) that handles it. Two processes get the same
   * interaction when both hold its shard (a rolling restart, or a second copy on purpose).
   * @defaultValue every interaction is this process's
   */
  claimInteraction?: (interactionId: string) => Promise<boolean>;
  /**
   * While draining, how long to leave an interaction to a process that is not stopping before
   * claiming it to say "restarting". @defaultValue 1000
   */
  drainingClaimDelayMs?: number;
}

/**
 * discord.js's shard options for the bot's settings. `shards` is always given, so a `SHARDS`
 * variable (read by discord.js for its own ShardingManager) cannot add shards behind them.
 */
export function shardOptions(shards: DiscordBotOptions['shards']): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards === undefined || shards.count === 'auto') return { shards: 'auto' };
  const ids = shards.ids ?? Array.from({ length: shards.count }, (_, id) => id);
  return { shards: [...ids], shardCount: shards.count };
}

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

export function createDiscordClient(options: DiscordBotOptions): Client {
  return new Client({
    // Slash commands and buttons arrive as interactions: no message content or member intents needed.
    intents: [GatewayIntentBits.Guilds],
    // Several shards in one process identify through one throttler that keeps to Discord's
    // max_concurrency per 5 s; processes started together do not share it (see the README).
    ...shardOptions(options.shards),
    // Prompts are user text: nothing the bot sends may ping anyone unless a message says so.
    allowedMentions: { parse: [], repliedUser: false },
    rest: {
      api: options.apiBaseUrl,
      ...(options.rest?.retries !== undefined ? { retries: options.rest.retries } : {}),
      ...(options.rest?.timeout !== undefined ? { timeout: options.rest.timeout } : {}),
    },
  });
}

export class DiscordBot {
  readonly client: Client;
  private accepting = true;
  private readonly inFlight = new Set<Promise<void>>();
  /** Shards closed with a code discord.js does not reconnect after: their guilds' interactions stop arriving. */
  private readonly shardsDown = new Set<number>();
  /** Set by `start`: the REST side is usable before interactions are routed. */
  private handler: InteractionHandler = async () => {};
  /** When the gateway last reported ready or resumed; undefined while disconnected. */
  connectedSince: number | undefined;

  constructor(
    private readonly options: DiscordBotOptions,
    /** Measures how fast interactions are acknowledged. */
    private readonly onAck?: (ms: number) => void,
  ) {
    this.client = createDiscordClient(options);
    this.client.on(Events.InteractionCreate, (interaction) => this.dispatch(interaction));
    this.client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
    this.client.on(Events.Warn, (message) => options.logger.warn({ message }, 'discord client warning'));
    this.client.on(Events.ShardDisconnect, (_event, shard) => {
      this.shardsDown.add(shard);
      this.connectedSince = undefined;
      options.logger.warn({ shard }, 'gateway disconnected');
    });
    this.client.on(Events.ShardResume, (shard) => {
      this.shardUp(shard);
      options.logger.info({ shard }, 'gateway resumed');
    });
    this.client.on(Events.ShardReady, (shard) => this.shardUp(shard));
  }

  /** Connects and routes every interaction to `handler` from then on. */
  async start(handler: InteractionHandler): Promise<void> {
    this.handler = handler;
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.options.token);
    await ready;
    this.connectedSince = Date.now();
    this.options.logger.info(
      {
        user: this.client.user?.tag,
        guilds: this.client.guilds.cache.size,
        shards: [...this.client.ws.shards.keys()],
        shardCount: this.client.options.shardCount,
      },
      'connected to Discord',
    );
  }

  /** Every shard of this process is connected: with one down, its guilds' members get no answer. */
  get isConnected(): boolean {
    return this.connectedSince !== undefined && this.shardsDown.size === 0 && this.client.isReady();
  }

  private shardUp(shard: number): void {
    this.shardsDown.delete(shard);
    if (this.shardsDown.size === 0) this.connectedSince = Date.now();
  }

  /** Stops taking interactions and waits (bounded) for the ones being handled. */
  async drain(waitMs = 5000): Promise<void> {
    this.accepting = false;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  /** Closes the gateway and the REST client; call after everything that posts has stopped. */
  async destroy(): Promise<void> {
    await this.client.destroy();
    this.connectedSince = undefined;
  }

  private dispatch(interaction: Interaction): void {
    const receivedAt = performance.now();
    const work = this.admit(interaction, receivedAt).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Claims the interaction (when processes share it), then handles it or says the bot is restarting. */
  private async admit(interaction: Interaction, receivedAt: number): Promise<void> {
    const accepting = this.accepting;
    // A process on its way out gives a process that stays the first go at the claim.
    if (!accepting && this.options.claimInteraction) {
      await new Promise((resolve) => setTimeout(resolve, this.options.drainingClaimDelayMs ?? 1000).unref());
    }
    if (!(await this.claim(interaction))) return;
    if (!accepting) {
      if (interaction.isRepliable()) {
        await interaction
          .reply({ content: copyForLocale(interaction.locale).t('failure.restarting'), flags: MessageFlags.Ephemeral })
          .catch(() => {});
      }
      return;
    }
    if (this.onAck) timeFirstResponse(interaction, receivedAt, this.onAck);
    await this.handle(interaction);
  }

  /** True when this process is the one to answer; another process's claim means silence here. */
  private async claim(interaction: Interaction): Promise<boolean> {
    if (!this.options.claimInteraction) return true;
    try {
      return await this.options.claimInteraction(interaction.id);
    } catch (error) {
      // Unable to ask means unable to know: answering risks a second answer (which Discord
      // refuses), staying silent risks none at all, which is worse for the member.
      this.options.logger.warn({ err: error, interactionId: interaction.id }, 'could not claim the interaction; handling it');
      return true;
    }
  }

  /** The router answers and logs every failure itself; this only keeps a rejection from escaping. */
  private async handle(interaction: Interaction): Promise<void> {
    await this.handler(interaction).catch((error: unknown) =>
      this.options.logger.error({ err: error, interactionId: interaction.id }, 'interaction router threw'),
    );
  }
}
