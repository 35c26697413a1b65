import type pg from 'pg';
import { type GalleryEntry, type GalleryQuery, type GalleryStore, searchWords } from '../../community/gallery.js';
import { DEFAULT_MODEL_ID } from '../../model/models.js';
import { JOB_COLUMNS, type JobRow, toJob } from '../jobRow.js';

type GalleryRow = JobRow & { showcased: boolean };

const LISTED = `j.state = 'succeeded' AND j.deleted_at IS NULL`;
const SELECT = `SELECT ${JOB_COLUMNS.map((column) => `j.${column}`).join(', ')}, (s.message_id IS NOT NULL) AS showcased FROM jobs j LEFT JOIN showcase_posts s ON s.job_id = j.id`;
/** The same expression as the GIN index `jobs_prompt_search`, or the planner cannot use it. */
const PROMPT_VECTOR = `to_tsvector('simple'::regconfig, job_prompt_text(j.input_json))`;

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
    const words = searchWords(query.words);
    // Letters and digits joined by AND: nothing a member types is read as tsquery syntax.
    if (words.length) where.push(`${PROMPT_VECTOR} @@ to_tsquery('simple'::regconfig, ${param(words.join(' & '))})`);
    if (query.userId !== undefined) where.push(`j.user_id = ${param(query.userId)}`);
    // Rows from before models were data hold no model: they are the default model's.
    if (query.modelId !== undefined) where.push(`coalesce(j.model_id, ${param(DEFAULT_MODEL_ID)}) = ${param(query.modelId)}`);
    if (query.showcased !== undefined) where.push(query.showcased ? 's.message_id IS NOT NULL' : 's.message_id IS NULL');
    if (query.createdFrom !== undefined) where.push(`j.created_at >= ${param(query.createdFrom)}`);
    if (query.createdBefore !== undefined) where.push(`j.created_at < ${param(query.createdBefore)}`);
    if (query.after) {
      const at = param(query.after.createdAt);
      where.push(`(j.created_at < ${at} OR (j.created_at = ${at} AND j.id < ${param(query.after.id)}))`);
    }
    const sql = `${SELECT} WHERE ${where.join(' AND ')} ORDER BY j.created_at DESC, j.id DESC LIMIT ${param(query.limit)}`;
    const { rows } = await this.pool.query<GalleryRow>(sql, params);
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
