import { type REST, type RESTPostAPIApplicationCommandsJSONBody, Routes } from 'discord.js';
import type { Logger } from 'pino';

/** Fields Discord adds or normalises on its side; compared on what we send. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || v === false || v === null) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      // Message and user commands come back with `description: ""`, which we never send.
      if (key === 'description' && v === '') continue;
      if (key === 'name_localized' || key === 'description_localized') continue;
      out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

/** Fields Discord adds to what it returns; left out of the comparison. */
const SERVER_FIELDS = new Set(['id', 'application_id', 'guild_id', 'version', 'default_permission', 'nsfw', 'dm_permission']);

/** What Discord stores for a command that does not say: a chat-input command, installable to servers. */
const DISCORD_DEFAULTS = { type: 1, integration_types: [0] };

function comparable(command: Record<string, unknown>): unknown {
  return normalise({ ...DISCORD_DEFAULTS, ...Object.fromEntries(Object.entries(command).filter(([key]) => !SERVER_FIELDS.has(key))) });
}

/**
 * Bulk-overwrites the commands when the registered set differs from ours, so it is idempotent
 * and cheap to call on every start (Discord rate-limits command writes hard).
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  commands: readonly RESTPostAPIApplicationCommandsJSONBody[],
  logger: Logger,
  force = false,
): Promise<'updated' | 'unchanged'> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  if (!force) {
    // Without the query Discord leaves every translation out, so a changed one would never show.
    const existing = (await rest.get(route, { query: new URLSearchParams({ with_localizations: 'true' }) })) as Record<string, unknown>[];
    const sortByName = (list: unknown[]) =>
      [...list].sort((a, b) => String((a as { name: string }).name).localeCompare(String((b as { name: string }).name)));
    const same =
      JSON.stringify(sortByName(existing.map(comparable))) ===
      JSON.stringify(sortByName(commands.map((c) => comparable(c as unknown as Record<string, unknown>))));
    if (same) {
      logger.info({ scope: guildId ? 'guild' : 'global', count: commands.length }, 'commands already registered');
      return 'unchanged';
    }
  }
  await rest.put(route, { body: commands });
  logger.info({ scope: guildId ? 'guild' : 'global', count: commands.length }, 'commands registered');
  return 'updated';
}
