/**
 * The web gallery: members sign in with Discord (OAuth2 code flow with `state` and PKCE) and see
 * the finished videos of the servers they share with the bot, as far as Discord lets them see the
 * channels those videos were made in. node:http, server-rendered pages, no script; the session
 * lives in the database, so any bot process can serve any member.
 *
 * An id the member may not see (another server's video, an invisible channel's, a deleted one)
 * answers 404 exactly like an id that never existed, so the gallery never confirms what exists.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { canActOn } from '../community/actor.js';
import type { GalleryEntry, GalleryQuery, GalleryStore } from '../community/gallery.js';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import { type Language, languageOf } from '../community/languages.js';
import type { WebSession, WebSessionStore } from '../community/webSessions.js';
import type { MessageKey } from '../discord/i18n/en.js';
import { translate } from '../discord/i18n/translate.js';
import type { Job } from '../jobs/job.js';
import {
  basePermissions,
  type ChannelOverwrite,
  channelPermissions,
  has,
  type MemberStanding,
  PERMISSIONS,
  visibleChannels,
} from './access.js';
import { type DiscordApi, DiscordApiError } from './discordApi.js';
import { escapeHtml } from './html.js';
import {
  GALLERY_CSS,
  type GalleryFilters,
  galleryPage,
  messagePage,
  type PageFrame,
  serversPage,
  settingsPage,
  signInPage,
  videoPage,
} from './pages.js';
import { type PosterSource, placeholderPoster } from './posters.js';
import { rangeOf } from './ranges.js';
import { RateLimit } from './rateLimit.js';
import { csrfToken, hashSessionId, newSessionId, openToken, pkcePair, sameSecret, sealToken } from './secrets.js';
import { NO_VIDEO_FILES, type VideoFileSource } from './videoFiles.js';

/** A remix asked for on a video's page, with who asks as Discord told the gallery. */
export interface RemixRequest {
  parent: Job;
  userId: string;
  roleIds: readonly string[];
  /** Manage Messages in the video's channel. */
  isModerator: boolean;
  /** The member's Discord locale. */
  locale: string;
  prompt: string;
}

/** Started (or waiting in the server's line), or refused with the sentence to show the member. */
export type RemixResult = { ok: true; jobId: string; waiting: boolean } | { ok: false; reason: string };

/** What the gallery does on Discord through the Discord adapter: the same share, take-down and remix as the buttons. */
export interface GalleryActions {
  share(job: Job, sharedBy: string): Promise<{ ok: true; already: boolean } | { ok: false }>;
  takeDown(marked: Job): Promise<unknown>;
  remix(request: RemixRequest): Promise<RemixResult>;
}

export interface WebServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Where members reach the gallery (behind the operator's TLS proxy), without a trailing slash. */
  publicUrl: string;
  api: DiscordApi;
  gallery: GalleryStore;
  sessions: WebSessionStore;
  settings: Pick<GuildSettingsStore, 'get'>;
  /** Marks a video deleted (the job service's one writer). */
  markDeleted(job: Job): Promise<Job | undefined>;
  actions: GalleryActions;
  posters: PosterSource;
  /** The bot's own copies of its videos, played from the gallery itself. @defaultValue none: Discord's links */
  videoFiles?: VideoFileSource;
  models: readonly { id: string; name: string; tier: string }[];
  logger: Logger;
  now?: () => number;
  /** How long a session lasts. @defaultValue 7 days */
  sessionLifetimeMs?: number;
  /** How long what Discord said of a member's roles and a server's channels is trusted. @defaultValue 60000 */
  accessTtlMs?: number;
  /** Sign-ins and searches per address per minute. @defaultValue 30 and 120 */
  limits?: { signInPerMinute?: number; searchPerMinute?: number };
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'kg_session';
const OAUTH_COOKIE = 'kg_oauth';
const SCOPES = 'identify guilds guilds.members.read';
const PAGE_SIZE = 24;
const DAY_MS = 86_400_000;
/** Ids in paths are snowflakes or job ids; anything else is not ours. */
const ID = /^[0-9A-Za-z]{1,32}$/;

class Cache<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}
  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await load();
    this.#entries.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#entries.size > 5_000) this.#entries.delete(this.#entries.keys().next().value as string);
    return value;
  }
  drop(key: string): void {
    this.#entries.delete(key);
  }
}

class NotFound extends Error {}

interface Signed {
  id: string;
  session: WebSession;
  token: string;
  language: Language;
  csrf: string;
}

/** The member's standing in one server and the channels they may view. */
interface ServerView {
  guild: { id: string; name: string };
  standing: MemberStanding;
  overwrites: Map<string, ChannelOverwrite[]>;
  visible: string[];
}

function parseCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

/** A return path after sign-in: only ever a path of the gallery, never another site. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !/^\/(g\/[0-9]{1,25}(\/[A-Za-z0-9/]*)?)?$/.test(value)) return '/';
  return value;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // A remix's prompt of 2,500 characters in a script of three bytes a character, each byte
    // written as %XX, is about 23 KiB: room for that, not for a body to fill memory with.
    if (size > 65_536) throw new NotFound('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { api, gallery, sessions, logger } = options;
  const now = options.now ?? Date.now;
  const ttl = options.accessTtlMs ?? 60_000;
  const sessionLifetimeMs = options.sessionLifetimeMs ?? 7 * DAY_MS;
  const redirectUri = `${options.publicUrl}/auth/callback`;
  const signInLimit = new RateLimit(options.limits?.signInPerMinute ?? 30, now);
  const searchLimit = new RateLimit(options.limits?.searchPerMinute ?? 120, now);
  const userGuilds = new Cache<Awaited<ReturnType<DiscordApi['userGuilds']>>>(ttl, now);
  const memberRoles = new Cache<string[] | undefined>(ttl, now);
  const guildChannels = new Cache<Awaited<ReturnType<DiscordApi['guildChannels']>>>(ttl, now);
  const botGuilds = new Cache<string[]>(ttl, now);
  const names = new Cache<string>(10 * ttl, now);
  const videoLinks = new Cache<string | undefined>(10 * 60_000, now);
  const videoFiles = options.videoFiles ?? NO_VIDEO_FILES;

  const cookie = (name: string, value: string, maxAgeS: number, path = '/') =>
    `${name}=${value}; Path=${path}; Max-Age=${maxAgeS}; HttpOnly; Secure; SameSite=Lax`;

  /** The client's address: behind the operator's proxy on this host, the hop it appended. */
  const addressOf = (req: IncomingMessage): string => {
    const socket = req.socket.remoteAddress ?? '';
    const forwarded = req.headers['x-forwarded-for'];
    const loopback = socket === '127.0.0.1' || socket === '::1' || socket === '::ffff:127.0.0.1';
    if (loopback && typeof forwarded === 'string') return forwarded.split(',').at(-1)?.trim() || socket;
    return socket;
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, mediaOrigin?: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // No inline script or style anywhere: a prompt that slips markup through could not run it.
      'content-security-policy': `default-src 'self'; img-src 'self'; media-src 'self'${mediaOrigin ? ` ${mediaOrigin}` : ''}; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      ...headers,
    });
    res.end(body);
  };
  const redirect = (res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
    res.end();
  };

  const signedIn = async (req: IncomingMessage): Promise<Signed | undefined> => {
    const id = parseCookies(req).get(SESSION_COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const session = await sessions.get(hashSessionId(id));
    if (!session) return undefined;
    const token = openToken(id, session.sealedToken);
    if (!token) return undefined;
    return { id, session, token, language: languageOf(session.locale), csrf: csrfToken(id) };
  };

  const frameOf = (who: Signed | undefined, language: Language, notice?: string): PageFrame => ({
    language,
    ...(who ? { user: { name: who.session.userName, csrf: who.csrf } } : {}),
    ...(notice ? { notice } : {}),
  });

  /** The member's view of a server, or NotFound; `fresh` reads Discord again (after a refusal). */
  const serverView = async (who: Signed, guildId: string, fresh = false): Promise<ServerView> => {
    const key = `${who.session.idHash}:${guildId}`;
    if (fresh) {
      userGuilds.drop(who.session.idHash);
      memberRoles.drop(key);
      guildChannels.drop(guildId);
    }
    const guild = (await userGuilds.get(who.session.idHash, () => api.userGuilds(who.token))).find((g) => g.id === guildId);
    if (!guild || !(await botGuilds.get('bot', () => api.botGuilds())).includes(guildId)) throw new NotFound();
    const roles = await memberRoles.get(key, () => api.memberRoles(who.token, guildId));
    if (!roles) throw new NotFound();
    const standing: MemberStanding = {
      guildId,
      userId: who.session.userId,
      owner: guild.owner,
      permissions: BigInt(guild.permissions),
      roles,
    };
    const channels = await guildChannels.get(guildId, () => api.guildChannels(guildId));
    const overwrites = new Map(
      channels.map((c) => [
        c.id,
        (c.permission_overwrites ?? []).map((o) => ({ id: o.id, type: o.type, allow: BigInt(o.allow), deny: BigInt(o.deny) })),
      ]),
    );
    const visible = visibleChannels(
      standing,
      [...overwrites].map(([id, list]) => ({ id, overwrites: list })),
    );
    return { guild: { id: guild.id, name: guild.name }, standing, overwrites, visible };
  };

  /** A video the member may see, refreshing what Discord said once before refusing. */
  const visibleVideo = async (who: Signed, guildId: string, jobId: string): Promise<{ view: ServerView; entry: GalleryEntry }> => {
    const entry = await gallery.video(guildId, jobId);
    if (!entry) throw new NotFound();
    let view = await serverView(who, guildId).catch(async (error: unknown) => {
      if (error instanceof NotFound) return serverView(who, guildId, true);
      throw error;
    });
    if (!view.visible.includes(entry.job.channelId)) view = await serverView(who, guildId, true);
    if (!view.visible.includes(entry.job.channelId)) throw new NotFound();
    return { view, entry };
  };

  const actorIn = (view: ServerView, job: Job) => ({
    userId: view.standing.userId,
    isModerator: has(channelPermissions(view.standing, view.overwrites.get(job.channelId) ?? []), PERMISSIONS.ManageMessages),
  });

  /** Remix posts a card in the video's channel: the member must be able to send messages there, as in Discord. */
  const canRemixIn = (view: ServerView, job: Job) =>
    has(channelPermissions(view.standing, view.overwrites.get(job.channelId) ?? []), PERMISSIONS.SendMessages);

  const videoLink = (job: Job): Promise<string | undefined> =>
    videoLinks.get(job.id, async () => {
      if (!job.finalChannelId || !job.finalMessageId) return undefined;
      try {
        const files = await api.attachments(job.finalChannelId, job.finalMessageId);
        const video = files.find((f) => f.content_type?.startsWith('video/') || f.filename.endsWith('.mp4'));
        if (!video) return undefined;
        return (await api.refreshUrls([video.url])).get(video.url) ?? video.url;
      } catch (error) {
        logger.warn({ err: error, jobId: job.id }, 'could not find a playable link for a video');
        return undefined;
      }
    });

  const filtersOf = (url: URL): GalleryFilters => ({
    q: (url.searchParams.get('q') ?? '').slice(0, 200),
    mine: url.searchParams.get('mine') === '1',
    member: /^\d{5,25}$/.test(url.searchParams.get('member') ?? '') ? (url.searchParams.get('member') as string) : '',
    model: options.models.some((m) => m.id === url.searchParams.get('model')) ? (url.searchParams.get('model') as string) : '',
    tier: options.models.some((m) => m.tier === url.searchParams.get('tier')) ? (url.searchParams.get('tier') as string) : '',
    showcase: url.searchParams.get('showcase') === '1',
    from: /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('from') ?? '') ? (url.searchParams.get('from') as string) : '',
    to: /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('to') ?? '') ? (url.searchParams.get('to') as string) : '',
  });

  const galleryRoute = async (req: IncomingMessage, res: ServerResponse, url: URL, who: Signed, guildId: string) => {
    const filters = filtersOf(url);
    if (filters.q && !searchLimit.take(addressOf(req))) {
      send(res, 429, messagePage(frameOf(who, who.language), 'web.rateLimited'), { 'retry-after': '60' });
      return;
    }
    const view = await serverView(who, guildId);
    const query: GalleryQuery = { guildId, channelIds: view.visible, limit: PAGE_SIZE + 1 };
    if (filters.q) query.words = filters.q;
    if (filters.mine) query.userId = who.session.userId;
    else if (filters.member) query.userId = filters.member;
    // A model and a tier together: the model, if it is of that tier (else nothing).
    const modelIds = options.models
      .filter((m) => (!filters.model || m.id === filters.model) && (!filters.tier || m.tier === filters.tier))
      .map((m) => m.id);
    if (filters.model || filters.tier) query.modelIds = modelIds;
    if (filters.showcase) query.showcased = true;
    if (filters.from) query.createdFrom = Date.parse(`${filters.from}T00:00:00Z`);
    if (filters.to) query.createdBefore = Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS;
    const after = /^(\d{1,15})\.([0-9A-Za-z]{1,32})$/.exec(url.searchParams.get('after') ?? '');
    if (after) query.after = { createdAt: Number(after[1]), id: after[2] as string };
    const entries = await gallery.search(query);
    const page = entries.slice(0, PAGE_SIZE);
    let older: string | undefined;
    const last = page.at(-1)?.job;
    if (entries.length > PAGE_SIZE && last) {
      const next = new URLSearchParams(url.searchParams);
      next.set('after', `${last.createdAt}.${last.id}`);
      older = `/g/${guildId}?${next}`;
    }
    const manager = has(basePermissions(view.standing), PERMISSIONS.ManageGuild);
    const notice = noticeOf(url, who.language);
    send(res, 200, galleryPage(frameOf(who, who.language, notice), { ...view.guild, manager }, filters, [...options.models], page, older));
  };

  const videoRoute = async (res: ServerResponse, url: URL, who: Signed, guildId: string, jobId: string, refusal?: string) => {
    const { view, entry } = await visibleVideo(who, guildId, jobId);
    const { job } = entry;
    const actor = actorIn(view, job);
    const [makerName, videoUrl] = await Promise.all([
      names.get(`${guildId}:${job.userId}`, async () => (await api.memberName(guildId, job.userId).catch(() => undefined)) ?? job.userId),
      // The bot's own copy when this process holds one; else the final message's renewed link.
      videoFiles.file(job).then((path) => (path ? `/g/${guildId}/v/${job.id}/video` : videoLink(job))),
    ]);
    const frame = refusal
      ? { ...frameOf(who, who.language, refusal), refused: true }
      : frameOf(who, who.language, noticeOf(url, who.language));
    const body = videoPage(frame, {
      guildId,
      entry,
      makerName,
      videoUrl,
      discordUrl: `https://discord.com/channels/${guildId}/${job.threadId ?? job.channelId}`,
      canShare: canActOn(job, actor, 'share').ok,
      canDelete: canActOn(job, actor, 'delete').ok,
      canRemix: canRemixIn(view, job),
      csrf: who.csrf,
    });
    send(res, 200, body, {}, videoUrl?.startsWith('https://') || videoUrl?.startsWith('http://') ? new URL(videoUrl).origin : undefined);
  };

  const posterRoute = async (res: ServerResponse, who: Signed, guildId: string, jobId: string) => {
    const { entry } = await visibleVideo(who, guildId, jobId);
    const poster =
      (await options.posters.poster(entry.job)) ?? placeholderPoster((entry.job.input as { aspect_ratio?: string }).aspect_ratio);
    res.writeHead(200, {
      'content-type': poster.contentType,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
      // An SVG opened on its own must not run anything either.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(poster.bytes);
  };

  /** The bot's own copy of a video, to a member who may see it, in the ranges a player asks for. */
  const fileRoute = async (req: IncomingMessage, res: ServerResponse, who: Signed, guildId: string, jobId: string) => {
    const { entry } = await visibleVideo(who, guildId, jobId);
    const path = await videoFiles.file(entry.job);
    // Opened before anything is sent: once open, the cache letting the file go cannot cut the answer short.
    const handle = path ? await open(path, 'r').catch(() => undefined) : undefined;
    // Gone since the page was drawn (another process, or the cache made room): the page, drawn
    // again, falls back to Discord's link.
    if (!handle) throw new NotFound();
    try {
      const { size } = await handle.stat();
      const range = rangeOf(typeof req.headers.range === 'string' ? req.headers.range : undefined, size);
      const headers = {
        'content-type': 'video/mp4',
        'accept-ranges': 'bytes',
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
      };
      if (range.kind === 'unsatisfiable') {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end();
        return;
      }
      const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
      res.writeHead(range.kind === 'part' ? 206 : 200, {
        ...headers,
        'content-length': String(Math.max(0, end - start + 1)),
        ...(range.kind === 'part' ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
      });
      if (req.method === 'HEAD' || size === 0) {
        res.end();
        return;
      }
      const stream = createReadStream('', { fd: handle, start, end, autoClose: false });
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        // A player that seeks drops its request midway: stop reading then, before the handle closes.
        res.once('close', () => {
          stream.destroy();
          resolve();
        });
        stream.pipe(res);
      });
    } finally {
      await handle.close();
    }
  };

  const actionRoute = async (
    req: IncomingMessage,
    res: ServerResponse,
    who: Signed,
    guildId: string,
    jobId: string,
    action: 'share' | 'delete',
  ) => {
    const form = await readForm(req);
    if (!sameSecret(form.get('csrf') ?? '', who.csrf)) {
      send(res, 403, messagePage(frameOf(who, who.language), 'web.badForm'));
      return;
    }
    const { view, entry } = await visibleVideo(who, guildId, jobId);
    const back = `/g/${guildId}/v/${jobId}`;
    if (!canActOn(entry.job, actorIn(view, entry.job), action).ok) {
      redirect(res, `${back}?done=notAllowed`);
      return;
    }
    if (action === 'share') {
      const result = await options.actions.share(entry.job, who.session.userId);
      logger.info({ jobId, by: who.session.userId, ok: result.ok }, 'share from the gallery');
      redirect(res, `${back}?done=${result.ok ? (result.already ? 'alreadyShared' : 'shared') : 'shareFailed'}`);
      return;
    }
    const marked = await options.markDeleted(entry.job);
    if (!marked) {
      redirect(res, `${back}?done=changed`);
      return;
    }
    await options.actions.takeDown(marked);
    logger.info({ jobId, by: who.session.userId }, 'delete from the gallery');
    redirect(res, `/g/${guildId}?done=deleted`);
  };

  const remixRoute = async (req: IncomingMessage, res: ServerResponse, url: URL, who: Signed, guildId: string, jobId: string) => {
    const form = await readForm(req);
    if (!sameSecret(form.get('csrf') ?? '', who.csrf)) {
      send(res, 403, messagePage(frameOf(who, who.language), 'web.badForm'));
      return;
    }
    const { view, entry } = await visibleVideo(who, guildId, jobId);
    const back = `/g/${guildId}/v/${jobId}`;
    if (!canRemixIn(view, entry.job)) {
      redirect(res, `${back}?done=notAllowed`);
      return;
    }
    const result = await options.actions.remix({
      parent: entry.job,
      userId: who.session.userId,
      roleIds: view.standing.roles,
      isModerator: actorIn(view, entry.job).isModerator,
      locale: who.session.locale,
      prompt: form.get('prompt') ?? '',
    });
    logger.info({ jobId, by: who.session.userId, ok: result.ok }, 'remix from the gallery');
    if (result.ok) {
      redirect(res, `${back}?done=${result.waiting ? 'remixWaiting' : 'remixed'}`);
      return;
    }
    // Refused (a limit, a budget, a blocked word, the prompt itself): the page again, saying why.
    await videoRoute(res, url, who, guildId, jobId, result.reason);
  };

  const login = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!signInLimit.take(addressOf(req))) {
      send(res, 429, messagePage(frameOf(undefined, 'en'), 'web.rateLimited'), { 'retry-after': '60' });
      return;
    }
    const state = newSessionId();
    const { verifier, challenge } = pkcePair();
    const returnTo = safeReturnPath(url.searchParams.get('return'));
    const pending = Buffer.from(JSON.stringify({ state, verifier, returnTo })).toString('base64url');
    redirect(
      res,
      api.authorizeUrl({
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: SCOPES,
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        prompt: 'none',
      }),
      { 'set-cookie': cookie(OAUTH_COOKIE, pending, 600, '/auth') },
    );
  };

  const callback = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const failed = () =>
      send(res, 400, messagePage(frameOf(undefined, 'en'), 'web.signInFailed'), { 'set-cookie': cookie(OAUTH_COOKIE, '', 0, '/auth') });
    if (!signInLimit.take(addressOf(req))) {
      send(res, 429, messagePage(frameOf(undefined, 'en'), 'web.rateLimited'), { 'retry-after': '60' });
      return;
    }
    let pending: { state?: string; verifier?: string; returnTo?: string } = {};
    try {
      pending = JSON.parse(Buffer.from(parseCookies(req).get(OAUTH_COOKIE) ?? '', 'base64url').toString('utf8'));
    } catch {
      pending = {};
    }
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state') ?? '';
    if (!code || !pending.state || !pending.verifier || !sameSecret(state, pending.state)) return failed();
    let accessToken: string;
    let expiresInS: number;
    let user: Awaited<ReturnType<DiscordApi['me']>>;
    try {
      ({ accessToken, expiresInS } = await api.exchangeCode(code, redirectUri, pending.verifier));
      user = await api.me(accessToken);
    } catch (error) {
      logger.warn(
        { err: error instanceof DiscordApiError ? { status: error.status, code: error.code, route: error.route } : error },
        'sign-in with Discord failed',
      );
      return failed();
    }
    const id = newSessionId();
    // The session ends no later than Discord's token: past it, Discord would refuse every read.
    const expiresAt = now() + Math.min(sessionLifetimeMs, expiresInS * 1000);
    await sessions.create({
      idHash: hashSessionId(id),
      userId: user.id,
      userName: user.global_name ?? user.username,
      locale: user.locale ?? 'en-US',
      sealedToken: sealToken(id, accessToken),
      expiresAt,
    });
    logger.info({ userId: user.id }, 'signed in to the gallery');
    redirect(res, safeReturnPath(pending.returnTo), {
      'set-cookie': [cookie(SESSION_COOKIE, id, Math.floor((expiresAt - now()) / 1000)), cookie(OAUTH_COOKIE, '', 0, '/auth')],
    });
  };

  const logout = async (req: IncomingMessage, res: ServerResponse, who: Signed | undefined) => {
    const form = await readForm(req);
    if (!who || !sameSecret(form.get('csrf') ?? '', who.csrf)) {
      send(res, 403, messagePage(frameOf(who, who?.language ?? 'en'), 'web.badForm'));
      return;
    }
    await sessions.revoke(who.session.idHash);
    redirect(res, '/', { 'set-cookie': cookie(SESSION_COOKIE, '', 0) });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://gallery.invalid');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/assets/gallery.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }).end(GALLERY_CSS);
      return;
    }
    if (path === '/login' && method === 'GET') return login(req, res, url);
    if (path === '/auth/callback' && method === 'GET') return callback(req, res, url);
    const who = await signedIn(req);
    if (path === '/logout' && method === 'POST') return logout(req, res, who);
    const parts = path.split('/').filter(Boolean);
    if (!who) {
      const language = languageOf(req.headers['accept-language']?.split(',')[0]?.split(';')[0]?.trim());
      if (method !== 'GET') return send(res, 403, messagePage(frameOf(undefined, language), 'web.badForm'));
      if (parts.length > 0 && parts[0] !== 'g') return send(res, 404, messagePage(frameOf(undefined, language), 'web.notFound'));
      return send(res, 200, signInPage(frameOf(undefined, language), safeReturnPath(path)));
    }
    if (parts.length === 0 && method === 'GET') {
      const [mine, bots] = await Promise.all([
        userGuilds.get(who.session.idHash, () => api.userGuilds(who.token)),
        botGuilds.get('bot', () => api.botGuilds()),
      ]);
      return send(
        res,
        200,
        serversPage(
          frameOf(who, who.language),
          mine.filter((g) => bots.includes(g.id)),
        ),
      );
    }
    const [g, guildId, kind, jobId, sub] = parts;
    if (g !== 'g' || !guildId || !/^\d{5,25}$/.test(guildId) || (jobId !== undefined && !ID.test(jobId))) throw new NotFound();
    if (parts.length === 2 && method === 'GET') return galleryRoute(req, res, url, who, guildId);
    if (kind === 'settings' && parts.length === 3 && method === 'GET') {
      const view = await serverView(who, guildId);
      // A manager (Manage Server) sees the settings; to anyone else the page does not exist.
      if (!has(basePermissions(view.standing), PERMISSIONS.ManageGuild)) throw new NotFound();
      return send(res, 200, settingsPage(frameOf(who, who.language), view.guild, { ...(await options.settings.get(guildId)) }));
    }
    if (kind !== 'v' || !jobId) throw new NotFound();
    if (parts.length === 4 && method === 'GET') return videoRoute(res, url, who, guildId, jobId);
    if (parts.length === 5 && sub === 'poster' && method === 'GET') return posterRoute(res, who, guildId, jobId);
    if (parts.length === 5 && sub === 'video' && (method === 'GET' || method === 'HEAD')) return fileRoute(req, res, who, guildId, jobId);
    if (parts.length === 5 && sub === 'remix' && method === 'POST') return remixRoute(req, res, url, who, guildId, jobId);
    if (parts.length === 5 && (sub === 'share' || sub === 'delete') && method === 'POST')
      return actionRoute(req, res, who, guildId, jobId, sub);
    throw new NotFound();
  };

  const notFoundPage = async (req: IncomingMessage): Promise<string> => {
    const who = await signedIn(req).catch(() => undefined);
    return messagePage(frameOf(who, who?.language ?? 'en'), 'web.notFound');
  };

  const server = createServer({ requestTimeout: 15_000, headersTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch(async (error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof NotFound) return send(res, 404, await notFoundPage(req));
      // The path's ids stay out of the log line's shape: a session id never travels in a URL here.
      logger.error(
        {
          err: error instanceof DiscordApiError ? { status: error.status, code: error.code, route: error.route } : error,
          method: req.method,
        },
        'gallery request failed',
      );
      send(res, 500, `<!doctype html><p>${escapeHtml('Something went wrong.')}</p>`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) =>
      reject(new Error(`cannot listen on ${options.host}:${options.port} for the web gallery: ${error.message}`));
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, publicUrl: options.publicUrl }, 'web gallery listening');
  let closing: Promise<void> | undefined;
  return {
    url: options.publicUrl,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

const NOTICES: Record<string, MessageKey> = {
  shared: 'web.shared',
  alreadyShared: 'web.alreadyShared',
  shareFailed: 'web.shareFailed',
  deleted: 'web.deleted',
  notAllowed: 'web.notAllowed',
  changed: 'web.changed',
  remixed: 'web.remixed',
  remixWaiting: 'web.remixWaiting',
};

/** The sentence after an action, from a fixed list: a link cannot put words of its own on the page. */
function noticeOf(url: URL, language: Language): string | undefined {
  const key = NOTICES[url.searchParams.get('done') ?? ''];
  return key ? translate(language, key) : undefined;
}
