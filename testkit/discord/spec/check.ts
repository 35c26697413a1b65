/**
 * Checks a request the fake Discord recorded against Discord's own OpenAPI schemas (the subset in
 * `openapi.subset.json`, cut by `scripts/discordSpec.ts`). The fake's hand-written rules catch
 * what they were written for; this catches what nobody thought to write a rule for.
 */
import { readFileSync } from 'node:fs';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RecordedRequest } from '../server.js';

type Schema = boolean | { [key: string]: unknown };

interface SubsetRoute {
  method: string;
  path: string;
  body: Schema | null;
  bodyRequired: boolean;
}

interface Subset {
  source: { repository: string; file: string; commit: string; licence: string };
  routes: SubsetRoute[];
  components: { schemas: Record<string, Schema> };
}

export interface SpecCheck {
  /** `METHOD /template` from the spec, e.g. `POST /channels/{channel_id}/messages`; undefined when no route matches. */
  route: string | undefined;
  /** What the spec refuses in the body, one readable line each; empty when it passes. */
  problems: string[];
}

const subset = JSON.parse(readFileSync(new URL('./openapi.subset.json', import.meta.url), 'utf8')) as Subset;

/** Where the subset's schemas live for Ajv; an identifier only, never fetched. */
const DOCUMENT_ID = 'https://discord-openapi.invalid/subset.json';

// Ajv is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;

// Discord's formats (int64, snowflake) are not JSON Schema's, and its `x-discord-*` keywords are
// annotations: this check is about shapes and limits, so both are left alone.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, verbose: true });

/** Bit sets the spec types as integers while Discord's documentation types them as strings. */
const PERMISSION_FIELDS = new Set(['default_member_permissions', 'permissions', 'allow', 'deny']);
const DECIMAL = '^(0|[1-9][0-9]*)$';

const typesOf = (schema: Record<string, unknown>): unknown[] => (Array.isArray(schema.type) ? schema.type : [schema.type]);

/**
 * The spec writes one encoding where Discord takes two, and the bot's libraries use the other:
 * a snowflake may be a number (Discord's own upload example sends `"id": 0`, as discord.js
 * does), and a permission bit set a decimal string (how the documentation and discord.js write
 * it). Both are widened to accept either form; every other rule stays as the spec has it.
 */
function widened(value: unknown, propertyName?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => widened(item));
  if (typeof value !== 'object' || value === null) return value;
  const schema = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(schema)) {
    if (key === 'properties' && typeof item === 'object' && item !== null) {
      out[key] = Object.fromEntries(Object.entries(item).map(([name, property]) => [name, widened(property, name)]));
    } else out[key] = widened(item);
  }
  if (schema.format === 'snowflake' && schema.type === 'string') return { ...out, type: ['string', 'integer'], minimum: 0 };
  if (propertyName !== undefined && PERMISSION_FIELDS.has(propertyName) && typesOf(schema).includes('integer')) {
    return { ...out, type: [...typesOf(schema), 'string'], pattern: DECIMAL };
  }
  return out;
}

ajv.addSchema({ $id: DOCUMENT_ID, components: widened(subset.components) });

/** Points the subset's `#/components/...` references at the registered document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? [key, `${DOCUMENT_ID}${value}`] : [key, anchored(value)],
    ),
  );
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = validators.get(key);
  if (known) return known;
  const validate = ajv.compile(anchored(schema) as Schema);
  validators.set(key, validate);
  return validate;
}

interface Problem {
  path: string;
  keyword: string;
  message: string;
  /** The union branches chosen on the way down, outermost first. */
  via: string[];
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

function branchName(branch: unknown): string {
  if (typeof branch === 'object' && branch !== null) {
    const ref = (branch as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return ref.slice(ref.lastIndexOf('/') + 1);
    const type = (branch as { type?: unknown }).type;
    if (type !== undefined) return JSON.stringify(type);
  }
  return JSON.stringify(branch);
}

/**
 * A branch whose discriminator refuses the data (`type` outside its enum) or whose JSON type is
 * not the data's is not what the sender meant; its complaints would only bury the real one.
 */
function ruledOut(problems: Problem[], at: string): boolean {
  return problems.some(
    (p) => (p.path === `${at}/type` && (p.keyword === 'enum' || p.keyword === 'const')) || (p.path === at && p.keyword === 'type'),
  );
}

function explainUnion(kind: string, branches: unknown[], rest: Schema, data: unknown, at: string): Problem[] {
  const own = explain(rest, data, at);
  const tried = branches.map((branch) => ({ name: branchName(branch), problems: explain(branch as Schema, data, at) }));
  if (tried.some((t) => t.problems.length === 0)) return own;
  const plausible = tried.filter((t) => !ruledOut(t.problems, at));
  if (plausible.length === 0) {
    const type = typeof data === 'object' && data !== null && 'type' in data ? ` (its type is ${JSON.stringify(data.type)})` : '';
    return [...own, { path: at, keyword: kind, message: `matches none of ${tried.map((t) => t.name).join(', ')}${type}`, via: [] }];
  }
  const best = plausible.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
  return [...own, ...best.problems.map((p) => ({ ...p, via: [best.name, ...p.via] }))];
}

/**
 * Ajv's errors for a failed union list every branch's complaints; this keeps those of the branch
 * the data was meant to be, recursively, so a message reads as one mistake rather than seven.
 */
function explain(schema: Schema, data: unknown, at: string): Problem[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: `${at}${e.instancePath}` }));
  const unions = errors
    .map((error, index) => ({ error, index }))
    .filter(({ error }) => error.keyword === 'anyOf' || (error.keyword === 'oneOf' && !error.params.passingSchemas))
    // Outermost first: the shortest path, and at one path the one Ajv reported last.
    .sort((a, b) => a.error.instancePath.length - b.error.instancePath.length || b.index - a.index);
  const handled: string[] = [];
  const problems: Problem[] = [];
  for (const { error } of unions) {
    if (handled.some((prefix) => within(error.instancePath, prefix))) continue;
    handled.push(error.instancePath);
    const { [error.keyword]: _branches, ...rest } = error.parentSchema as Record<string, unknown>;
    problems.push(...explainUnion(error.keyword, error.schema as unknown[], rest, error.data, error.instancePath));
  }
  for (const error of errors) {
    if (handled.some((prefix) => within(error.instancePath, prefix))) continue;
    problems.push(toProblem(error));
  }
  return problems;
}

function toProblem(error: ErrorObject): Problem {
  let message = error.message ?? error.keyword;
  if (error.keyword === 'enum') message += ` ${JSON.stringify(error.params.allowedValues)}, got ${JSON.stringify(error.data)}`;
  if (error.keyword === 'maxLength' || error.keyword === 'minLength') message += `, got ${[...String(error.data)].length}`;
  if (error.keyword === 'maxItems' || error.keyword === 'minItems') message += `, got ${(error.data as unknown[]).length}`;
  if (error.keyword === 'oneOf') message += ` (branches ${JSON.stringify(error.params.passingSchemas)} all match)`;
  return { path: error.instancePath, keyword: error.keyword, message, via: [] };
}

function format(problem: Problem): string {
  const via = problem.via.length ? ` [as ${problem.via.join(' › ')}]` : '';
  return `${problem.path || '(body)'} ${problem.message}${via}`;
}

interface CompiledRoute extends SubsetRoute {
  pattern: RegExp;
  /** Literal segments win over parameters: `/messages/@original` before `/messages/{message_id}`. */
  literals: number;
}

const routes: CompiledRoute[] = subset.routes
  .map((route) => {
    const segments = route.path.split('/').slice(1);
    const source = segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    return { ...route, pattern: new RegExp(`^/${source}$`), literals: segments.filter((s) => !s.startsWith('{')).length };
  })
  .sort((a, b) => b.literals - a.literals);

/** The spec's route for a method and a recorded path (without `/api/v10`). */
export function specRoute(method: string, path: string): string | undefined {
  const route = routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
  return route ? `${route.method} ${route.path}` : undefined;
}

/**
 * The spec's route for a recorded request and what its schema refuses in the body: the JSON body,
 * or `payload_json` of a multipart one (the fake keeps either in `json`). Formats are not checked.
 */
export function specProblems(request: Pick<RecordedRequest, 'method' | 'path' | 'json'>): SpecCheck {
  const method = request.method.toUpperCase();
  const route = routes.find((r) => r.method === method && r.pattern.test(request.path));
  if (!route) return { route: undefined, problems: [`${method} ${request.path} is not a route of the spec subset`] };
  const name = `${route.method} ${route.path}`;
  if (request.json === undefined) {
    return { route: name, problems: route.bodyRequired ? ['(body) is missing, and the spec requires one'] : [] };
  }
  if (route.body === null) return { route: name, problems: [] };
  const problems = explain(route.body, request.json, '').sort((a, b) => a.path.localeCompare(b.path));
  return { route: name, problems: problems.map(format) };
}

/** Where the subset came from, for messages and the README. */
export const specSource = subset.source;
