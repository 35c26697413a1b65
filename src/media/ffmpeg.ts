/**
 * The one way the bot runs ffmpeg and ffprobe: a child process started with an argument list
 * (never a shell, so no file name or prompt can become a command), a time limit, a bounded number
 * at once, and typed errors. Nothing else in the bot spawns them.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

/** The binary is not there or cannot be executed (a wrong `FFMPEG_PATH`, a platform without the bundled one). */
export class FfmpegMissing extends Error {
  override readonly name = 'FfmpegMissing';
  constructor(
    /** The path that was tried. */
    readonly path: string,
    /** The operating system's code (`ENOENT`, `EACCES`) or what was wrong with its answer. */
    readonly reason: string,
  ) {
    super(`ffmpeg is not usable at ${path}: ${reason}`);
  }
}

/** The tool ran and exited with an error. */
export class FfmpegFailed extends Error {
  override readonly name = 'FfmpegFailed';
  constructor(
    /** The exit code, or null when a signal ended it. */
    readonly code: number | null,
    /** The end of what it wrote to stderr: its reason, without the banner. */
    readonly stderrTail: string,
  ) {
    super(`ffmpeg exited with ${code ?? 'a signal'}: ${stderrTail.split('\n').filter(Boolean).slice(-3).join(' | ')}`);
  }
}

/** The tool ran past its time limit and was killed. */
export class FfmpegTimeout extends Error {
  override readonly name = 'FfmpegTimeout';
  constructor(readonly timeoutMs: number) {
    super(`ffmpeg ran past its limit of ${timeoutMs} ms and was stopped`);
  }
}

export type FfmpegError = FfmpegMissing | FfmpegFailed | FfmpegTimeout;

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
}

/**
 * The binaries shipped inside `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`,
 * unless a path is given. The packages throw a bare string on a platform they do not cover;
 * that becomes a path that will fail the start check with its reason, not a crash at import.
 */
export function resolveFfmpegBinaries(given: { ffmpegPath?: string | undefined; ffprobePath?: string | undefined } = {}): FfmpegBinaries {
  const require = createRequire(import.meta.url);
  const bundled = (name: string, fallback: string): string => {
    try {
      return (require(name) as { path: string }).path;
    } catch {
      return fallback;
    }
  };
  return {
    ffmpeg: given.ffmpegPath ?? bundled('@ffmpeg-installer/ffmpeg', 'ffmpeg'),
    ffprobe: given.ffprobePath ?? bundled('@ffprobe-installer/ffprobe', 'ffprobe'),
  };
}

export interface FfmpegRunnerOptions {
  binaries: FfmpegBinaries;
  /**
   * Tools running at once; more wait their turn. x264 already uses every core, so more than one
   * per core only makes each encode slower.
   * @defaultValue the number of cores
   */
  concurrency?: number;
  /**
   * Longest a run may take unless the call says otherwise.
   * @defaultValue 10 minutes
   */
  timeoutMs?: number;
}

export interface RunOptions {
  /** @defaultValue the runner's `timeoutMs` */
  timeoutMs?: number;
  /** Stops the run (and a wait for its turn) early; it then fails as a timeout would not: with the signal's reason. */
  signal?: AbortSignal;
}

/** What ffprobe says of a file, reduced to what the studio uses. */
export interface MediaInfo {
  durationSeconds: number;
  sizeBytes: number;
  formatName: string;
  video?: { codec: string; width: number; height: number; fps: number; frames: number | undefined; pixelFormat: string };
  audio?: { codec: string; sampleRate: number; channels: number };
}

/** Enough of stderr to hold ffmpeg's reason; its progress lines before that are dropped. */
const STDERR_TAIL = 4_000;

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Checks of binaries done in this process, by their paths. */
const CHECKED = new Map<string, Promise<{ ffmpeg: string; ffprobe: string }>>();

function parseRate(rate: unknown): number {
  if (typeof rate !== 'string') return 0;
  const [num, den] = rate.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return 0;
  return den ? num / den : num;
}

const asNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** ffprobe's JSON (`-show_format -show_streams`) as `MediaInfo`; exported for its table test. */
export function parseProbe(json: unknown): MediaInfo {
  const root = (typeof json === 'object' && json !== null ? json : {}) as { format?: Record<string, unknown>; streams?: unknown[] };
  const format = root.format ?? {};
  const streams = (root.streams ?? []) as Record<string, unknown>[];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const info: MediaInfo = {
    durationSeconds: asNumber(format.duration) ?? asNumber(video?.duration) ?? 0,
    sizeBytes: asNumber(format.size) ?? 0,
    formatName: typeof format.format_name === 'string' ? format.format_name : '',
  };
  if (video) {
    info.video = {
      codec: String(video.codec_name ?? ''),
      width: asNumber(video.width) ?? 0,
      height: asNumber(video.height) ?? 0,
      fps: parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate),
      frames: asNumber(video.nb_frames),
      pixelFormat: String(video.pix_fmt ?? ''),
    };
  }
  if (audio) {
    info.audio = {
      codec: String(audio.codec_name ?? ''),
      sampleRate: asNumber(audio.sample_rate) ?? 0,
      channels: asNumber(audio.channels) ?? 0,
    };
  }
  return info;
}

/** Runs ffmpeg and ffprobe as child processes, a bounded number at a time. */
export class FfmpegRunner {
  readonly binaries: FfmpegBinaries;
  readonly concurrency: number;
  readonly #timeoutMs: number;
  #running = 0;
  #changes = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: FfmpegRunnerOptions) {
    this.binaries = options.binaries;
    this.concurrency = Math.max(1, options.concurrency ?? availableParallelism());
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Runs in flight (waiting for a turn included), and a counter that moves with each start and
   * end: a test world on a simulated clock holds time still while a tool runs.
   */
  get activity(): { readonly inFlight: number; readonly changes: number } {
    const self = this;
    return {
      get inFlight() {
        return self.#running + self.#waiting.length;
      },
      get changes() {
        return self.#changes;
      },
    };
  }

  /** ffmpeg with these arguments (after `-hide_banner -nostdin -y`); resolves with its stderr tail. */
  async ffmpeg(args: readonly string[], options: RunOptions = {}): Promise<string> {
    return (await this.#run(this.binaries.ffmpeg, ['-hide_banner', '-nostdin', '-y', ...args], options)).stderr;
  }

  /** What ffprobe says of a file. */
  async probe(path: string, options: RunOptions = {}): Promise<MediaInfo> {
    const { stdout } = await this.#run(
      this.binaries.ffprobe,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      options,
    );
    try {
      return parseProbe(JSON.parse(stdout));
    } catch {
      throw new FfmpegFailed(0, `ffprobe printed no JSON for ${path}`);
    }
  }

  /**
   * Both binaries answer `-version`, and ffmpeg has the encoders the studio needs. Call at start,
   * so a missing or broken binary is named before a member waits on it.
   * @returns the first line of each version answer
   */
  async check(): Promise<{ ffmpeg: string; ffprobe: string }> {
    // Once per pair of binaries in a process: the tests start many bots, and a binary that
    // answered once does not go away while the process runs.
    const key = `${this.binaries.ffmpeg}\0${this.binaries.ffprobe}`;
    let checked = CHECKED.get(key);
    if (!checked) {
      checked = this.#check();
      CHECKED.set(key, checked);
      checked.catch(() => CHECKED.delete(key));
    }
    return checked;
  }

  async #check(): Promise<{ ffmpeg: string; ffprobe: string }> {
    const ffmpeg = await this.#version(this.binaries.ffmpeg);
    const ffprobe = await this.#version(this.binaries.ffprobe);
    const encoders = (await this.#run(this.binaries.ffmpeg, ['-hide_banner', '-encoders'], { timeoutMs: 15_000 })).stdout;
    for (const needed of ['libx264', 'aac', 'gif']) {
      if (!new RegExp(`\\s${needed}\\s`).test(encoders)) throw new FfmpegMissing(this.binaries.ffmpeg, `it has no ${needed} encoder`);
    }
    return { ffmpeg, ffprobe };
  }

  async #version(path: string): Promise<string> {
    try {
      const { stdout } = await this.#run(path, ['-version'], { timeoutMs: 15_000 });
      return stdout.split('\n')[0]?.trim() ?? '';
    } catch (error) {
      if (error instanceof FfmpegMissing) throw error;
      throw new FfmpegMissing(path, error instanceof Error ? error.message : String(error));
    }
  }

  async #turn(signal: AbortSignal | undefined): Promise<void> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.#waiting.indexOf(go);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(go);
    });
    // The slot was handed over by the run that ended (see #release): #running did not drop.
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }

  async #run(command: string, args: readonly string[], options: RunOptions): Promise<{ stdout: string; stderr: string }> {
    options.signal?.throwIfAborted();
    this.#changes++;
    await this.#turn(options.signal);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise((resolve, reject) => {
        // No shell: arguments go to the program as they are, whatever a file name holds.
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: controller.signal, killSignal: 'SIGKILL' });
        const stdout: Buffer[] = [];
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => {
          stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
        });
        child.once('error', (error: NodeJS.ErrnoException) => {
          if (error.name === 'AbortError') {
            reject(options.signal?.aborted ? options.signal.reason : new FfmpegTimeout(timeoutMs));
          } else if (error.code === 'ENOENT' || error.code === 'EACCES') {
            reject(new FfmpegMissing(command, error.code));
          } else {
            reject(error);
          }
        });
        child.once('close', (code) => {
          if (controller.signal.aborted) return; // 'error' told it
          if (code === 0) resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr });
          else reject(new FfmpegFailed(code, stderr));
        });
      });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      this.#release();
      this.#changes++;
    }
  }
}
