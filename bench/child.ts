/**
 * One figure in a process of its own (`node --import tsx bench/child.ts <figure id>`), so each
 * starts from a clean heap and its CPU and memory readings are not mixed with another's.
 * Sends its results to run.ts over IPC.
 */

import type { FigureResult } from './figure.js';
import { FIGURES } from './figures.js';

export type ChildMessage =
  | { type: 'progress'; line: string }
  | { type: 'results'; results: FigureResult[] }
  | { type: 'failed'; message: string };

const id = process.argv[2] ?? '';
const figure = FIGURES.find((f) => f.id === id);

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      // Run by hand: print instead.
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

if (!figure) {
  await send({ type: 'failed', message: `no figure "${id}"; known: ${FIGURES.map((f) => f.id).join(', ')}` });
  process.exitCode = 1;
} else {
  try {
    const module = await figure.load();
    const results = await module.run((line) => {
      void send({ type: 'progress', line });
    });
    await send({ type: 'results', results });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  }
}
// Exit now rather than when the last handle closes: a stray keep-alive socket must not hold
// the whole bench; the figure already stopped everything it started.
process.exit();
