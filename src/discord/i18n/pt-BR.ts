import { type Catalogue, en } from './en.js';

export const ptBR: Catalogue = { ...en };
