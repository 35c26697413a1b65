/**
 * The Discord calls the gallery makes, over undici to the configured API base: the OAuth2 token
 * exchange, the member's own routes with their Bearer token, and the bot's reads (channels and
 * their overwrites, a message's attachments, renewed links) with the bot token. No discord.js:
 * the gallery needs a handful of GETs, not a client.
 */
import { request } from 'undici';

export class DiscordApiError extends Error {
  override readonly name = 'DiscordApiError';
  constructor(
    readonly status: number,
    readonly method: string,
    /** The route, without query or token. */
    readonly route: string,
    /** Discord's JSON error code, or OAuth2's `error`. */
    readonly code: number | string | undefined,
  ) {
    super(`Discord answered ${status} to ${method} ${route}${code === undefined ? '' : ` (${code})`}`);
  }
}

export interface DiscordApiOptions {
  /** `https://discord.com/api` (tests: the loopback Discord's). */
  apiBaseUrl: string;
  botToken: string;
  applicationId: string;
  clientSecret: string;
  /** @defaultValue 10000 */
  timeoutMs?: number;
}

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  locale?: string;
}

export interface UserGuild {
  id: string;
  name: string;
  owner: boolean;
  permissions: string;
}

export interface ApiChannel {
  id: string;
  type: number;
  name?: string;
  parent_id?: string | null;
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}

export interface ApiAttachment {
  url: string;
  content_type?: string;
  filename: string;
}

export class DiscordApi {
  private readonly base: string;

  constructor(private readonly options: DiscordApiOptions) {
    this.base = `${options.apiBaseUrl.replace(/\/+$/, '')}/v10`;
  }

  /** Where a member's browser goes to consent: Discord's page, beside its API. */
  authorizeUrl(params: Record<string, string>): string {
    const origin = new URL(this.options.apiBaseUrl).origin;
    return `${origin}/oauth2/authorize?${new URLSearchParams({ client_id: this.options.applicationId, ...params })}`;
  }

  private async call<T>(
    method: 'GET' | 'POST',
    route: string,
    auth: string,
    body?: { json?: unknown; form?: Record<string, string> },
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: auth, 'user-agent': 'kling-video-bot gallery' };
    let payload: string | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    }
    const timeout = this.options.timeoutMs ?? 10_000;
    const answer = await request(`${this.base}${route}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await answer.body.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (answer.statusCode >= 400) {
      const error = parsed as { code?: number; error?: string } | undefined;
      // The route as a template: a path may carry ids, never a token, but keep logs to the shape.
      throw new DiscordApiError(answer.statusCode, method, route.replace(/\d{5,}/g, ':id'), error?.code ?? error?.error);
    }
    return parsed as T;
  }

  private bot<T>(method: 'GET' | 'POST', route: string, json?: unknown): Promise<T> {
    return this.call<T>(method, route, `Bot ${this.options.botToken}`, json === undefined ? undefined : { json });
  }

  /** The authorization code for the member's access token (RFC 6749 §4.1.3 with PKCE's verifier). */
  async exchangeCode(
    code: string,
    redirectUri: string,
    verifier: string,
  ): Promise<{ accessToken: string; expiresInS: number; scope: string }> {
    const basic = Buffer.from(`${this.options.applicationId}:${this.options.clientSecret}`).toString('base64');
    const answer = await this.call<{ access_token: string; expires_in: number; scope: string }>('POST', '/oauth2/token', `Basic ${basic}`, {
      form: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
    });
    return { accessToken: answer.access_token, expiresInS: answer.expires_in, scope: answer.scope };
  }

  me(accessToken: string): Promise<DiscordUser> {
    return this.call('GET', '/users/@me', `Bearer ${accessToken}`);
  }

  userGuilds(accessToken: string): Promise<UserGuild[]> {
    return this.call('GET', '/users/@me/guilds', `Bearer ${accessToken}`);
  }

  /** The member's roles in a server; undefined when they are not in it. */
  async memberRoles(accessToken: string, guildId: string): Promise<string[] | undefined> {
    try {
      const member = await this.call<{ roles: string[] }>('GET', `/users/@me/guilds/${guildId}/member`, `Bearer ${accessToken}`);
      return member.roles;
    } catch (error) {
      if (error instanceof DiscordApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The servers the bot is in. */
  async botGuilds(): Promise<string[]> {
    return (await this.bot<{ id: string }[]>('GET', '/users/@me/guilds')).map((guild) => guild.id);
  }

  guildChannels(guildId: string): Promise<ApiChannel[]> {
    return this.bot('GET', `/guilds/${guildId}/channels`);
  }

  channel(channelId: string): Promise<ApiChannel> {
    return this.bot('GET', `/channels/${channelId}`);
  }

  async memberName(guildId: string, userId: string): Promise<string | undefined> {
    const member = await this.bot<{ nick?: string | null; user?: { username: string; global_name?: string | null } }>(
      'GET',
      `/guilds/${guildId}/members/${userId}`,
    );
    return member.nick ?? member.user?.global_name ?? member.user?.username;
  }

  /** The attachments of one of the bot's own messages (Discord does not blank those). */
  async attachments(channelId: string, messageId: string): Promise<ApiAttachment[]> {
    return (await this.bot<{ attachments?: ApiAttachment[] }>('GET', `/channels/${channelId}/messages/${messageId}`)).attachments ?? [];
  }

  /** Fresh signed links for attachment links (`POST /attachments/refresh-urls`). */
  async refreshUrls(urls: string[]): Promise<Map<string, string>> {
    const answer = await this.bot<{ refreshed_urls?: { original: string; refreshed: string }[] }>('POST', '/attachments/refresh-urls', {
      attachment_urls: urls,
    });
    return new Map((answer.refreshed_urls ?? []).map((entry) => [entry.original, entry.refreshed]));
  }
}
