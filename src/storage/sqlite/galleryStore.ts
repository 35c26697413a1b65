import { type GalleryEntry, type GalleryQuery, type GalleryStore, searchWords } from '../../community/gallery.js';
import { DEFAULT_MODEL_ID } from '../../model/models.js';
import { type JobRow, toJob } from '../jobRow.js';
import type { Db } from './database.js';

type GalleryRow = JobRow & { showcased: number };

const LISTED = `j.state = 'succeeded' AND j.deleted_at IS NULL`;
const COLUMNS = `j.*, (s.message_id IS NOT NULL) AS showcased`;
const FROM = `FROM jobs j LEFT JOIN showcase_posts s ON s.job_id = j.id`;
const SELECT = `SELECT ${COLUMNS} ${FROM}`;
const ORDER = 'ORDER BY j.created_at DESC, j.id DESC';
/** The index answers the words; every match is then looked up and sorted by date. */
const FROM_THE_WORDS = `j.id IN (SELECT m.job_id FROM jobs_search f JOIN job_search_ids m ON m.seq = f.rowid WHERE jobs_search MATCH @words)`;
/** The listing is walked newest first; each video is checked against the index on its own. */
const HOLDS_THE_WORDS = `EXISTS (SELECT 1 FROM job_search_ids m JOIN jobs_search f ON f.rowid = m.seq WHERE m.job_id = j.id AND jobs_search MATCH @words) AS hit`;
/**
 * Past this many videos holding the words, walking the listing newest first finds a page sooner
 * than looking every match up and sorting them all: at 100,000 videos a word in a fifth of the
 * prompts took 150-450 ms the one way and 2-10 ms the other (docs/benchmarks.md).
 */
const WALK_FROM_MATCHES = 2_000;
/** How far the walk goes before it gives way to the index (the words are rare in this server after all). */
const WALK_WINDOW = 2_500;

/** The gallery over `jobs`, its words answered by the FTS5 table `jobs_search`. */
export class SqliteGalleryStore implements GalleryStore {
  /** Searches differ only in which filters are set; each shape is prepared once. */
  private readonly prepared = new Map<string, ReturnType<Db['prepare']>>();
  private readonly one;
  private readonly matches;

  constructor(private readonly db: Db) {
    this.one = db.prepare<[string, string], GalleryRow>(`${SELECT} WHERE j.id = ? AND j.guild_id = ? AND ${LISTED}`);
    this.matches = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM jobs_search WHERE jobs_search MATCH ?');
  }

  private statement(sql: string): ReturnType<Db['prepare']> {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  private all(sql: string, params: Record<string, unknown>): GalleryEntry[] {
    return (this.statement(sql).all(params) as GalleryRow[]).map(toEntry);
  }

  /**
   * The first page of the listing's videos holding the words, read newest first and stopped as
   * soon as the page is full; undefined when the window ends first.
   */
  private walk(filters: string, params: Record<string, unknown>, limit: number): GalleryEntry[] | undefined {
    const rows = this.statement(`SELECT ${COLUMNS}, ${HOLDS_THE_WORDS} ${FROM} WHERE ${filters} ${ORDER} LIMIT @window`).iterate({
      ...params,
      window: WALK_WINDOW,
    }) as IterableIterator<GalleryRow & { hit: number }>;
    const page: GalleryEntry[] = [];
    let seen = 0;
    for (const { hit, ...row } of rows) {
      seen++;
      if (!hit) continue;
      page.push(toEntry(row));
      // Leaving the loop ends the statement: the rest of the window is never read.
      if (page.length >= limit) break;
    }
    // A short page is the whole answer only when the listing itself ended inside the window.
    return page.length >= limit || seen < WALK_WINDOW ? page : undefined;
  }

  async search(query: GalleryQuery): Promise<GalleryEntry[]> {
    if (query.channelIds.length === 0) return [];
    const words = searchWords(query.words);
    const where = [`j.guild_id = @guild`, LISTED, `j.channel_id IN (SELECT value FROM json_each(@channels))`];
    const params: Record<string, unknown> = { guild: query.guildId, channels: JSON.stringify(query.channelIds), limit: query.limit };
    // Each word quoted: FTS5 reads the rest of a query as syntax, and a word is letters and digits only.
    if (words.length) params.words = words.map((word) => `"${word}"`).join(' ');
    if (query.userId !== undefined) {
      where.push('j.user_id = @user');
      params.user = query.userId;
    }
    if (query.modelIds !== undefined) {
      // Rows from before models were data hold no model: they are the default model's.
      const names = query.modelIds.map((id, i) => {
        params[`model${i}`] = id;
        return `@model${i}`;
      });
      where.push(names.length ? `coalesce(j.model_id, @defaultModel) IN (${names.join(', ')})` : '0');
      params.defaultModel = DEFAULT_MODEL_ID;
    }
    if (query.showcased !== undefined) where.push(query.showcased ? 's.message_id IS NOT NULL' : 's.message_id IS NULL');
    if (query.createdFrom !== undefined) {
      where.push('j.created_at >= @from');
      params.from = query.createdFrom;
    }
    if (query.createdBefore !== undefined) {
      where.push('j.created_at < @before');
      params.before = query.createdBefore;
    }
    if (query.after) {
      where.push('(j.created_at < @afterAt OR (j.created_at = @afterAt AND j.id < @afterId))');
      params.afterAt = query.after.createdAt;
      params.afterId = query.after.id;
    }
    const filters = where.join(' AND ');
    if (!words.length) return this.all(`${SELECT} WHERE ${filters} ${ORDER} LIMIT @limit`, params);
    // SQLite's planner always starts from the words, which costs a lookup and a sort per match: a
    // common word costs thousands. Counting the matches is a read of the index's own lists.
    if ((this.matches.get(params.words as string)?.n ?? 0) > WALK_FROM_MATCHES) {
      const walked = this.walk(filters, params, query.limit);
      if (walked) return walked;
    }
    return this.all(`${SELECT} WHERE ${filters} AND ${FROM_THE_WORDS} ${ORDER} LIMIT @limit`, params);
  }

  async video(guildId: string, jobId: string): Promise<GalleryEntry | undefined> {
    const row = this.one.get(jobId, guildId);
    return row ? toEntry(row) : undefined;
  }
}

function toEntry(row: GalleryRow): GalleryEntry {
  return { job: toJob(row), showcased: Boolean(row.showcased) };
}
