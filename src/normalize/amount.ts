import type { Cell } from '../io/types.js';
import { parseJp } from './numbers.js';
import { parseYear } from './year.js';
import { cellText } from './text.js';

/**
 * The columns a training row's amount may come from, in the order they are tried: JP, then
 * minutes (`Durasi (menit)`), then hours (`Jam`). The fast path reads this order too.
 */
export const AMOUNT_FIELDS = ['jp', 'minutes', 'hours'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/**
 * A cell the row's values were not taken from, which cannot be read: an amount column after the
 * one the JP came from, or a year column of a dated row (see `rowAmount`, `rowYear`).
 */
export interface UnusedCell {
  field: AmountField | 'year';
  reason: string;
  /** The column the row's value was taken from instead. */
  from: AmountField | 'start' | 'end';
}

export type AmountResult =
  | { ok: true; jp: number; from: AmountField; unused: UnusedCell[] }
  | { ok: false; field: AmountField; reason: string };

/** An empty cell, as `cellText` sees it; a date cell is never empty (even an invalid one, which `cellText` cannot show). */
function blank(v: unknown): boolean {
  return !(v instanceof Date) && cellText(v) === '';
}

/** No unused cells: shared, never written to. */
export const NONE: UnusedCell[] = Object.freeze([]) as unknown as UnusedCell[];

/**
 * Which JP a training row gives, and from which column: the first of JP, minutes, hours whose
 * cell is not empty (minutes and hours converted with `minutesPerJp`). That cell must be a
 * positive amount, or the row is rejected (`invalid-jp` on that column); all empty is rejected on
 * JP. A cell of a later column that is not a positive amount (`x`, `0`, `-45`, `90 menit`) does
 * not decide the JP, so it does not reject the row: it is returned in `unused`, to be reported as
 * a warning, because a value the tool cannot read is never passed over in silence. A later cell
 * that reads as an amount is not compared with the JP: the JP column is what the row claims.
 */
export function rowAmount(cells: Readonly<Partial<Record<AmountField, Cell | undefined>>>, minutesPerJp: number): AmountResult {
  let from: AmountField | undefined;
  let jp = 0;
  let unused: UnusedCell[] = NONE;
  for (const field of AMOUNT_FIELDS) {
    const v = cells[field];
    if (blank(v)) continue;
    const r = parseJp(v);
    if (from !== undefined) {
      if (!r.ok) (unused = unused === NONE ? [] : unused).push({ field, reason: r.reason, from });
      continue;
    }
    if (!r.ok) return { ok: false, field, reason: r.reason };
    from = field;
    jp = field === 'jp' ? r.value : field === 'minutes' ? r.value / minutesPerJp : (r.value * 60) / minutesPerJp;
  }
  if (from === undefined) return { ok: false, field: 'jp', reason: 'empty' };
  return { ok: true, jp, from, unused };
}

/**
 * The year column of a training row is read only when the row has no date (`Tahun` beside
 * `Tanggal Selesai` in SIASN's exports): a dated row counts by its date, so a year cell there that
 * cannot be read does not reject it, and is returned to warn of (`unused`), as an amount column
 * that is not used is. Undefined when the year cell is used, empty or readable.
 */
export function unusedYear(cells: Readonly<{ start?: Cell | undefined; end?: Cell | undefined; year?: Cell | undefined }>): UnusedCell | undefined {
  const from = !blank(cells.end) ? 'end' : !blank(cells.start) ? 'start' : undefined;
  if (from === undefined || blank(cells.year) || parseYear(cells.year).ok) return undefined;
  return { field: 'year', reason: 'year', from };
}
