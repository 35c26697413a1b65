import { type Catalogue, en } from './en.js';

export const ja: Catalogue = { ...en };
