import { daysInMonth } from './nip.js';

/**
 * A calendar date as the number yyyymmdd (20250707): comparable with `<`, cheap to store, and
 * free of time zones, which training dates do not have.
 */
export type CivilDate = number;

/** How to read `a/b/yyyy`: Indonesian day-first by default; month-first only when the user says so. */
export type DateOrder = 'dmy' | 'mdy';

/** A date read; `serial` when it was an Excel serial number written as text (a finding says so). */
export type DateResult = { ok: true; date: CivilDate; serial?: true } | { ok: false; reason: 'empty' | 'format' | 'calendar' | 'two-digit-year' };

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['januari', 1], ['jan', 1], ['january', 1],
  ['februari', 2], ['feb', 2], ['pebruari', 2], ['peb', 2], ['february', 2],
  ['maret', 3], ['mar', 3], ['march', 3],
  ['april', 4], ['apr', 4],
  ['mei', 5], ['may', 5],
  ['juni', 6], ['jun', 6], ['june', 6],
  ['juli', 7], ['jul', 7], ['july', 7],
  ['agustus', 8], ['agu', 8], ['agt', 8], ['agus', 8], ['aug', 8], ['august', 8],
  ['september', 9], ['sep', 9], ['sept', 9],
  ['oktober', 10], ['okt', 10], ['oct', 10], ['october', 10],
  ['november', 11], ['nov', 11], ['nopember', 11], ['nop', 11],
  ['desember', 12], ['des', 12], ['dec', 12], ['december', 12],
]);

const NUMERIC = /^(\d{1,2})([/\-.])(\d{1,2})\2(\d{2,4})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const WORDS = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$/;
/**
 * An Excel serial written out as text (a date column formatted as a number, saved as CSV): five
 * digits, read as a date only from 1990 to 2099 (32874..73050), where no other date form overlaps.
 */
const SERIAL_TEXT = /^(\d{5})(?:[.,]0+)?$/;
const SERIAL_TEXT_MIN = 32874;
// 1900-01-01 .. 2099-12-31 as Excel serials (1900 date system).
const SERIAL_MIN = 1;
const SERIAL_MAX = 73050;

/** Builds a CivilDate after checking the calendar (no 31 February). */
export function civil(y: number, m: number, d: number): CivilDate | undefined {
  if (!Number.isInteger(y) || y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return y * 10000 + m * 100 + d;
}

/** Year of a CivilDate. */
export const yearOf = (d: CivilDate): number => Math.floor(d / 10000);

/** `2025-07-07` for JSON and CSV. */
export function isoDate(d: CivilDate): string {
  const y = Math.floor(d / 10000);
  const m = Math.floor(d / 100) % 100;
  const day = d % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Excel serial day (1900 system) to a CivilDate: the day `excelSerialDate` gives, its time of day dropped. */
export function fromExcelSerial(serial: number): CivilDate | undefined {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return undefined;
  const dt = excelSerialDate(Math.floor(serial), false);
  return civil(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/**
 * An Excel serial day as the date and time Excel shows, at UTC (midnight for a whole day), in the
 * workbook's date system: 1900 (serial 25569 is 1 January 1970; serials before 1 March 1900 are a
 * day off, for the 29 February 1900 Excel counts) or 1904 (1,462 days later). The one conversion the
 * .xlsx and .xls readers and `pick` share.
 */
export function excelSerialDate(serial: number, date1904: boolean): Date {
  if (date1904) return new Date(Math.round((serial - EPOCH_1904) * MS_PER_DAY));
  return new Date(Math.round((serial < 61 ? serial - EPOCH_1900 + 1 : serial - EPOCH_1900) * MS_PER_DAY));
}
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 25_569 - 1_462;

/**
 * Reads a date cell in every form `domain.md` lists: `dd/mm/yyyy`, `dd-mm-yyyy`, `yyyy-mm-dd`,
 * `7 Juli 2025` (Indonesian month names, full or short), a JS Date from an .xlsx date cell, or an
 * Excel serial number from an .xlsx number cell.
 */
export function parseDate(raw: unknown, order: DateOrder = 'dmy'): DateResult {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: 'format' };
    // exceljs gives date cells as UTC midnight of the shown day.
    const d = civil(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
    return d === undefined ? { ok: false, reason: 'calendar' } : { ok: true, date: d };
  }
  if (typeof raw === 'number') {
    const d = fromExcelSerial(raw);
    return d === undefined ? { ok: false, reason: 'format' } : { ok: true, date: d };
  }
  const s = (typeof raw === 'string' ? raw : raw == null ? '' : String(raw)).trim();
  if (s === '') return { ok: false, reason: 'empty' };

  let m = ISO.exec(s);
  if (m) return built(Number(m[1]), Number(m[2]), Number(m[3]));

  m = NUMERIC.exec(s);
  if (m) {
    if (m[4]!.length !== 4) return { ok: false, reason: 'two-digit-year' };
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    return order === 'dmy' ? built(y, b, a) : built(y, a, b);
  }

  m = SERIAL_TEXT.exec(s);
  if (m) {
    const serial = Number(m[1]);
    const d = serial >= SERIAL_TEXT_MIN ? fromExcelSerial(serial) : undefined;
    return d === undefined ? { ok: false, reason: 'format' } : { ok: true, date: d, serial: true };
  }

  m = WORDS.exec(s);
  if (m) {
    const month = MONTHS.get(m[2]!.toLowerCase());
    if (month === undefined) return { ok: false, reason: 'format' };
    return built(Number(m[3]), month, Number(m[1]));
  }
  return { ok: false, reason: 'format' };
}

function built(y: number, m: number, d: number): DateResult {
  const c = civil(y, m, d);
  return c === undefined ? { ok: false, reason: 'calendar' } : { ok: true, date: c };
}
