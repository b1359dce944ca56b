/** The languages of every message and report (a leaf module: models that name a language import it alone). */
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];
