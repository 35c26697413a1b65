import type { Server } from 'node:http';
import { type APIGuildInteraction, ChannelType, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { type HttpActivity, trackHttpActivity } from '../httpActivity.js';
import { AttachmentCdn } from './cdn.js';
import type { FakeContext } from './context.js';
import { FaultInjector, type FaultRule, type LostAnswerRule, type RequestMatch } from './faults.js';
import { FakeGateway, type GatewaySessionInfo, type GatewayStatus } from './gateway.js';
import type { IdentifyLimitHit } from './identifyLimit.js';
import {
  type ButtonClickInput,
  type InteractionHandle,
  InteractionRegistry,
  type MessageCommandInput,
  type ModalSubmitInput,
  type SelectMenuInput,
  type SlashCommandInput,
} from './interactions.js';
import { MessageService } from './messages.js';
import { apiMember, apiRole, apiUser, guildCreatePayload } from './payloads.js';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, parsePermissions } from './permissions.js';
import { Router } from './rest.js';
import { applicationRoutes } from './routes/application.js';
import { attachmentRoutes } from './routes/attachments.js';
import { channelRoutes } from './routes/channels.js';
import { interactionRoutes } from './routes/interactions.js';
import { FakeOAuth2 } from './routes/oauth2.js';
import { type RecordedRequest, startHttpServer } from './server.js';
import { SnowflakeGenerator, shardOfGuild } from './snowflake.js';
import {
  DiscordState,
  memberKey,
  type StoredAttachment,
  type StoredChannel,
  type StoredDm,
  type StoredGuild,
  type StoredMember,
  type StoredMessage,
  type StoredRole,
} from './state.js';
import { dispatchChannelEvent } from './threads.js';
import { readMessageBody } from './validation.js';
import { type WaitOptions, waitFor } from './wait.js';

export type { FaultRule, LostAnswerRule, RequestMatch } from './faults.js';
export type { GatewaySessionInfo, GatewayStatus } from './gateway.js';
export type { IdentifyLimitHit } from './identifyLimit.js';
export type {
  ButtonClickInput,
  InteractionHandle,
  MessageCommandInput,
  ModalSubmitInput,
  ModalUpload,
  RecordedResponse,
  ResponseData,
  SelectMenuInput,
  SlashCommandInput,
} from './interactions.js';
export type { Pings } from './mentions.js';
export type { RecordedFile } from './multipart.js';
export type { RecordedRequest } from './server.js';
export type {
  StoredAttachment,
  StoredChannel,
  StoredDm,
  StoredGuild,
  StoredMember,
  StoredMessage,
  StoredOverwrite,
  StoredRole,
} from './state.js';
export type { WaitOptions } from './wait.js';

export interface FakeDiscordOptions {
  /** The token the bot logs in with; checked on IDENTIFY and on every authenticated REST call. */
  botToken: string;
  applicationId: string;
  /** @defaultValue a generated snowflake */
  botUserId?: string;
  /** @defaultValue 'Kling Bot' */
  botUsername?: string;
  /** Per-attachment limit; bigger files answer 413 (40005). @defaultValue 10 MiB */
  uploadLimitBytes?: number;
  /** Announced in HELLO; discord.js heartbeats on it. @defaultValue 41250 */
  heartbeatIntervalMs?: number;
  /** The first callback must arrive within this. @defaultValue 3000 (Discord's rule) */
  interactionDeadlineMs?: number;
  /** Interaction tokens work this long. @defaultValue 15 minutes */
  interactionTokenLifetimeMs?: number;
  /** Privileged intents enabled for the app (GuildMembers, GuildPresences, MessageContent bits). @defaultValue 0 */
  privilegedIntents?: number;
  /** The shard count `GET /gateway/bot` recommends (what `shards: 'auto'` starts). @defaultValue 1 */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: IDENTIFYs allowed per 5 s, one per `shard_id % max_concurrency`. @defaultValue 1 */
  maxConcurrency?: number;
  /**
   * Answer an IDENTIFY over `max_concurrency` with op 9 Invalid Session, as Discord does. Off, the
   * fake only records it (`identifyLimitHits()`), so tests that restart a bot within seconds do
   * not wait out Discord's 5 s. @defaultValue false
   */
  enforceIdentifyLimit?: boolean;
  /** The fake's clock for attachment links (`ex`, `is`). @defaultValue Date.now */
  now?: () => number;
  /** How long an attachment link works. @defaultValue 24 hours */
  attachmentLinkLifetimeMs?: number;
  /** The application's OAuth2 client secret. @defaultValue 'fake-client-secret' */
  clientSecret?: string;
}

export interface AddGuildInput {
  id?: string;
  /** Give the guild an id that lands on `[shard_id, num_shards]`; ignored with `id`. */
  shard?: readonly [number, number];
  name?: string;
  ownerId?: string;
  /** The @everyone role's permissions. */
  everyonePermissions?: bigint | string;
  /** The server's Discord language. @defaultValue 'en-US' */
  preferredLocale?: string;
}

export interface AddChannelInput {
  id?: string;
  name?: string;
  topic?: string;
}

export interface AddRoleInput {
  id?: string;
  name?: string;
  permissions: bigint | string;
  mentionable?: boolean;
}

export interface AddMemberInput {
  id?: string;
  username?: string;
  roles?: string[];
  /** Extra permission bits granted to this member alone. */
  permissions?: bigint;
  nick?: string;
}

export interface SeedOptions {
  /** The guild's name. @defaultValue 'Kling Test Server' */
  name?: string;
  /** Put the guild on this `[shard_id, num_shards]`. */
  shard?: readonly [number, number];
}

export interface DefaultSeed {
  guildId: string;
  generalChannelId: string;
  showcaseChannelId: string;
  ownerId: string;
  requesterId: string;
  otherMemberId: string;
  moderatorId: string;
  adminId: string;
  moderatorRoleId: string;
  adminRoleId: string;
  botUserId: string;
}

export interface UserUpload {
  filename: string;
  bytes: Buffer;
  contentType?: string;
  /** What Discord reports of a picture's size (by default nothing, as for any file). */
  width?: number;
  height?: number;
}

const MiB = 1024 * 1024;

/** A loopback Discord (REST + gateway) that the real discord.js client can log in to. */
export class FakeDiscord {
  readonly apiBase: string;
  readonly botUserId: string;
  readonly applicationId: string;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** REST and attachment requests still being answered. */
  readonly activity: HttpActivity;
  /** The OAuth2 flow: register redirect URIs, set users' locales, revoke or expire tokens. */
  readonly oauth2: FakeOAuth2;
  /** `http://127.0.0.1:PORT`, where the consent page (`/oauth2/authorize`) is. */
  readonly origin: string;

  readonly #state: DiscordState;
  readonly #context: FakeContext;
  readonly #faults: FaultInjector;
  readonly #server: Server;
  readonly #gateway: FakeGateway;
  readonly #interactions: InteractionRegistry;
  readonly #messages: MessageService;

  /** @internal use startFakeDiscord */
  constructor(parts: {
    state: DiscordState;
    context: FakeContext;
    faults: FaultInjector;
    server: Server;
    requests: RecordedRequest[];
    oauth2: FakeOAuth2;
  }) {
    this.#state = parts.state;
    this.#context = parts.context;
    this.#faults = parts.faults;
    this.#server = parts.server;
    this.#gateway = parts.context.gateway;
    this.#interactions = parts.context.interactions;
    this.#messages = parts.context.messages;
    this.requests = parts.requests;
    this.activity = trackHttpActivity(parts.server);
    this.apiBase = `${parts.context.origin()}/api`;
    this.origin = parts.context.origin();
    this.oauth2 = parts.oauth2;
    this.botUserId = parts.state.botUser.id;
    this.applicationId = parts.context.applicationId;
  }

  // ---- world building ----

  /** Adds a guild with its @everyone role and the bot as a member (with its managed role). */
  addGuild(input: AddGuildInput = {}): StoredGuild {
    const state = this.#state;
    const id = input.id ?? (input.shard ? state.ids.nextOnShard(input.shard[0], input.shard[1]) : state.newId());
    const botRoleId = state.newId();
    const ownerId = input.ownerId ?? this.#ensureUser(state.newId(), 'guild-owner').id;
    this.#ensureUser(ownerId, `user-${ownerId}`);
    const guild: StoredGuild = {
      id,
      name: input.name ?? 'Fake Guild',
      ownerId,
      botRoleId,
      joinedAt: new Date().toISOString(),
      preferredLocale: input.preferredLocale ?? 'en-US',
    };
    state.guilds.set(id, guild);
    // The @everyone role shares the guild's id, as on Discord.
    state.roles.set(id, {
      id,
      guildId: id,
      name: '@everyone',
      permissions: parsePermissions(input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      mentionable: false,
      managed: false,
      botId: null,
    });
    state.roles.set(botRoleId, {
      id: botRoleId,
      guildId: id,
      name: state.botUser.username,
      permissions: DEFAULT_BOT_PERMISSIONS,
      position: 1,
      mentionable: false,
      managed: true,
      botId: state.botUser.id,
    });
    this.#putMember(id, state.botUser.id, { roles: [botRoleId] });
    if (ownerId !== state.botUser.id) this.#putMember(id, ownerId, {});
    this.#gateway.dispatch('GUILD_CREATE', this.#guildCreateFor(guild), { intent: GatewayIntentBits.Guilds, guildId: id });
    return guild;
  }

  /** The server's Discord language from now on (interactions carry it as `guild_locale`). */
  setGuildLocale(guildId: string, locale: string): void {
    this.#state.requireGuild(guildId).preferredLocale = locale;
  }

  /** From now on, a DM to this user is refused with 50007, as when they close their DMs. */
  refuseDms(userId: string): void {
    this.#state.dmRefused.add(userId);
  }

  /** What the bot sent to this user's direct messages. */
  directMessages(userId: string): StoredDm['messages'] {
    return [...this.#state.dms.values()].find((dm) => dm.userId === userId)?.messages ?? [];
  }

  addTextChannel(guildId: string, input: AddChannelInput = {}): StoredChannel {
    return this.#addChannel(guildId, ChannelType.GuildText, input);
  }

  addForumChannel(guildId: string, input: AddChannelInput = {}): StoredChannel {
    return this.#addChannel(guildId, ChannelType.GuildForum, input);
  }

  addRole(guildId: string, input: AddRoleInput): StoredRole {
    const state = this.#state;
    state.requireGuild(guildId);
    const role: StoredRole = {
      id: input.id ?? state.newId(),
      guildId,
      name: input.name ?? 'role',
      permissions: parsePermissions(input.permissions),
      position: state.guildRoles(guildId).length,
      mentionable: input.mentionable ?? false,
      managed: false,
      botId: null,
    };
    state.roles.set(role.id, role);
    this.#gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: guildId, role: apiRole(role) }, { intent: GatewayIntentBits.Guilds, guildId });
    return role;
  }

  addMember(guildId: string, input: AddMemberInput = {}): StoredMember {
    const state = this.#state;
    state.requireGuild(guildId);
    const user = this.#ensureUser(input.id ?? state.newId(), input.username);
    for (const roleId of input.roles ?? []) {
      if (state.roles.get(roleId)?.guildId !== guildId) throw new Error(`fake Discord: role ${roleId} is not in guild ${guildId}`);
    }
    const member = this.#putMember(guildId, user.id, input);
    this.#gateway.dispatch(
      'GUILD_MEMBER_ADD',
      { ...apiMember(state, member), guild_id: guildId },
      { intent: GatewayIntentBits.GuildMembers, guildId },
    );
    return member;
  }

  /** Changes the permissions of the bot's managed role in a guild (to test missing-permission paths). */
  setBotPermissions(guildId: string, permissions: bigint | string): void {
    const guild = this.#state.requireGuild(guildId);
    const role = this.#state.roles.get(guild.botRoleId);
    if (!role) return;
    role.permissions = parsePermissions(permissions);
    this.#gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: guildId, role: apiRole(role) }, { intent: GatewayIntentBits.Guilds, guildId });
  }

  /**
   * One guild with #general and #showcase, a requester, another member, a moderator (Manage
   * Messages) and an admin (Manage Guild); the owner is a separate user. Call it again for another
   * guild (with `shard`, on a chosen shard).
   */
  seedDefault(options: SeedOptions = {}): DefaultSeed {
    const guild = this.addGuild({ name: options.name ?? 'Kling Test Server', ...(options.shard ? { shard: options.shard } : {}) });
    const general = this.addTextChannel(guild.id, { name: 'general' });
    const showcase = this.addTextChannel(guild.id, { name: 'showcase' });
    const moderatorRole = this.addRole(guild.id, { name: 'Moderator', permissions: PermissionFlagsBits.ManageMessages });
    const adminRole = this.addRole(guild.id, { name: 'Admin', permissions: PermissionFlagsBits.ManageGuild });
    const requester = this.addMember(guild.id, { username: 'requester' });
    const other = this.addMember(guild.id, { username: 'bystander' });
    const moderator = this.addMember(guild.id, { username: 'moderator', roles: [moderatorRole.id] });
    const admin = this.addMember(guild.id, { username: 'admin', roles: [adminRole.id] });
    return {
      guildId: guild.id,
      generalChannelId: general.id,
      showcaseChannelId: showcase.id,
      ownerId: guild.ownerId,
      requesterId: requester.userId,
      otherMemberId: other.userId,
      moderatorId: moderator.userId,
      adminId: admin.userId,
      moderatorRoleId: moderatorRole.id,
      adminRoleId: adminRole.id,
      botUserId: this.botUserId,
    };
  }

  /** A file a member attaches to a slash command option (type 11); pass its `id` as the option value. */
  uploadUserAttachment(channelId: string, upload: UserUpload): StoredAttachment {
    this.#state.requireChannel(channelId);
    return this.#messages.storeAttachment(channelId, {
      filename: upload.filename,
      bytes: upload.bytes,
      contentType: upload.contentType ?? 'application/octet-stream',
      width: upload.width,
      height: upload.height,
    });
  }

  /** A link to an attachment as Discord hands it out now (signed, valid for the link lifetime). */
  attachmentLink(attachment: StoredAttachment): string {
    return this.#state.cdn?.sign(attachment.url) ?? attachment.url;
  }

  /** A member's own message in a channel, with files (what a message context-menu command acts on). */
  memberPost(channelId: string, userId: string, input: { content?: string; files?: UserUpload[] } = {}): StoredMessage {
    const channel = this.#state.requireChannel(channelId);
    const author = this.#state.requireUser(userId);
    const { message } = this.#messages.create(channel, {
      body: readMessageBody({ content: input.content ?? '' }),
      files: [],
      author,
      placeholder: true,
    });
    message.attachments = (input.files ?? []).map((upload) => this.uploadUserAttachment(channelId, upload));
    return message;
  }

  /** A member picks a message command (Apps → name) on a message. */
  messageCommand(input: MessageCommandInput): InteractionHandle {
    return this.#interactions.messageCommand(input);
  }

  // ---- driving ----

  slashCommand(input: SlashCommandInput): InteractionHandle {
    return this.#interactions.slashCommand(input);
  }

  clickButton(input: ButtonClickInput): InteractionHandle {
    return this.#interactions.clickButton(input);
  }

  selectMenu(input: SelectMenuInput): InteractionHandle {
    return this.#interactions.selectMenu(input);
  }

  /** A member submits a modal the bot showed; uploaded files are stored like {@link uploadUserAttachment}'s. */
  submitModal(input: ModalSubmitInput): InteractionHandle {
    const uploaded = Object.fromEntries(
      Object.entries(input.uploads ?? {}).map(([customId, files]) => [
        customId,
        files.map((file) => this.uploadUserAttachment(input.channelId, file)),
      ]),
    );
    return this.#interactions.submitModal(input, uploaded);
  }

  waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
    return waitFor(probe, options);
  }

  // ---- inspecting ----

  /** Every message of a channel in creation order, ephemeral and deleted ones included (see `flags`, `deleted`). */
  messages(channelId: string): StoredMessage[] {
    return this.#state.channelMessages(channelId);
  }

  message(channelId: string, messageId: string): StoredMessage | undefined {
    const message = this.#state.messages.get(messageId);
    return message?.channel_id === channelId ? message : undefined;
  }

  threads(parentId?: string): StoredChannel[] {
    return [...this.#state.channels.values()].filter(
      (channel) => this.#state.isThread(channel) && (parentId === undefined || channel.parentId === parentId),
    );
  }

  channel(id: string): StoredChannel | undefined {
    return this.#state.channels.get(id);
  }

  /** Registered commands (global without a guild id), as the fake answered them. */
  commands(guildId?: string): Record<string, unknown>[] {
    return this.#state.commands.get(guildId ?? '') ?? [];
  }

  gatewayStatus(): GatewayStatus {
    return this.#gateway.status();
  }

  /** Every session ever identified, in order, with its `[shard_id, num_shards]`. */
  gatewaySessions(): GatewaySessionInfo[] {
    return this.#gateway.sessions();
  }

  /** IDENTIFYs that broke `max_concurrency` per 5 s (refused only with `enforceIdentifyLimit`). */
  identifyLimitHits(): IdentifyLimitHit[] {
    return this.#gateway.identifyLimitHits();
  }

  /** The shard a guild's events go to when the bot runs `shardCount` shards. */
  shardOf(guildId: string, shardCount: number): number {
    return shardOfGuild(guildId, shardCount);
  }

  // ---- faults ----

  failNext(rule: FaultRule): void {
    this.#faults.add(rule);
  }

  /** The next matching requests take effect, then their connection is reset instead of answered. */
  loseAnswerNext(rule: LostAnswerRule): void {
    this.#faults.loseAnswer(rule);
  }

  /** Matching REST requests wait `delayMs` of real time before they are handled; returns the undo. */
  slowDown(rule: RequestMatch & { delayMs: number }): () => void {
    return this.#faults.slowDown(rule);
  }

  /**
   * Replaces a channel's permission overwrites (CHANNEL_UPDATE). They reach the bot in channel
   * payloads only: the fake's own permission checks and the interaction `permissions` ignore them.
   */
  setPermissionOverwrites(channelId: string, overwrites: { id: string; type: 0 | 1; allow?: bigint; deny?: bigint }[]): void {
    const channel = this.#state.requireChannel(channelId);
    channel.permissionOverwrites = overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow ?? 0n, deny: o.deny ?? 0n }));
    dispatchChannelEvent(this.#context, 'CHANNEL_UPDATE', channel);
  }

  /** Creating threads under this channel answers 403 Missing Permissions (50013). */
  denyThreads(channelId: string): void {
    this.#state.requireChannel(channelId).threadsDenied = true;
  }

  /** Later calls answer 404 Unknown Channel (10003); CHANNEL_DELETE or THREAD_DELETE is dispatched. */
  deleteChannel(channelId: string): void {
    const channel = this.#state.requireChannel(channelId);
    channel.deleted = true;
    // A deleted channel takes its threads with it.
    for (const thread of this.threads(channel.id)) thread.deleted = true;
    if (channel.thread) {
      this.#gateway.dispatch(
        'THREAD_DELETE',
        { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type },
        { intent: GatewayIntentBits.Guilds, guildId: channel.guildId },
      );
    } else {
      dispatchChannelEvent(this.#context, 'CHANNEL_DELETE', channel);
    }
  }

  /**
   * Archives a thread (THREAD_UPDATE). Like Discord, the bot's next message unarchives it; with
   * `locked` (and no Manage Threads for the bot) posting answers 400 50083. Edits and deletes in an
   * archived thread always answer 50083.
   */
  archiveThread(threadId: string, options: { locked?: boolean } = {}): void {
    const channel = this.#state.requireChannel(threadId);
    if (!channel.thread) throw new Error(`fake Discord: ${threadId} is not a thread`);
    channel.thread.archived = true;
    channel.thread.locked = options.locked ?? false;
    channel.thread.archiveTimestamp = new Date().toISOString();
    dispatchChannelEvent(this.#context, 'THREAD_UPDATE', channel);
  }

  /** Ages every interaction past its 15 minutes: callbacks 404 (10062), webhooks 401 (50027). */
  expireInteractionTokens(): void {
    this.#interactions.expireAll();
  }

  /** `resumable`: the client must RESUME and gets the missed dispatches replayed; otherwise it must IDENTIFY again. */
  disconnectGateway(options: { resumable: boolean } = { resumable: true }): void {
    this.#gateway.disconnect(options);
  }

  /**
   * Ends the sessions holding `shard` (every session without one) with a close `code`, e.g. 4011
   * Sharding Required, after which discord.js leaves that shard down for good.
   */
  endGatewaySessions(code: number, shard?: readonly [number, number]): void {
    this.#gateway.endSessions(code, shard);
  }

  async close(): Promise<void> {
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- internals ----

  #ensureUser(id: string, username?: string) {
    const existing = this.#state.users.get(id);
    if (existing) return existing;
    const user = { id, username: username ?? `user-${id.slice(-4)}`, globalName: null, bot: false };
    this.#state.users.set(id, user);
    return user;
  }

  #putMember(guildId: string, userId: string, input: AddMemberInput): StoredMember {
    const member: StoredMember = {
      guildId,
      userId,
      roles: [...(input.roles ?? [])],
      permissionOverride: input.permissions ?? 0n,
      nick: input.nick ?? null,
      joinedAt: new Date().toISOString(),
    };
    this.#state.members.set(memberKey(guildId, userId), member);
    return member;
  }

  #addChannel(guildId: string, type: ChannelType, input: AddChannelInput): StoredChannel {
    const state = this.#state;
    state.requireGuild(guildId);
    const channel: StoredChannel = {
      id: input.id ?? state.newId(),
      guildId,
      type,
      name: input.name ?? (type === ChannelType.GuildForum ? 'forum' : 'channel'),
      parentId: null,
      position: state.guildChannels(guildId).length,
      topic: input.topic ?? null,
      deleted: false,
      threadsDenied: false,
      thread: null,
      defaultAutoArchiveDuration: 1440,
      lastMessageId: null,
      messageCount: 0,
    };
    state.channels.set(channel.id, channel);
    dispatchChannelEvent(this.#context, 'CHANNEL_CREATE', channel);
    return channel;
  }

  #guildCreateFor(guild: StoredGuild) {
    return guildCreatePayload(this.#state, guild, GatewayIntentBits.Guilds);
  }
}

/** Starts the fake on 127.0.0.1 with an ephemeral port. Call `close()` when done. */
export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const ids = new SnowflakeGenerator();
  const state = new DiscordState(
    ids,
    { id: options.botUserId ?? ids.next(), username: options.botUsername ?? 'Kling Bot', globalName: null, bot: true },
    options.applicationId,
  );
  const uploadLimitBytes = options.uploadLimitBytes ?? 10 * MiB;
  const router = new Router();
  const bearerRouter = new Router();
  const oauth2 = new FakeOAuth2(state, {
    applicationId: options.applicationId,
    clientSecret: options.clientSecret ?? 'fake-client-secret',
    now: options.now ?? Date.now,
  });
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  // Attachment URLs need the port, which is known only once the server listens.
  let origin = '';
  const messages = new MessageService(state, { uploadLimitBytes, origin: () => origin });
  const cdn = new AttachmentCdn(options.now ?? Date.now, options.attachmentLinkLifetimeMs ?? 24 * 60 * 60 * 1000);
  state.cdn = cdn;
  const http = await startHttpServer({
    router,
    faults,
    botToken: options.botToken,
    requests,
    bearerRouter,
    page: (req, res, url, body) => oauth2.handlePage(req, res, url, body),
    findAttachment: (id) => messages.findAttachment(id),
    checkLink: (pathname, query) => cdn.check(pathname, query),
  });
  origin = http.origin;
  const { server } = http;
  const gateway = new FakeGateway(server, {
    botToken: options.botToken,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    allowedPrivilegedIntents: options.privilegedIntents ?? 0,
    recommendedShards: options.recommendedShards ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
    enforceIdentifyLimit: options.enforceIdentifyLimit ?? false,
    url: () => origin.replace(/^http/, 'ws'),
    startup: (intents, holds) => ({
      ready: {
        v: 10,
        user: { ...apiUser(state.botUser), verified: true, mfa_enabled: false, flags: 0 },
        guilds: [...state.guilds.keys()].filter(holds).map((id) => ({ id, unavailable: true })),
        application: { id: options.applicationId, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        user_settings: {},
        geo_ordered_rtc_regions: [],
      },
      guildCreates: [...state.guilds.values()].filter((guild) => holds(guild.id)).map((guild) => guildCreatePayload(state, guild, intents)),
    }),
  });
  const dispatchInteraction = (payload: APIGuildInteraction) => {
    if (!gateway.hasLiveSession()) {
      throw new Error('fake Discord: no client is logged in; await the clientReady event before driving interactions');
    }
    if (!gateway.hasLiveSession(payload.guild_id)) {
      const held = gateway
        .sessions()
        .filter((session) => !session.ended)
        .map((session) => `[${session.shard.join(', ')}]`);
      throw new Error(`fake Discord: no session holds the shard of guild ${payload.guild_id} (sessions hold ${held.join(' ')})`);
    }
    // Every session holding the guild's shard gets it, as on Discord: copies of a shard must agree on who answers.
    gateway.dispatch('INTERACTION_CREATE', payload, { intent: null, guildId: payload.guild_id });
  };
  const interactions = new InteractionRegistry(
    state,
    {
      state,
      applicationId: options.applicationId,
      attachmentSizeLimit: uploadLimitBytes,
      findAttachment: (id) => messages.findAttachment(id),
    },
    {
      deadlineMs: options.interactionDeadlineMs ?? 3000,
      lifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60 * 1000,
    },
    dispatchInteraction,
  );
  const context: FakeContext = {
    state,
    messages,
    interactions,
    gateway,
    applicationId: options.applicationId,
    messageContentIntent: ((options.privilegedIntents ?? 0) & GatewayIntentBits.MessageContent) !== 0,
    origin: () => origin,
  };
  router.add(...applicationRoutes(context), ...channelRoutes(context), ...interactionRoutes(context), ...attachmentRoutes(context));
  const oauthRoutes = oauth2.routes();
  router.add(oauthRoutes.token, ...oauthRoutes.bot);
  bearerRouter.add(...oauthRoutes.bearer);
  return new FakeDiscord({ state, context, faults, server, requests, oauth2 });
}
