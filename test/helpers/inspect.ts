/** Reading what members see in the loopback Discord, shared by the end-to-end tests. */
import type { InteractionHandle, StoredMessage } from '../../testkit/discord/index.js';
import type { World } from '../../testkit/world/botWorld.js';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  thumbnail?: { url: string };
}

export interface Button {
  custom_id?: string;
  label?: string;
  disabled?: boolean;
}

export interface GalleryItem {
  media: { url: string };
  description?: string;
}

interface Node {
  type?: number;
  content?: string;
  components?: Node[];
  accessory?: Node;
  items?: GalleryItem[];
  media?: { url: string };
  custom_id?: string;
}

/** Every component of a message's tree, depth first, accessories included. */
function nodesOf(message: StoredMessage | undefined): Node[] {
  const out: Node[] = [];
  const visit = (node: Node | undefined) => {
    if (!node || typeof node !== 'object') return;
    out.push(node);
    for (const child of node.components ?? []) visit(child);
    visit(node.accessory);
  };
  for (const component of (message?.components ?? []) as Node[]) visit(component);
  return out;
}

/** Whether Discord shows the message as a components-v2 card (no content or embeds). */
export const isCard = (message: StoredMessage | undefined): boolean => ((message?.flags ?? 0) & (1 << 15)) !== 0;

/** The text displays of a card, in reading order. */
export const textDisplaysOf = (message: StoredMessage | undefined): string[] =>
  nodesOf(message).flatMap((node) => (node.type === 10 && typeof node.content === 'string' ? [node.content] : []));

/** All the text a member reads of a message: its content, its embeds, its text displays. */
export function textOf(message: StoredMessage | undefined): string {
  if (!message) return '';
  const embeds = (message.embeds as Embed[]).flatMap((embed) => [
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    embed.footer?.text ?? '',
  ]);
  return [message.content, ...embeds, ...textDisplaysOf(message)].filter(Boolean).join('\n');
}

/** The prompt as a card shows it: the text under the card's title. */
export function promptOf(message: StoredMessage | undefined): string | undefined {
  const header = textDisplaysOf(message).find((content) => content.startsWith('### '));
  return header?.split('\n').slice(1).join('\n');
}

/** A card's labelled lines (`**Settings:** 5s · …`) by label, the way a member scans them. */
export function fieldsOf(message: StoredMessage | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of textDisplaysOf(message).join('\n').split('\n')) {
    const match = /^\*\*(.+?)\s?[:：]\*\* (.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) fields[match[1]] = match[2];
  }
  return fields;
}

/** The buttons anywhere in a message's tree: action rows at the top or in a container, section accessories. */
export const buttonsOf = (message: StoredMessage | undefined): Button[] =>
  nodesOf(message).filter((node): node is Node & Button => node.type === 2);

/** The items of a card's media galleries. */
export const galleryOf = (message: StoredMessage | undefined): GalleryItem[] =>
  nodesOf(message).flatMap((node) => (node.type === 12 ? (node.items ?? []) : []));

/** The picture shown beside a card's prompt (a section's thumbnail). */
export const thumbnailOf = (message: StoredMessage | undefined): string | undefined =>
  nodesOf(message).find((node) => node.type === 11)?.media?.url;

/** The attachment of `message` that a gallery item's `attachment://name` names. */
export const attachmentFor = (message: StoredMessage | undefined, item: GalleryItem | undefined) =>
  item?.media.url.startsWith('attachment://')
    ? message?.attachments.find((attachment) => attachment.filename === item.media.url.slice('attachment://'.length))
    : undefined;

/** Submit requests the provider received. */
export const submitsTo = (world: World) => world.runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));

/**
 * Successful POSTs of a job's final message. The fake, like Discord, folds a repeated nonce into
 * the first message, so counting stored messages alone would hide a second delivery.
 */
export const finalPostsOf = (world: World, jobId: string) =>
  world.discord.requests.filter(
    (r) =>
      r.method === 'POST' &&
      /^\/channels\/\d+\/messages$/.test(r.path) &&
      r.status < 300 &&
      (r.json as { nonce?: unknown } | undefined)?.nonce === `final-${jobId}`,
  );

/** The text a member reads in answer to an interaction: a direct reply, or the edit after a defer. */
export async function answerText(handle: InteractionHandle): Promise<string> {
  const first = await handle.response();
  if (first.type === 4) return String(first.data?.content);
  const all = await handle.waitForResponses(2);
  return String(all[1]?.data?.content);
}
