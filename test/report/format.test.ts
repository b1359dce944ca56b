import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatters } from '../../src/report/format.js';

// The report's numbers are written without Intl (whose locale data is slow to load); they must be
// Intl's text exactly, in both languages.
const INTL = {
  id: { num: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }), pct: new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }) },
  en: { num: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }), pct: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }) },
} as const;

describe('numbers and percentages (formatters)', () => {
  const cases = [0, -0, 1, -1, 0.5, 0.005, 0.0049, 1.005, 1.015, 2.675, 19.5, 20, 24.25, 525000, 1234.567, -1234.567, 999.995, 9.995, 99.95, 0.99995, 0.4755, 0.125, 1e-7, -1e-7, 1e21, 1.5e21, 123456789.125, 1 / 3, 2 / 3, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, NaN, Infinity, -Infinity, 12.3456, -0.0004];
  for (const lang of ['id', 'en'] as const) {
    const { num, pct } = formatters(lang);
    it(`write what Intl writes (${lang}): chosen cases`, () => {
      for (const x of cases) {
        expect([x, num.format(x)]).toEqual([x, INTL[lang].num.format(x)]);
        expect([x, pct(x)]).toEqual([x, INTL[lang].pct.format(x)]);
      }
      expect(pct(null)).toBe('–');
      // What Intl makes of a value that is not a number (no caller gives one).
      for (const x of [undefined, '5', '1.005', true] as unknown as number[]) expect([x, num.format(x)]).toEqual([x, INTL[lang].num.format(x)]);
    });
    it(`write what Intl writes (${lang}): any number, and counts, JP and rates`, () => {
      const any = fc.oneof(fc.double(), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 2), fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000), fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000));
      fc.assert(
        fc.property(any, (x) => {
          expect(num.format(x)).toBe(INTL[lang].num.format(x));
          expect(pct(x)).toBe(INTL[lang].pct.format(x));
        }),
        { numRuns: 5000 },
      );
    });
  }
});
