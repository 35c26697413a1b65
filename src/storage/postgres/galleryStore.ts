import type pg from 'pg';
import { type GalleryEntry, type GalleryQuery, type GalleryStore, searchWords } from '../../community/gallery.js';
import { DEFAULT_MODEL_ID } from '../../model/models.js';
import { JOB_COLUMNS, type JobRow, toJob } from '../jobRow.js';

type GalleryRow = JobRow & { showcased: boolean };

const LISTED = `j.state = 'succeeded' AND j.deleted_at IS NULL`;
const SELECT = `SELECT ${JOB_COLUMNS.map((column) => `j.${column}`).join(', ')}, (s.message_id IS NOT NULL) AS showcased FROM jobs j LEFT JOIN showcase_posts s ON s.job_id = j.id`;
/** The same expression as the GIN index `jobs_prompt_search`, or the planner cannot use it. */
const PROMPT_VECTOR = `to_tsvector('simple'::regconfig, job_prompt_text(j.input_json))`;
/** The words of one row of `alias`, the same expression read without the index. */
const wordsOf = (alias: string) => `to_tsvector('simple'::regconfig, job_prompt_text(${alias}.input_json))`;
const ORDER = 'ORDER BY j.created_at DESC, j.id DESC';
/**
 * How many of the newest videos are checked word by word before the index is asked: each check
 * reads the prompt again (about 20 µs), so the window costs about 10 ms at most.
 */
const WALK_WINDOW = 500;

/** The gallery over `jobs`, its words answered by PostgreSQL's full-text search. */
export class PostgresGalleryStore implements GalleryStore {
  constructor(private readonly pool: pg.Pool) {}

  async search(query: GalleryQuery): Promise<GalleryEntry[]> {
    if (query.channelIds.length === 0) return [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`j.guild_id = ${param(query.guildId)}`, LISTED, `j.channel_id = ANY(${param([...query.channelIds])}::text[])`];
    if (query.userId !== undefined) where.push(`j.user_id = ${param(query.userId)}`);
    // Rows from before models were data hold no model: they are the default model's.
    if (query.modelIds !== undefined) {
      where.push(`coalesce(j.model_id, ${param(DEFAULT_MODEL_ID)}) = ANY(${param([...query.modelIds])}::text[])`);
    }
    if (query.showcased !== undefined) where.push(query.showcased ? 's.message_id IS NOT NULL' : 's.message_id IS NULL');
    if (query.createdFrom !== undefined) where.push(`j.created_at >= ${param(query.createdFrom)}`);
    if (query.createdBefore !== undefined) where.push(`j.created_at < ${param(query.createdBefore)}`);
    if (query.after) {
      const at = param(query.after.createdAt);
      where.push(`(j.created_at < ${at} OR (j.created_at = ${at} AND j.id < ${param(query.after.id)}))`);
    }
    const limit = param(query.limit);
    const words = searchWords(query.words);
    if (!words.length) {
      const { rows } = await this.pool.query<GalleryRow>(`${SELECT} WHERE ${where.join(' AND ')} ${ORDER} LIMIT ${limit}`, params);
      return rows.map(toEntry);
    }
    // Letters and digits joined by AND: nothing a member types is read as tsquery syntax.
    const matches = `@@ to_tsquery('simple'::regconfig, ${param(words.join(' & '))})`;
    // First the newest videos of the listing, their words checked one by one: a common word
    // fills the page within them. Left to itself, the planner guesses a word's share from a
    // sample and, guessing wrong, walked all 100,000 videos for a word no prompt holds (2 s,
    // docs/benchmarks.md); the window bounds that walk whatever it guesses.
    // Its own last parameter: the index's query below has no window.
    const window = `$${params.length + 1}`;
    const walked = await this.pool.query<GalleryRow & { listed: string }>(
      `WITH newest AS MATERIALIZED (${SELECT} WHERE ${where.join(' AND ')} ${ORDER} LIMIT ${window})
       SELECT j.*, (SELECT count(*) FROM newest) AS listed FROM newest j WHERE ${wordsOf('j')} ${matches} ${ORDER} LIMIT ${limit}`,
      [...params, WALK_WINDOW],
    );
    // A full page, or a listing that ended inside the window, is the whole answer.
    const listed = Number(walked.rows[0]?.listed ?? WALK_WINDOW);
    if (walked.rows.length >= query.limit || listed < WALK_WINDOW) return walked.rows.map(({ listed: _, ...row }) => toEntry(row));
    // The words are rare here: the full-text index finds them all, and sorting a few is cheap.
    // `+ 0` keeps the planner from walking the date index instead.
    const { rows } = await this.pool.query<GalleryRow>(
      `${SELECT} WHERE ${where.join(' AND ')} AND ${PROMPT_VECTOR} ${matches} ORDER BY j.created_at + 0 DESC, j.id DESC LIMIT ${limit}`,
      params,
    );
    return rows.map(toEntry);
  }

  async video(guildId: string, jobId: string): Promise<GalleryEntry | undefined> {
    const { rows } = await this.pool.query<GalleryRow>(`${SELECT} WHERE j.id = $1 AND j.guild_id = $2 AND ${LISTED}`, [jobId, guildId]);
    return rows[0] ? toEntry(rows[0]) : undefined;
  }
}

function toEntry(row: GalleryRow): GalleryEntry {
  const { showcased, ...job } = row;
  return { job: toJob(job), showcased };
}
