import { hasDate } from './ingest.js';
import { openSource } from './io/source.js';
import type { ReadOptions } from './io/types.js';
import { type DateOrder, parseDate, yearOf } from './normalize/dates.js';
import type { HeaderOptions } from './normalize/header.js';
import { isBlank, openSheet } from './normalize/sheet.js';

export interface YearScanOptions {
  /** The roster (or combined sheet); its records are read when there are no training files. */
  staff: string;
  training?: readonly string[];
  map?: HeaderOptions['map'];
  headers?: HeaderOptions['extra'];
  read?: ReadOptions;
  dateOrder?: DateOrder;
  /** A fresh stdin for each file named `-` (a stream is read once). */
  stdin?: () => NodeJS.ReadableStream;
}

/**
 * How many training records end in each year (a record with one date: that date), read from the
 * training files, or from a combined sheet's rows when there are none. A cell that is not a date is
 * left to the audit, which rejects its row with the reason; a recap without dates gives no years.
 */
export async function recordYears(options: YearScanOptions): Promise<Map<number, number>> {
  const header: HeaderOptions = { map: options.map ?? new Map(), extra: options.headers ?? new Map() };
  const files = options.training?.length ? options.training : [options.staff];
  const order = options.dateOrder ?? 'dmy';
  const counts = new Map<number, number>();
  for (const file of files) {
    const sheet = await openSheet(await openSource(file, options.read ?? {}, options.stdin?.()), header);
    try {
      if (!hasDate(sheet)) continue;
      const end = sheet.mapping.columns.get('end')?.index;
      const start = sheet.mapping.columns.get('start')?.index;
      for (let r = await sheet.rows.next(); !r.done; r = await sheet.rows.next()) {
        const cells = r.value.cells;
        if (isBlank(cells)) continue;
        let d = end === undefined ? undefined : parseDate(cells[end], order);
        if ((d === undefined || !d.ok) && start !== undefined) {
          // One date serves for both ends, as the audit reads it; a bad end date is no date.
          if (d === undefined || d.reason === 'empty') d = parseDate(cells[start], order);
        }
        if (d === undefined || !d.ok) continue;
        const y = yearOf(d.date);
        counts.set(y, (counts.get(y) ?? 0) + 1);
      }
    } finally {
      await sheet.rows.return?.(undefined);
    }
  }
  return counts;
}
