/**
 * `npm run demo`: the real bot against the loopback Discord and the fake RunComfy (no tokens, no
 * network), driven through a short scripted session, printed as the transcript members would see.
 *
 * Everything printed about the bot's side is read back from the fake Discord's request log, in
 * arrival order, so the transcript shows what Discord received rather than what the bot meant to
 * send. The delivered MP4s are saved to `demo-output/`.
 *
 * Exits non-zero when the session does not reach its expected end (video delivered, cancel
 * confirmed, multi-shot delivered), so CI can use it as a quick proof that the wiring works.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import type { Job } from '../src/jobs/job.js';
import type { InteractionHandle, RecordedRequest } from '../testkit/discord/index.js';
import { makePng } from '../testkit/images.js';
import { frameFor, realVideo } from '../testkit/runcomfy/videos.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_DIR = join(ROOT, 'demo-output');
/** Discord's flag for "only you can see this". */
const EPHEMERAL = 64;
/** The whole session normally takes about 10 s; past this something is stuck. */
const SESSION_DEADLINE_MS = 120_000;
const INDENT = '           ';

const CREATE_PROMPT = 'a paper boat drifting down a rainy street at dusk, reflections of neon signs';
const CANCEL_PROMPT = 'a lighthouse in a storm, waves crashing over the rocks';
const MULTI_PROMPT = 'a day at the harbour';
const ANIMATE_PROMPT = 'the sun rises over the hills, clouds drifting slowly';
const EXTEND_PROMPT = 'the sun climbs higher, the clouds part';
const LONG_PROMPT = 'a slow flight over a glacier at noon, every crevasse in sharp detail';
/** Real MP4s (H.264 + AAC) for the studio's steps: an extension joins two, and a large one is fitted. */
const REAL_CLIP = { kind: 'real', shortSide: 360, bitrateKbps: 600 } as const;
/** About 12 MB for 6 s: over the 10 MiB a server without boosts takes, so the bot fits it. */
const LARGE_CLIP = { kind: 'real', shortSide: 480, bitrateKbps: 16_000 } as const;
const LARGE_SECONDS = 6;
const SHOTS = '4 | fishing boats leaving at dawn\n3 | gulls circling over the masts\n3 | nets drying in the afternoon sun';

// ---------------------------------------------------------------------------------------------
// Reading the JSON the bot sent. The fake keeps bodies as `unknown`; these readers narrow them
// without trusting their shape, so a change in the bot's output prints oddly instead of crashing.

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

interface Field {
  name: string;
  value: string;
}

function fieldsOf(embed: Json): Field[] {
  return list(embed.fields).map((f) => ({ name: text(f.name), value: text(f.value) }));
}

/** Buttons and text inputs sit inside action rows, labels, containers and sections; flattened in order. */
function componentsOf(components: unknown): Json[] {
  const out: Json[] = [];
  for (const component of list(components)) {
    if (Array.isArray(component.components)) out.push(...componentsOf(component.components));
    else if (isJson(component.component)) out.push(component.component);
    else out.push(component);
    if (isJson(component.accessory)) out.push(component.accessory);
  }
  return out;
}

/** Discord's flag for a message made of layout components (no content, no embeds). */
const COMPONENTS_V2 = 1 << 15;

function isCard(body: Json): boolean {
  return (Number(body.flags ?? 0) & COMPONENTS_V2) !== 0;
}

/** Markdown a member does not see as characters: headings, bold, small print. */
function plain(line: string): string {
  return line
    .replace(/^#{1,3}\s+/, '')
    .replace(/^-#\s+/, '')
    .replace(/\*\*/g, '');
}

/** What a components-v2 card shows, line by line (buttons apart). */
function cardLines(components: unknown, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const component of list(components)) {
    switch (component.type) {
      case 17:
        out.push(...cardLines(component.components, files));
        break;
      case 9: {
        out.push(...cardLines(component.components, files));
        const accessory = isJson(component.accessory) ? component.accessory : undefined;
        if (accessory?.type === 11) {
          const name = mediaName(accessory.media);
          // A signed CDN link is long and says little; its file name is what a member would recognise.
          const shown = name.startsWith('http') ? `${new URL(name).pathname.split('/').pop() ?? name}, linked` : name;
          out.push(`🖼 ${shown} (thumbnail)`);
        }
        break;
      }
      case 10:
        out.push(...text(component.content).split('\n').map(plain));
        break;
      case 12:
        for (const item of list(component.items)) {
          const name = mediaName(item.media);
          const uploaded = name.startsWith('attachment://') && files.includes(name.slice('attachment://'.length));
          out.push(`🎞 ${name}${uploaded ? ' (uploaded with this message, plays inline)' : ''}`);
        }
        break;
      case 14:
        out.push('');
        break;
      default:
        break;
    }
  }
  return out;
}

function mediaName(media: unknown): string {
  return isJson(media) ? text(media.url) : '';
}

/** The job a message belongs to, read from its buttons' ids (`job:<action>:<id>`). */
function jobOfButtons(components: unknown): string | undefined {
  for (const component of componentsOf(components)) {
    const match = /^job:[a-z]+:([a-z0-9]+)$/.exec(text(component.custom_id));
    if (match) return match[1];
  }
  return undefined;
}

/** One line per modal field: its label and the control a member fills in, preselected values shown. */
function formLines(components: unknown): string[] {
  const out: string[] = [];
  for (const component of list(components)) {
    if (component.type === 10) {
      out.push(`ℹ ${plain(text(component.content))}`);
      continue;
    }
    const field = isJson(component.component) ? component.component : componentsOf(component.components)[0];
    if (!field) continue;
    const label = text(component.label) || text(field.label);
    const options = list(field.options);
    switch (field.type) {
      case 21:
        out.push(`▸ ${label}: ${options.map((o) => `${o.default === true ? '(•)' : '( )'} ${text(o.label)}`).join('  ')}`);
        break;
      case 3: {
        const chosen = options.find((o) => o.default === true);
        out.push(`▸ ${label}: ▾ ${chosen ? text(chosen.label) : '(choose)'} (${options.length} choices)`);
        break;
      }
      case 23:
        out.push(`▸ ${label}: ${field.default === true ? '☑' : '☐'}`);
        break;
      case 19:
        out.push(`▸ ${label}: 📎 upload${field.required === false ? ' (optional)' : ' (required)'}`);
        break;
      default: {
        const value = text(field.value);
        const filled = value ? ` = "${value.split('\n')[0]}${value.includes('\n') ? ' …' : ''}"` : '';
        out.push(`▸ ${label}${field.required === false || label.includes('optional') ? '' : ' (required)'}${filled}`);
      }
    }
  }
  return out;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// ---------------------------------------------------------------------------------------------
// The narrator: turns the fake Discord's request log into lines a member would recognise.

class Narrator {
  private cursor = 0;
  private readonly startedAt = Date.now();
  /** Interaction tokens → who is looking at the ephemeral answers. */
  private readonly viewers = new Map<string, string>();
  /** Last printed state of each status message, by job, so edits print only what changed. */
  private readonly shown = new Map<string, { fields: Map<string, string>; buttons: string }>();
  /** Thread ids → names, so the transcript says "thread …" instead of an id. */
  private readonly threads = new Map<string, string>();

  constructor(
    private readonly world: World,
    private readonly names: Map<string, string>,
  ) {}

  private stamp(at = Date.now()): string {
    return `[+${((at - this.startedAt) / 1000).toFixed(2)}s]`.padEnd(INDENT.length);
  }

  say(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  /** A member's action, printed in the flow of the transcript. */
  member(userId: string, action: string): void {
    this.flush();
    this.say(`${this.stamp()}${this.who(userId)} ${action}`);
  }

  note(line: string): void {
    this.flush();
    this.say(`${INDENT}(${line})`);
  }

  /** Remembers whose interaction a token belongs to, for the "only you can see this" lines. */
  track(handle: InteractionHandle, userId: string): InteractionHandle {
    this.viewers.set(handle.token, userId);
    return handle;
  }

  who(userId: string): string {
    return `@${this.names.get(userId) ?? userId}`;
  }

  /** Mentions and channel links as the Discord client shows them. */
  readable(raw: string): string {
    return raw
      .replace(/<@!?(\d+)>/g, (_m, id: string) => this.who(id))
      .replace(/<#(\d+)>/g, (_m, id: string) => `#${this.threads.get(id) ?? this.world.discord.channel(id)?.name ?? id}`);
  }

  private where(channelId: string): string {
    const thread = this.threads.get(channelId);
    if (thread !== undefined) return `thread "${thread}"`;
    return `#${this.world.discord.channel(channelId)?.name ?? channelId}`;
  }

  /** Prints every request the fake has finished answering, in arrival order. */
  flush(): void {
    const requests = this.world.discord.requests;
    while (this.cursor < requests.length) {
      const request = requests[this.cursor];
      // Still being answered: stop here so lines stay in arrival order.
      if (request === undefined || request.status === 0) return;
      this.cursor += 1;
      if (request.status < 300) this.describe(request);
    }
  }

  private describe(request: RecordedRequest): void {
    const body = isJson(request.json) ? request.json : {};
    const parts = request.path.split('/').filter(Boolean);
    const at = this.stamp(request.at);

    // /interactions/{id}/{token}/callback: the first answer to a member's command or click.
    if (parts[0] === 'interactions' && parts[3] === 'callback') {
      const viewer = this.viewers.get(parts[2] ?? '');
      const data = isJson(body.data) ? body.data : {};
      const privately = (Number(data.flags ?? 0) & EPHEMERAL) !== 0;
      const to = viewer ? `${privately ? ' (only ' : ' ('}${this.who(viewer)}${privately ? ' sees this)' : ')'}` : '';
      switch (body.type) {
        case 5:
          this.say(`${at}bot${to}: Kling Bot is thinking…`);
          return;
        case 4:
          this.say(`${at}bot${to}: ${this.readable(text(data.content))}`);
          return;
        case 9:
          this.say(`${at}bot opens a form for ${viewer ? this.who(viewer) : 'the member'}: "${text(data.title)}"`);
          for (const line of formLines(data.components)) this.say(`${INDENT}  ${line}`);
          return;
        default:
          this.say(`${at}bot answers with callback type ${String(body.type)}`);
          return;
      }
    }

    // /webhooks/{app}/{token}/messages/@original: the answer that replaces "thinking…".
    if (parts[0] === 'webhooks' && request.method === 'PATCH') {
      const viewer = this.viewers.get(parts[2] ?? '');
      const to = viewer ? ` (only ${this.who(viewer)} sees this)` : '';
      this.say(`${at}bot${to}: ${this.readable(text(body.content))}`);
      return;
    }

    if (parts[0] !== 'channels') return;
    const channelId = parts[1] ?? '';

    // POST /channels/{c}/messages/{m}/threads
    if (request.method === 'POST' && parts[2] === 'messages' && parts[4] === 'threads') {
      const name = text(body.name);
      this.threads.set(parts[3] ?? '', name);
      this.say(`${at}bot starts a thread on that message: "${name}"`);
      return;
    }

    // POST /channels/{c}/messages: a new message everyone in the channel sees.
    if (request.method === 'POST' && parts.length === 3 && parts[2] === 'messages') {
      const content = text(body.content);
      this.say(`${at}bot posts in ${this.where(channelId)}:${content ? ` ${this.readable(content)}` : ''}`);
      for (const file of request.files ?? []) {
        this.say(`${INDENT}  📎 ${file.filename} (${formatBytes(file.size)}, ${file.contentType})`);
      }
      if (isCard(body)) {
        this.printCard(
          body.components,
          (request.files ?? []).map((f) => f.filename),
        );
        return;
      }
      const embed = list(body.embeds)[0];
      const key = embed ? this.keyOf(embed) : undefined;
      if (embed) this.printEmbed(embed);
      this.printButtons(body.components, key);
      return;
    }

    // PATCH /channels/{c}/messages/{m}: the status message changes.
    if (request.method === 'PATCH' && parts[2] === 'messages' && parts[3] !== undefined) {
      if (isCard(body)) {
        this.printCardEdit(at, body.components);
        return;
      }
      const embed = list(body.embeds)[0];
      const key = embed ? this.keyOf(embed) : undefined;
      const changed: string[] = [];
      const before = key === undefined ? undefined : this.shown.get(key);
      if (embed) {
        for (const field of fieldsOf(embed)) {
          if (before?.fields.get(field.name) !== field.value) changed.push(`${field.name}: ${this.readable(field.value)}`);
          before?.fields.set(field.name, field.value);
        }
      }
      const buttons = this.buttonLine(body.components);
      const buttonsChanged = buttons !== (before?.buttons ?? '');
      if (changed.length === 0 && !buttonsChanged) return;
      this.say(`${at}status message updated:`);
      for (const line of changed) this.say(`${INDENT}  ${line}`);
      if (buttonsChanged) this.printButtons(body.components, key);
    }
  }

  /** A card as a box; its lines are remembered by job so that edits print only what changed. */
  private printCard(components: unknown, files: readonly string[]): void {
    const lines = cardLines(components, files).map((line) => this.readable(line));
    this.say(`${INDENT}┌─`);
    for (const line of lines) this.say(`${INDENT}│ ${line}`.trimEnd());
    this.say(`${INDENT}└─`);
    const job = jobOfButtons(components);
    const buttons = this.buttonLine(components);
    if (job) this.shown.set(`card:${job}`, { fields: new Map(lines.map((line) => [line, line])), buttons });
    if (buttons) this.say(`${INDENT}  buttons: ${buttons}`);
  }

  private printCardEdit(at: string, components: unknown): void {
    const job = jobOfButtons(components);
    const before = job ? this.shown.get(`card:${job}`) : undefined;
    const lines = cardLines(components, []).map((line) => this.readable(line));
    const changed = lines.filter((line) => line && !before?.fields.has(line));
    const buttons = this.buttonLine(components);
    const buttonsChanged = buttons !== (before?.buttons ?? '');
    if (changed.length === 0 && !buttonsChanged) return;
    this.say(`${at}card updated:`);
    for (const line of changed) this.say(`${INDENT}  ${line}`);
    if (buttonsChanged) this.say(`${INDENT}  buttons: ${buttons || '(none)'}`);
    if (job) this.shown.set(`card:${job}`, { fields: new Map(lines.map((line) => [line, line])), buttons });
  }

  /** The footer names the job ("Job abc123"): the same on the post and on every edit. */
  private keyOf(embed: Json): string | undefined {
    return isJson(embed.footer) ? text(embed.footer.text) || undefined : undefined;
  }

  private printEmbed(embed: Json): void {
    const fields = fieldsOf(embed);
    const footer = isJson(embed.footer) ? text(embed.footer.text) : '';
    this.say(`${INDENT}┌─ ${text(embed.title)}`);
    // Discord renders **bold**; the markers themselves are not what a member reads.
    for (const line of text(embed.description).split('\n')) this.say(`${INDENT}│ ${this.readable(line).replace(/\*\*/g, '')}`.trimEnd());
    for (const field of fields) this.say(`${INDENT}│ ${field.name}: ${this.readable(field.value)}`);
    this.say(`${INDENT}└─ ${footer}`);
    if (footer) this.shown.set(footer, { fields: new Map(fields.map((f) => [f.name, f.value])), buttons: '' });
  }

  private buttonLine(components: unknown): string {
    return componentsOf(components)
      .filter((c) => c.type === 2)
      .map((c) => `[${text(c.label)}${c.disabled === true ? ' (greyed out)' : ''}]`)
      .join(' ');
  }

  private printButtons(components: unknown, key: string | undefined): void {
    const line = this.buttonLine(components);
    const state = key === undefined ? undefined : this.shown.get(key);
    if (state) state.buttons = line;
    if (line || state) this.say(`${INDENT}  buttons: ${line || '(none)'}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The session.

interface Check {
  what: string;
  ok: boolean;
  detail?: string;
}

/** Waits, printing the transcript as it grows. */
async function follow<T>(
  narrator: Narrator,
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    narrator.flush();
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function isMp4(bytes: Buffer): boolean {
  // Every MP4 opens with an `ftyp` box: 4 bytes of size, then the type.
  return bytes.length > 8 && bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

/** Saves the video attached to a job's final message; returns where, or undefined. */
function saveVideo(world: World, job: Job, name: string): { path: string; bytes: number } | undefined {
  if (!job.finalChannelId || !job.finalMessageId) return undefined;
  const attachment = world.discord.message(job.finalChannelId, job.finalMessageId)?.attachments[0];
  if (!attachment || !isMp4(attachment.bytes)) return undefined;
  const path = join(OUTPUT_DIR, name);
  writeFileSync(path, attachment.bytes);
  return { path, bytes: attachment.bytes.length };
}

function heading(title: string): void {
  process.stdout.write(`\n── ${title} ${'─'.repeat(Math.max(4, 88 - title.length))}\n`);
}

async function session(world: World, narrator: Narrator, checks: Check[], saved: string[]): Promise<void> {
  const { seed, discord } = world;

  heading('1. /video create: a prompt becomes a video');
  narrator.member(seed.requesterId, `types: /video create prompt:"${CREATE_PROMPT}" duration:5 aspect_ratio:16:9`);
  const create = narrator.track(
    world.video(seed.requesterId, { prompt: CREATE_PROMPT, duration: 5, aspect_ratio: '16:9' }),
    seed.requesterId,
  );
  const first = await follow(narrator, 'the first job', async () => (await world.jobs()).find((j) => j.input.prompt === CREATE_PROMPT));
  const delivered = await follow(narrator, 'the video to be delivered', async () => {
    const job = await world.app.store.get(first.id);
    return job?.deliveredAt ? job : undefined;
  });
  await create.waitForResponses(2);
  narrator.flush();
  const createFile = saveVideo(world, delivered, 'create.mp4');
  if (createFile) saved.push(`${relative(process.cwd(), createFile.path)} (${formatBytes(createFile.bytes)})`);
  checks.push({
    what: 'the /video create job was delivered with an MP4 attached',
    ok: delivered.state === 'succeeded' && createFile !== undefined,
    detail: `state ${delivered.state}`,
  });

  heading('2. A second /video create, cancelled while it waits in the queue');
  narrator.member(seed.otherMemberId, `types: /video create prompt:"${CANCEL_PROMPT}" sound:false`);
  const second = narrator.track(world.video(seed.otherMemberId, { prompt: CANCEL_PROMPT, sound: false }), seed.otherMemberId);
  // The ephemeral "in the queue" answer comes after the status message shows the queue position.
  await follow(narrator, 'the second job to be queued', () => (second.responses.length >= 2 ? true : undefined));
  const queued = await follow(narrator, 'the queued job', async () =>
    (await world.jobs()).find((j) => j.input.prompt === CANCEL_PROMPT && j.state === 'queued'),
  );
  narrator.note('the provider keeps this one in its queue for a minute');
  await sleep(700);
  narrator.member(seed.otherMemberId, 'clicks [Cancel] under the status message');
  const click = narrator.track(
    discord.clickButton({
      channelId: queued.channelId,
      messageId: queued.statusMessageId ?? '',
      customId: `job:cancel:${queued.id}`,
      userId: seed.otherMemberId,
    }),
    seed.otherMemberId,
  );
  const cancelled = await follow(narrator, 'the cancelled job to be delivered', async () => {
    const job = await world.app.store.get(queued.id);
    return job?.deliveredAt ? job : undefined;
  });
  const answers = await click.waitForResponses(2);
  narrator.flush();
  const answer = text(answers[1]?.data?.content);
  const providerJob = world.runcomfy.jobs.get(queued.requestId ?? '');
  checks.push({
    what: 'the cancel was confirmed (member told, provider cancelled, final message posted)',
    ok: cancelled.state === 'cancelled' && answer.startsWith('Cancelled') && providerJob?.cancelledAt !== undefined,
    detail: `state ${cancelled.state}, answer "${answer}"`,
  });

  heading('3. /video multishot: a form with three shots');
  narrator.member(seed.requesterId, 'types: /video multishot');
  const open = narrator.track(world.subcommand(seed.requesterId, 'video', 'multishot'), seed.requesterId);
  const modal = await open.response();
  narrator.flush();
  const fields = { prompt: MULTI_PROMPT, multi_prompt: SHOTS };
  const choices = { aspect_ratio: '9:16', sound: false };
  narrator.member(seed.requesterId, 'fills in the form and presses Submit:');
  narrator.say(`${INDENT}  ▸ Prompt: ${fields.prompt}`);
  for (const line of fields.multi_prompt.split('\n')) narrator.say(`${INDENT}  ▸ Shot: ${line}`);
  narrator.say(`${INDENT}  ▸ Frame shape (a radio group): ${choices.aspect_ratio}`);
  narrator.say(`${INDENT}  ▸ Sound (a checkbox): unticked`);
  narrator.track(
    discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: text(modal.data?.custom_id),
      fields,
      choices,
    }),
    seed.requesterId,
  );
  const multi = await follow(narrator, 'the multi-shot job', async () => (await world.jobs()).find((j) => j.input.prompt === MULTI_PROMPT));
  const multiDone = await follow(narrator, 'the multi-shot video to be delivered', async () => {
    const job = await world.app.store.get(multi.id);
    return job?.deliveredAt ? job : undefined;
  });
  narrator.flush();
  const multiFile = saveVideo(world, multiDone, 'multishot.mp4');
  if (multiFile) saved.push(`${relative(process.cwd(), multiFile.path)} (${formatBytes(multiFile.bytes)})`);
  const sent = world.runcomfy.jobs.get(multiDone.requestId ?? '')?.input.multi_prompt;
  checks.push({
    what: 'the multi-shot job was delivered, with 3 shots sent to the provider',
    ok: multiDone.state === 'succeeded' && multiFile !== undefined && Array.isArray(sent) && sent.length === 3,
    detail: `state ${multiDone.state}, ${Array.isArray(sent) ? sent.length : 0} shots sent`,
  });

  heading('4. /video animate without a picture: the form takes the upload');
  narrator.member(seed.requesterId, `types: /video animate prompt:"${ANIMATE_PROMPT}"`);
  const animateOpen = narrator.track(
    discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
      options: [{ type: 1, name: 'animate', options: toOptions({ prompt: ANIMATE_PROMPT }) } as APIApplicationCommandInteractionDataOption],
    }),
    seed.requesterId,
  );
  const uploadForm = await animateOpen.response();
  narrator.flush();
  narrator.member(seed.requesterId, 'drops sunrise.png (640×360) into the picture field and presses Submit');
  narrator.track(
    discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: text(uploadForm.data?.custom_id),
      // A 640×360 PNG made here, so the demo ships no binary fixture.
      uploads: { image: [{ filename: 'sunrise.png', bytes: makePng(640, 360), contentType: 'image/png', width: 640, height: 360 }] },
    }),
    seed.requesterId,
  );
  const animated = await follow(narrator, 'the animation job', async () =>
    (await world.jobs()).find((j) => j.input.prompt === ANIMATE_PROMPT),
  );
  const animatedDone = await follow(narrator, 'the animation to be delivered', async () => {
    const job = await world.app.store.get(animated.id);
    return job?.deliveredAt ? job : undefined;
  });
  narrator.flush();
  const animateFile = saveVideo(world, animatedDone, 'animate.mp4');
  if (animateFile) saved.push(`${relative(process.cwd(), animateFile.path)} (${formatBytes(animateFile.bytes)})`);
  const startLink = world.runcomfy.jobs.get(animatedDone.requestId ?? '')?.input.start_image_url;
  narrator.say(
    `${INDENT}(the provider fetched the bot's own copy: ${typeof startLink === 'string' ? new URL(startLink).pathname : 'none'})`,
  );
  checks.push({
    what: 'the picture uploaded in the form was animated and delivered, the provider having fetched the bot’s copy from the status card',
    ok:
      animatedDone.state === 'succeeded' && animateFile !== undefined && typeof startLink === 'string' && startLink.includes('/start.png'),
    detail: `state ${animatedDone.state}, start_image_url ${String(startLink)}`,
  });

  heading('5. Extend: the animation goes on from its last frame, delivered as one video');
  const thread = animatedDone.threadId ?? animatedDone.channelId;
  narrator.member(seed.requesterId, 'clicks [Extend] under the finished animation');
  const extendOpen = narrator.track(
    discord.clickButton({
      channelId: thread,
      messageId: animatedDone.finalMessageId ?? '',
      customId: `job:extend:${animatedDone.id}`,
      userId: seed.requesterId,
    }),
    seed.requesterId,
  );
  const extendForm = await extendOpen.response();
  narrator.flush();
  narrator.member(seed.requesterId, `changes the prompt to "${EXTEND_PROMPT}", keeps 5 seconds, and presses Submit`);
  narrator.track(
    discord.submitModal({
      guildId: seed.guildId,
      channelId: thread,
      userId: seed.requesterId,
      customId: text(extendForm.data?.custom_id),
      fields: { prompt: EXTEND_PROMPT },
      choices: { duration: '5' },
    }),
    seed.requesterId,
  );
  const extension = await follow(narrator, 'the extension job', async () => (await world.jobs()).find((j) => j.kind === 'extend'));
  const extended = await follow(narrator, 'the joined video to be delivered', async () => {
    const job = await world.app.store.get(extension.id);
    return job?.deliveredAt ? job : undefined;
  });
  narrator.flush();
  const extendFile = saveVideo(world, extended, 'extend.mp4');
  if (extendFile) saved.push(`${relative(process.cwd(), extendFile.path)} (${formatBytes(extendFile.bytes)})`);
  const extendCard = extended.finalChannelId ? discord.message(extended.finalChannelId, extended.finalMessageId ?? '') : undefined;
  const extendText = JSON.stringify(extendCard?.components ?? []);
  checks.push({
    what: 'the extension was made from the last frame and delivered joined onto the animation, with its total length',
    ok: extended.state === 'succeeded' && extendFile !== undefined && extendText.includes('seconds in all'),
    detail: `state ${extended.state}`,
  });

  heading('6. A long video over the upload limit arrives inline, fitted');
  narrator.member(seed.requesterId, `types: /video create prompt:"${LONG_PROMPT}" duration:${LARGE_SECONDS}`);
  narrator.track(world.video(seed.requesterId, { prompt: LONG_PROMPT, duration: LARGE_SECONDS }), seed.requesterId);
  const long = await follow(narrator, 'the long job', async () => (await world.jobs()).find((j) => j.input.prompt === LONG_PROMPT));
  // Fitting re-encodes the whole video: seconds on a small machine.
  const longDone = await follow(
    narrator,
    'the fitted video to be delivered',
    async () => {
      const job = await world.app.store.get(long.id);
      return job?.deliveredAt ? job : undefined;
    },
    60_000,
  );
  narrator.flush();
  const longFile = saveVideo(world, longDone, 'fitted.mp4');
  if (longFile) saved.push(`${relative(process.cwd(), longFile.path)} (${formatBytes(longFile.bytes)})`);
  const longCard = longDone.finalChannelId ? discord.message(longDone.finalChannelId, longDone.finalMessageId ?? '') : undefined;
  checks.push({
    what: 'the video over the 10 MiB upload limit was re-encoded to fit and posted inline',
    ok:
      longDone.state === 'succeeded' &&
      longFile !== undefined &&
      longFile.bytes <= 10 * 1024 * 1024 &&
      JSON.stringify(longCard?.components ?? []).includes('Compressed to fit'),
    detail: `state ${longDone.state}, ${longFile ? formatBytes(longFile.bytes) : 'no file'}`,
  });
}

async function main(): Promise<number> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  process.stdout.write('Kling video bot: demo session\n');
  process.stdout.write('The real bot, against a loopback Discord and a fake RunComfy on 127.0.0.1 (no tokens, no network).\n');

  // The fake provider's clips for the studio's steps, made before the session (the first run
  // takes a few seconds; later runs reuse them), so its timing is the bot's own.
  await realVideo({ ...frameFor('16:9', LARGE_CLIP.shortSide), durationSeconds: LARGE_SECONDS, bitrateKbps: LARGE_CLIP.bitrateKbps });
  const world = await startWorld({
    // A member watching the session sees it at the pace the bot really works.
    realTime: true,
    logLevel: 'info',
    // Long enough to watch the status change; the lighthouse waits in the queue so it can be cancelled.
    scenario: { queueMs: 1500, runMs: 1500, queuePositions: 3 },
    scenarioFor: (input) => {
      if (input.prompt === CANCEL_PROMPT) return { queueMs: 60_000, queuePositions: 5 };
      if (input.prompt === ANIMATE_PROMPT || input.prompt === EXTEND_PROMPT) return { video: REAL_CLIP };
      if (input.prompt === LONG_PROMPT) return { video: LARGE_CLIP };
      return {};
    },
  });
  const { seed } = world;
  const names = new Map<string, string>([
    [seed.requesterId, 'requester'],
    [seed.otherMemberId, 'bystander'],
    [seed.moderatorId, 'moderator'],
    [seed.adminId, 'admin'],
    [seed.botUserId, 'Kling Bot'],
  ]);
  const narrator = new Narrator(world, names);
  process.stdout.write(`Server "Kling Test Server", channel #general; members @requester and @bystander.\n`);

  const checks: Check[] = [];
  const saved: string[] = [];
  let failure: unknown;
  const deadline = setTimeout(() => {
    process.stderr.write(`demo: the session did not finish within ${SESSION_DEADLINE_MS / 1000} s\n`);
    process.exit(1);
  }, SESSION_DEADLINE_MS);
  deadline.unref();
  try {
    await session(world, narrator, checks, saved);
  } catch (error) {
    failure = error;
  } finally {
    narrator.flush();
    await world.stop();
    clearTimeout(deadline);
  }

  heading('Result');
  if (saved.length > 0) {
    process.stdout.write('Videos saved:\n');
    for (const line of saved) process.stdout.write(`  ${line}\n`);
  }
  for (const check of checks)
    process.stdout.write(`  ${check.ok ? '✓' : '✗'} ${check.what}${check.ok ? '' : ` (${check.detail ?? ''})`}\n`);
  const ok = failure === undefined && checks.length === 6 && checks.every((c) => c.ok);
  if (!ok) {
    if (failure !== undefined) process.stderr.write(`demo: ${failure instanceof Error ? failure.message : String(failure)}\n`);
    // The bot's own log tells CI why; the tail is enough and keeps the output readable.
    process.stderr.write(`demo: the session did not reach its expected end. Last bot log lines:\n${world.logs.slice(-30).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('Demo finished: every step reached its expected end.\n');
  return 0;
}

process.exitCode = await main();
