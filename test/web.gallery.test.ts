/**
 * The web gallery in a real browser (Chromium from @sparticuz/chromium, driven by playwright-core)
 * against the real bot and the loopback Discord: sign in through Discord's consent page, search,
 * play (the bot's own copy, then Discord's link), share, delete, sign out; what a member of
 * another server or without access to a private channel cannot see; a prompt holding markup; a
 * forged POST.
 *
 * One video is made through the whole bot: the one played from the cache and from its final
 * message, and shared. The others are written through the job store, as the bot would have left
 * them: the gallery reads the store, and what it does with them needs no final message. One
 * browser serves every member, each signed in once in a context of their own.
 * `UPDATE_SCREENSHOTS=1` rewrites docs/gallery.png.
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { PermissionFlagsBits } from 'discord.js';
import { type Browser, type BrowserContext, type Page, chromium as pw } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../src/jobs/job.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { step } from '../testkit/jobSteps.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  // Without --single-process: in one process, closing a member's context closes the whole browser.
  // Without the GPU that the package emulates in software (SwiftShader): these pages draw nothing
  // a GPU would help with, and emulating one cost a third of each page view's time on 2 cores.
  const args = chromium.args.filter(
    (arg) => !/^--(single-process|in-process-gpu|ignore-gpu-blocklist|use-gl|use-angle|enable-unsafe-swiftshader)/.test(arg),
  );
  return pw.launch({ executablePath, args: [...args, '--disable-gpu'], headless: true });
}

let world: World;
let browser: Browser;
let base: string;
let harbour: Job;
let scripted: Job;
let secret: Job;
let elsewhere: Job;
let staffChannel: string;
let readOnly: Job;

/** A finished video written through the job store, one second after the last. */
async function finished(guildId: string, channelId: string, userId: string, prompt: string): Promise<Job> {
  const { store } = world.app;
  world.clock?.advance(1_000);
  const created = await store.create({ guildId, channelId, userId, input: parseVideoInput({ prompt, duration: 5 }), estimateUsd: 1 });
  await store.transition(created.id, step('created', 'submitting'));
  await store.transition(created.id, step('submitting', 'queued', { requestId: `r-${created.id}` }));
  await store.transition(created.id, step('queued', 'running'));
  return (await store.transition(created.id, step('running', 'succeeded'))) as Job;
}

/** Where the bot keeps its own copy of a job's video (`MEDIA_CACHE_DIR`, one file per job). */
const cachedFile = (jobId: string) => join(world.dir, 'media', `${jobId}.mp4`);

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The browser starts while the bot does: neither waits on the other.
  const launching = launchBrowser();
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
  discord.oauth2.setLocale(seed.adminId, 'de');
  await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
  harbour = await finished(seed.guildId, seed.generalChannelId, seed.requesterId, 'a fishing harbour at dawn, gulls overhead');
  secret = await finished(seed.guildId, staffChannel, seed.adminId, 'the secret lighthouse plans');
  // A channel everyone reads and only the staff writes in: its videos are seen, not remixed there.
  const announcements = discord.addTextChannel(seed.guildId, { name: 'announcements' }).id;
  discord.setPermissionOverwrites(announcements, [{ id: seed.guildId, type: 0, deny: PermissionFlagsBits.SendMessages }]);
  readOnly = await finished(seed.guildId, announcements, seed.adminId, 'the opening night fireworks');
  // A video of a server the members above are not in.
  const other = discord.addGuild({ name: 'Other Server' });
  elsewhere = await finished(other.id, discord.addTextChannel(other.id, { name: 'general' }).id, seed.requesterId, harbour.input.prompt);
  world.clock?.advance(1_000);
  const prompt = '<script>document.title="pwned"</script> a harbour at night';
  world.video(seed.adminId, { prompt, duration: 5 });
  const making = world.waitForJob((j) => j.input.prompt === prompt).then((job) => world.waitDelivered(job.id));
  browser = await launching;
  // The members sign in while the bot makes the video: each waits on the other's answers.
  await Promise.all([seed.requesterId, seed.adminId].map((member) => signedIn(member)));
  scripted = await making;
  // The private channel's video has a copy in the cache too: only access keeps it from a member.
  copyFileSync(cachedFile(scripted.id), cachedFile(secret.id));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

const members = new Map<string, Promise<{ context: BrowserContext; page: Page }>>();

/** `userId`'s own browser context, signed in to the fake Discord and then to the gallery once. */
function signedIn(userId: string): Promise<{ context: BrowserContext; page: Page }> {
  let member = members.get(userId);
  if (!member) {
    member = (async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${world.discord.origin}/oauth2/test-login?user=${userId}`);
      await page.goto(`${base}/g/${world.seed.guildId}`);
      await page.click('#sign-in');
      await page.waitForSelector('#authorize');
      await page.click('#authorize');
      await page.waitForURL(`${base}/g/${world.seed.guildId}`);
      return { context, page };
    })();
    members.set(userId, member);
  }
  return member;
}

const cardLinks = (page: Page) => page.$$eval('.card a', (links) => links.map((a) => a.getAttribute('href')));

describe('the web gallery in a browser', () => {
  it('signs a member in with Discord and shows only what they may see, newest first; search narrows it', async () => {
    const { page } = await signedIn(world.seed.requesterId);
    const guild = world.seed.guildId;
    // Signed in before the bot's video was delivered: the listing as it is now.
    await page.goto(`${base}/g/${guild}`);
    expect(await cardLinks(page)).toEqual([`/g/${guild}/v/${scripted.id}`, `/g/${guild}/v/${readOnly.id}`, `/g/${guild}/v/${harbour.id}`]);
    if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: 'docs/gallery.png' });
    await page.fill('input[name=q]', 'gulls');
    await page.click('.filters button[type=submit]');
    await page.waitForURL(/q=gulls/);
    expect(await cardLinks(page)).toEqual([`/g/${guild}/v/${harbour.id}`]);
    // Another server's video and a private channel's (its page, its poster, its file) answer
    // like ids that never existed.
    for (const path of [
      `/g/${elsewhere.guildId}/v/${elsewhere.id}`,
      `/g/${guild}/v/${secret.id}`,
      `/g/${guild}/v/${secret.id}/video`,
      `/g/${guild}/v/${secret.id}/poster`,
      `/g/${guild}/v/${elsewhere.id}`,
      `/g/${guild}/settings`,
    ]) {
      const answer = await page.request.get(`${base}${path}`, { maxRedirects: 0 });
      expect([path, answer.status()]).toEqual([path, 404]);
    }
    // Signed out, the file is not served either: the sign-in page is.
    const anonymous = await fetch(`${base}/g/${guild}/v/${scripted.id}/video`);
    expect(anonymous.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('plays the bot’s own copy with ranges, shows a prompt holding markup as text, shares it, and plays Discord’s link once the copy is gone', async () => {
    const { page } = await signedIn(world.seed.adminId);
    const videoPath = `/g/${world.seed.guildId}/v/${scripted.id}`;
    await page.goto(`${base}${videoPath}`);
    expect(await page.textContent('#prompt')).toBe('<script>document.title="pwned"</script> a harbour at night');
    expect(await page.$$('script')).toHaveLength(0);
    expect(await page.title()).not.toBe('pwned');
    // The bot holds the file it delivered: the gallery serves it, in the ranges a player asks for.
    expect(await page.getAttribute('video', 'src')).toBe(`${videoPath}/video`);
    const bytes = readFileSync(cachedFile(scripted.id));
    const whole = await page.request.get(`${base}${videoPath}/video`);
    expect([whole.status(), whole.headers()['content-type'], whole.headers()['accept-ranges']]).toEqual([200, 'video/mp4', 'bytes']);
    expect(Buffer.compare(await whole.body(), bytes)).toBe(0);
    const part = await page.request.get(`${base}${videoPath}/video`, { headers: { range: 'bytes=10-19' } });
    expect([part.status(), part.headers()['content-range']]).toEqual([206, `bytes 10-19/${bytes.length}`]);
    expect(Buffer.compare(await part.body(), bytes.subarray(10, 20))).toBe(0);
    const past = await page.request.get(`${base}${videoPath}/video`, { headers: { range: `bytes=${bytes.length}-` } });
    expect([past.status(), past.headers()['content-range']]).toEqual([416, `bytes */${bytes.length}`]);
    // The member's Discord language: German.
    await page.click('#share');
    await page.waitForSelector('.notice');
    expect(await page.textContent('.notice')).toBe('Im Schaufenster geteilt.');
    await world.passTimeUntil(() => world.discord.messages(world.seed.showcaseChannelId).find((m) => !m.deleted));
    // Without the copy (the cache let it go, or another process delivered it): the final message's link.
    rmSync(cachedFile(scripted.id));
    await page.goto(`${base}${videoPath}`);
    const src = (await page.getAttribute('video', 'src')) as string;
    expect(src.startsWith(world.discord.origin)).toBe(true);
    expect((await page.request.get(src)).status()).toBe(200);
    expect((await page.request.get(`${base}${videoPath}/video`)).status()).toBe(404);
  });

  it('lets a member with the role see the private channel and its file, and a manager the settings', async () => {
    const { page } = await signedIn(world.seed.adminId);
    await page.goto(`${base}/g/${world.seed.guildId}`);
    expect(await cardLinks(page)).toContain(`/g/${world.seed.guildId}/v/${secret.id}`);
    expect((await page.request.get(`${base}/g/${world.seed.guildId}/v/${secret.id}/video`)).status()).toBe(200);
    expect((await page.request.get(`${base}/g/${world.seed.guildId}/settings`)).status()).toBe(200);
  });

  it('remixes a video into its channel under the Remix button’s rules, says why when it is refused, and offers none where the member cannot post', async () => {
    const { page } = await signedIn(world.seed.requesterId);
    const videoPath = `/g/${world.seed.guildId}/v/${scripted.id}`;
    await page.goto(`${base}${videoPath}`);
    // Prefilled with the parent's prompt, shown as text.
    expect(await page.inputValue('#remix-prompt')).toBe(scripted.input.prompt);
    const before = (await world.jobs()).length;
    // An empty prompt: the model's schema refuses it, the page says so, nothing is made.
    await page.fill('#remix-prompt', '');
    await page.click('#remix');
    await page.waitForSelector('.notice');
    expect(await page.textContent('.notice.refused[role=alert]')).toContain('Your request was not sent');
    expect(await world.jobs()).toHaveLength(before);
    // The server's own rules apply as to the button: a blocked phrase refuses it, with nothing made.
    await world.app.settings.update(world.seed.guildId, { blockedPhrases: ['volcano'] }, world.seed.adminId);
    await page.fill('#remix-prompt', 'the same harbour under a volcano');
    await page.click('#remix');
    await page.waitForSelector('.notice');
    expect(await page.textContent('.notice.refused')).toMatch(/^Your video was not started: .*"volcano", which is blocked on this server/);
    expect(await world.jobs()).toHaveLength(before);
    await page.fill('#remix-prompt', 'the same harbour at noon, <b>bold</b> gulls');
    await page.click('#remix');
    await page.waitForURL(/done=remixed/);
    expect(await page.textContent('.notice')).toBe('Remix started: its card is in the video’s channel on Discord.');
    const remix = await world.waitForJob((job) => job.parentId === scripted.id);
    expect([remix.kind, remix.userId, remix.channelId, remix.guildId, remix.input.prompt, remix.state]).toEqual([
      'remix',
      world.seed.requesterId,
      scripted.channelId,
      scripted.guildId,
      'the same harbour at noon, <b>bold</b> gulls',
      'queued',
    ]);
    // Its status card is in the video's channel, as the Remix button's would be.
    expect(world.discord.messages(scripted.channelId).some((m) => m.id === remix.statusMessageId)).toBe(true);
    // Where the member may read but not send, there is no Remix, and a POST made by hand makes nothing.
    const readOnlyPath = `/g/${world.seed.guildId}/v/${readOnly.id}`;
    await page.goto(`${base}${readOnlyPath}`);
    expect(await page.$('#remix')).toBeNull();
    const made = (await world.jobs()).length;
    const csrf = (await page.getAttribute('.signout input[name=csrf]', 'value')) as string;
    const answer = await page.request.post(`${base}${readOnlyPath}/remix`, { form: { csrf, prompt: 'fireworks again' }, maxRedirects: 0 });
    expect([answer.status(), answer.headers().location]).toEqual([303, `${readOnlyPath}?done=notAllowed`]);
    expect(await world.jobs()).toHaveLength(made);
  });

  it("deletes a member's own video, refuses a forged POST, and signs out", async () => {
    const { page } = await signedIn(world.seed.requesterId);
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
    expect((await page.request.get(`${base}${videoPath}`)).status()).toBe(404);
    await page.click('.signout button');
    await page.waitForURL(`${base}/`);
    expect(await page.$('#sign-in')).not.toBeNull();
  });
});
