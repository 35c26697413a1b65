import type pg from 'pg';
import {
  newPictureFormId,
  PICTURE_FORM_TTL_MS,
  type PictureForm,
  type PictureFormStore,
  type PictureFormTake,
  readPictureFacts,
} from '../../community/pictureForms.js';

interface PictureFormRow {
  guild_id: string;
  user_id: string;
  channel_id: string;
  message_id: string;
  picture_json: string;
}

/** Pictures of open "Animate with Kling" forms in `picture_forms`, one row per form until its time is up. */
export class PostgresPictureFormStore implements PictureFormStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async save(form: PictureForm): Promise<string> {
    const now = this.now();
    await this.pool.query('DELETE FROM picture_forms WHERE expires_at <= $1', [now]);
    const id = newPictureFormId();
    await this.pool.query(
      `INSERT INTO picture_forms (id, guild_id, user_id, channel_id, message_id, picture_json, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, form.guildId, form.userId, form.channelId, form.messageId, JSON.stringify(form.picture), now + PICTURE_FORM_TTL_MS],
    );
    return id;
  }

  async take(id: string, owner: { guildId: string; userId: string }): Promise<PictureFormTake> {
    const now = this.now();
    // One statement, so two submits of the same form (two processes) cannot both get it.
    const { rows } = await this.pool.query<PictureFormRow>(
      `DELETE FROM picture_forms WHERE id = $1 AND guild_id = $2 AND user_id = $3 AND expires_at > $4
       RETURNING guild_id, user_id, channel_id, message_id, picture_json`,
      [id, owner.guildId, owner.userId, now],
    );
    const row = rows[0];
    if (row) {
      const picture = readPictureFacts(row.picture_json);
      if (!picture) return { kind: 'unknown' };
      return {
        kind: 'taken',
        form: { guildId: row.guild_id, userId: row.user_id, channelId: row.channel_id, messageId: row.message_id, picture },
      };
    }
    const live = await this.pool.query('SELECT 1 FROM picture_forms WHERE id = $1 AND expires_at > $2', [id, now]);
    return live.rowCount ? { kind: 'foreign' } : { kind: 'unknown' };
  }
}
