/**
 * A fake RunComfy Model API on 127.0.0.1 (real HTTP, ephemeral port), with the same paths, auth
 * check and input validation as the provider, simulated job timing driven by an injectable clock,
 * injectable faults, and a file route that serves result videos the way the provider's CDN does
 * (no auth).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { readImageHeader } from '../../src/model/imageRules.js';
import { type HttpActivity, trackHttpActivity } from '../httpActivity.js';
import { minPaddedMp4Size, paddedMp4, tinyMp4 } from './mp4.js';
import { frameFor, realVideo } from './videos.js';

export const FAKE_MODEL_PATH = '/v1/models/kling/kling-3.0/pro/text-to-video';
export const FAKE_I2V_MODEL_PATH = '/v1/models/kling/kling-3.0/pro/image-to-video';
/** The image fields the fake's image-to-video takes (the end frame's name is the bot's guess too). */
const IMAGE_FIELDS = ['start_image_url', 'end_image_url'] as const;

export type FakeVideo =
  | { kind: 'small' }
  /** The tiny MP4 padded to `bytes`; `chunked` omits Content-Length so only counting can catch it. */
  | { kind: 'sized'; bytes: number; chunked?: boolean }
  /** The link is handed out, but the file route answers 404. */
  | { kind: 'expired' }
  /** `output.video` is this URL verbatim. */
  | { kind: 'url'; url: string }
  /** The file route serves this body with this content type: a provider returning something that is not a video. */
  | { kind: 'not_video'; contentType: string; body: string }
  /**
   * A real H.264 + AAC MP4 (`videos.ts`) of the request's duration and aspect ratio, `shortSide`
   * pixels on its short side (1080 for Pro), at about 10 Mbit/s at 1080p unless `bitrateKbps`.
   */
  | { kind: 'real'; shortSide?: number; bitrateKbps?: number; fps?: number };

export interface Scenario {
  /** Time spent `in_queue` after submit. */
  queueMs: number;
  /** Time spent `in_progress` after the queue. */
  runMs: number;
  /** Queue position reported right after submit; it falls towards 1 over `queueMs`. */
  queuePositions?: number;
  outcome: 'succeed' | 'fail' | 'no_video';
  /** The provider's failure text for `fail`. */
  failMessage?: string;
  video?: FakeVideo;
  /** USD reported with `include_cost=true`; by default the provider's per-second price. */
  cost?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** An Authorization: Bearer header was present (whether or not it was right). */
  hasBearer: boolean;
  authorizationValid: boolean;
  /** Parsed JSON, the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  /** When the request arrived (wall clock, ms): per-second counts show a rate limit held. */
  receivedAt: number;
}

export interface FakeJob {
  requestId: string;
  /** The endpoint's path, after `/v1/models/`. @defaultValue the input decides: Pro image-to-video with a picture, else Pro text-to-video */
  model?: string;
  input: Record<string, unknown>;
  scenario: Scenario;
  submittedAt: number;
  cancelledAt?: number;
  /** The real video's file, being made from the submit on (`kind: 'real'`). */
  videoFile?: Promise<string>;
}

export type FaultRoute = 'submit' | 'status' | 'result' | 'cancel' | 'file' | 'model';
export type FaultKind = '5xx' | '429' | 'slow' | 'malformed' | 'reset' | '200_error' | 'unknown_status' | 'drop_after_accept';

export interface Fault {
  route: FaultRoute;
  kind: FaultKind;
  /** How many matching requests it hits; until `clearFaults()` when absent. */
  times?: number;
  /** How many matching requests it lets through before it starts hitting. @defaultValue 0 */
  skip?: number;
  /** Sent as `Retry-After` on `429` and `5xx`. */
  retryAfterSeconds?: number;
  /** For `slow`: the wait before answering. Default 1000. */
  delayMs?: number;
  /** For `5xx`: the status. Default 503. */
  status?: number;
  /** For `200_error`: the error_code. Default 400002 on submit, 404001 elsewhere. */
  errorCode?: number;
}

export interface FakeRunComfyOptions {
  token: string;
  now?: () => number;
  defaultScenario?: Scenario;
  scenarioFor?: (input: Record<string, unknown>) => Partial<Scenario>;
}

export interface FakeRunComfy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
  requests: RecordedRequest[];
  /** Requests still being answered. */
  activity: HttpActivity;
  /** Submits the fake accepted (jobs created), including those whose answer was dropped. */
  readonly submissions: number;
  jobs: Map<string, FakeJob>;
  /** Submits refused because a picture could not be fetched or broke a limit. */
  imageFailures: { field: string; link: string; problem: string }[];
  fault(f: Fault): void;
  clearFaults(): void;
  /** Changes the default scenario for jobs submitted from now on. */
  setScenario(s: Partial<Scenario>): void;
  /** The file URL the fake hands out for a job. */
  fileUrl(requestId: string): string;
  /**
   * What `GET /v1/models/{model_id}` answers as `base_price_usd`, by model path (after
   * `/v1/models/`); null answers 404, as for a model the provider does not price. @defaultValue
   * each endpoint's price without sound
   */
  basePrices: Map<string, number | null>;
}

export const DEFAULT_SCENARIO: Scenario = {
  queueMs: 1_000,
  runMs: 3_000,
  queuePositions: 3,
  outcome: 'succeed',
  video: { kind: 'small' },
};

const ASPECT_RATIOS = new Set(['16:9', '9:16', '1:1']);

interface DetailItem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkDuration(value: unknown, loc: (string | number)[], detail: DetailItem[], fallback = 5): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    detail.push({ loc, msg: 'Input should be a valid integer', type: 'int_type' });
    return undefined;
  }
  if (value < 3 || value > 15) {
    detail.push({ loc, msg: 'Input should be between 3 and 15', type: 'range' });
    return undefined;
  }
  return value;
}

/**
 * Each endpoint's input fields, as the provider's catalogue lists them (runcomfy-api.md, "Input
 * schema" for text-to-video and "The Kling 3.0 family", "Image-to-video fields"): image-to-video
 * has no `aspect_ratio`, and its sound switch is `generate_audio`, not `sound`.
 */
export const TEXT_TO_VIDEO_FIELDS: readonly string[] = [
  'prompt',
  'negative_prompt',
  'duration',
  'aspect_ratio',
  'cfg_scale',
  'sound',
  'multi_prompt',
  'shot_type',
];
export const IMAGE_TO_VIDEO_FIELDS: readonly string[] = [
  'prompt',
  'negative_prompt',
  'duration',
  'cfg_scale',
  'generate_audio',
  'multi_prompt',
  'shot_type',
  'elements',
  'start_image_url',
  'end_image_url',
];

/** One of the provider's six Kling 3.0 endpoints, as runcomfy-api.md ("The Kling 3.0 family") describes it. */
export interface FakeEndpoint {
  mode: 'text' | 'image';
  tier: 'standard' | 'pro' | '4k';
  /** The fields it takes; any other is refused. */
  fields: readonly string[];
  /** The values `shot_type` takes. */
  shotTypes: readonly string[];
  /** USD per second without and with sound (4K: one flat rate). */
  perSecond: number;
  perSecondWithSound: number;
  /** What `GET /v1/models/{model_id}` says of its price. */
  pricingNote: string;
}

const ENDPOINT_PRICES = {
  standard: { perSecond: 0.084, perSecondWithSound: 0.126, pricingNote: 'USD 0.126 per second with sound' },
  pro: { perSecond: 0.112, perSecondWithSound: 0.168, pricingNote: 'USD 0.168 per second with sound' },
  '4k': { perSecond: 0.42, perSecondWithSound: 0.42, pricingNote: 'a flat per-second rate, sound or not' },
} as const;

/**
 * The six endpoints by path. Text-to-video: Standard's `shot_type` also takes `intelligent`
 * (runcomfy-api.md, "Text-to-video fields"). Image-to-video: `end_image_url` on Pro and 4K only
 * ("Image-to-video fields": "Standard has no end frame").
 */
export const FAKE_ENDPOINTS: Readonly<Record<string, FakeEndpoint>> = Object.fromEntries(
  (['standard', 'pro', '4k'] as const).flatMap((tier) => [
    [
      `/v1/models/kling/kling-3.0/${tier}/text-to-video`,
      {
        mode: 'text',
        tier,
        fields: TEXT_TO_VIDEO_FIELDS,
        shotTypes: tier === 'standard' ? ['intelligent', 'customize'] : ['customize'],
        ...ENDPOINT_PRICES[tier],
      },
    ],
    [
      `/v1/models/kling/kling-3.0/${tier}/image-to-video`,
      {
        mode: 'image',
        tier,
        fields: tier === 'standard' ? IMAGE_TO_VIDEO_FIELDS.filter((field) => field !== 'end_image_url') : IMAGE_TO_VIDEO_FIELDS,
        shotTypes: ['customize'],
        ...ENDPOINT_PRICES[tier],
      },
    ],
  ]),
);

/** Seconds an endpoint renders when the body names none (runcomfy-api.md: 5 for text-to-video, 10 for image-to-video). */
const DEFAULT_SECONDS = { text: 5, image: 10 } as const;

/**
 * A field the endpoint does not list is refused, as the provider refuses input it cannot take:
 * 422 with a `detail` list (runcomfy-api.md, "errors"). The provider itself may pass over such a
 * field in silence (runcomfy-api.md: `sound` sent to image-to-video "does not turn sound off"),
 * which is exactly why the fake says so aloud: a field the endpoint would ignore is a switch
 * the member set that the video would not honour.
 */
function checkKnownFields(body: Record<string, unknown>, fields: readonly string[], detail: DetailItem[]): void {
  for (const key of Object.keys(body)) {
    if (!fields.includes(key)) detail.push({ loc: ['body', key], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' });
  }
}

/** The rules both endpoints share; `switchField` is the endpoint's name for the sound switch. */
function checkCommonInput(
  body: Record<string, unknown>,
  switchField: string,
  defaultSeconds: number,
  shotTypes: readonly string[],
  detail: DetailItem[],
): void {
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') {
    detail.push({ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' });
  }
  if (body.negative_prompt !== undefined && typeof body.negative_prompt !== 'string') {
    detail.push({ loc: ['body', 'negative_prompt'], msg: 'Input should be a valid string', type: 'string_type' });
  }
  const duration = checkDuration(body.duration, ['body', 'duration'], detail, defaultSeconds);
  if (body.cfg_scale !== undefined && (typeof body.cfg_scale !== 'number' || body.cfg_scale < 0 || body.cfg_scale > 1)) {
    detail.push({ loc: ['body', 'cfg_scale'], msg: 'Input should be a number between 0 and 1', type: 'range' });
  }
  if (body[switchField] !== undefined && typeof body[switchField] !== 'boolean') {
    detail.push({ loc: ['body', switchField], msg: 'Input should be a valid boolean', type: 'bool_type' });
  }
  if (body.shot_type !== undefined && (typeof body.shot_type !== 'string' || !shotTypes.includes(body.shot_type))) {
    detail.push({ loc: ['body', 'shot_type'], msg: `Input should be ${shotTypes.map((t) => `'${t}'`).join(' or ')}`, type: 'enum' });
  }
  if (body.multi_prompt !== undefined) {
    const shots = body.multi_prompt;
    if (!Array.isArray(shots) || shots.length > 20) {
      detail.push({
        loc: ['body', 'multi_prompt'],
        msg: 'Input should be a list of at most 20 items',
        type: 'list_type',
      });
    } else if (shots.length > 0) {
      let sum = 0;
      let allValid = true;
      shots.forEach((shot, i) => {
        if (!isRecord(shot) || typeof shot.prompt !== 'string' || shot.prompt.trim() === '') {
          detail.push({ loc: ['body', 'multi_prompt', i, 'prompt'], msg: 'Field required', type: 'missing' });
          allValid = false;
          return;
        }
        const d = checkDuration(shot.duration, ['body', 'multi_prompt', i, 'duration'], detail);
        if (d === undefined) allValid = false;
        else sum += d;
      });
      if (allValid && duration !== undefined && sum !== duration) {
        detail.push({
          loc: ['body', 'multi_prompt'],
          msg: `The shot durations add up to ${sum} s but duration is ${duration} s; they must be equal`,
          type: 'value_error',
        });
      }
    }
  }
}

const PRO_TEXT = FAKE_ENDPOINTS[FAKE_MODEL_PATH] as FakeEndpoint;
const PRO_IMAGE = FAKE_ENDPOINTS[FAKE_I2V_MODEL_PATH] as FakeEndpoint;

/** The provider's input rules for text-to-video, reported the way its FastAPI front end does (a `detail` list). */
export function validateInput(body: unknown, endpoint: FakeEndpoint = PRO_TEXT): DetailItem[] {
  if (!isRecord(body)) return [{ loc: ['body'], msg: 'Input should be a valid object', type: 'model_type' }];
  const detail: DetailItem[] = [];
  checkKnownFields(body, endpoint.fields, detail);
  checkCommonInput(body, 'sound', DEFAULT_SECONDS.text, endpoint.shotTypes, detail);
  if (body.aspect_ratio !== undefined && (typeof body.aspect_ratio !== 'string' || !ASPECT_RATIOS.has(body.aspect_ratio))) {
    detail.push({ loc: ['body', 'aspect_ratio'], msg: "Input should be '16:9', '9:16' or '1:1'", type: 'enum' });
  }
  return detail;
}

/** Image-to-video: its own fields (no frame shape, `generate_audio` for sound), plus the pictures' links. */
export function validateImageInput(body: unknown, endpoint: FakeEndpoint = PRO_IMAGE): DetailItem[] {
  if (!isRecord(body)) return [{ loc: ['body'], msg: 'Input should be a valid object', type: 'model_type' }];
  const detail: DetailItem[] = [];
  checkKnownFields(body, endpoint.fields, detail);
  checkCommonInput(body, 'generate_audio', DEFAULT_SECONDS.image, endpoint.shotTypes, detail);
  if (typeof body.start_image_url !== 'string' || !/^https?:\/\//.test(body.start_image_url)) {
    detail.push({ loc: ['body', 'start_image_url'], msg: 'Field required: a public URL of the first frame', type: 'missing' });
  }
  if (body.end_image_url !== undefined && typeof body.end_image_url !== 'string') {
    detail.push({ loc: ['body', 'end_image_url'], msg: 'Input should be a valid URL', type: 'url_type' });
  }
  if (body.end_image_url !== undefined && Array.isArray(body.multi_prompt) && body.multi_prompt.length > 0) {
    detail.push({ loc: ['body', 'end_image_url'], msg: 'An end frame cannot be combined with multi_prompt', type: 'value_error' });
  }
  return detail;
}

/** Upstream Kling's picture limits, checked on the bytes the fake fetched. */
async function fetchImageProblem(link: string): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(link, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    return `Could not fetch the image: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!response.ok) return `Could not fetch the image (HTTP ${response.status})`;
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > 10 * 1000 * 1000) return 'The image is larger than 10 MB';
  const header = readImageHeader(bytes);
  if (!header) return 'The image must be a JPEG or PNG';
  const { width, height } = header;
  if (width < 300 || height < 300) return `The image is ${width}x${height}; both sides must be at least 300 px`;
  if (width / height > 2.5 || height / width > 2.5) return `The image's aspect ratio ${width}:${height} is outside 1:2.5 to 2.5:1`;
  return undefined;
}

/**
 * The shape of a real result: the request's duration (runcomfy-api.md: default 5 s for
 * text-to-video, 10 s for image-to-video) and frame (its aspect ratio; image-to-video has none
 * and follows the picture, taken here as 16:9).
 */
function realShape(input: Record<string, unknown>, video: Extract<FakeVideo, { kind: 'real' }>, fromImage: boolean) {
  const durationSeconds = typeof input.duration === 'number' ? input.duration : fromImage ? DEFAULT_SECONDS.image : DEFAULT_SECONDS.text;
  const aspect = typeof input.aspect_ratio === 'string' ? input.aspect_ratio : undefined;
  return {
    ...frameFor(aspect, video.shortSide ?? 1080),
    durationSeconds,
    audio: input.sound !== false && input.generate_audio !== false,
    ...(video.bitrateKbps === undefined ? {} : { bitrateKbps: video.bitrateKbps }),
    ...(video.fps === undefined ? {} : { fps: video.fps }),
  };
}

/** The endpoint's price per second with or without sound (runcomfy-api.md); only image-to-video takes a start picture. */
export function defaultCost(input: Record<string, unknown>, endpoint?: FakeEndpoint): number {
  const fromImage = input.start_image_url !== undefined;
  const prices = endpoint ?? (fromImage ? PRO_IMAGE : PRO_TEXT);
  const seconds = typeof input.duration === 'number' ? input.duration : fromImage ? DEFAULT_SECONDS.image : DEFAULT_SECONDS.text;
  const withSound = fromImage ? input.generate_audio !== false : input.sound !== false;
  const perSecond = withSound ? prices.perSecondWithSound : prices.perSecond;
  return Math.round(seconds * perSecond * 1000) / 1000;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeRunComfy(options: FakeRunComfyOptions): Promise<FakeRunComfy> {
  const now = options.now ?? Date.now;
  let defaultScenario: Scenario = { ...(options.defaultScenario ?? DEFAULT_SCENARIO) };
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, FakeJob>();
  const faults: { fault: Fault; left: number; skip: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let submissions = 0;
  const imageFailures: { field: string; link: string; problem: string }[] = [];
  let nextId = 1;
  let baseUrl = '';
  const basePrices = new Map<string, number | null>();

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const takeFault = (route: FaultRoute): Fault | undefined => {
    const entry = faults.find((f) => f.fault.route === route && f.left > 0);
    if (entry === undefined) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.left -= 1;
    return entry.fault;
  };

  const fileUrl = (requestId: string): string =>
    // Pre-signed links carry a signature in the query; the fake does the same so callers learn
    // to keep queries out of logs.
    `${baseUrl}/files/${encodeURIComponent(requestId)}.mp4?X-Signature=fake-signature`;

  const phase = (job: FakeJob): 'in_queue' | 'in_progress' | 'completed' | 'cancelled' => {
    if (job.cancelledAt !== undefined) return 'cancelled';
    const elapsed = now() - job.submittedAt;
    if (elapsed < job.scenario.queueMs) return 'in_queue';
    if (elapsed < job.scenario.queueMs + job.scenario.runMs) return 'in_progress';
    return 'completed';
  };

  const queuePosition = (job: FakeJob): number => {
    const start = job.scenario.queuePositions ?? 1;
    const elapsed = now() - job.submittedAt;
    const left = 1 - elapsed / Math.max(1, job.scenario.queueMs);
    return Math.max(1, Math.ceil(start * left));
  };

  const finishedAt = (job: FakeJob): string =>
    new Date(job.cancelledAt ?? job.submittedAt + job.scenario.queueMs + job.scenario.runMs).toISOString();

  const errorAnswer = (res: ServerResponse, fault: Fault, route: FaultRoute): void => {
    const retryAfter: Record<string, string> =
      fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
    switch (fault.kind) {
      case '5xx':
        sendJson(res, fault.status ?? 503, { error_message: 'Service temporarily unavailable' }, retryAfter);
        return;
      case '429':
        sendJson(res, 429, { error_message: 'Too many requests' }, retryAfter);
        return;
      case 'malformed': {
        // Cut off mid-object, as a proxy that drops a connection half-way would leave it.
        const text = '{"request_id": "req-';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
        res.end(text);
        return;
      }
      case '200_error': {
        const code = fault.errorCode ?? (route === 'submit' ? 400002 : 404001);
        const message = code === 400002 ? 'Insufficient balance' : code === 404001 ? 'Request not found or expired' : 'Error';
        sendJson(res, 200, { error_code: code, error_message: message });
        return;
      }
      default:
        return;
    }
  };

  const handleSubmit = async (res: ServerResponse, body: unknown, path: string, endpoint: FakeEndpoint): Promise<FakeJob | undefined> => {
    const fromImage = endpoint.mode === 'image';
    if (typeof body === 'string') {
      sendJson(res, 400, { error_message: 'Request body is not valid JSON' });
      return undefined;
    }
    const detail = fromImage ? validateImageInput(body, endpoint) : validateInput(body, endpoint);
    if (detail.length > 0 || !isRecord(body)) {
      sendJson(res, 422, { detail });
      return undefined;
    }
    if (fromImage) {
      // The provider downloads the pictures at submit; a link it cannot fetch is the caller's error.
      for (const field of IMAGE_FIELDS) {
        const link = body[field];
        if (typeof link !== 'string') continue;
        const problem = await fetchImageProblem(link);
        if (problem) {
          imageFailures.push({ field, link, problem });
          sendJson(res, 422, { detail: [{ loc: ['body', field], msg: problem, type: 'value_error' }] });
          return undefined;
        }
      }
    }
    const requestId = `req-${String(nextId++).padStart(4, '0')}`;
    const scenario: Scenario = { ...defaultScenario, ...(options.scenarioFor?.(body) ?? {}) };
    const job: FakeJob = { requestId, model: path.slice('/v1/models/'.length), input: body, scenario, submittedAt: now() };
    if (scenario.video?.kind === 'real') {
      job.videoFile = realVideo(realShape(body, scenario.video, fromImage));
      // Served later; a failure to make it shows as a 500 on the file route, not an unhandled rejection.
      job.videoFile.catch(() => undefined);
    }
    jobs.set(requestId, job);
    submissions += 1;
    return job;
  };

  const submitAnswer = (job: FakeJob) => ({
    request_id: job.requestId,
    status: 'in_queue',
    status_url: `${baseUrl}/v1/requests/${job.requestId}/status`,
    result_url: `${baseUrl}/v1/requests/${job.requestId}/result`,
    cancel_url: `${baseUrl}/v1/requests/${job.requestId}/cancel`,
  });

  const statusAnswer = (job: FakeJob, unknownStatus: boolean) => {
    const p = phase(job);
    return {
      request_id: job.requestId,
      status: unknownStatus ? 'teleporting' : p,
      ...(p === 'in_queue' && !unknownStatus ? { queue_position: queuePosition(job) } : {}),
      status_url: `${baseUrl}/v1/requests/${job.requestId}/status`,
      result_url: `${baseUrl}/v1/requests/${job.requestId}/result`,
    };
  };

  const resultAnswer = (job: FakeJob, includeCost: boolean, unknownStatus: boolean) => {
    const p = phase(job);
    const base = { request_id: job.requestId, created_at: new Date(job.submittedAt).toISOString() };
    if (unknownStatus) return { ...base, status: 'teleporting' };
    if (p === 'in_queue' || p === 'in_progress') return { ...base, status: p };
    if (p === 'cancelled') return { ...base, status: 'cancelled', finished_at: finishedAt(job) };
    const { scenario } = job;
    const done = { ...base, finished_at: finishedAt(job) };
    if (scenario.outcome === 'fail') {
      return {
        ...done,
        status: 'failed',
        error: { code: 'generation_failed', message: scenario.failMessage ?? 'Video generation failed' },
        ...(includeCost ? { cost: 0 } : {}),
      };
    }
    const video = scenario.video ?? { kind: 'small' };
    const output = scenario.outcome === 'no_video' ? {} : { video: video.kind === 'url' ? video.url : fileUrl(job.requestId) };
    return {
      ...done,
      status: 'succeeded',
      output,
      ...(includeCost
        ? { cost: scenario.cost ?? defaultCost(job.input, job.model === undefined ? undefined : FAKE_ENDPOINTS[`/v1/models/${job.model}`]) }
        : {}),
    };
  };

  const cancelAnswer = (job: FakeJob) => {
    const p = phase(job);
    if (p === 'in_queue') job.cancelledAt = now();
    const cancelled = p === 'in_queue' || p === 'cancelled';
    return {
      request_id: job.requestId,
      status: cancelled ? 'cancelled' : p,
      outcome: cancelled ? 'cancelled' : 'not_cancellable',
    };
  };

  const serveFile = async (res: ServerResponse, requestId: string): Promise<void> => {
    const job = jobs.get(requestId);
    const video = job?.scenario.video ?? { kind: 'small' };
    if (job === undefined || phase(job) !== 'completed' || job.scenario.outcome !== 'succeed' || video.kind === 'expired') {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      return;
    }
    if (video.kind === 'sized') {
      const bytes = Math.max(video.bytes, minPaddedMp4Size());
      res.writeHead(200, {
        'content-type': 'video/mp4',
        ...(video.chunked === true ? {} : { 'content-length': String(bytes) }),
      });
      // A client that gives up early closes the socket; that is expected here, not a failure.
      await pipeline(paddedMp4(bytes), res).catch(() => undefined);
      return;
    }
    if (video.kind === 'real' && job.videoFile) {
      const path = await job.videoFile;
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String((await stat(path)).size) });
      await pipeline(createReadStream(path), res).catch(() => undefined);
      return;
    }
    if (video.kind === 'not_video') {
      res.writeHead(200, { 'content-type': video.contentType, 'content-length': String(Buffer.byteLength(video.body)) });
      res.end(video.body);
      return;
    }
    const data = tinyMp4();
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(data.length) });
    res.end(data);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const authorization = req.headers.authorization;
    const hasBearer = typeof authorization === 'string' && /^Bearer\s/i.test(authorization);
    const authorizationValid = authorization === `Bearer ${options.token}`;
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      hasBearer,
      authorizationValid,
      body,
      receivedAt,
    });

    const fileMatch = /^\/files\/([^/]+)\.mp4$/.exec(url.pathname);
    const requestMatch = /^\/v1\/requests\/([^/]+)\/(status|result|cancel)$/.exec(url.pathname);
    let route: FaultRoute | undefined;
    if (fileMatch !== null && method === 'GET') route = 'file';
    else if (url.pathname.startsWith('/v1/models/') && method === 'POST') route = 'submit';
    else if (url.pathname.startsWith('/v1/models/') && method === 'GET') route = 'model';
    else if (requestMatch !== null) {
      const action = requestMatch[2];
      if (action === 'cancel' && method === 'POST') route = 'cancel';
      else if ((action === 'status' || action === 'result') && method === 'GET') route = action;
    }
    if (route === undefined) {
      sendJson(res, 404, { error_message: `No route for ${method} ${url.pathname}` });
      return;
    }

    // Result files live on a CDN that ignores credentials; only the API checks the token.
    if (route !== 'file' && !authorizationValid) {
      sendJson(res, 401, { error_code: 400004, error_message: 'Invalid or expired API token' });
      return;
    }

    const fault = takeFault(route);
    if (fault?.kind === 'slow') await wait(fault.delayMs ?? 1_000);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault !== undefined && ['5xx', '429', 'malformed', '200_error'].includes(fault.kind)) {
      errorAnswer(res, fault, route);
      return;
    }
    const dropAfter = fault?.kind === 'drop_after_accept';
    const unknownStatus = fault?.kind === 'unknown_status';

    if (route === 'file') {
      if (fileMatch?.[1] === undefined) return;
      await serveFile(res, decodeURIComponent(fileMatch[1]));
      return;
    }

    if (route === 'model') {
      // runcomfy-api.md, "The Kling 3.0 family": the live base price per model, without sound.
      const modelPath = url.pathname.slice('/v1/models/'.length);
      const endpoint = FAKE_ENDPOINTS[url.pathname];
      const price = basePrices.has(modelPath) ? basePrices.get(modelPath) : endpoint?.perSecond;
      if (endpoint === undefined || price === undefined || price === null) {
        sendJson(res, 404, { error_code: 400001, error_message: `Unknown model ${modelPath}` });
        return;
      }
      sendJson(res, 200, { model_id: modelPath, price_unit: 'second', base_price_usd: price, pricing_note: endpoint.pricingNote });
      return;
    }

    if (route === 'submit') {
      const endpoint = FAKE_ENDPOINTS[url.pathname];
      if (endpoint === undefined) {
        sendJson(res, 400, {
          error_code: 400001,
          error_message: `Unknown model ${url.pathname.slice('/v1/models/'.length)}`,
        });
        return;
      }
      const job = await handleSubmit(res, body, url.pathname, endpoint);
      if (job === undefined) return;
      if (dropAfter) {
        // The "ambiguous submit": the job exists and would be billed, but no answer arrives.
        req.socket.destroy();
        return;
      }
      sendJson(res, 200, submitAnswer(job));
      return;
    }

    const id = decodeURIComponent(requestMatch?.[1] ?? '');
    const job = jobs.get(id);
    if (job === undefined) {
      sendJson(res, 404, { error_code: 404001, error_message: 'Request not found or expired' });
      return;
    }
    let status = 200;
    let answer: unknown;
    if (route === 'status') answer = statusAnswer(job, unknownStatus);
    else if (route === 'result') answer = resultAnswer(job, url.searchParams.get('include_cost') === 'true', unknownStatus);
    else {
      status = 202;
      answer = cancelAnswer(job);
    }
    if (dropAfter) {
      req.socket.destroy();
      return;
    }
    sendJson(res, status, answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error_message: `fake failed: ${String(err)}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const activity = trackHttpActivity(server);

  return {
    url: baseUrl,
    requests,
    activity,
    jobs,
    imageFailures,
    get submissions() {
      return submissions;
    },
    fault(f) {
      faults.push({ fault: f, left: f.times ?? Number.POSITIVE_INFINITY, skip: f.skip ?? 0 });
    },
    clearFaults() {
      faults.length = 0;
    },
    setScenario(s) {
      defaultScenario = { ...defaultScenario, ...s };
    },
    fileUrl,
    basePrices,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
