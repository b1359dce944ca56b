import type { Lang } from '../i18n/index.js';

/** Writes a number as text (what `Intl.NumberFormat#format` gives). */
export interface NumberFormat {
  format(n: number): string;
}

/**
 * Numbers and percentages the way the report's language writes them (`58,3%` in Indonesian):
 * what `Intl.NumberFormat` writes for `id-ID` and `en-GB` (up to 2 decimals; percentages up to
 * 1), without it. Making an `Intl.NumberFormat` loads the locale's data, about 10 ms of every run,
 * for a summary line of two numbers; `test/report/format.test.ts` holds this to Intl's text.
 */
export function formatters(lang: Lang): { num: NumberFormat; pct: (rate: number | null) => string } {
  const marks = lang === 'id' ? ID : EN;
  return { num: { format: (n) => written(n, 0, 2, marks) }, pct: (r) => (r === null ? '–' : `${written(r, 2, 1, marks)}%`) };
}

const ID = { group: '.', decimal: ',' };
const EN = { group: ',', decimal: '.' };

/**
 * `n` times 10^`shift`, rounded to at most `places` decimals half away from zero, grouped by
 * thousands. As ICU does, it rounds the shortest decimal that reads back as `n` (what `String(n)`
 * writes: 1.005 rounds to 1.01), not the binary value; -0, and a negative that rounds to 0, keep
 * their sign.
 */
function written(given: number, shift: number, places: number, marks: { group: string; decimal: string }): string {
  // As Intl converts what it is given (a caller's `undefined` is NaN, `null` 0).
  const n = Number(given);
  if (Number.isNaN(n)) return 'NaN';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  if (!Number.isFinite(n)) return `${sign}∞`;
  // The digits of |n| and where its point is: |n| = 0.d1d2… × 10^point.
  const [mantissa, exponent] = String(Math.abs(n)).split('e');
  const [whole, fraction = ''] = mantissa!.split('.');
  let digits = (whole! + fraction).split('').map(Number);
  let point = whole!.length + Number(exponent ?? 0) + shift;
  const lead = digits.findIndex((d) => d !== 0);
  if (lead < 0) digits = [];
  else {
    digits = digits.slice(lead);
    point -= lead;
  }
  // Rounded at `places` decimals: the digits kept, and one up when the next is 5 or more.
  const keep = point + places;
  if (keep < 0) digits = [];
  else if (keep < digits.length) {
    const up = digits[keep]! >= 5;
    digits = digits.slice(0, keep);
    if (up) {
      let i = keep - 1;
      while (i >= 0 && digits[i] === 9) digits[i--] = 0;
      if (i >= 0) digits[i]!++;
      else {
        digits.unshift(1);
        point++;
      }
    }
  }
  const intDigits = point > 0 && digits.length > 0 ? digits.slice(0, point).join('').padEnd(point, '0') : '0';
  const fracDigits = (point < 0 ? '0'.repeat(-point) : '') + digits.slice(Math.max(0, point)).join('');
  const frac = fracDigits.replace(/0+$/, '');
  const int = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group);
  return `${sign}${int}${frac ? marks.decimal + frac : ''}`;
}
