import { type CivilDate, yearOf } from '../normalize/dates.js';

/**
 * Which period a training record counts in (docs/rules.md): the year of its end date (tanggal
 * selesai: the certificate is issued at the end), and during the year only once it has ended by the
 * as-of day. A record with one date uses it for both ends (`schema/rows.ts`). The WebAssembly
 * training kernel applies the same test to the records it reads (`assembly/training.ts`, given
 * `year` and `asOf` from here); `test/rules/record-period.test.ts` holds the two together.
 */
export type Period = 'in' | 'outside-year' | 'after-as-of';

/** Where a record ending on `end` stands in the audit of `year` as of `asOf`. */
export function recordPeriod(end: CivilDate, year: number, asOf: CivilDate): Period {
  if (yearOf(end) !== year) return 'outside-year';
  return end <= asOf ? 'in' : 'after-as-of';
}

/** Does a record ending on `end` count in the audit of `year` as of `asOf`? */
export function inPeriod(end: CivilDate, year: number, asOf: CivilDate): boolean {
  return recordPeriod(end, year, asOf) === 'in';
}
