import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { IdentifyLimit, type IdentifyLimitHit } from './identifyLimit.js';
import { shardOfGuild } from './snowflake.js';
import { isObject, type JsonObject } from './validation.js';

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface GatewaySession {
  id: string;
  intents: number;
  /** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when the client sent none. */
  shard: readonly [number, number];
  identifiedAt: number;
  seq: number;
  socket: WebSocket | null;
  /** Every dispatch of the session, so a RESUME can replay what the client missed. */
  log: DispatchFrame[];
  invalidated: boolean;
}

interface Connection {
  socket: WebSocket;
  session: GatewaySession | null;
}

export interface StartupPayloads {
  /** READY's `d` without `session_id` and `resume_gateway_url`, which the gateway adds. */
  ready: JsonObject;
  guildCreates: JsonObject[];
}

export interface GatewayOptions {
  botToken: string;
  heartbeatIntervalMs: number;
  /** Privileged intents the application is allowed (GuildMembers, GuildPresences, MessageContent). */
  allowedPrivilegedIntents: number;
  /** `GET /gateway/bot`'s `shards`. */
  recommendedShards: number;
  /** `session_start_limit.max_concurrency`. */
  maxConcurrency: number;
  /** Answer IDENTIFYs over `max_concurrency` with op 9, as Discord does; otherwise only record them. */
  enforceIdentifyLimit: boolean;
  url(): string;
  /** The session's READY and GUILD_CREATEs, for the guilds `holds` accepts. */
  startup(intents: number, holds: (guildId: string) => boolean): StartupPayloads;
}

/** Which sessions an event is for. */
export interface DispatchTarget {
  /** Sent only to sessions whose intents include it; null: always sent, like INTERACTION_CREATE. */
  intent: number | null;
  /** Sent only to sessions whose shard holds this guild. */
  guildId: string;
}

/** One session as the fake sees it. */
export interface GatewaySessionInfo {
  shard: readonly [number, number];
  /** When its IDENTIFY was accepted (wall clock, ms). */
  identifiedAt: number;
  /** A socket is open for the session right now. */
  connected: boolean;
  /** Ended for good: closed with 1000/1001 or invalidated; a RESUME of it is refused. */
  ended: boolean;
}

export interface SessionStartLimit {
  total: number;
  remaining: number;
  /** Milliseconds; `@discordjs/ws` caches `/gateway/bot` for this long. */
  reset_after: number;
  max_concurrency: number;
}

export interface GatewayStatus {
  connected: boolean;
  identifies: number;
  resumes: number;
}

const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const MAX_REPLAY = 1000;
const OPEN = 1;
/** Session starts a bot gets per day, before `max_concurrency` comes into it. */
const DAILY_SESSION_STARTS = 1000;

/** `[shard_id, num_shards]` when IDENTIFY's `shard` is well formed; absent means `[0, 1]`. */
function parseShard(value: unknown): readonly [number, number] | undefined {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const shardId = id as number;
  const shardCount = count as number;
  return shardCount >= 1 && shardId >= 0 && shardId < shardCount ? [shardId, shardCount] : undefined;
}

/** Discord's bot tokens may arrive with or without the `Bot ` prefix; both identify the same bot. */
export function tokenMatches(given: unknown, expected: string): boolean {
  return typeof given === 'string' && given.replace(/^Bot\s+/i, '') === expected;
}

/**
 * The gateway half of the fake: HELLO, IDENTIFY, READY + GUILD_CREATE, heartbeats, RESUME with
 * replay, and dispatches filtered by the session's intents and shard. Text frames only: discord.js
 * takes a binary frame for zlib data, which it cannot inflate without zlib-sync.
 *
 * Shards follow Discord: a session identified with `[shard_id, num_shards]` gets the events of the
 * guilds with `(guild_id >> 22) % num_shards === shard_id`, and several sessions may hold the same
 * shard (or use different counts); each of them gets the events.
 */
export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sessions: GatewaySession[] = [];
  readonly #identifyLimit: IdentifyLimit;
  #identifies = 0;
  #resumes = 0;

  constructor(
    server: Server,
    private readonly options: GatewayOptions,
  ) {
    this.#identifyLimit = new IdentifyLimit({
      maxConcurrency: options.maxConcurrency,
      enforce: options.enforceIdentifyLimit,
      now: () => Date.now(),
    });
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket, request) => {
      const version = new URL(request.url ?? '/', 'ws://fake').searchParams.get('v');
      const connection: Connection = { socket, session: null };
      socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
      socket.on('close', (code) => this.#onClose(connection, code));
      if (version !== null && version !== '10') {
        socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
        return;
      }
      this.#send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: options.heartbeatIntervalMs } });
    });
  }

  status(): GatewayStatus {
    return {
      connected: this.#sessions.some((session) => !session.invalidated && session.socket?.readyState === OPEN),
      identifies: this.#identifies,
      resumes: this.#resumes,
    };
  }

  /**
   * True once a client identified for the shard holding `guildId` (any shard when omitted) and has
   * not ended its session; dispatches wait in its replay log.
   */
  hasLiveSession(guildId?: string): boolean {
    return this.#sessions.some((session) => !session.invalidated && (guildId === undefined || holds(session, guildId)));
  }

  sessions(): GatewaySessionInfo[] {
    return this.#sessions.map((session) => ({
      shard: session.shard,
      identifiedAt: session.identifiedAt,
      connected: !session.invalidated && session.socket?.readyState === OPEN,
      ended: session.invalidated,
    }));
  }

  identifyLimitHits(): IdentifyLimitHit[] {
    return [...this.#identifyLimit.hits];
  }

  get recommendedShards(): number {
    return this.options.recommendedShards;
  }

  sessionStartLimit(): SessionStartLimit {
    return {
      total: DAILY_SESSION_STARTS,
      remaining: Math.max(0, DAILY_SESSION_STARTS - this.#identifies),
      reset_after: 14_400_000,
      max_concurrency: this.options.maxConcurrency,
    };
  }

  /**
   * Sends an event to every live session that holds the guild's shard and whose intents include
   * `target.intent`. A session whose socket is down keeps the event for its RESUME.
   */
  dispatch(t: string, d: unknown, target: DispatchTarget): void {
    for (const session of this.#sessions) {
      if (session.invalidated || !holds(session, target.guildId)) continue;
      if (target.intent !== null && (session.intents & target.intent) === 0) continue;
      this.#deliver(session, t, d);
    }
  }

  /**
   * `resumable`: close with 4000, which discord.js answers with RESUME. Otherwise the session is
   * invalidated (op 9, d: false), so the client must IDENTIFY again.
   */
  disconnect({ resumable }: { resumable: boolean }): void {
    for (const session of this.#sessions) {
      const { socket } = session;
      if (session.invalidated || !socket || socket.readyState !== OPEN) continue;
      if (resumable) {
        socket.close(GatewayCloseCodes.UnknownError, 'Simulated disconnect');
      } else {
        session.invalidated = true;
        this.#send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      }
    }
  }

  /** Ends the sessions holding `shard` (every session without one) by closing their sockets with `code`. */
  endSessions(code: number, shard?: readonly [number, number]): void {
    for (const session of this.#sessions) {
      if (session.invalidated) continue;
      if (shard && (session.shard[0] !== shard[0] || session.shard[1] !== shard[1])) continue;
      session.invalidated = true;
      session.socket?.close(code);
    }
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #send(socket: WebSocket, payload: { op: GatewayOpcodes; d: unknown; s?: number | null; t?: string | null }): void {
    if (socket.readyState !== OPEN) return;
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #deliver(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.log.push(frame);
    if (session.log.length > MAX_REPLAY) session.log.shift();
    if (session.socket) this.#send(session.socket, frame);
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const { socket } = connection;
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(rawToString(data));
    } catch {
      socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (!isObject(payload)) {
      socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const d = isObject(payload.d) ? payload.d : {};
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.#send(socket, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, d);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #identify(connection: Connection, d: JsonObject): void {
    const { socket } = connection;
    if (connection.session) {
      socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (!tokenMatches(d.token, this.options.botToken)) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if ((intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) !== 0) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const shard = parseShard(d.shard);
    if (!shard) {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    if (!this.#identifyLimit.admit(shard)) {
      // Discord's answer to an IDENTIFY over max_concurrency; the client waits and identifies again.
      this.#send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    this.#identifies += 1;
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      shard,
      identifiedAt: Date.now(),
      seq: 0,
      socket,
      log: [],
      invalidated: false,
    };
    this.#sessions.push(session);
    connection.session = session;
    const { ready, guildCreates } = this.options.startup(intents, (guildId) => holds(session, guildId));
    this.#deliver(session, 'READY', {
      ...ready,
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: [...session.shard],
    });
    for (const guild of guildCreates) this.#deliver(session, 'GUILD_CREATE', guild);
  }

  #resume(connection: Connection, d: JsonObject): void {
    const { socket } = connection;
    const session = this.#sessions.find((candidate) => candidate.id === d.session_id);
    if (!tokenMatches(d.token, this.options.botToken) || !session || session.invalidated) {
      // d: false tells the client the session cannot be resumed; it will IDENTIFY afresh.
      this.#send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.close(GatewayCloseCodes.UnknownError);
    session.socket = socket;
    connection.session = session;
    this.#resumes += 1;
    const after = typeof d.seq === 'number' ? d.seq : 0;
    for (const frame of session.log) {
      if (frame.s > after) this.#send(socket, frame);
    }
    this.#deliver(session, 'RESUMED', { _trace: ['fake-discord'] });
  }

  #onClose(connection: Connection, code: number): void {
    const { session } = connection;
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    // A client closing with 1000/1001 ends its session for good, as on Discord.
    if (code === 1000 || code === 1001) session.invalidated = true;
  }
}

function holds(session: GatewaySession, guildId: string): boolean {
  const [shardId, shardCount] = session.shard;
  return shardOfGuild(guildId, shardCount) === shardId;
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
