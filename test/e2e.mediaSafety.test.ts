/** A result link the bot must not follow, or a result that is not a video: nothing is uploaded. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { finalPostsOf, textOf } from './helpers/inspect.js';

const METADATA = JSON.stringify({ Code: 'Success', AccessKeyId: 'ASIAFAKEKEY', SecretAccessKey: 'not-a-real-secret', Token: 'fake' });

/** The job ended failed as `errorKind`, its one final message says `says`, and nothing was uploaded. */
async function expectNotAVideo(world: World, jobId: string, errorKind = 'not_a_video', says = 'not a video'): Promise<void> {
  const done = await world.waitDelivered(jobId, 10_000);
  expect(done.state).toBe('failed');
  expect(done.errorKind).toBe(errorKind);
  const thread = world.discord.messages(done.threadId as string);
  expect(thread.filter((m) => m.attachments.length > 0)).toEqual([]);
  expect(finalPostsOf(world, jobId).filter((r) => (r.files?.length ?? 0) > 0)).toEqual([]);
  expect(finalPostsOf(world, jobId)).toHaveLength(1);
  const final = thread.find((m) => m.nonce === `final-${jobId}`);
  expect(textOf(final)).toContain(says);
  expect(textOf(final)).not.toContain('AccessKeyId');
}

describe('results that are not videos', () => {
  let world: World;
  let metadataServer: Server | undefined;
  afterEach(async () => {
    await world?.stop();
    if (metadataServer) {
      metadataServer.closeAllConnections();
      await new Promise((resolve) => metadataServer?.close(resolve));
      metadataServer = undefined;
    }
  });

  it('never fetches a result link outside the allowed origins, and says the link was refused, not that it is no video', async () => {
    let requests = 0;
    metadataServer = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(METADATA);
    });
    await new Promise<void>((resolve) => metadataServer?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(metadataServer.address() as AddressInfo).port}/latest/meta-data/iam/security-credentials/bot`;
    world = await startWorld({ scenario: { video: { kind: 'url', url } } });
    world.video(world.seed.requesterId, { prompt: 'a harmless looking prompt' });
    const job = await world.waitForJob(() => true);
    await expectNotAVideo(world, job.id, 'refused_address', 'an address the bot may not fetch from');
    expect(requests).toBe(0);
  });

  it('does not upload a body that is not a video, even from the allowed origin', async () => {
    world = await startWorld({ scenario: { video: { kind: 'not_video', contentType: 'application/json', body: METADATA } } });
    world.video(world.seed.requesterId, { prompt: 'another harmless prompt' });
    const job = await world.waitForJob(() => true);
    await expectNotAVideo(world, job.id);
    expect(world.runcomfy.requests.some((r) => r.path.startsWith('/files/'))).toBe(true);
  });
});
