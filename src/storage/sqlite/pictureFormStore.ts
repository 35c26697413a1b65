import {
  newPictureFormId,
  PICTURE_FORM_TTL_MS,
  type PictureForm,
  type PictureFormStore,
  type PictureFormTake,
  readPictureFacts,
} from '../../community/pictureForms.js';
import type { Db } from './database.js';

interface PictureFormRow {
  guild_id: string;
  user_id: string;
  channel_id: string;
  message_id: string;
  picture_json: string;
}

/** Pictures of open "Animate with Kling" forms in `picture_forms`, one row per form until its time is up. */
export class SqlitePictureFormStore implements PictureFormStore {
  private readonly statements;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      sweep: db.prepare<[number]>('DELETE FROM picture_forms WHERE expires_at <= ?'),
      insert: db.prepare<{ id: string; guild: string; user: string; channel: string; message: string; json: string; expires: number }>(`
        INSERT INTO picture_forms (id, guild_id, user_id, channel_id, message_id, picture_json, expires_at)
        VALUES (@id, @guild, @user, @channel, @message, @json, @expires)`),
      // One statement, so two submits of the same form (two processes) cannot both get it.
      take: db.prepare<{ id: string; guild: string; user: string; now: number }, PictureFormRow>(`
        DELETE FROM picture_forms WHERE id = @id AND guild_id = @guild AND user_id = @user AND expires_at > @now
        RETURNING guild_id, user_id, channel_id, message_id, picture_json`),
      live: db.prepare<[string, number], { id: string }>('SELECT id FROM picture_forms WHERE id = ? AND expires_at > ?'),
    };
  }

  async save(form: PictureForm): Promise<string> {
    const now = this.now();
    this.statements.sweep.run(now);
    const id = newPictureFormId();
    this.statements.insert.run({
      id,
      guild: form.guildId,
      user: form.userId,
      channel: form.channelId,
      message: form.messageId,
      json: JSON.stringify(form.picture),
      expires: now + PICTURE_FORM_TTL_MS,
    });
    return id;
  }

  async take(id: string, owner: { guildId: string; userId: string }): Promise<PictureFormTake> {
    const now = this.now();
    const row = this.statements.take.get({ id, guild: owner.guildId, user: owner.userId, now });
    if (row) return taken(row);
    return this.statements.live.get(id, now) ? { kind: 'foreign' } : { kind: 'unknown' };
  }
}

function taken(row: PictureFormRow): PictureFormTake {
  const picture = readPictureFacts(row.picture_json);
  if (!picture) return { kind: 'unknown' };
  return {
    kind: 'taken',
    form: { guildId: row.guild_id, userId: row.user_id, channelId: row.channel_id, messageId: row.message_id, picture },
  };
}
