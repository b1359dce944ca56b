/**
 * Which year an audit run without `--year` looks at: the year in which most training records end.
 * Run in early January, the usual time for a year-end audit, the calendar year would be the new
 * one, with almost no records in it: a report of nobody complying, or of everyone "on track".
 */

/** Why the year was chosen; the CLI says it on stderr. */
export type YearReason = 'most-records' | 'tie' | 'no-dated-records' | 'only-future-records';

export interface YearChoice {
  year: number;
  reason: YearReason;
  /** Dated records that end in the chosen year. */
  inYear: number;
  /** Dated records read in all. */
  dated: number;
}

/**
 * The year with the most records ending in it (`counts`: year to records); a tie goes to the later
 * year; none, the current year. Records that end after the current year (trainings planned ahead)
 * cannot make the choice: a year not yet begun cannot be audited.
 */
export function chooseYear(counts: ReadonlyMap<number, number>, currentYear: number): YearChoice {
  let dated = 0;
  let bestCount = 0;
  for (const [year, n] of counts) {
    dated += n;
    if (year <= currentYear && n > bestCount) bestCount = n;
  }
  const top = [...counts].filter(([year, n]) => year <= currentYear && n === bestCount && n > 0).map(([year]) => year);
  const best = top.length ? Math.max(...top) : undefined;
  const tie = top.length > 1;
  if (best === undefined) return { year: currentYear, reason: dated > 0 ? 'only-future-records' : 'no-dated-records', inYear: 0, dated };
  return { year: best, reason: tie ? 'tie' : 'most-records', inYear: bestCount, dated };
}

/** More than half of the dated records end outside the audited period: a run of the wrong year? */
export function mostOutside(outside: number, dated: number): boolean {
  return dated > 0 && outside * 2 > dated;
}
