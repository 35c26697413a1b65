import { type GalleryEntry, type GalleryQuery, type GalleryStore, searchWords } from '../../community/gallery.js';
import { DEFAULT_MODEL_ID } from '../../model/models.js';
import { type JobRow, toJob } from '../jobRow.js';
import type { Db } from './database.js';

type GalleryRow = JobRow & { showcased: number };

const LISTED = `j.state = 'succeeded' AND j.deleted_at IS NULL`;
const SELECT = `SELECT j.*, (s.message_id IS NOT NULL) AS showcased FROM jobs j LEFT JOIN showcase_posts s ON s.job_id = j.id`;

/** The gallery over `jobs`, its words answered by the FTS5 table `jobs_search`. */
export class SqliteGalleryStore implements GalleryStore {
  /** Searches differ only in which filters are set; each shape is prepared once. */
  private readonly prepared = new Map<string, ReturnType<Db['prepare']>>();
  private readonly one;

  constructor(private readonly db: Db) {
    this.one = db.prepare<[string, string], GalleryRow>(`${SELECT} WHERE j.id = ? AND j.guild_id = ? AND ${LISTED}`);
  }

  async search(query: GalleryQuery): Promise<GalleryEntry[]> {
    if (query.channelIds.length === 0) return [];
    const words = searchWords(query.words);
    const where = [`j.guild_id = @guild`, LISTED, `j.channel_id IN (SELECT value FROM json_each(@channels))`];
    const params: Record<string, unknown> = { guild: query.guildId, channels: JSON.stringify(query.channelIds), limit: query.limit };
    if (words.length) {
      // Each word quoted: FTS5 reads the rest of a query as syntax, and a word is letters and digits only.
      where.push(`j.id IN (SELECT m.job_id FROM jobs_search f JOIN job_search_ids m ON m.seq = f.rowid WHERE jobs_search MATCH @words)`);
      params.words = words.map((word) => `"${word}"`).join(' ');
    }
    if (query.userId !== undefined) {
      where.push('j.user_id = @user');
      params.user = query.userId;
    }
    if (query.modelId !== undefined) {
      // Rows from before models were data hold no model: they are the default model's.
      where.push(`coalesce(j.model_id, @defaultModel) = @model`);
      params.model = query.modelId;
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
    const sql = `${SELECT} WHERE ${where.join(' AND ')} ORDER BY j.created_at DESC, j.id DESC LIMIT @limit`;
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return (statement.all(params) as GalleryRow[]).map(toEntry);
  }

  async video(guildId: string, jobId: string): Promise<GalleryEntry | undefined> {
    const row = this.one.get(jobId, guildId);
    return row ? toEntry(row) : undefined;
  }
}

function toEntry(row: GalleryRow): GalleryEntry {
  return { job: toJob(row), showcased: Boolean(row.showcased) };
}
