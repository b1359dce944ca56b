import { type CivilDate, yearOf } from '../normalize/dates.js';

/**
 * Which period a training record counts in (docs/rules.md). By default (`countIn: end`) the year of
 * its end date (tanggal selesai: the certificate is issued at the end), and during the year only once
 * it has ended by the as-of day. A record with one date uses it for both ends (`schema/rows.ts`).
 * The policy may say otherwise for a training that spans two years (`recordShare`). The WebAssembly
 * training kernel applies the default test to the records it reads (`assembly/training.ts`, given
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

/**
 * How a training that spans two years (a Latsar or PKP from December into January) counts, a
 * policy choice (`countIn`):
 * - `end` (default): wholly in the year it ends, once ended by the as-of day;
 * - `start`: wholly in the year it starts, from its first day;
 * - `split`: its JP divided by its days in each year, each year's share rounded to 0.5 JP and the
 *   remainder to the end year; a year's share counts from the training's last day in that year.
 */
export const COUNT_IN = ['end', 'start', 'split'] as const;
export type CountIn = (typeof COUNT_IN)[number];

/** A record's standing in an audit and the JP it brings to it (0 when it is not `in`). */
export interface Share {
  period: Period;
  jp: number;
}

/** Where a record stands in the audit of `year` as of `asOf` under `countIn`, and the JP it brings. */
export function recordShare(r: { start: CivilDate; end: CivilDate; jp: number }, year: number, asOf: CivilDate, countIn: CountIn = 'end'): Share {
  if (countIn !== 'split' || yearOf(r.start) === yearOf(r.end)) {
    const period = recordPeriod(countIn === 'start' ? r.start : r.end, year, asOf);
    return { period, jp: period === 'in' ? r.jp : 0 };
  }
  if (year < yearOf(r.start) || year > yearOf(r.end)) return { period: 'outside-year', jp: 0 };
  // The share of this year counts from the training's last day in it.
  const last = Math.min(r.end, year * 10000 + 1231);
  if (last > asOf) return { period: 'after-as-of', jp: 0 };
  return { period: 'in', jp: splitJp(r, year) };
}

/** `split`'s share of `year`: its days over the training's days, to 0.5 JP; the end year takes the rest. */
export function splitJp(r: { start: CivilDate; end: CivilDate; jp: number }, year: number): number {
  const total = days(r.start, r.end);
  const share = (y: number) => Math.round(((r.jp * days(Math.max(r.start, y * 10000 + 101), Math.min(r.end, y * 10000 + 1231))) / total) * 2) / 2;
  if (year !== yearOf(r.end)) return share(year);
  let earlier = 0;
  for (let y = yearOf(r.start); y < year; y++) earlier += share(y);
  return r.jp - earlier;
}

/** Days from `a` to `b`, both included. */
function days(a: CivilDate, b: CivilDate): number {
  const utc = (d: CivilDate) => Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100);
  return Math.round((utc(b) - utc(a)) / 86_400_000) + 1;
}
