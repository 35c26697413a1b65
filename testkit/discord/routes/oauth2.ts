/**
 * Discord's OAuth2 authorization-code flow, as a web app signing members in meets it
 * (https://discord.com/developers/docs/topics/oauth2):
 * - `GET /oauth2/authorize` is Discord's consent page: the member, signed in to Discord, sees the
 *   app and the scopes and presses Authorize; Discord then redirects to the registered
 *   `redirect_uri` with `code` and the app's `state` (or `error=access_denied` on Cancel).
 * - `POST /api/v10/oauth2/token` (form-encoded) trades the code for a Bearer token; the client
 *   authenticates with HTTP Basic or with `client_id`/`client_secret` in the body, and PKCE's
 *   `code_verifier` must match the `code_challenge` sent to the consent page (S256 only:
 *   https://discord.com/.well-known/oauth-authorization-server lists `code_challenge_methods_supported: ["S256"]`).
 *   Errors are RFC 6749's `{error, error_description}`, 400 or 401.
 * - With the token: `GET /users/@me` (scope `identify`, with the user's `locale`),
 *   `GET /users/@me/guilds` (scope `guilds`: partial guilds with `owner` and the member's
 *   `permissions`), `GET /users/@me/guilds/{guild.id}/member` (scope `guilds.members.read`;
 *   10004 Unknown Guild when the user is not in it).
 * Tokens last `expires_in` seconds (Discord's are about a week); an expired or unknown one
 * answers 401 like any unauthorized call.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordHttpError, discordErrors } from '../errors.js';
import { apiMember, apiUser } from '../payloads.js';
import { ok, type RestRequest, type RestResponse, type Route } from '../rest.js';
import type { DiscordState } from '../state.js';

/** The scopes the fake grants; others are refused on the consent page (`invalid_scope`). */
const KNOWN_SCOPES = new Set(['identify', 'guilds', 'guilds.members.read', 'email']);
/** Discord's authorization codes are short-lived; ten minutes as RFC 6749 §4.1.2 recommends at most. */
const CODE_LIFETIME_MS = 10 * 60_000;
/** Discord's access tokens last 604800 s (a week). */
const TOKEN_LIFETIME_S = 604_800;
/** The cookie by which the fake knows who is signed in to "Discord" in a browser. */
const BROWSER_USER_COOKIE = 'fake_discord_user';

interface Grant {
  userId: string;
  scopes: string[];
  redirectUri: string;
  challenge: string | null;
  expiresAt: number;
}

interface Token {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

export interface OAuth2Options {
  applicationId: string;
  /** The application's client secret, as the developer portal shows it. */
  clientSecret: string;
  now: () => number;
}

/** What the fake remembers of the OAuth2 flow: redirect URIs, codes, tokens, users' locales. */
export class FakeOAuth2 {
  readonly redirectUris = new Set<string>();
  readonly #codes = new Map<string, Grant>();
  readonly #tokens = new Map<string, Token>();
  readonly #locales = new Map<string, string>();
  /** Token requests the fake refused, with the reason (for tests of the bot's side). */
  readonly refusals: string[] = [];

  constructor(
    private readonly state: DiscordState,
    readonly options: OAuth2Options,
  ) {}

  /** The user's Discord language (`locale` on `/users/@me`). @defaultValue en-US */
  setLocale(userId: string, locale: string): void {
    this.#locales.set(userId, locale);
  }

  /** Ends every token of a user (as when they deauthorize the app). */
  revokeTokens(userId: string): void {
    for (const [token, entry] of this.#tokens) if (entry.userId === userId) this.#tokens.delete(token);
  }

  /** Ages every token past its lifetime. */
  expireTokens(): void {
    for (const entry of this.#tokens.values()) entry.expiresAt = 0;
  }

  /** The consent page and its form, and the test-only sign-in to the fake itself. */
  handlePage(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
    if (url.pathname === '/oauth2/test-login') {
      // Stands in for signing in to discord.com in that browser: Discord knows its user by its own cookie.
      const user = url.searchParams.get('user') ?? '';
      if (!this.state.users.has(user)) return page(res, 404, 'No such user.');
      res.writeHead(200, { 'Set-Cookie': `${BROWSER_USER_COOKIE}=${user}; Path=/; HttpOnly; SameSite=Lax`, 'Content-Type': 'text/plain' });
      res.end(`Signed in to the fake Discord as ${user}.`);
      return true;
    }
    if (url.pathname !== '/oauth2/authorize') return false;
    const params = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
    const problem = this.#checkRequest(params);
    if (problem) return page(res, 400, problem);
    const redirectUri = params.get('redirect_uri') as string;
    const userId = cookieOf(req, BROWSER_USER_COOKIE);
    if (!userId || !this.state.users.has(userId)) return page(res, 401, 'Log in to Discord first.');
    if (req.method === 'POST') {
      const target = new URL(redirectUri);
      const state = params.get('state');
      if (params.get('decision') !== 'authorize') {
        target.searchParams.set('error', 'access_denied');
      } else {
        const code = randomBytes(15).toString('hex');
        this.#codes.set(code, {
          userId,
          scopes: (params.get('scope') ?? '').split(' '),
          redirectUri,
          challenge: params.get('code_challenge'),
          expiresAt: this.options.now() + CODE_LIFETIME_MS,
        });
        target.searchParams.set('code', code);
      }
      if (state !== null) target.searchParams.set('state', state);
      res.writeHead(302, { Location: target.toString() }).end();
      return true;
    }
    const user = this.state.requireUser(userId);
    const hidden = [...params.entries()]
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('');
    page(
      res,
      200,
      `<h1>An external application wants to access your account</h1>
       <p>Signed in as <b id="user">${escapeHtml(user.username)}</b>. It asks for: <span id="scopes">${escapeHtml(params.get('scope') ?? '')}</span></p>
       <form method="post" action="/oauth2/authorize">${hidden}
         <button name="decision" value="cancel">Cancel</button>
         <button name="decision" value="authorize" id="authorize">Authorize</button>
       </form>`,
    );
    return true;
  }

  #checkRequest(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== this.options.applicationId) return 'Unknown client_id.';
    if (params.get('response_type') !== 'code') return 'Unsupported response_type.';
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri || !this.redirectUris.has(redirectUri)) return 'Invalid OAuth2 redirect_uri.';
    const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return 'Invalid scope.';
    const challenge = params.get('code_challenge');
    if (challenge !== null && params.get('code_challenge_method') !== 'S256') return 'code_challenge_method must be S256.';
    return undefined;
  }

  routes(): { token: Route; bot: Route[]; bearer: Route[] } {
    const token: Route = { method: 'POST', pattern: '/oauth2/token', auth: false, handle: (request) => this.#token(request) };
    // The same route for the bot's own token lists the servers the bot is in (partial guilds).
    const bot: Route[] = [
      {
        method: 'GET',
        pattern: '/users/@me/guilds',
        auth: true,
        handle: () =>
          ok(
            [...this.state.guilds.values()].map((guild) => ({
              id: guild.id,
              name: guild.name,
              icon: null,
              owner: false,
              permissions: this.state.botPermissions(guild.id).toString(),
              features: [],
            })),
          ),
      },
    ];
    const bearer: Route[] = [
      {
        method: 'GET',
        pattern: '/users/@me',
        auth: false,
        handle: (request) => {
          const entry = this.#bearer(request, 'identify');
          const user = this.state.requireUser(entry.userId);
          return ok({ ...apiUser(user), locale: this.#locales.get(user.id) ?? 'en-US', mfa_enabled: false });
        },
      },
      {
        method: 'GET',
        pattern: '/users/@me/guilds',
        auth: false,
        handle: (request) => {
          const entry = this.#bearer(request, 'guilds');
          const guilds = [...this.state.guilds.values()].filter((guild) => this.state.member(guild.id, entry.userId));
          return ok(
            guilds.map((guild) => ({
              id: guild.id,
              name: guild.name,
              icon: null,
              banner: null,
              owner: guild.ownerId === entry.userId,
              permissions: this.state.permissionsOf(guild.id, entry.userId).toString(),
              features: [],
            })),
          );
        },
      },
      {
        method: 'GET',
        pattern: '/users/@me/guilds/:guildId/member',
        auth: false,
        handle: (request) => {
          const entry = this.#bearer(request, 'guilds.members.read');
          const member = this.state.member(request.params.guildId ?? '', entry.userId);
          if (!member) throw discordErrors.unknownGuild();
          return ok(apiMember(this.state, member));
        },
      },
    ];
    return { token, bot, bearer };
  }

  #bearer(request: RestRequest, scope: string): Token {
    const header = request.authorization ?? '';
    const entry = header.startsWith('Bearer ') ? this.#tokens.get(header.slice(7)) : undefined;
    if (!entry || entry.expiresAt <= this.options.now()) throw discordErrors.unauthorized();
    // Discord answers a call outside the token's scopes with 401 and this message.
    if (!entry.scopes.includes(scope)) throw new DiscordHttpError(401, { code: 0, message: '401: Unauthorized' });
    return entry;
  }

  #token(request: RestRequest): RestResponse {
    const form = (request.json ?? {}) as Record<string, string | undefined>;
    const refuse = (status: number, error: string, description: string): RestResponse => {
      this.refusals.push(`${error}: ${description}`);
      return { status, body: { error, error_description: description } };
    };
    let clientId = form.client_id;
    let secret = form.client_secret;
    const basic = request.authorization?.startsWith('Basic ')
      ? Buffer.from(request.authorization.slice(6), 'base64').toString()
      : undefined;
    if (basic) [clientId, secret] = [basic.slice(0, basic.indexOf(':')), basic.slice(basic.indexOf(':') + 1)];
    if (clientId !== this.options.applicationId || secret !== this.options.clientSecret) {
      return refuse(401, 'invalid_client', 'Invalid client credentials.');
    }
    if (form.grant_type !== 'authorization_code') return refuse(400, 'unsupported_grant_type', 'Unsupported grant type.');
    const grant = this.#codes.get(form.code ?? '');
    // A code is good once, whatever happens next (RFC 6749 §4.1.2).
    if (form.code) this.#codes.delete(form.code);
    if (!grant || grant.expiresAt <= this.options.now()) return refuse(400, 'invalid_grant', 'Invalid "code" in request.');
    if (form.redirect_uri !== grant.redirectUri) return refuse(400, 'invalid_grant', 'Invalid "redirect_uri" in request.');
    if (grant.challenge !== null) {
      const verifier = form.code_verifier ?? '';
      const expected = createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || expected !== grant.challenge) return refuse(400, 'invalid_grant', 'Invalid "code_verifier" in request.');
    }
    const accessToken = randomBytes(20).toString('base64url');
    this.#tokens.set(accessToken, { userId: grant.userId, scopes: grant.scopes, expiresAt: this.options.now() + TOKEN_LIFETIME_S * 1000 });
    return ok({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      refresh_token: randomBytes(20).toString('base64url'),
      scope: grant.scopes.join(' '),
    });
  }
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Answers with a page; true, for `handlePage`'s "answered". */
function page(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>Discord</title></head><body>${body}</body></html>`);
  return true;
}
