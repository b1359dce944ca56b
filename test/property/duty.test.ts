import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, type Exemption, type Service } from '../../src/rules/duty.js';

// Dates as yyyymmdd numbers, made with the platform's calendar, not the code under test.
const YEAR = 2025;
const ymd = (d: Date) => d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
/** Day `day` of month `m` of the year (0 and negative days go back into the month before, 32 on). */
const day = (m: number, d: number) => ymd(new Date(Date.UTC(YEAR, m - 1, d)));
const lastDay = (m: number) => day(m + 1, 0);

/**
 * Days on purpose at the edges of months and of the year: a month's first day, its second, its
 * last, the day before its last; 31 Dec before the year, 1 Jan after it.
 */
const edgeDay = fc.oneof(
  fc.record({ m: fc.integer({ min: 1, max: 12 }), at: fc.constantFrom('first', 'second', 'last', 'beforeLast', 'afterLast') }).map(({ m, at }) =>
    at === 'first' ? day(m, 1) : at === 'second' ? day(m, 2) : at === 'last' ? lastDay(m) : at === 'beforeLast' ? day(m + 1, -1) : day(m + 1, 1),
  ),
  fc.constantFrom(day(1, 0), day(1, 1), day(12, 31), day(13, 1)),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });

/** The duty and the status written plainly from the rules (docs/rules.md), month by month. */
function model(min: number, jp: number, service: Service, exemptions: readonly Exemption[], prorate: boolean): { status: string; required: number; months: number } {
  let served = 0;
  let counted = 0;
  for (let m = 1; m <= 12; m++) {
    // Served whole: in service from the month's first day (TMT), still in service after its last
    // (the end of service is the first day out).
    const whole = (service.start === undefined || service.start <= day(m, 1)) && (service.end === undefined || service.end > lastDay(m));
    const exempt = exemptions.some((e) => (e.from === undefined || e.from <= day(m, 1)) && (e.to === undefined || e.to >= lastDay(m)));
    if (whole) served++;
    if ((whole || !prorate) && !exempt) counted++;
  }
  if (served === 0) return { status: 'not-applicable', required: 0, months: 0 };
  if (counted === 0) return { status: 'exempt', required: 0, months: 0 };
  const required = Math.ceil((min * counted) / 12 - 1e-9);
  return { status: jp >= required ? 'compliant' : 'non-compliant', required, months: counted };
}

describe('the duty and status at the edges (property)', () => {
  it('first and last day of service, exemption edges, and JP on the threshold or half a JP either side', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(20, 24),
        fc.record({ start: maybe(edgeDay), end: maybe(edgeDay) }),
        fc.array(fc.record({ from: maybe(edgeDay), to: maybe(edgeDay) }), { maxLength: 2 }),
        fc.boolean(),
        fc.constantFrom(0, -0.5, 0.5, -1, 1),
        (min, s, xs, prorate, delta) => {
          const service: Service = {};
          if (s.start !== undefined) service.start = s.start;
          if (s.end !== undefined) service.end = s.end;
          const exemptions = xs.map((x) => {
            const e: Exemption = { reason: 'Tugas belajar' };
            if (x.from !== undefined) e.from = x.from;
            if (x.to !== undefined) e.to = x.to;
            return e;
          });
          // The JP on the duty's threshold (or half a JP, a JP either side), never below zero.
          const required = model(min, 0, service, exemptions, prorate).required;
          const jp = Math.max(0, required + delta);
          const want = model(min, jp, service, exemptions, prorate);
          const got = assess({ min, jp, year: YEAR, asOf: day(12, 31), service, exemptions, prorate });
          expect(got.status).toBe(want.status);
          if (want.status === 'compliant' || want.status === 'non-compliant') expect(got).toMatchObject({ requiredJp: want.required, months: want.months });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
