import { statSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/storage/sqlite/database.js';
import { startWalCheckpointer } from '../src/storage/sqlite/walCheckpointer.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

describe('background WAL checkpoints', () => {
  it('copies committed pages into the database file from a worker thread, and stops cleanly', async () => {
    const temp = makeTempDir();
    const path = temp.file('bot.db');
    const db = openDatabase(path);
    const checkpointer = startWalCheckpointer(db, path, pino({ level: 'silent' }), 50);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      const before = statSync(path).size;
      db.exec('CREATE TABLE filler (x BLOB)');
      const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run();
      })();
      // Far below the main connection's own threshold: only the worker can have moved the pages.
      const deadline = Date.now() + 5000;
      while (statSync(path).size <= before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
    } finally {
      await checkpointer.stop();
      db.close();
      temp.remove();
    }
  });
});
