import { describe, expect, it } from 'vitest';
import { TrainingKernel } from '../../src/engine/fast/kernel.js';
import { isoDate } from '../../src/normalize/dates.js';
import { COUNT_IN, type CountIn, type Period, recordPeriod, recordShare, type Share, splitJp } from '../../src/rules/record-period.js';

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

describe('recordShare: a training that spans two years, by the policy countIn', () => {
  // 20 Dec 2025 to 10 Jan 2026: 12 days in 2025, 10 in 2026; 44 JP.
  const pkp = { start: 20251220, end: 20260110, jp: 44 };
  it.each<[string, CountIn, number, number, Share]>([
    ['end: wholly in the end year', 'end', 2026, 20261231, { period: 'in', jp: 44 }],
    ['end: nothing in the start year', 'end', 2025, 20251231, { period: 'outside-year', jp: 0 }],
    ['end: not before it ends', 'end', 2026, 20260109, { period: 'after-as-of', jp: 0 }],
    ['start: wholly in the start year', 'start', 2025, 20251231, { period: 'in', jp: 44 }],
    ['start: from its first day', 'start', 2025, 20251220, { period: 'in', jp: 44 }],
    ['start: not before it starts', 'start', 2025, 20251219, { period: 'after-as-of', jp: 0 }],
    ['start: nothing in the end year', 'start', 2026, 20261231, { period: 'outside-year', jp: 0 }],
    ['split: 12 of 22 days in 2025 is 24 JP', 'split', 2025, 20251231, { period: 'in', jp: 24 }],
    ['split: the rest, 20 JP, in 2026', 'split', 2026, 20261231, { period: 'in', jp: 20 }],
    ['split: the 2025 share from 31 December only', 'split', 2025, 20251230, { period: 'after-as-of', jp: 0 }],
    ['split: the 2026 share once ended', 'split', 2026, 20260109, { period: 'after-as-of', jp: 0 }],
    ['split: neither year', 'split', 2024, 20241231, { period: 'outside-year', jp: 0 }],
  ])('%s', (_, countIn, year, asOf, share) => {
    expect(recordShare(pkp, year, asOf, countIn)).toEqual(share);
  });

  it('split rounds each earlier year to 0.5 JP and gives the end year the rest', () => {
    // 1 day of 3 in 2025: 10 / 3 = 3.33 → 3.5; 2026 gets 6.5.
    const r = { start: 20251231, end: 20260102, jp: 10 };
    expect(splitJp(r, 2025)).toBe(3.5);
    expect(splitJp(r, 2026)).toBe(6.5);
    // Across a leap year's end: 29 Feb counted as a day.
    expect(splitJp({ start: 20231231, end: 20240101, jp: 3 }, 2023)).toBe(1.5);
  });

  it('a training within one year counts there under every policy, as with end', () => {
    const r = { start: 20250301, end: 20250305, jp: 32 };
    for (const countIn of COUNT_IN) {
      expect(recordShare(r, 2025, 20251231, countIn)).toEqual({ period: 'in', jp: 32 });
      expect(recordShare(r, 2025, 20250304, countIn).period).toBe(countIn === 'start' ? 'in' : 'after-as-of');
      expect(recordShare(r, 2024, 20241231, countIn).period).toBe('outside-year');
    }
  });

  it('split: the shares of every year add up to the JP, each year\'s worked out by hand', () => {
    // [start, end, JP, each year's share]: 31 of 62 days; 1 of 2; 47 of 93 days of 0.5 JP is 0.25,
    // 0.5 rounded; 1 of 367 days, then 365 (99.46 → 99.5), the last year the rest; 1 of 10 days of
    // 11 JP is 1.1 → 1 (not up); 1 of 7 days of 10 JP is 1.43 → 1.5 (not down).
    const cases = [
      [20251201, 20260131, 37, [18.5, 18.5]],
      [20251231, 20260101, 1, [0.5, 0.5]],
      [20251115, 20260215, 0.5, [0.5, 0]],
      [20241231, 20260101, 100, [0.5, 99.5, 0]],
      [20251231, 20260109, 11, [1, 10]],
      [20251231, 20260106, 10, [1.5, 8.5]],
    ] as const;
    for (const [start, end, jp, shares] of cases) {
      let total = 0;
      const each: number[] = [];
      for (let y = Math.floor(start / 10000); y <= Math.floor(end / 10000); y++) {
        each.push(splitJp({ start, end, jp }, y));
        total += each.at(-1)!;
      }
      expect(total).toBe(jp);
      expect(each).toEqual(shares);
    }
  });
});
