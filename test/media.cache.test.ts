import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaCache } from '../src/media/cache.js';

describe('MediaCache', () => {
  let root: string;
  let clock: number;
  let cache: MediaCache;

  const source = (name: string, bytes: number): string => {
    const path = join(root, `${name}.src`);
    writeFileSync(path, Buffer.alloc(bytes, name.charCodeAt(0)));
    return path;
  };
  const tick = () => {
    clock += 1_000;
    return clock;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'media-cache-'));
    clock = Date.UTC(2025, 0, 1);
    cache = new MediaCache({ dir: join(root, 'cache'), maxBytes: 250, now: tick });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps a copy of a delivered file under the job id', async () => {
    const from = source('a', 100);
    const path = await cache.put('job-a', from);
    expect(path).toBe(cache.pathFor('job-a'));
    expect(cache.has('job-a')).toBe(true);
    expect(await cache.get('job-a')).toBe(path);
    expect(readFileSync(path ?? '').equals(readFileSync(from))).toBe(true);
    expect(await cache.get('job-missing')).toBeUndefined();
    expect(cache.has('job-missing')).toBe(false);
  });

  it('evicts the least recently used files to stay within its size', async () => {
    await cache.put('job-a', source('a', 100));
    await cache.put('job-b', source('b', 100));
    // Using a makes b the oldest.
    expect(await cache.get('job-a')).toBeDefined();
    await cache.put('job-c', source('c', 100));
    expect(cache.has('job-a')).toBe(true);
    expect(cache.has('job-b')).toBe(false);
    expect(cache.has('job-c')).toBe(true);
    expect(readdirSync(join(root, 'cache')).sort()).toEqual(['job-a.mp4', 'job-c.mp4']);
  });

  it('does not keep a file larger than the whole cache, and keeps the others', async () => {
    await cache.put('job-a', source('a', 100));
    expect(await cache.put('job-huge', source('h', 300))).toBeUndefined();
    expect(cache.has('job-huge')).toBe(false);
    expect(cache.has('job-a')).toBe(true);
  });

  it('accepts a file downloaded straight into its cache path', async () => {
    const target = cache.pathFor('job-direct');
    await cache.put('job-seed', source('s', 10));
    writeFileSync(target, Buffer.alloc(50, 1));
    expect(await cache.put('job-direct', target)).toBe(target);
    expect(readFileSync(target)).toHaveLength(50);
  });

  it('evicts on demand after the limit was exceeded from outside', async () => {
    await cache.put('job-a', source('a', 100));
    await cache.put('job-b', source('b', 100));
    // A file left from before a restart, last used before the other two.
    writeFileSync(cache.pathFor('job-old'), Buffer.alloc(200));
    utimesSync(cache.pathFor('job-old'), new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 1)));
    writeFileSync(join(root, 'cache', 'notes.txt'), 'not a video');
    await cache.evict();
    expect(readdirSync(join(root, 'cache')).sort()).toEqual(['job-a.mp4', 'job-b.mp4', 'notes.txt']);
  });

  it('keeps odd job ids inside its folder', () => {
    const dir = join(root, 'cache');
    for (const id of ['../../etc/passwd', 'a/b', '', 'x'.repeat(500)]) {
      expect(dirname(cache.pathFor(id))).toBe(dir);
    }
    expect(cache.pathFor('../x')).not.toBe(cache.pathFor('../y'));
  });
});
