/**
 * What the bot adds to a job's wall time: one simulated 30-second job made through the bot, and
 * the same job made by a plain script calling the fake API directly (submit, poll at the same
 * interval, download). Both use the same fake provider, one after the other.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { FAKE_MODEL_PATH } from '../testkit/runcomfy/index.js';
import { RUNCOMFY_TOKEN, startWorld } from '../testkit/world/botWorld.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMs, pause, until } from './stats.js';

const QUEUE_MS = 10_000;
const RUN_MS = 20_000;
/** botWorld polls a running job every 100 ms (±20% jitter); the script polls at that interval. */
const POLL_MS = 100;
const AIM_RATIO = 1.05;
const PROMPT = 'a thirty-second benchmark of a harbour at dawn';

const submitAnswer = z.object({ request_id: z.string() });
const statusAnswer = z.object({ status: z.string() });
const resultAnswer = z.object({ status: z.string(), output: z.object({ video: z.string() }).optional() });

async function getJson<T>(url: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
  return schema.parse(await response.json());
}

/** The job made by hand: what any client of the API has to do at the least. */
async function plainScript(baseUrl: string, dir: string): Promise<number> {
  const started = Date.now();
  const headers = { authorization: `Bearer ${RUNCOMFY_TOKEN}`, 'content-type': 'application/json' };
  const { request_id: id } = await getJson(`${baseUrl}${FAKE_MODEL_PATH}`, submitAnswer, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt: PROMPT, duration: 5 }),
  });
  for (;;) {
    await pause(POLL_MS);
    const { status } = await getJson(`${baseUrl}/v1/requests/${id}/status`, statusAnswer, { headers });
    if (status === 'completed') break;
  }
  const result = await getJson(`${baseUrl}/v1/requests/${id}/result`, resultAnswer, { headers });
  if (!result.output) throw new Error(`the result has no video (status ${result.status})`);
  const file = await fetch(result.output.video);
  if (!file.ok || !file.body) throw new Error(`the video download answered ${file.status}`);
  await pipeline(Readable.fromWeb(file.body as WebReadableStream<Uint8Array>), createWriteStream(join(dir, 'plain.mp4')));
  return Date.now() - started;
}

export async function run(progress: Progress): Promise<FigureResult[]> {
  const world = await startWorld({ scenario: { queueMs: QUEUE_MS, runMs: RUN_MS, queuePositions: 3 }, logLevel: 'warn', realTime: true });
  try {
    progress(`end to end: one ${(QUEUE_MS + RUN_MS) / 1000} s job through the bot…`);
    const interaction = world.video(world.seed.requesterId, { prompt: PROMPT, duration: 5 });
    const dispatchedAt = 'createdAt' in interaction && typeof interaction.createdAt === 'number' ? interaction.createdAt : Date.now();
    const job = await world.waitForJob((j) => j.input.prompt === PROMPT);
    const delivered = await world.waitDelivered(job.id, QUEUE_MS + RUN_MS + 30_000);
    // The moment the final message with the video reached Discord, from the fake's own log.
    const upload = await until(
      'the final message upload',
      () =>
        world.discord.requests.find(
          (r) =>
            r.method === 'POST' && r.path === `/channels/${delivered.threadId}/messages` && (r.files?.length ?? 0) > 0 && r.status === 200,
        ),
      5_000,
    );
    const botMs = upload.at - dispatchedAt;

    progress(`end to end: the same job by a plain script…`);
    const plainMs = await plainScript(world.runcomfy.url, world.dir);
    const ratio = botMs / plainMs;
    progress(`end to end: bot ${formatMs(botMs)}, plain script ${formatMs(plainMs)}, ratio ${ratio.toFixed(3)}`);
    return [
      {
        figure: `End to end, one ${(QUEUE_MS + RUN_MS) / 1000} s job: bot ÷ plain script`,
        aim: `≤ ${AIM_RATIO.toFixed(2)}`,
        result: `${ratio.toFixed(3)} (bot ${formatMs(botMs)}, script ${formatMs(plainMs)})`,
        met: ratio <= AIM_RATIO,
        note: `The bot's time runs from the interaction's dispatch to the final message with the video arriving at Discord; it includes the acknowledgement, the status message and thread, the download and the upload. The script's runs from its submit to the file on disk.`,
      },
    ];
  } finally {
    await world.stop();
  }
}
