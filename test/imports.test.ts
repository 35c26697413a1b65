/**
 * Who may import whom: the built bot (src, commands) never reaches the test kit, nothing but the
 * tests reaches into test/, and each folder of the bot imports only what the table of
 * docs/architecture.md allows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Top-level folders that a file's relative imports land in. */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specifiers.map((s) => relative(REPO_ROOT, resolve(dirname(file), s)).split('/')[0] as string);
}

function offenders(folders: string[], forbidden: string[]): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) =>
      importedFolders(file)
        .filter((top) => forbidden.includes(top))
        .map((top) => `${relative(REPO_ROOT, file)} imports ${top}/`),
    ),
  );
}

/** A file's relative imports, as paths from the repository's root (`src/jobs/job.ts`). */
function importedPaths(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specifiers.map((s) => relative(REPO_ROOT, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** A file's package imports (`discord.js`, `pg`, `node:fs`). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)].map((m) => m[1] as string);
}

/**
 * The table of docs/architecture.md ("What each folder may import"): each folder of the project
 * and the folders or files of the project it may import besides itself. The order matters: the
 * first rule whose folder holds a file is the one that applies.
 */
const MAY_IMPORT: readonly (readonly [folder: string, allowed: readonly string[]])[] = [
  ['src/text/', []],
  ['src/logger.ts', []],
  ['src/model/', ['src/text/']],
  ['src/media/', ['src/text/']],
  ['src/jobs/', ['src/model/', 'src/text/']],
  ['src/community/', ['src/jobs/', 'src/model/', 'src/text/']],
  ['src/runcomfy/', ['src/jobs/', 'src/model/', 'src/text/']],
  ['src/storage/', ['src/jobs/', 'src/community/', 'src/model/', 'src/text/', 'src/logger.ts']],
  ['src/ops/', ['src/jobs/', 'src/logger.ts']],
  // The configuration's type only: the edge reads its own settings from it.
  // And the commands' definitions, as types only (test/discord.router.test.ts checks): a handler's
  // options are typed from them.
  [
    'src/discord/',
    ['src/jobs/', 'src/community/', 'src/model/', 'src/media/', 'src/text/', 'src/ops/', 'src/logger.ts', 'src/config.ts', 'commands/'],
  ],
  ['src/web/', ['src/jobs/', 'src/community/', 'src/model/', 'src/text/', 'src/discord/i18n/', 'src/logger.ts']],
  [
    'commands/',
    [
      'src/discord/commandOptions.ts',
      'src/discord/i18n/',
      // The value the language option stores when a server follows its Discord language.
      'src/discord/handlers/settings/language.ts',
      'src/community/languages.ts',
      // The limits of a server setting the command states (Extend's chain length).
      'src/community/guildSettings.ts',
      'src/model/',
    ],
  ],
];

/** Packages only one folder may import: the transport of the edge and the database drivers. */
const PACKAGE_OWNERS: Readonly<Record<string, readonly string[]>> = {
  'discord.js': ['src/discord/', 'commands/', 'src/commandList.ts', 'src/register.ts', 'src/app.ts'],
  // The copy from SQLite to PostgreSQL opens both.
  'better-sqlite3': ['src/storage/sqlite/', 'src/storage/sqliteToPostgres.ts'],
  pg: ['src/storage/postgres/', 'src/storage/sqliteToPostgres.ts'],
};

function ruleFor(file: string): readonly [string, readonly string[]] | undefined {
  return MAY_IMPORT.find(([folder]) => file === folder || file.startsWith(folder));
}

function layerOffenders(): string[] {
  return ['src', 'commands'].flatMap((top) =>
    sourceFiles(top).flatMap((path) => {
      const file = relative(REPO_ROOT, path);
      const rule = ruleFor(file);
      if (!rule) return [];
      const [own, allowed] = rule;
      return importedPaths(path)
        .filter((target) => !target.startsWith(own) && !allowed.some((place) => target === place || target.startsWith(place)))
        .map((target) => `${file} imports ${target}`);
    }),
  );
}

function packageOffenders(): string[] {
  return ['src', 'commands'].flatMap((top) =>
    sourceFiles(top).flatMap((path) => {
      const file = relative(REPO_ROOT, path);
      return importedPackages(path)
        .filter((name) => PACKAGE_OWNERS[name] && !PACKAGE_OWNERS[name].some((place) => file === place || file.startsWith(place)))
        .map((name) => `${file} imports ${name}`);
    }),
  );
}

describe('import boundaries', () => {
  it('keeps the test kit and the tests out of the built bot', () => {
    expect(offenders(['src', 'commands'], ['testkit', 'test', 'bench', 'scripts'])).toEqual([]);
  });

  it('lets only the tests import from test/', () => {
    expect(offenders(['testkit', 'bench', 'scripts'], ['test'])).toEqual([]);
  });

  it('keeps each folder to what the table of docs/architecture.md lets it import', () => {
    expect(layerOffenders()).toEqual([]);
  });

  it('keeps discord.js in the edge and each database driver in its own storage', () => {
    expect(packageOffenders()).toEqual([]);
  });

  it('applies the table to every folder of src but the wiring', () => {
    const unruled = sourceFiles('src')
      .map((path) => relative(REPO_ROOT, path))
      .filter((file) => !ruleFor(file) && file.includes('/', 'src/'.length));
    expect(unruled).toEqual([]);
  });

  it('finds a layer crossing when there is one', () => {
    // Guards the table's check: the edge reaching into the core is allowed, the core reaching
    // into the edge is not.
    expect(ruleFor('src/jobs/poller.ts')?.[1]).not.toContain('src/discord/');
    expect(importedPaths(join(REPO_ROOT, 'src/discord/edge.ts'))).toEqual(expect.arrayContaining(['src/jobs/jobService.ts']));
  });

  it('sees the imports it checks', () => {
    // Guards the scan itself: a broken pattern would pass the two checks above vacuously.
    expect(importedFolders(join(REPO_ROOT, 'testkit/world/botWorld.ts'))).toEqual(expect.arrayContaining(['src', 'testkit']));
  });
});
