import { hasDate, runFiles } from './ingest.js';
import { openSource } from './io/source.js';
import type { ReadOptions } from './io/types.js';
import { type CivilDate, type DateOrder, isoDate, parseDate, yearOf } from './normalize/dates.js';
import { Readable } from 'node:stream';
import { chooseYear, type YearChoice } from './audit/year.js';
import { JpAuditError } from './errors.js';
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

/** The year a run audits and its as-of day, as `check` and `explain` both decide them. */
export interface AuditPeriod {
  year: number;
  asOf: CivilDate;
  /** Standard input, kept to be read again when the year was read from the records. */
  stdin: NodeJS.ReadableStream;
  /** Why that year, when it was read from the records. */
  choice?: YearChoice;
}

export interface PeriodOptions extends Omit<YearScanOptions, 'stdin'> {
  exemptions?: string;
  /** `--year` or the configuration's year. */
  year?: number;
  /** `--as-of`. */
  asOf?: CivilDate;
  now: Date;
  stdin: NodeJS.ReadableStream;
}

/**
 * `--year` or the config's year, else the year of `--as-of`, else the year in which most training
 * records end (`chooseYear`); the as-of day from `asOfFor`. A year not yet begun is refused.
 */
export async function auditPeriod(o: PeriodOptions): Promise<AuditPeriod> {
  const inputs = runFiles(o);
  let stdin = o.stdin;
  let year: number;
  let choice: YearChoice | undefined;
  if (o.year !== undefined) year = yearToAudit(o.year, o.now);
  else if (o.asOf !== undefined) year = yearToAudit(yearOf(o.asOf), o.now);
  else {
    // The year is read from the records: a file from stdin is kept to be read twice.
    const replay = inputs.includes('-') ? await bufferStream(o.stdin) : undefined;
    if (replay) stdin = Readable.from([replay]);
    const scan: YearScanOptions = { staff: o.staff };
    if (o.training) scan.training = o.training;
    if (o.map) scan.map = o.map;
    if (o.headers) scan.headers = o.headers;
    if (o.read) scan.read = o.read;
    if (o.dateOrder) scan.dateOrder = o.dateOrder;
    if (replay) scan.stdin = () => Readable.from([replay]);
    choice = chooseYear(await recordYears(scan), o.now.getFullYear());
    year = choice.year;
  }
  const period: AuditPeriod = { year, asOf: asOfFor(year, o.asOf, o.now), stdin };
  if (choice) period.choice = choice;
  return period;
}

/** The year asked for, unless it has not begun yet. */
function yearToAudit(year: number, now: Date): number {
  if (year > now.getFullYear()) throw new JpAuditError('year-in-future', { year, today: now.toISOString().slice(0, 10) });
  return year;
}

/** `--as-of`, else the year's last day, or today for the current year. */
function asOfFor(year: number, flag: CivilDate | undefined, now: Date): CivilDate {
  if (flag !== undefined) {
    if (yearOf(flag) !== year) throw new JpAuditError('as-of-outside-year', { asOf: isoDate(flag), year });
    return flag;
  }
  const today = now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  return Math.min(today, year * 10000 + 1231);
}

/** All of a stream, to be read again (stdin, for the year and then the audit). */
async function bufferStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
