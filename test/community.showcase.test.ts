import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShowcaseStore } from '../src/community/showcaseStore.js';
import { type Db, openDatabase } from '../src/jobs/database.js';
import { JobStore } from '../src/jobs/jobStore.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const GUILD = '100000';

describe('showcase shares', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let showcase: ShowcaseStore;
  let jobId: string;

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.file('bot.db'));
    showcase = new ShowcaseStore(db, () => 5_000);
    const jobs = new JobStore(db, () => 1_000);
    jobId = jobs.create({
      guildId: GUILD,
      channelId: '200000',
      userId: '300000',
      input: parseVideoInput({ prompt: 'a lighthouse at dusk' }),
      estimateUsd: 0.84,
    }).id;
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  it('shares a video once however many times Share is pressed', () => {
    expect(showcase.claim(jobId, GUILD, '555', '300000')).toBe(true);
    expect(showcase.claim(jobId, GUILD, '555', '300000')).toBe(false);
    expect(showcase.claim(jobId, GUILD, '555', '300001')).toBe(false);
    expect(showcase.get(jobId)).toEqual({
      jobId,
      guildId: GUILD,
      channelId: '555',
      messageId: null,
      sharedBy: '300000',
      createdAt: 5_000,
    });
  });

  it('records the showcase message once posted', () => {
    showcase.claim(jobId, GUILD, '555', '300000');
    expect(showcase.setMessage(jobId, '888')).toBe(true);
    expect(showcase.get(jobId)?.messageId).toBe('888');
    expect(showcase.setMessage('no-such-job', '889')).toBe(false);
  });

  it('lets Share be tried again after a failed post, but never unshares a posted one', () => {
    showcase.claim(jobId, GUILD, '555', '300000');
    expect(showcase.release(jobId)).toBe(true);
    expect(showcase.claim(jobId, GUILD, '555', '300001')).toBe(true);
    showcase.setMessage(jobId, '888');
    expect(showcase.release(jobId)).toBe(false);
    expect(showcase.get(jobId)?.messageId).toBe('888');
  });

  it('forgets a share when it is removed or its job is deleted', () => {
    showcase.claim(jobId, GUILD, '555', '300000');
    showcase.setMessage(jobId, '888');
    expect(showcase.remove(jobId)).toBe(true);
    expect(showcase.get(jobId)).toBeUndefined();
    showcase.claim(jobId, GUILD, '555', '300000');
    db.prepare('DELETE FROM jobs WHERE id = ?').run(jobId);
    expect(showcase.get(jobId)).toBeUndefined();
  });
});
