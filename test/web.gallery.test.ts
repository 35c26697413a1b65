/**
 * The web gallery in a real browser (Chromium from @sparticuz/chromium, driven by playwright-core)
 * against the real bot and the loopback Discord: sign in through Discord's consent page, search,
 * play, share, delete, sign out; what a member of another server or without access to a private
 * channel cannot see; a prompt holding markup; a forged POST.
 */
import { createServer } from 'node:net';
import chromium from '@sparticuz/chromium';
import { PermissionFlagsBits } from 'discord.js';
import { type Browser, chromium as pw } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../src/jobs/job.js';
import { step } from '../testkit/jobSteps.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let world: World;
let browser: Browser;
let base: string;
let harbour: Job;
let scripted: Job;
let secret: Job;
let elsewhere: Job;
let staffChannel: string;

async function made(userId: string, prompt: string, channelId?: string): Promise<Job> {
  world.video(userId, { prompt, duration: 5 }, channelId);
  const job = await world.waitForJob((j) => j.input.prompt === prompt);
  return world.waitDelivered(job.id);
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  world = await startWorld({
    logLevel: 'info',
    env: { WEB_PORT: String(port), WEB_PUBLIC_URL: base, DISCORD_CLIENT_SECRET: 'fake-client-secret' },
    beforeStart: ({ discord }) => {
      discord.oauth2.redirectUris.add(`${base}/auth/callback`);
    },
  });
  const { discord, seed } = world;
  staffChannel = discord.addTextChannel(seed.guildId, { name: 'staff' }).id;
  discord.setPermissionOverwrites(staffChannel, [
    { id: seed.guildId, type: 0, deny: PermissionFlagsBits.ViewChannel },
    { id: seed.adminRoleId, type: 0, allow: PermissionFlagsBits.ViewChannel },
  ]);
  discord.oauth2.setLocale(seed.otherMemberId, 'de');
  await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
  harbour = await made(seed.requesterId, 'a fishing harbour at dawn, gulls overhead');
  scripted = await made(seed.otherMemberId, '<script>document.title="pwned"</script> a harbour at night');
  secret = await made(seed.adminId, 'the secret lighthouse plans', staffChannel);
  // A video of a server the members above are not in.
  const other = discord.addGuild({ name: 'Other Server' });
  const channel = discord.addTextChannel(other.id, { name: 'general' });
  const created = await world.app.store.create({
    guildId: other.id,
    channelId: channel.id,
    userId: seed.requesterId,
    input: harbour.input,
    estimateUsd: 1,
  });
  await world.app.store.transition(created.id, step('created', 'submitting'));
  await world.app.store.transition(created.id, step('submitting', 'queued', { requestId: 'r-other' }));
  await world.app.store.transition(created.id, step('queued', 'running'));
  elsewhere = (await world.app.store.transition(created.id, step('running', 'succeeded'))) as Job;
  const executablePath = await chromium.executablePath();
  // Without --single-process: in one process, closing a member's context closes the whole browser.
  browser = await pw.launch({ executablePath, args: chromium.args.filter((arg) => arg !== '--single-process'), headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

/** A browser of its own for `userId`, signed in to the fake Discord and then to the gallery. */
async function signedIn(userId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${world.discord.origin}/oauth2/test-login?user=${userId}`);
  await page.goto(`${base}/g/${world.seed.guildId}`);
  await page.click('#sign-in');
  await page.waitForSelector('#authorize');
  await page.click('#authorize');
  await page.waitForURL(`${base}/g/${world.seed.guildId}`);
  return { context, page };
}

const cardLinks = (page: import('playwright-core').Page) => page.$$eval('.card a', (links) => links.map((a) => a.getAttribute('href')));

describe('the web gallery in a browser', () => {
  it('signs a member in with Discord and shows only what they may see, newest first; search narrows it', async () => {
    const { context, page } = await signedIn(world.seed.requesterId);
    const guild = world.seed.guildId;
    expect(await cardLinks(page)).toEqual([`/g/${guild}/v/${scripted.id}`, `/g/${guild}/v/${harbour.id}`]);
    await page.screenshot({ path: 'docs/gallery.png' });
    await page.fill('input[name=q]', 'gulls');
    await page.click('.filters button[type=submit]');
    await page.waitForURL(/q=gulls/);
    expect(await cardLinks(page)).toEqual([`/g/${guild}/v/${harbour.id}`]);
    // Another server's video and a private channel's answer like ids that never existed.
    for (const path of [
      `/g/${elsewhere.guildId}/v/${elsewhere.id}`,
      `/g/${guild}/v/${secret.id}`,
      `/g/${guild}/v/${elsewhere.id}`,
      `/g/${guild}/settings`,
    ]) {
      const answer = await page.goto(`${base}${path}`);
      expect([path, answer?.status()]).toEqual([path, 404]);
    }
    await context.close();
  });

  it('plays a video, shows a prompt holding markup as text, and shares it', async () => {
    const { context, page } = await signedIn(world.seed.otherMemberId);
    await page.goto(`${base}/g/${world.seed.guildId}/v/${scripted.id}`);
    expect(await page.textContent('#prompt')).toBe('<script>document.title="pwned"</script> a harbour at night');
    expect(await page.$$('script')).toHaveLength(0);
    expect(await page.title()).not.toBe('pwned');
    const src = (await page.getAttribute('video', 'src')) as string;
    expect(src.startsWith(world.discord.origin)).toBe(true);
    expect((await page.request.get(src)).status()).toBe(200);
    // The member's Discord language: German.
    await page.click('#share');
    await page.waitForSelector('.notice');
    expect(await page.textContent('.notice')).toBe('Im Schaufenster geteilt.');
    await world.passTimeUntil(() => world.discord.messages(world.seed.showcaseChannelId).find((m) => !m.deleted));
    await context.close();
  });

  it("deletes a member's own video, refuses a forged POST, and signs out", async () => {
    const { context, page } = await signedIn(world.seed.requesterId);
    const videoPath = `/g/${world.seed.guildId}/v/${harbour.id}`;
    await page.goto(`${base}${videoPath}`);
    // A POST without the session's CSRF token, as another site would forge it, changes nothing.
    const forged = await page.evaluate(async (path) => {
      const answer = await fetch(`${path}/delete`, { method: 'POST', body: new URLSearchParams({ csrf: 'guessed' }) });
      return answer.status;
    }, videoPath);
    expect(forged).toBe(403);
    expect((await world.app.store.get(harbour.id))?.deletedAt).toBeNull();
    await page.click('#delete');
    await page.waitForURL(/done=deleted/);
    expect(await cardLinks(page)).not.toContain(videoPath);
    expect((await world.app.store.get(harbour.id))?.deletedAt).not.toBeNull();
    expect((await page.goto(`${base}${videoPath}`))?.status()).toBe(404);
    await page.goto(`${base}/g/${world.seed.guildId}`);
    await page.click('.signout button');
    await page.waitForURL(`${base}/`);
    expect(await page.$('#sign-in')).not.toBeNull();
    await context.close();
  });

  it('lets a member with the role see the private channel, and a manager the settings', async () => {
    const { context, page } = await signedIn(world.seed.adminId);
    expect(await cardLinks(page)).toContain(`/g/${world.seed.guildId}/v/${secret.id}`);
    expect((await page.goto(`${base}/g/${world.seed.guildId}/settings`))?.status()).toBe(200);
    await context.close();
  });
});
