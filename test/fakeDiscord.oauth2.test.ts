/** The loopback Discord's OAuth2 flow, as a web app meets it: consent page, token, the user's own routes. */
import { createHash } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DefaultSeed, type FakeDiscord, startFakeDiscord } from '../testkit/discord/index.js';

const APP = '100000000000000001';
const SECRET = 'the-client-secret';
const REDIRECT = 'https://gallery.example/auth/callback';
const VERIFIER = 'v'.repeat(64);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

let discord: FakeDiscord;
let seed: DefaultSeed;

beforeAll(async () => {
  discord = await startFakeDiscord({ botToken: 'bot-token', applicationId: APP, clientSecret: SECRET });
  seed = discord.seedDefault();
  discord.oauth2.redirectUris.add(REDIRECT);
});
afterAll(() => discord.close());

function authorizeUrl(overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: APP,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'identify guilds guilds.members.read',
    state: 'st4te',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  });
  return `${discord.origin}/oauth2/authorize?${params}`;
}

/** Signs `userId` in to the fake Discord and presses Authorize; returns where Discord redirected. */
async function consent(userId: string, decision = 'authorize', overrides: Record<string, string> = {}): Promise<URL> {
  const login = await fetch(`${discord.origin}/oauth2/test-login?user=${userId}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const pageAnswer = await fetch(authorizeUrl(overrides), { headers: { cookie } });
  expect(pageAnswer.status).toBe(200);
  const html = await pageAnswer.text();
  expect(html).toContain('Authorize');
  const form = new URLSearchParams([...new URL(authorizeUrl(overrides)).searchParams, ['decision', decision]]);
  const answer = await fetch(`${discord.origin}/oauth2/authorize`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') as string);
}

async function token(form: Record<string, string>, basic = true): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${APP}:${SECRET}`).toString('base64')}`;
  return fetch(`${discord.apiBase}/v10/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
}

const asUser = (accessToken: string, path: string) =>
  fetch(`${discord.apiBase}/v10${path}`, { headers: { authorization: `Bearer ${accessToken}` } });

describe('the fake Discord OAuth2 flow', () => {
  it('refuses a consent page for an unregistered redirect, an unknown scope or a plain code challenge', async () => {
    expect((await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }))).status).toBe(400);
    expect((await fetch(authorizeUrl({ scope: 'identify bot.everything' }))).status).toBe(400);
    expect((await fetch(authorizeUrl({ code_challenge_method: 'plain' }))).status).toBe(400);
    expect((await fetch(authorizeUrl())).status).toBe(401); // nobody signed in to Discord
  });

  it('sends Cancel back as access_denied with the state', async () => {
    const back = await consent(seed.requesterId, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st4te');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('trades a code once, only with the secret, the same redirect and the PKCE verifier', async () => {
    const code = (await consent(seed.requesterId)).searchParams.get('code') as string;
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER };
    expect((await token({ ...form, client_id: APP, client_secret: 'wrong' }, false)).status).toBe(401);
    expect(await (await token({ ...form, code_verifier: 'x'.repeat(64) })).json()).toMatchObject({ error: 'invalid_grant' });
    // The failed try used the code up.
    expect((await token(form)).status).toBe(400);

    const fresh = (await consent(seed.requesterId)).searchParams.get('code') as string;
    expect((await token({ ...form, code: fresh, redirect_uri: `${REDIRECT}/other` })).status).toBe(400);
    const again = (await consent(seed.requesterId)).searchParams.get('code') as string;
    const granted = await token({ ...form, code: again, client_id: APP, client_secret: SECRET }, false);
    expect(granted.status).toBe(200);
    expect(await granted.json()).toMatchObject({ token_type: 'Bearer', expires_in: 604800, scope: 'identify guilds guilds.members.read' });
    expect((await token({ ...form, code: again })).status).toBe(400);
  });

  it("answers the user's own routes for the token's scopes, and 401 after it is revoked", async () => {
    discord.oauth2.setLocale(seed.moderatorId, 'ja');
    const code = (await consent(seed.moderatorId)).searchParams.get('code') as string;
    const granted = (await (
      await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER })
    ).json()) as {
      access_token: string;
    };
    const me = await (await asUser(granted.access_token, '/users/@me')).json();
    expect(me).toMatchObject({ id: seed.moderatorId, username: 'moderator', locale: 'ja' });
    const guilds = (await (await asUser(granted.access_token, '/users/@me/guilds')).json()) as { id: string; permissions: string }[];
    expect(guilds.map((guild) => guild.id)).toEqual([seed.guildId]);
    expect(BigInt(guilds[0]?.permissions ?? '0') & PermissionFlagsBits.ManageMessages).toBe(PermissionFlagsBits.ManageMessages);
    const member = await (await asUser(granted.access_token, `/users/@me/guilds/${seed.guildId}/member`)).json();
    expect(member).toMatchObject({ roles: [seed.moderatorRoleId] });
    const other = discord.addGuild({ name: 'Elsewhere' });
    const notIn = await asUser(granted.access_token, `/users/@me/guilds/${other.id}/member`);
    expect([notIn.status, ((await notIn.json()) as { code: number }).code]).toEqual([404, 10004]);
    // The bot's token does not open a user's routes, nor a user's token the bot's.
    expect((await asUser('bot-token', '/users/@me')).status).toBe(401);
    discord.oauth2.revokeTokens(seed.moderatorId);
    expect((await asUser(granted.access_token, '/users/@me')).status).toBe(401);
  });

  it("hands a channel's permission overwrites to the bot", async () => {
    const secret = discord.addTextChannel(seed.guildId, { name: 'secret' });
    discord.setPermissionOverwrites(secret.id, [{ id: seed.guildId, type: 0, deny: PermissionFlagsBits.ViewChannel }]);
    const answer = await fetch(`${discord.apiBase}/v10/channels/${secret.id}`, { headers: { authorization: 'Bot bot-token' } });
    expect(await answer.json()).toMatchObject({
      permission_overwrites: [{ id: seed.guildId, type: 0, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() }],
    });
  });
});
