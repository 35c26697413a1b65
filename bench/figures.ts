/**
 * The figures, in the order they run, with how each is measured (written under the table in
 * docs/benchmarks.md). Modules load only in the child process that runs them.
 */
import type { FigureModule } from './figure.js';

export interface FigureEntry {
  id: string;
  /** Longest the figure may take before run.ts stops it and reports it as not finished. */
  timeoutMs: number;
  method: string;
  load(): Promise<FigureModule>;
}

export const FIGURES: readonly FigureEntry[] = [
  {
    id: 'ack',
    timeoutMs: 300_000,
    method:
      '**Interaction acknowledgement.** The bot (`startApp` with production settings, in the benchmark process) runs against the ' +
      'loopback Discord and the fake RunComfy in a separate process. Admission is opened up through the guild settings (20 videos ' +
      'in progress per member, no budgets) and the fake provider keeps jobs queued for 10 minutes, so the work after each ' +
      'acknowledgement is the status post, the thread, the submit and the ephemeral answer, and nothing finishes. After a ' +
      'warm-up of 3 interactions, the fake Discord creates 200 `/video create` interactions from 10 members in one synchronous ' +
      "loop; each latency is the fake's own time from creating and dispatching INTERACTION_CREATE to receiving the first " +
      "callback (`responses[].at` minus the interaction's creation time). The provider cap is raised to 1000 requests/s for " +
      'this figure only, so the 200 submits are not held back by it.',
    load: () => import('./ackLatency.js'),
  },
  {
    id: 'poll',
    timeoutMs: 150_000,
    method:
      '**Poll loop with 10,000 pending jobs.** The fake provider runs in a child process and is given 10,000 jobs directly ' +
      '(queued for 2 hours). Before the bot starts, 10,000 matching jobs are written into its SQLite file through ' +
      '`JobStore.create` and the state machine (`created → submitting → queued`, submitted within the last 10 minutes), as a ' +
      'restart would find them. The whole bot then starts (`startApp`, production defaults: concurrency 8, the fixed poll ' +
      'schedule, a 120 s lease, log level `info`) with `PROVIDER_MAX_REQUESTS_PER_SECOND=20`; it connects to the loopback ' +
      'Discord, resumes the 10,000 jobs and polls them. After a 3 s warm-up it measures 30 s: the requests the fake provider ' +
      'received, the `process.cpuUsage()` delta divided by wall time (100% = one core), and the peak of ' +
      '`process.memoryUsage.rss()` sampled every 50 ms.',
    load: () => import('./pollLoop.js'),
  },
  {
    id: 'due',
    timeoutMs: 120_000,
    method:
      '**Due-job query.** A SQLite file (WAL, as the bot opens it) holds 100,000 jobs made with `JobStore.create`, then set ' +
      "in bulk to two shapes: a busy server's history (99,000 delivered jobs outside the `jobs_due` index, 1,000 pending, " +
      'half of them due) and the worst case (all 100,000 pending, half due). Each run times one awaited ' +
      "`JobStore.claimDue(owner, now, 120000, 8)` on the SQLite store (the poller's call at the default concurrency, through " +
      'the storage port: the indexed select and the compare-and-set leases, in one transaction) with `process.hrtime`; the claimed jobs are then made due again outside the timing, so every run sees the same table. ' +
      '5,000 runs per shape after 200 warm-up runs; `nextDueAt()` is timed the same way.',
    load: () => import('./dueQuery.js'),
  },
  {
    id: 'due-pg',
    timeoutMs: 180_000,
    method:
      '**Due-job query on PostgreSQL.** The embedded PostgreSQL server the tests use (`testkit/postgres/server.ts`: ' +
      '127.0.0.1, fsync off) holds 100,000 jobs, all pending and half of them due, written in one `INSERT … SELECT`. Three ' +
      '`PostgresStorage` instances, each with a pool of its own as three bot processes would have, call ' +
      '`JobStore.claimDue(owner, now, 120000, 8)` in a loop at the same time until none is due; each call is timed with ' +
      '`process.hrtime`, and every claimed id is recorded to check that none was handed out twice and all 50,000 were.',
    load: () => import('./duePostgres.js'),
  },
  {
    id: 'scale',
    timeoutMs: 600_000,
    method:
      '**Jobs delivered per minute, 1 process vs 3.** One embedded PostgreSQL server (a fresh database per run), one loopback ' +
      'Discord with two guilds on two shards, and one fake RunComfy that keeps each job queued for 0.3 s and rendering for ' +
      '0.7 s, all in the benchmark process. The bot runs as the production entry (`src/main.ts`, started by ' +
      '`testkit/world/childBot.ts`), first one process, then three, each holding both shards (so every process receives every ' +
      'interaction and the interaction claims pick the one that answers), with `PROVIDER_MAX_REQUESTS_PER_SECOND=1000` shared ' +
      'through the database, the default poll schedule and concurrency, and no daily budgets. 120 `/video create` ' +
      'interactions from 120 members, alternating between the two guilds, are created in one synchronous loop; the run ends ' +
      'when every interaction has its callback and every job is delivered. Jobs per minute is 120 over the time from the first ' +
      "interaction to the last job's `delivered_at`. Exactly once is checked against the fakes: one row per interaction, one " +
      'callback per interaction, one submit per prompt, and one final message (by its `final-<job id>` nonce) per job.',
    load: () => import('./scaleOut.js'),
  },
  {
    id: 'e2e',
    timeoutMs: 150_000,
    method:
      '**End-to-end overhead.** One job that the fake provider keeps queued for 10 s and rendering for 20 s (30 s in all), ' +
      'made two ways against the same fake: through the bot (`testkit/world/botWorld.ts`: `/video create` in the loopback ' +
      'Discord, timed from the dispatch of the interaction to the final message with the MP4 arriving at Discord), and by a ' +
      'plain script that submits, checks the status every 100 ms (the interval the bot uses under `botWorld`), fetches the ' +
      'result and downloads the file to disk. The two run one after the other. The ratio is bot time over script time.',
    load: () => import('./endToEnd.js'),
  },
  {
    id: 'relay',
    timeoutMs: 150_000,
    method:
      '**Memory while relaying a 25 MiB video.** The bot (production settings) runs in the benchmark process, started with ' +
      "`--expose-gc`; the fakes run in a child process, with the fake Discord's upload limit raised to 50 MiB so the file is " +
      'uploaded, not linked. A small video is made first so every code path is loaded, then the heap is collected and the ' +
      "resident set size taken as the baseline. A 25 MiB video (the fake's padded MP4) is then made and delivered while RSS " +
      'and `arrayBuffers` are sampled every 5 ms; the figure is the peak growth over the baseline, as a multiple of the file size.',
    load: () => import('./relayMemory.js'),
  },
  {
    id: 'fit',
    timeoutMs: 600_000,
    method:
      '**Fitting a video under the upload limit.** A 15 s 1920×1080 H.264 + AAC MP4 at about 10 Mbit/s (about 19 MB; ' +
      "the fake provider's real video: `testsrc2` with light per-frame grain and a tone, made once and kept in the temp " +
      'folder) is fitted under 10 MiB by `src/media/fit.ts` as the bot does it (the runner at one job per core). The time ' +
      "is the encode's wall time divided by the video's duration; SSIM is ffmpeg's `ssim` filter's `All` figure, fitted " +
      'against original. Then the whole bot (production settings, in the benchmark process, with the fakes in a child ' +
      'process and an upload limit of 10 MiB) delivers the same video: its resident set is sampled every 5 ms from the ' +
      'request to the delivery, and the figure is the peak over the baseline taken just before.',
    load: () => import('./fitVideo.js'),
  },
  {
    id: 'schedule',
    timeoutMs: 600_000,
    method:
      '**Poll schedules side by side.** 200 jobs, arriving evenly over 30 minutes from 20 members, each with a duration ' +
      '(3 to 15 s) and sound drawn from a seeded generator; the fake provider (`testkit/runcomfy`, real HTTP on 127.0.0.1) ' +
      'keeps each in its queue for 10 to 60 s and renders it for 80 s (3 s of video) to 480 s (15 s), a tenth more with ' +
      'sound, ±8 %. The real job service and poller (concurrency 32, the default cap of 5 requests/s through the ' +
      '`RateLimiter`) run on a simulated clock moved in 250 ms steps, with a few milliseconds of real time per step for the ' +
      'requests. The same jobs run twice on fresh SQLite files: with `learn: false` (the fixed schedule) and `learn: true`, ' +
      'the latter starting from the finished jobs of an earlier 200 of the same mix. Requests are counted on the job event ' +
      "bus's `provider.request`; the delay is the job's recorded `finishedAt` minus the fake provider's own finish time.",
    load: () => import('./pollSchedule.js'),
  },
  {
    id: 'fair',
    timeoutMs: 60_000,
    method:
      '**Fairness of the line.** On one SQLite file with the default server limits, one member sends 10 videos and then three ' +
      'others one each, 1 s apart, through `JobStore.createWithinLimits`; each video renders 5 minutes from when it is sent, ' +
      'and at each end `JobStore.promoteWaiting` moves the line. The start time of every job is recorded; an oldest-first ' +
      'line under the same limits is computed beside it.',
    load: () => import('./fairLine.js'),
  },
  {
    id: 'gallery-search',
    timeoutMs: 300_000,
    method:
      '**Gallery search, SQLite and PostgreSQL side by side.** The same 100,000 finished videos of one server (20 channels, ' +
      '500 members, a year of dates, 1 % deleted, 2 % on the showcase, a tenth with a second shot) are written to a SQLite ' +
      'file (through the insert triggers that fill the FTS5 index, as the bot writes a job) and to a fresh database on the ' +
      'embedded PostgreSQL server the tests use (`testkit/postgres/server.ts`: 127.0.0.1, fsync off), from the same seeded ' +
      'generator: prompts of nine to ten words drawn with a skew from a few short lists, so some words are in a large share ' +
      'of the prompts and a few in one in a thousand. A member who may view 18 of the 20 channels then runs twelve kinds of ' +
      'query in turn, each awaited through `GalleryStore.search` with the page size the gallery asks for (25): the newest page, ' +
      'a page 1,000 videos down, common, rare, absent and several words, their own videos, a model, the showcase, a word over ' +
      'one month. 10 warm-up rounds, then 150 timed rounds (1,800 searches) per database with `process.hrtime`, one database ' +
      'after the other in the same process; the two must find the same number of videos for every query.',
    load: () => import('./gallerySearch.js'),
  },
  {
    id: 'gallery-poster',
    timeoutMs: 180_000,
    method:
      '**Gallery page to its first poster.** The bot (`testkit/world/botWorld.ts`, with its web gallery on 127.0.0.1) holds ' +
      '60 finished videos of one server written through the job store; Chromium (`@sparticuz/chromium`, driven by ' +
      "`playwright-core`) signs a member in through the loopback Discord, then opens the server's gallery 45 times with the " +
      "browser's cache disabled (the first 5 not counted), alternately with the gallery's copy of Discord's answers fresh and " +
      "run out (the bot's clock moved past its 60 s trust). The figure is the first poster's `responseEnd` in the page's own " +
      'Resource Timing, from the start of the navigation: the sign-in check, the reads from Discord when due, the search, the ' +
      'page, and the first poster request the page makes.',
    load: () => import('./galleryPoster.js'),
  },
];
