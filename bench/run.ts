/**
 * `npm run bench`: runs each figure in its own process, prints the results, and rewrites
 * docs/benchmarks.md with them. `npm run bench -- ack due` runs only those figures and leaves the
 * document alone (a partial table would drop the others).
 *
 * Benchmarks inform; they never fail the build. The exit code is 0 even when an aim is missed or
 * a figure does not finish: the table says so instead.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.js';
import { forkTs, ROOT } from './fakesClient.js';
import type { FigureResult } from './figure.js';
import { FIGURES, type FigureEntry } from './figures.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOC_PATH = join(ROOT, 'docs', 'benchmarks.md');

function runFigure(entry: FigureEntry): Promise<FigureResult[]> {
  return new Promise((resolve) => {
    // --expose-gc lets the memory figure settle its baseline; the others do not call gc.
    const child = forkTs(join(HERE, 'child.ts'), [entry.id], ['--expose-gc']);
    let results: FigureResult[] | undefined;
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `did not finish within ${entry.timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, entry.timeoutMs);
    child.on('message', (raw) => {
      const message = raw as ChildMessage;
      if (message.type === 'progress') process.stdout.write(`  ${message.line}\n`);
      else if (message.type === 'results') results = message.results;
      else failure = message.message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (results) {
        resolve(results);
        return;
      }
      const reason = failure ?? `exited with ${signal ?? `code ${String(code)}`} without results`;
      process.stdout.write(`  ${entry.id}: ${reason}\n`);
      resolve([{ figure: entry.id, aim: '—', result: `did not finish: ${reason.split('\n')[0] ?? reason}`, met: false }]);
    });
  });
}

function machine(): { date: string; short: string; long: string } {
  const cores = cpus();
  const model = (cores[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const date = new Date().toISOString().slice(0, 10);
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`;
  return {
    date,
    short: `${date}, ${cores.length} cores`,
    long: `${date} (UTC) on ${process.platform} ${process.arch}, ${cores.length} × ${model}, ${memory}, Node ${process.version}`,
  };
}

const verdict = (met: boolean | undefined): string => (met === undefined ? '—' : met ? 'met' : 'missed');
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function document(results: readonly FigureResult[], where: ReturnType<typeof machine>, elapsedS: number): string {
  const rows = results.map(
    (r) =>
      `| ${cell(r.figure)} | ${cell(r.aim)} | ${cell(r.result)} | ${r.met === false ? '**missed**' : verdict(r.met)} | ${where.short} |`,
  );
  const notes = results.filter((r) => r.note).map((r) => `- **${r.figure}.** ${r.note ?? ''}`);
  return [
    '# Benchmarks',
    '',
    `Measured ${where.long}. \`npm run bench\` measures again and rewrites this file (about ${Math.ceil(elapsedS / 60)} minutes here); ` +
      'it never fails the build: an aim that is not met says "missed" below.',
    '',
    '| Figure | Aim | Result | Aim met? | Measured |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(notes.length ? ['## Notes', '', ...notes, ''] : []),
    '## Method',
    '',
    'Each figure runs in a Node process of its own (`node --import tsx --expose-gc bench/child.ts <figure>`, started by ' +
      "`bench/run.ts`), so one figure's heap and CPU time do not leak into the next. Where a figure reads the bot's CPU or " +
      'memory, the loopback Discord and the fake RunComfy (`testkit/`) run in a further child process (`bench/fakesHost.ts`), ' +
      "so the readings are the bot's alone, as they would be against the real services. Everything talks HTTP and WebSocket " +
      'on 127.0.0.1; nothing leaves the machine. Percentiles are nearest-rank.',
    '',
    ...FIGURES.flatMap((f) => [f.method, '']),
  ].join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((id) => !FIGURES.some((f) => f.id === id));
  if (unknown.length) {
    process.stdout.write(`Unknown figure(s) ${unknown.join(', ')}; known: ${FIGURES.map((f) => f.id).join(', ')}\n`);
    return;
  }
  const selected = wanted.length ? FIGURES.filter((f) => wanted.includes(f.id)) : FIGURES;
  const where = machine();
  process.stdout.write(`Benchmarks, ${where.long}\n`);
  const started = Date.now();
  const results: FigureResult[] = [];
  for (const entry of selected) {
    process.stdout.write(`\n[${entry.id}]\n`);
    results.push(...(await runFigure(entry)));
  }
  const elapsedS = (Date.now() - started) / 1000;

  process.stdout.write(`\nResults (${elapsedS.toFixed(0)} s):\n`);
  for (const r of results)
    process.stdout.write(`  ${r.met === false ? '✗' : '✓'} ${r.figure}: ${r.result} (aim ${r.aim}: ${verdict(r.met)})\n`);
  if (selected.length === FIGURES.length) {
    writeFileSync(DOC_PATH, document(results, where, elapsedS));
    process.stdout.write(`\nWrote ${DOC_PATH.slice(ROOT.length + 1)}\n`);
  } else {
    process.stdout.write('\nRan a subset: docs/benchmarks.md left as it was.\n');
  }
}

await main().catch((error: unknown) => {
  // Benchmarks never fail the build; say what went wrong and move on.
  process.stdout.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
});
process.exitCode = 0;
