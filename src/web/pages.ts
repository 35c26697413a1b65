/**
 * The gallery's pages as pure functions of plain data: HTML with every value escaped, words from
 * the six catalogues, no inline script or style (the CSP allows neither).
 */
import type { GalleryEntry } from '../community/gallery.js';
import type { Language } from '../community/languages.js';
import type { MessageKey } from '../discord/i18n/en.js';
import { formatUsdIn, type MessageValues, translate } from '../discord/i18n/translate.js';
import type { Tier } from '../model/tiers.js';
import { type Html, html } from './html.js';

export interface PageFrame {
  language: Language;
  /** Signed in: their name and the CSRF token for the sign-out form. */
  user?: { name: string; csrf: string };
  /** A sentence to show on top (after an action). */
  notice?: string;
  /** The notice says why something was not done, not that it was. */
  refused?: boolean;
}

export function words(language: Language) {
  return (key: MessageKey, values?: MessageValues) => translate(language, key, values);
}

export function layout(frame: PageFrame, title: string, body: Html): string {
  const t = words(frame.language);
  return `<!doctype html>${html`<html lang="${frame.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('web.title')}</title><link rel="stylesheet" href="/assets/gallery.css"></head>
<body><header><a class="home" href="/">${t('web.title')}</a>${
    frame.user
      ? html`<form class="signout" method="post" action="/logout"><span>${frame.user.name}</span><input type="hidden" name="csrf" value="${frame.user.csrf}"><button type="submit">${t('web.signOut')}</button></form>`
      : ''
  }</header>${
    frame.notice
      ? frame.refused
        ? html`<p class="notice refused" role="alert">${frame.notice}</p>`
        : html`<p class="notice" role="status">${frame.notice}</p>`
      : ''
  }<main>${body}</main></body></html>`}`;
}

export function signInPage(frame: PageFrame, returnTo: string): string {
  const t = words(frame.language);
  const href = `/login?return=${encodeURIComponent(returnTo)}`;
  return layout(
    frame,
    t('web.signIn'),
    html`<p>${t('web.signInIntro')}</p><p><a class="button" id="sign-in" href="${href}">${t('web.signIn')}</a></p>`,
  );
}

export function messagePage(frame: PageFrame, key: MessageKey): string {
  return layout(frame, words(frame.language)(key), html`<p class="message">${words(frame.language)(key)}</p>`);
}

export function serversPage(frame: PageFrame, servers: { id: string; name: string }[]): string {
  const t = words(frame.language);
  const list = servers.length
    ? html`<ul class="servers">${servers.map((s) => html`<li><a href="/g/${s.id}">${s.name}</a></li>`)}</ul>`
    : html`<p>${t('web.noServers')}</p>`;
  return layout(frame, t('web.servers'), html`<h1>${t('web.servers')}</h1>${list}`);
}

export interface GalleryFilters {
  q: string;
  mine: boolean;
  member: string;
  model: string;
  /** A tier's name (`standard`, `pro`, `4k`), or '' for any. */
  tier: string;
  showcase: boolean;
  from: string;
  to: string;
}

export function galleryPage(
  frame: PageFrame,
  server: { id: string; name: string; manager: boolean },
  filters: GalleryFilters,
  models: { id: string; name: string; tier: string }[],
  entries: GalleryEntry[],
  olderHref: string | undefined,
): string {
  const t = words(frame.language);
  const form = html`<form class="filters" method="get" action="/g/${server.id}" role="search">
<label>${t('web.searchLabel')} <input type="search" name="q" value="${filters.q}" maxlength="200"></label>
<label><input type="checkbox" name="mine" value="1"${filters.mine ? html` checked` : ''}> ${t('web.onlyMine')}</label>
<label>${t('web.model')} <select name="model"><option value="">${t('web.anyModel')}</option>${models.map(
    (m) => html`<option value="${m.id}"${m.id === filters.model ? html` selected` : ''}>${m.name}</option>`,
  )}</select></label>
<label>${t('web.tier')} <select name="tier"><option value="">${t('web.anyTier')}</option>${[...new Set(models.map((m) => m.tier))].map(
    (tier) => html`<option value="${tier}"${tier === filters.tier ? html` selected` : ''}>${t(`tier.${tier as Tier}`)}</option>`,
  )}</select></label>
<label><input type="checkbox" name="showcase" value="1"${filters.showcase ? html` checked` : ''}> ${t('web.showcaseOnly')}</label>
<label>${t('web.from')} <input type="date" name="from" value="${filters.from}"></label>
<label>${t('web.to')} <input type="date" name="to" value="${filters.to}"></label>
${filters.member ? html`<input type="hidden" name="member" value="${filters.member}">` : ''}
<button type="submit">${t('web.search')}</button></form>`;
  const grid = entries.length
    ? html`<ul class="grid">${entries.map(
        ({ job, showcased }) =>
          html`<li class="card"><a href="/g/${server.id}/v/${job.id}"><img src="/g/${server.id}/v/${job.id}/poster" alt="" loading="lazy" width="320" height="180"><span class="prompt">${clip(job.input.prompt, 140)}</span>${
            showcased ? html`<span class="badge">${t('web.onShowcase')}</span>` : ''
          }</a></li>`,
      )}</ul>`
    : html`<p class="empty">${t('web.empty')}</p>`;
  const settings = server.manager ? html`<p><a href="/g/${server.id}/settings">${t('web.serverSettings')}</a></p>` : '';
  const older = olderHref ? html`<p><a class="older" href="${olderHref}">${t('web.older')}</a></p>` : '';
  return layout(frame, server.name, html`<h1>${server.name}</h1>${settings}${form}${grid}${older}`);
}

export interface VideoView {
  guildId: string;
  entry: GalleryEntry;
  makerName: string;
  /** A playable link, or undefined. */
  videoUrl: string | undefined;
  discordUrl: string;
  canShare: boolean;
  canDelete: boolean;
  /** The member may post in the video's channel, where a remix's card goes. */
  canRemix: boolean;
  csrf: string;
}

export function videoPage(frame: PageFrame, view: VideoView): string {
  const t = words(frame.language);
  const { job, showcased } = view.entry;
  const input = job.input as {
    prompt: string;
    duration?: number;
    aspect_ratio?: string;
    sound?: boolean;
    multi_prompt?: { prompt: string; duration: number }[];
  };
  const date = new Intl.DateTimeFormat(frame.language, { dateStyle: 'long' }).format(job.createdAt);
  const player = view.videoUrl
    ? html`<video controls preload="metadata" poster="/g/${view.guildId}/v/${job.id}/poster" src="${view.videoUrl}"></video>`
    : html`<p class="message">${t('web.notPlayable')}</p>`;
  const shots = input.multi_prompt?.length
    ? html`<h2>${t('web.shots')}</h2><ol class="shots">${input.multi_prompt.map(
        (shot, index) => html`<li><b>${t('web.shot', { shot: index + 1, seconds: shot.duration })}</b> <span>${shot.prompt}</span></li>`,
      )}</ol>`
    : '';
  const action = (name: string, label: string) =>
    html`<form method="post" action="/g/${view.guildId}/v/${job.id}/${name}"><input type="hidden" name="csrf" value="${view.csrf}"><button type="submit" id="${name}">${label}</button></form>`;
  const settings = t('web.settings', {
    seconds: input.duration ?? 0,
    ratio: input.aspect_ratio ?? '',
    sound: t(input.sound === false ? 'web.withoutSound' : 'web.withSound'),
  });
  return layout(
    frame,
    clip(input.prompt, 60),
    html`<article class="video">${player}
<h2>${t('web.prompt')}</h2><p class="prompt" id="prompt">${input.prompt}</p>${shots}
<p>${settings}</p><p>${t('web.cost', { cost: formatUsdIn(frame.language, job.costUsd ?? job.estimateUsd) })}</p>
<p>${t('web.madeBy', { name: view.makerName, date })}</p>${showcased ? html`<p class="badge">${t('web.onShowcase')}</p>` : ''}
<div class="actions"><a class="button" href="${view.discordUrl}">${t('web.openInDiscord')}</a>${view.canShare && !showcased ? action('share', t('web.share')) : ''}${
      view.canDelete ? action('delete', t('web.delete')) : ''
    }</div>${
      view.canRemix
        ? html`<form class="remix" method="post" action="/g/${view.guildId}/v/${job.id}/remix"><input type="hidden" name="csrf" value="${view.csrf}"><label>${t('web.remixPrompt')} <textarea name="prompt" id="remix-prompt" rows="3" maxlength="${REMIX_PROMPT_MAX}">${input.prompt}</textarea></label><button type="submit" id="remix">${t('web.remix')}</button></form>`
        : ''
    }</article>`,
  );
}

/**
 * Longer than any model's prompt: the model's schema, not the page, says what is too long, in the
 * member's language; this only keeps a form from carrying a novel.
 */
const REMIX_PROMPT_MAX = 4_000;

export function settingsPage(frame: PageFrame, server: { id: string; name: string }, settings: Record<string, unknown>): string {
  const t = words(frame.language);
  const rows = Object.entries(settings).map(([key, value]) => html`<dt>${key}</dt><dd>${JSON.stringify(value)}</dd>`);
  return layout(frame, t('web.serverSettings'), html`<h1>${server.name}: ${t('web.serverSettings')}</h1><dl class="settings">${rows}</dl>`);
}

/** At most `max` characters, cut on a code point. */
function clip(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

export const GALLERY_CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,sans-serif;background:#1e1f22;color:#dbdee1}
a{color:#8ab4ff}header{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1rem;background:#2b2d31}
.home{font-weight:600;color:#fff;text-decoration:none}main{padding:1rem;max-width:1200px;margin:auto}
.signout{display:flex;gap:.5rem;align-items:center}button,.button{background:#5865f2;color:#fff;border:0;border-radius:4px;padding:.4rem .8rem;text-decoration:none;cursor:pointer;font:inherit}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;margin-bottom:1rem}input,select{font:inherit}
.grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:1rem}
.card a{display:block;background:#2b2d31;border-radius:6px;overflow:hidden;color:inherit;text-decoration:none}
.card img{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover;background:#111}
.card .prompt{display:block;padding:.5rem .6rem}.badge{display:inline-block;margin:0 .6rem .5rem;padding:0 .4rem;border-radius:3px;background:#248046;color:#fff;font-size:.8em}
.notice{background:#248046;color:#fff;padding:.5rem 1rem;margin:0;white-space:pre-wrap}.notice.refused{background:#a12d2f}.video video{width:100%;max-height:70vh;background:#000}
.prompt{white-space:pre-wrap;overflow-wrap:anywhere}.remix{display:flex;flex-direction:column;gap:.4rem;margin-top:1rem}.remix textarea{width:100%;font:inherit}.actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
`;
