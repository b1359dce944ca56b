import type { Lang } from '../i18n/index.js';

/** Numbers and percentages the way the report's language writes them (`58,3%` in Indonesian). */
export function formatters(lang: Lang): { num: Intl.NumberFormat; pct: (rate: number | null) => string } {
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return { num, pct: (r) => (r === null ? '–' : percent.format(r)) };
}
