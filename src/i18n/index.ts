import { JpAuditError } from '../errors.js';
import type { Catalogue } from './catalogue.js';
import { en } from './en.js';
import { id } from './id.js';

import type { Lang } from './lang.js';

export { LANGS, type Lang } from './lang.js';

const CATALOGUES: Record<Lang, Catalogue> = { id, en };

/** The catalogue of a language. */
export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** The one-line text of an expected error: `file: what; how to fix`. */
export function errorMessage(e: JpAuditError, lang: Lang): string {
  const msg = catalogue(lang).errors[e.code];
  const text = msg ? msg(e.params) : `${e.code} ${JSON.stringify(e.params)}`;
  return e.file ? `${e.file}: ${text}` : text;
}

export type { Catalogue } from './catalogue.js';
