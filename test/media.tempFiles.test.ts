/** Half-written downloads must not pile up in the media folder, nor escape its size cap. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaCache } from '../src/media/cache.js';
import { tinyMp4 } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

describe('temporary files in the media cache', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: Server | undefined;
  let world: World | undefined;

  beforeEach(() => {
    temp = makeTempDir('media-temp-');
  });
  afterEach(async () => {
    await world?.stop();
    world = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    }
    temp.remove();
  });

  it('removes the stray temporary files a killed process left, when the bot starts', async () => {
    const media = join(temp.dir, 'media');
    mkdirSync(media, { recursive: true });
    const stray = [
      'abcdefgh12.mp4.0a1b2c3d.download.0a0b0c0d0e0f.part',
      'abcdefgh12.mp4.0a1b2c3d.download',
      'zyxwvuts98.mp4.00112233aabb.tmp',
    ];
    for (const name of stray) writeFileSync(join(media, name), Buffer.alloc(64 * 1024));
    writeFileSync(join(media, 'kept000001.mp4'), tinyMp4());
    writeFileSync(join(media, 'README.txt'), 'not the cache’s');
    world = await startWorld({ dir: temp.dir });
    expect(readdirSync(media).sort()).toEqual(['README.txt', 'kept000001.mp4']);
  });

  it('removes its temporary file when storing a download fails (a full disk)', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(tinyMp4());
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    class FullDisk extends MediaCache {
      override async put(): Promise<string | undefined> {
        throw Object.assign(new Error('ENOSPC: no space left on device, copyfile'), { code: 'ENOSPC' });
      }
    }
    const dir = join(temp.dir, 'cache');
    const cache = new FullDisk({ dir, maxBytes: 10 * 1024 * 1024 });
    await expect(
      cache.obtain('job0000001', `${origin}/v.mp4`, { maxBytes: 1024 * 1024, timeoutMs: 5000, allowedOrigins: [origin] }),
    ).rejects.toThrow(/ENOSPC/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('counts temporary files against its size cap', async () => {
    let clock = Date.UTC(2025, 0, 1);
    const dir = join(temp.dir, 'cache');
    const cache = new MediaCache({ dir, maxBytes: 100_000, now: () => (clock += 1000) });
    const source = (name: string, bytes: number) => {
      const path = join(temp.dir, `${name}.src`);
      writeFileSync(path, Buffer.alloc(bytes, 1));
      return path;
    };
    expect(await cache.put('older00001', source('older', 60_000))).toBeDefined();
    // A download under way (or a file too large to keep, not yet uploaded) takes disk space too.
    writeFileSync(join(dir, 'inflight01.mp4.0a1b2c3d.download'), Buffer.alloc(60_000));
    expect(await cache.put('newer00001', source('newer', 20_000))).toBeDefined();
    expect(cache.has('older00001')).toBe(false);
    expect(cache.has('newer00001')).toBe(true);
    expect(readdirSync(dir)).toContain('inflight01.mp4.0a1b2c3d.download');
  });
});
