import { hasDate } from './ingest.js';
import { openSource } from './io/source.js';
import type { ReadOptions } from './io/types.js';
import { type DateOrder, parseDate, yearOf } from './normalize/dates.js';
import type { HeaderOptions } from './normalize/header.js';
import { isBlank, openSheet } from './normalize/sheet.js';
import { cellText } from './normalize/text.js';

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
 * training files, or from a combined sheet's rows when there are none; an undated record with a year
 * column counts in that year. A cell that is not a date is left to the audit, which rejects its row
 * with the reason; a recap without dates gives no years.
 */
export async function recordYears(options: YearScanOptions): Promise<Map<number, number>> {
  const header: HeaderOptions = { map: options.map ?? new Map(), extra: options.headers ?? new Map() };
  const files = options.training?.length ? options.training : [options.staff];
  const order = options.dateOrder ?? 'dmy';
  const counts = new Map<number, number>();
  for (const file of files) {
    const sheet = await openSheet(await openSource(file, options.read ?? {}, options.stdin?.()), header);
    try {
      const end = sheet.mapping.columns.get('end')?.index;
      const start = sheet.mapping.columns.get('start')?.index;
      // An undated record with its year (`Tahun`, `tahunKursus`) counts in that year.
      const yearColumn = sheet.mapping.columns.get('year')?.index;
      if (!hasDate(sheet) && yearColumn === undefined) continue;
      for (let r = await sheet.rows.next(); !r.done; r = await sheet.rows.next()) {
        const cells = r.value.cells;
        if (isBlank(cells)) continue;
        let d = end === undefined ? undefined : parseDate(cells[end], order);
        if ((d === undefined || !d.ok) && start !== undefined) {
          // One date serves for both ends, as the audit reads it; a bad end date is no date.
          if (d === undefined || d.reason === 'empty') d = parseDate(cells[start], order);
        }
        let y: number | undefined = d?.ok ? yearOf(d.date) : undefined;
        if (y === undefined && (d === undefined || !d.ok) && yearColumn !== undefined) {
          const text = cellText(cells[yearColumn]);
          if (/^\d{4}(?:[.,]0+)?$/.test(text) && Number(text.slice(0, 4)) >= 1900 && Number(text.slice(0, 4)) <= 2099) y = Number(text.slice(0, 4));
        }
        if (y === undefined) continue;
        counts.set(y, (counts.get(y) ?? 0) + 1);
      }
    } finally {
      await sheet.rows.return?.(undefined);
    }
  }
  return counts;
}
