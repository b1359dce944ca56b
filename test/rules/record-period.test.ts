import { describe, expect, it } from 'vitest';
import { TrainingKernel } from '../../src/io/kernel.js';
import { isoDate } from '../../src/normalize/dates.js';
import { type Period, recordPeriod } from '../../src/rules/record-period.js';

describe('recordPeriod: the year of the end date, up to the as-of day', () => {
  it.each<[number, number, number, Period]>([
    [20250101, 2025, 20251231, 'in'],
    [20251231, 2025, 20251231, 'in'],
    [20241231, 2025, 20251231, 'outside-year'],
    [20260101, 2025, 20251231, 'outside-year'],
    [20250630, 2025, 20250630, 'in'],
    [20250701, 2025, 20250630, 'after-as-of'],
    [20251231, 2025, 20250630, 'after-as-of'],
    [20240615, 2025, 20250630, 'outside-year'],
  ])('ending %i, audit %i as of %i: %s', (end, year, asOf, period) => {
    expect(recordPeriod(end, year, asOf)).toBe(period);
  });
});

describe("the training kernel's copy of the period rule", () => {
  it('keeps exactly the records the rule puts in the period, at every boundary', () => {
    // Ends around the year's edges and around several as-of days; each record gets its own line.
    const ends: number[] = [];
    for (const y of [2024, 2025, 2026]) for (const md of [101, 102, 315, 630, 701, 1130, 1230, 1231]) ends.push(y * 10000 + md);
    const dmy = (d: number) => isoDate(d).split('-').reverse().join('/');
    for (const asOf of [20250101, 20250630, 20250701, 20251230, 20251231]) {
      const k = new TrainingKernel({ delimiter: 0x2c, nip: 0, jp: 4, start: 2, end: 3, training: 1, need: 4, order: 'dmy', year: 2025, asOf, headerFirst: 'nip' });
      const text = `${ends.map((e, i) => `198503152010011001,T${i},${dmy(e)},${dmy(e)},1`).join('\n')}\n`;
      const chunk = Buffer.from(text);
      k.load(chunk);
      k.run(0, chunk.length, 1);
      const kept = ends.filter((e) => recordPeriod(e, 2025, asOf) === 'in').length;
      expect([k.taken, k.written, k.outside], `as of ${asOf}`).toEqual([ends.length, kept, ends.length - kept]);
    }
  });
});
