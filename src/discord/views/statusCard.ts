/** The status card under which a job's buttons live: its embed, its buttons and its thread's name. */
export { type RenderFlags, renderStatusComponents, renderStatusEmbed, stateLine, threadName } from '../render.js';
