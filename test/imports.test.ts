/**
 * Who may import whom across the top-level folders: the built bot (src, commands) never reaches
 * the test kit, and nothing but the tests reaches into test/.
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

describe('import boundaries', () => {
  it('keeps the test kit and the tests out of the built bot', () => {
    expect(offenders(['src', 'commands'], ['testkit', 'test', 'bench', 'scripts'])).toEqual([]);
  });

  it('lets only the tests import from test/', () => {
    expect(offenders(['testkit', 'bench', 'scripts'], ['test'])).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // Guards the scan itself: a broken pattern would pass the two checks above vacuously.
    expect(importedFolders(join(REPO_ROOT, 'testkit/world/botWorld.ts'))).toEqual(expect.arrayContaining(['src', 'testkit']));
  });
});
