import { type Catalogue, en } from './en.js';

export const esES: Catalogue = { ...en };
