import { catalogue, type Lang } from '../i18n/index.js';

/** `31 Desember 2025` in Indonesian, `31 December 2025` in English. */
export function longDate(year: number, month: number, day: number, lang: Lang): string {
  return `${day} ${catalogue(lang).months[month - 1]} ${year}`;
}

/** The audited period as text: `1 Januari 2025 – 31 Desember 2025`. */
export function periodText(year: number, lang: Lang): string {
  return `${longDate(year, 1, 1, lang)} – ${longDate(year, 12, 31, lang)}`;
}
