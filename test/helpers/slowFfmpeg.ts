/**
 * An ffmpeg for crash tests: a shell wrapper around the real binary that notes each run whose
 * arguments contain `marker` (its pid, one line each) and waits a moment before it, so a test can
 * kill the bot while such a run is under way. Every other run goes straight through.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFfmpegBinaries } from '../../src/media/ffmpeg.js';

export function slowFfmpeg(dir: string, marker: string, seconds = 2): { path: string; started: () => string[] } {
  const real = resolveFfmpegBinaries().ffmpeg;
  const log = join(dir, `ffmpeg-${marker.replace(/\W/g, '_')}.log`);
  const path = join(dir, 'ffmpeg-wrapper');
  writeFileSync(path, `#!/bin/sh\ncase " $* " in *"${marker}"*) echo "$$" >> '${log}'; sleep ${seconds};; esac\nexec '${real}' "$@"\n`);
  chmodSync(path, 0o755);
  return { path, started: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}
