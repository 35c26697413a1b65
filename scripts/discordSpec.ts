/**
 * `npx tsx scripts/discordSpec.ts <openapi.json> [commit]`: cuts Discord's OpenAPI file down to the
 * routes this bot calls and the schemas their request bodies reach, and writes
 * `testkit/discord/spec/openapi.subset.json`, which `testkit/discord/spec/check.ts` validates the
 * fake's recorded requests against. Run by hand when Discord's file moves on; tests never read the
 * full file, so a clean clone needs nothing but the subset.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The commit of discord/discord-api-spec the committed subset was cut from. */
const DEFAULT_COMMIT = '74fda0fad044407ea280043a03ffc9bc64c4e49e';

/**
 * Every route the bot's REST calls reach (discord.js included: the gateway lookup, the
 * application and guild reads it makes on its own). `test/discord.openapi.test.ts` fails on a
 * request to a route missing here, so this list grows with the bot.
 */
export const BOT_ROUTES: readonly (readonly [method: string, template: string])[] = [
  ['GET', '/gateway'],
  ['GET', '/gateway/bot'],
  ['GET', '/users/@me'],
  ['GET', '/users/{user_id}'],
  ['GET', '/applications/@me'],
  ['GET', '/applications/{application_id}/commands'],
  ['PUT', '/applications/{application_id}/commands'],
  ['GET', '/applications/{application_id}/guilds/{guild_id}/commands'],
  ['PUT', '/applications/{application_id}/guilds/{guild_id}/commands'],
  ['GET', '/guilds/{guild_id}'],
  ['GET', '/guilds/{guild_id}/channels'],
  ['GET', '/guilds/{guild_id}/roles'],
  ['GET', '/guilds/{guild_id}/members/{user_id}'],
  ['POST', '/users/@me/channels'],
  ['GET', '/channels/{channel_id}'],
  ['PATCH', '/channels/{channel_id}'],
  ['GET', '/channels/{channel_id}/messages'],
  ['POST', '/channels/{channel_id}/messages'],
  ['GET', '/channels/{channel_id}/messages/{message_id}'],
  ['PATCH', '/channels/{channel_id}/messages/{message_id}'],
  ['DELETE', '/channels/{channel_id}/messages/{message_id}'],
  ['POST', '/channels/{channel_id}/messages/{message_id}/threads'],
  ['PUT', '/channels/{channel_id}/thread-members/{user_id}'],
  ['POST', '/channels/{channel_id}/typing'],
  ['POST', '/interactions/{interaction_id}/{interaction_token}/callback'],
  ['POST', '/webhooks/{webhook_id}/{webhook_token}'],
  ['GET', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
  ['PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
  ['DELETE', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
  ['GET', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}'],
  ['PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}'],
  ['DELETE', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}'],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
}

interface OpenApi {
  info?: { license?: { name?: string } };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

export interface SubsetRoute {
  method: string;
  path: string;
  /** The `application/json` schema; multipart bodies are checked through their `payload_json`. */
  body: Json;
  bodyRequired: boolean;
}

const SCHEMA_REF = '#/components/schemas/';

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refsIn(value: Json, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) refsIn(item, found);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string' && item.startsWith(SCHEMA_REF)) found.add(item.slice(SCHEMA_REF.length));
    else refsIn(item, found);
  }
}

/** Every schema a set of schemas reaches through `$ref`, sorted by name for stable diffs. */
export function schemaClosure(roots: Json[], schemas: Record<string, Json>): Record<string, Json> {
  const found = new Set<string>();
  for (const root of roots) refsIn(root, found);
  const pending = [...found];
  const seen = new Map<string, Json>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    const schema = schemas[name];
    if (schema === undefined) throw new Error(`the spec refers to ${SCHEMA_REF}${name} but does not define it`);
    seen.set(name, schema);
    const next = new Set<string>();
    refsIn(schema, next);
    for (const ref of next) if (!seen.has(ref)) pending.push(ref);
  }
  return Object.fromEntries([...seen.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function cutSubset(spec: OpenApi, commit: string) {
  const routes: SubsetRoute[] = BOT_ROUTES.map(([method, path]) => {
    const operation = spec.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`the spec has no ${method} ${path}`);
    const body = operation.requestBody?.content?.['application/json']?.schema ?? null;
    return { method, path, body, bodyRequired: operation.requestBody?.required === true && body !== null };
  });
  return {
    source: {
      repository: 'https://github.com/discord/discord-api-spec',
      file: 'specs/openapi.json',
      commit,
      licence: `${spec.info?.license?.name ?? 'MIT'}, Copyright 2023 Discord (see testkit/discord/spec/README.md)`,
    },
    routes,
    components: {
      schemas: schemaClosure(
        routes.map((r) => r.body),
        spec.components.schemas,
      ),
    },
  };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const [input, commit = DEFAULT_COMMIT] = process.argv.slice(2);
  if (!input) {
    process.stderr.write('usage: npx tsx scripts/discordSpec.ts <path to openapi.json> [commit]\n');
    process.exit(2);
  }
  const spec = JSON.parse(readFileSync(input, 'utf8')) as OpenApi;
  const subset = cutSubset(spec, commit);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'testkit', 'discord', 'spec', 'openapi.subset.json');
  const text = `${JSON.stringify(subset, null, 1)}\n`;
  writeFileSync(out, text);
  process.stdout.write(
    `wrote ${out}: ${subset.routes.length} routes, ${Object.keys(subset.components.schemas).length} schemas, ${text.length} bytes\n`,
  );
}
