import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
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
  url(): string;
  startup(intents: number): StartupPayloads;
}

export interface GatewayStatus {
  connected: boolean;
  identifies: number;
  resumes: number;
}

const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const MAX_REPLAY = 1000;
const OPEN = 1;

/** Discord's bot tokens may arrive with or without the `Bot ` prefix; both identify the same bot. */
export function tokenMatches(given: unknown, expected: string): boolean {
  return typeof given === 'string' && given.replace(/^Bot\s+/i, '') === expected;
}

/**
 * The gateway half of the fake: HELLO, IDENTIFY, READY + GUILD_CREATE, heartbeats, RESUME with
 * replay, and dispatches filtered by the session's intents. Text frames only: discord.js takes a
 * binary frame for zlib data, which it cannot inflate without zlib-sync.
 */
export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sessions: GatewaySession[] = [];
  #identifies = 0;
  #resumes = 0;

  constructor(
    server: Server,
    private readonly options: GatewayOptions,
  ) {
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

  /** True once a client identified and has not ended its session; dispatches wait in its replay log. */
  hasLiveSession(): boolean {
    return this.#sessions.some((session) => !session.invalidated);
  }

  /**
   * Sends an event to every live session whose intents include `intent` (null: always sent, like
   * INTERACTION_CREATE). A session whose socket is down keeps the event for its RESUME.
   */
  dispatch(t: string, d: unknown, intent: number | null): void {
    for (const session of this.#sessions) {
      if (session.invalidated) continue;
      if (intent !== null && (session.intents & intent) === 0) continue;
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
    this.#identifies += 1;
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      seq: 0,
      socket,
      log: [],
      invalidated: false,
    };
    this.#sessions.push(session);
    connection.session = session;
    const { ready, guildCreates } = this.options.startup(intents);
    this.#deliver(session, 'READY', { ...ready, session_id: session.id, resume_gateway_url: this.options.url() });
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

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
