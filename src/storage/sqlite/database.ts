import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema changes, in order. The database's `user_version` says how many have run, so a
 * migration runs exactly once per file, and an older bot refuses a newer file instead of
 * corrupting it.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE jobs (
    id                 TEXT PRIMARY KEY,
    guild_id           TEXT NOT NULL,
    channel_id         TEXT NOT NULL,
    user_id            TEXT NOT NULL,
    thread_id          TEXT,
    status_message_id  TEXT,
    input_json         TEXT NOT NULL,
    kind               TEXT NOT NULL DEFAULT 'new',
    parent_id          TEXT REFERENCES jobs(id) ON DELETE SET NULL,
    state              TEXT NOT NULL,
    request_id         TEXT,
    provider_status    TEXT,
    queue_position     INTEGER,
    error_kind         TEXT,
    error_message      TEXT,
    result_url         TEXT,
    estimate_usd       REAL NOT NULL,
    cost_usd           REAL,
    cancel_refused_at  INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    submitted_at       INTEGER,
    started_at         INTEGER,
    finished_at        INTEGER,
    next_poll_at       INTEGER,
    poll_failures      INTEGER NOT NULL DEFAULT 0,
    delivery_attempts  INTEGER NOT NULL DEFAULT 0,
    delivered_at       INTEGER
  );
  -- The poller's only query: a partial index holds just the jobs that still need work,
  -- so finding due jobs never scans finished history.
  CREATE INDEX jobs_due ON jobs (next_poll_at) WHERE next_poll_at IS NOT NULL;
  CREATE INDEX jobs_by_user ON jobs (guild_id, user_id, created_at);
  CREATE INDEX jobs_by_guild ON jobs (guild_id, created_at);
  `,
  `
  -- Community features: per-server settings, showcase posts, deletions, where the video went.
  CREATE TABLE guild_settings (
    guild_id       TEXT PRIMARY KEY,
    settings_json  TEXT NOT NULL,
    updated_at     INTEGER NOT NULL,
    updated_by     TEXT
  );
  CREATE TABLE showcase_posts (
    job_id      TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    message_id  TEXT,
    shared_by   TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );
  ALTER TABLE jobs ADD COLUMN final_channel_id TEXT;
  ALTER TABLE jobs ADD COLUMN final_message_id TEXT;
  ALTER TABLE jobs ADD COLUMN deleted_at INTEGER;
  -- Budgets sum a day's spend per server and per member.
  CREATE INDEX jobs_spend ON jobs (guild_id, created_at, user_id);
  `,
  `
  -- A failed job is retried once: a double click must not start (and bill) two.
  CREATE UNIQUE INDEX jobs_one_retry ON jobs (parent_id) WHERE kind = 'retry';
  `,
  `
  -- Who holds a claimed job: its lease runs until next_poll_at, so several processes can share
  -- the work without one taking over another's job before the lease runs out.
  ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
  `,
  `
  -- Which process took an interaction that reached more than one.
  CREATE TABLE interaction_claims (
    interaction_id  TEXT PRIMARY KEY,
    owner           TEXT NOT NULL,
    claimed_at      INTEGER NOT NULL
  );
  CREATE INDEX interaction_claims_age ON interaction_claims (claimed_at);
  -- The provider's request budget shared by every process: the theoretical arrival time of the
  -- next request (GCRA), one row.
  CREATE TABLE provider_rate (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    tat  REAL NOT NULL
  );
  `,
  `
  -- A member's own defaults per server, and a refused direct message still to be told.
  CREATE TABLE member_preferences (
    guild_id          TEXT NOT NULL,
    user_id           TEXT NOT NULL,
    preferences_json  TEXT NOT NULL,
    updated_at        INTEGER NOT NULL,
    dm_refused_at     INTEGER,
    PRIMARY KEY (guild_id, user_id)
  );
  `,
  `
  -- The server's line: jobs in 'waiting' by server and arrival, and the slots each server's
  -- members hold, are read in every admission and every move of the line.
  CREATE INDEX jobs_by_state ON jobs (state, guild_id, created_at);
  -- What the poll schedule learns from: the latest successes.
  CREATE INDEX jobs_succeeded ON jobs (finished_at) WHERE state = 'succeeded';
  `,
  `
  -- Which model made a job (null: a row from before models were data, text-to-video), and the
  -- bot's own links to its images (JSON by role).
  ALTER TABLE jobs ADD COLUMN model_id TEXT;
  ALTER TABLE jobs ADD COLUMN images_json TEXT;
  `,
  `
  -- The picture of an open "Animate with Kling" form, taken from the interaction that opened it:
  -- a later read of the member's message comes back without its attachments. Kept minutes only.
  CREATE TABLE picture_forms (
    id            TEXT PRIMARY KEY,
    guild_id      TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    picture_json  TEXT NOT NULL,
    expires_at    INTEGER NOT NULL
  );
  CREATE INDEX picture_forms_expiry ON picture_forms (expires_at);
  `,
  `
  -- The web gallery's sessions: only the hash of a session's id is kept, so the table cannot be
  -- used to sign in; the member's Discord token is sealed with a key only their cookie holds.
  CREATE TABLE web_sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL,
    user_name     TEXT NOT NULL,
    locale        TEXT NOT NULL,
    sealed_token  TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked_at    INTEGER
  );
  CREATE INDEX web_sessions_user ON web_sessions (user_id);
  CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
  -- The gallery's search: an FTS5 index over each job's prompt and its shots' prompts. Its rowid
  -- comes from a table of its own, because a VACUUM may renumber the rowids of jobs (its key
  -- is text), and an index that lost its rows would find the wrong videos.
  CREATE TABLE job_search_ids (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id  TEXT NOT NULL UNIQUE
  );
  -- Accents are kept, as PostgreSQL's 'simple' configuration keeps them: both find the same videos.
  CREATE VIRTUAL TABLE jobs_search USING fts5 (prompt, tokenize = 'unicode61 remove_diacritics 0');
  -- A job's input is written once, with its row: indexing on insert (and forgetting on delete) is all.
  CREATE TRIGGER jobs_search_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_search_ids (job_id) VALUES (new.id);
    INSERT INTO jobs_search (rowid, prompt) VALUES (
      last_insert_rowid(),
      coalesce(json_extract(new.input_json, '$.prompt'), '') || ' ' ||
      coalesce((SELECT group_concat(json_extract(value, '$.prompt'), ' ') FROM json_each(new.input_json, '$.multi_prompt')), '')
    );
  END;
  CREATE TRIGGER jobs_search_delete AFTER DELETE ON jobs BEGIN
    DELETE FROM jobs_search WHERE rowid = (SELECT seq FROM job_search_ids WHERE job_id = old.id);
    DELETE FROM job_search_ids WHERE job_id = old.id;
  END;
  INSERT INTO job_search_ids (job_id) SELECT id FROM jobs ORDER BY created_at, rowid;
  INSERT INTO jobs_search (rowid, prompt)
    SELECT m.seq,
      coalesce(json_extract(j.input_json, '$.prompt'), '') || ' ' ||
      coalesce((SELECT group_concat(json_extract(value, '$.prompt'), ' ') FROM json_each(j.input_json, '$.multi_prompt')), '')
    FROM jobs j JOIN job_search_ids m ON m.job_id = j.id;
  -- The gallery lists a server's finished videos newest first.
  CREATE INDEX jobs_gallery ON jobs (guild_id, created_at) WHERE state = 'succeeded' AND deleted_at IS NULL;
  `,
  `
  -- What interactions told of each server (its language, upload limit, name), so that a process
  -- that does not hold the server's shard delivers for it as the one that does.
  CREATE TABLE guild_facts (
    guild_id            TEXT PRIMARY KEY,
    locale              TEXT,
    upload_limit_bytes  INTEGER,
    name                TEXT,
    updated_at          INTEGER NOT NULL
  );
  `,
  `
  -- Takes: renders of one request, delivered together in one final card.
  ALTER TABLE jobs ADD COLUMN take_group TEXT;
  CREATE INDEX jobs_take_group ON jobs (take_group) WHERE take_group IS NOT NULL;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `the database was written by a newer version of the bot (schema ${current}, this one knows ${migrations.length}); upgrade the bot`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    const sql = migrations[version] as string;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export interface OpenDatabaseOptions {
  /** How long a writer waits for another connection's lock before failing. @defaultValue 5000 */
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets the poller read while an interaction writes; NORMAL is durable across a process
  // crash (only an OS crash can lose the last commit), which is the failure we design for.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  migrate(db);
  return db;
}
