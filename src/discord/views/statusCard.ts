/** The status card under which a job's buttons live: its card, its buttons and its thread's name. */
export { type RenderFlags, renderStatusComponents, stateLine, threadName } from '../render.js';
export { renderStatusCard } from './jobCard.js';
