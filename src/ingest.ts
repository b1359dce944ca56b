import type { z } from 'zod';
import { type Finding, Findings, showCell } from './audit/findings.js';
import { JpAuditError } from './errors.js';
import { JSON_LIMITS } from './io/limits.js';
import type { Cell, Delimiter, Encoding, InputFormat, RawRow } from './io/types.js';
import { closestHeader, type Field } from './normalize/header.js';
import { headerKeyOf, isBlank, listHeaders, mayRepeatHeader, type Sheet } from './normalize/sheet.js';
import type { UnusedCell } from './normalize/amount.js';
import type { IssueParams } from './schema/rows.js';
import type { TypeSource } from './rules/employee-type.js';
import type { EmployeeType } from './normalize/types.js';
import { excelSerialDate, isoDate, parseDate } from './normalize/dates.js';

export type InputRole = 'staff' | 'training' | 'combined' | 'exemptions' | 'attendance';

/** What happened to every row of one input file. `rows` = `accepted` + `rejected`. */
export interface InputAccount {
  file: string;
  role: InputRole;
  format: InputFormat;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  sheet: string | null;
  headerRow: number;
  columns: Partial<Record<Field, string>>;
  rows: number;
  accepted: number;
  rejected: number;
  /** Among accepted: repeats of an earlier employee (roster) or record (training). */
  duplicates: number;
  /** Among accepted training records: ended outside the audited period. */
  outsidePeriod: number;
  /** Among accepted training records (or exemptions): NIP not on the roster. */
  unknownNip: number;
  /** Among accepted training records: counted towards an employee's JP. */
  counted: number;
  /** Empty rows, not data (Excel's trailing blank rows). */
  blankRows: number;
  /** Latsar rosters: accepted rows of employees who are not CPNS (not audited). */
  notApplicable?: number;
}

/** Reading progress, for a display on a terminal: rows so far and bytes of the file read. */
export interface Progress {
  file: string;
  rows: number;
  bytesRead?: number;
  size?: number;
}

export type OnProgress = (p: Progress) => void;

/** Where a finding points. */
export interface Where {
  file: string;
  row: number;
  column?: string;
  value?: string;
}

export function account(sheet: Sheet, role: InputRole): InputAccount {
  const columns: Partial<Record<Field, string>> = {};
  for (const [f, c] of sheet.mapping.columns) columns[f] = c.header;
  return {
    file: sheet.info.file,
    role,
    format: sheet.info.format,
    encoding: null,
    delimiter: null,
    sheet: null,
    headerRow: sheet.headerRow,
    columns,
    rows: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    outsidePeriod: 0,
    unknownNip: 0,
    counted: 0,
    blankRows: sheet.blankAfterHeader,
  };
}

const PROGRESS_EVERY = 8192;

/** Data rows of a sheet: blank rows counted apart, a repeated header rejected, progress reported. */
export function dataRows(sheet: Sheet, acc: InputAccount, findings: Findings, onProgress?: OnProgress): AsyncIterable<{ row: number; cells: Cell[] }> {
  return { [Symbol.asyncIterator]: () => new DataRows(sheet, acc, findings, onProgress) };
}

/** `dataRows` as a plain iterator: an async generator's machinery cost as much as reading a row of an .xlsx. */
class DataRows implements AsyncIterator<RawRow> {
  private ended = false;

  constructor(
    private readonly sheet: Sheet,
    private readonly acc: InputAccount,
    private readonly findings: Findings,
    private readonly onProgress: OnProgress | undefined,
  ) {}

  async next(): Promise<IteratorResult<RawRow>> {
    if (this.ended) return { value: undefined, done: true };
    const { sheet, acc, onProgress } = this;
    for (let r = await sheet.rows.next(); !r.done; r = await sheet.rows.next()) {
      if (!admitRow(r.value.cells, r.value.row, sheet, acc, this.findings)) continue;
      if (onProgress && acc.rows % PROGRESS_EVERY === 0) this.report();
      return r;
    }
    this.ended = true;
    if (onProgress) this.report();
    finishAccount(sheet, acc);
    return { value: undefined, done: true };
  }

  return(): Promise<IteratorResult<RawRow>> {
    this.ended = true;
    return Promise.resolve({ value: undefined, done: true });
  }

  private report(): void {
    const info = this.sheet.info;
    const p: Progress = { file: info.file, rows: this.acc.rows };
    if (info.bytesRead !== undefined) p.bytesRead = info.bytesRead;
    if (info.size !== undefined) p.size = info.size;
    this.onProgress!(p);
  }
}

/**
 * Whether a row is data: a blank row is counted apart, a repeated header is rejected with a
 * finding; every other row counts in `rows`. The one rule for every reader, fast or general.
 */
export function admitRow(cells: readonly Cell[], row: number, sheet: Sheet, acc: InputAccount, findings: Findings): boolean {
  if (isBlank(cells)) {
    acc.blankRows++;
    return false;
  }
  acc.rows++;
  if (mayRepeatHeader(cells, sheet) && headerKeyOf(cells) === sheet.headerKey) {
    acc.rejected++;
    findings.add('repeated-header', { file: sheet.info.file, row });
    return false;
  }
  return true;
}

/** Records what reading learnt about the file (encoding, separator, sheet) in its account. */
export function finishAccount(sheet: Sheet, acc: InputAccount): void {
  acc.encoding = sheet.info.encoding ?? null;
  acc.delimiter = sheet.info.delimiter ?? null;
  acc.sheet = sheet.info.sheet ?? null;
}

/** Fields that hold dates, whose plain numbers are serials of the workbook's date system. */
const DATE_CELLS: ReadonlySet<Field> = new Set(['start', 'end', 'serviceStart', 'serviceEnd']);

/**
 * The cells of the wanted fields, in an object that input can never pollute. In a 1904 workbook a
 * plain number in a date column (a date cell formatted as a number) counts days from 1904, not 1900:
 * it becomes that date here, the one place every reader takes its fields from.
 */
export function pick(sheet: Sheet, cells: Cell[], fields: readonly Field[]): Record<string, Cell | undefined> {
  const o: Record<string, Cell | undefined> = Object.create(null) as Record<string, Cell | undefined>;
  const date1904 = sheet.info.date1904 === true;
  for (const f of fields) {
    const c = sheet.mapping.columns.get(f);
    const v = c === undefined ? undefined : cells[c.index];
    o[f] = date1904 && typeof v === 'number' && DATE_CELLS.has(f) ? excelSerialDate(v, true) : v;
  }
  return o;
}

/** Validates a row's picked cells; a rejected row is counted and its problems become findings. */
export function validRow<T>(schema: z.ZodType<T>, raw: Record<string, Cell | undefined>, sheet: Sheet, row: number, acc: InputAccount, findings: Findings): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    noteSerialDates(sheet, row, raw, findings);
    return parsed.data;
  }
  acc.rejected++;
  issuesToFindings(parsed.error.issues, sheet, row, raw, findings);
  return undefined;
}

const DATE_FIELDS = ['start', 'end'] as const;

/** Says where an Excel serial number written as text (`45700`) was read as a date in an accepted row. */
export function noteSerialDates(sheet: Sheet, row: number, raw: Record<string, Cell | undefined>, findings: Findings, fields: readonly Field[] = DATE_FIELDS): void {
  for (const f of fields) {
    const v = raw[f];
    if (typeof v !== 'string' || !/^\s*\d{5}/.test(v)) continue;
    const d = parseDate(v);
    if (d.ok && d.serial) findings.add('date-from-serial', at(sheet, row, f, v.trim()), { date: isoDate(d.date), value: v.trim() });
  }
}

/** The column a field's problem is shown in; JP read from minutes or hours points there. */
function columnFor(sheet: Sheet, field: Field): string | undefined {
  const c = sheet.mapping.columns;
  const chain: Field[] = field === 'jp' ? ['jp', 'minutes', 'hours'] : field === 'end' ? ['end', 'start'] : [field];
  for (const f of chain) if (c.has(f)) return c.get(f)!.header;
  return undefined;
}

/** Turns Zod issues into findings on the row, naming the column and the value. */
export function issuesToFindings(issues: readonly z.core.$ZodIssue[], sheet: Sheet, row: number, raw: Record<string, Cell | undefined>, findings: Findings): void {
  for (const issue of issues) {
    const params = (issue as { params?: IssueParams }).params;
    const field = (params?.field ?? String(issue.path[0] ?? '')) as Field;
    const where: Where = { file: sheet.info.file, row };
    const column = columnFor(sheet, field);
    if (column !== undefined) where.column = column;
    const value = showCell(raw[field]);
    if (value !== '') where.value = value;
    findings.add(params?.finding ?? 'missing-value', where, { field, reason: params?.reason ?? issue.message });
  }
}

/**
 * A warning for each cell a valid row did not take its values from and that cannot be read (an
 * amount column after the JP's, `rowAmount`; a dated row's year, `unusedYear`): the row counts,
 * and the cell is not passed over in silence.
 */
export function noteUnusedCells(unused: readonly UnusedCell[], sheet: Sheet, row: number, raw: Record<string, Cell | undefined>, findings: Findings): void {
  for (const u of unused) {
    const from = sheet.mapping.columns.get(u.from)?.header ?? u.from;
    findings.add('ignored-cell', at(sheet, row, u.field, showCell(raw[u.field])), { field: u.field, reason: u.reason, from });
  }
}

/** A finding's place: the row, and the column of `field` when the file has one. */
export function at(sheet: Sheet, row: number, field: Field, value?: string): Where {
  const w: Where = { file: sheet.info.file, row };
  const col = sheet.mapping.columns.get(field)?.header;
  if (col !== undefined) w.column = col;
  if (value !== undefined) w.value = value;
  return w;
}

/** Stops with a clear error when required columns are missing, saying when files were swapped. */
export function requireColumns(sheet: Sheet, fields: readonly Field[], role: InputRole): void {
  const c = sheet.mapping.columns;
  const missing = fields.filter((f) => !c.has(f));
  if (missing.length === 0) return;
  const headers = listHeaders(sheet.mapping.headers);
  if (role === 'training' && c.has('type') && c.has('opd')) throw new JpAuditError('training-is-roster', { headers }, sheet.info.file);
  if ((role === 'staff' || role === 'combined') && !c.has('type') && !c.has('opd') && hasAmount(sheet) && hasDate(sheet)) {
    throw new JpAuditError('roster-is-training', { headers }, sheet.info.file);
  }
  throw missingColumns(sheet, missing);
}

/** One error naming every missing field, the closest header for each, and the `--map` options to paste. */
export function missingColumns(sheet: Sheet, missing: readonly Field[], extra: Record<string, string | number> = {}): JpAuditError {
  const taken = new Set([...sheet.mapping.columns.values()].map((c) => c.index));
  const guesses = missing.map((f) => {
    const h = closestHeader(f, sheet.mapping.headers, taken);
    if (h !== undefined) taken.add(sheet.mapping.headers.indexOf(h));
    return [f, h] as const;
  });
  const maps = guesses.map(([f, h]) => `--map ${f}="${h ?? '…'}"`).join(' ');
  const closest = guesses.map(([f, h]) => `${f}=${h === undefined ? '' : JSON.stringify(h)}`).join(', ');
  return new JpAuditError('missing-column', { field: missing[0]!, fields: missing.join(','), closest, maps, headers: listHeaders(sheet.mapping.headers), ...extra }, sheet.info.file);
}

export function hasDate(sheet: Sheet): boolean {
  return sheet.mapping.columns.has('start') || sheet.mapping.columns.has('end');
}

/** JP given as JP, minutes or hours. */
export function hasAmount(sheet: Sheet): boolean {
  const c = sheet.mapping.columns;
  return c.has('jp') || c.has('minutes') || c.has('hours');
}

/**
 * A training file needs NIP, an amount (JP, minutes or hours) and a date, or a year, or the year the
 * user gave for undated records (`undatedYear`): rows that cannot be placed in a year are never
 * counted silently. Every missing column is named at once.
 */
export function requireTrainingColumns(sheet: Sheet, role: InputRole, undatedYear?: number): void {
  const c = sheet.mapping.columns;
  const missing: Field[] = [];
  if (!c.has('nip')) missing.push('nip');
  if (!hasAmount(sheet)) missing.push('jp');
  const placed = hasDate(sheet) || c.has('year') || undatedYear !== undefined;
  // An amount and a name or kind of training, but no date at all (S20JP's raw export).
  if (!placed && missing.length === 0 && c.has('training')) {
    throw new JpAuditError('undated-records', { headers: listHeaders(sheet.mapping.headers) }, sheet.info.file);
  }
  if (!placed) missing.push('end');
  if (missing.length > 0) requireColumns(sheet, missing, role);
}

/** Says which column was taken when several matched, and which known columns this role ignores. */
export function reportColumns(sheet: Sheet, findings: Findings, usedFields: readonly Field[]): void {
  const derived = sheet.mapping.derived;
  if (derived) findings.add('nip-from-cell', { file: sheet.info.file, row: sheet.headerRow, column: derived.from }, { column: derived.from });
  for (const [field, others] of sheet.mapping.passedOver) {
    if (!usedFields.includes(field)) continue;
    const chosen = sheet.mapping.columns.get(field)!;
    findings.add('column-choice', { file: sheet.info.file, row: sheet.headerRow, column: chosen.header }, { field, others: others.join(', ') });
  }
  const ignored = [...sheet.mapping.columns].filter(([f]) => !usedFields.includes(f)).map(([, c]) => c.header).filter((h) => h !== derived?.from);
  if (ignored.length) findings.add('ignored-columns', { file: sheet.info.file, row: sheet.headerRow }, { columns: ignored.join(', ') });
}

/** What reading learnt about a file that its user should know: replaced bytes, a name that lies, JSON keys met late. */
export function noteEncoding(sheet: Sheet, findings: Findings): void {
  const info = sheet.info;
  const n = info.replacedBytes;
  if (n) findings.add('encoding-replaced', { file: info.file }, { count: n, encoding: info.encoding ?? 'utf-8' });
  if (info.extension !== undefined) findings.add('format-differs', { file: info.file }, { extension: info.extension, format: info.format });
  if (info.lateKeys !== undefined) findings.add('json-late-keys', { file: info.file, row: info.lateKeys.row }, { keys: info.lateKeys.keys.join(', '), row: info.lateKeys.row, limit: JSON_LIMITS.headerRecords });
}

export type { Finding };

/** How many employees of a roster got their type from the NIP or the default, for one finding a file. */
export class TypeCount {
  fromNip = 0;
  byDefault = 0;

  add(source: TypeSource): void {
    if (source === 'nip') this.fromNip++;
    else if (source === 'default') this.byDefault++;
  }

  /** The `type-inferred` finding, when any employee's type was not in a column. */
  report(sheet: Sheet, findings: Findings, defaultType: EmployeeType): void {
    if (this.fromNip + this.byDefault === 0) return;
    findings.add('type-inferred', { file: sheet.info.file, row: sheet.headerRow }, { fromNip: this.fromNip, byDefault: this.byDefault, defaultType });
  }
}

/**
 * A run's input files in the order findings and record references number them (`RowRef.file`):
 * the roster, the training files, then the exemptions file.
 */
export function runFiles(o: { staff: string; training?: readonly string[] | undefined; exemptions?: string | undefined }): string[] {
  return [o.staff, ...(o.training ?? []), ...(o.exemptions ? [o.exemptions] : [])];
}

/**
 * A roster row's picked cells when none but the plain reader's are needed (no service or status
 * columns): the one object both roster readers give, which the audit recognises by identity and
 * then makes no Employee object.
 */
export const NO_CELLS: Record<string, Cell | undefined> = Object.freeze(Object.create(null) as Record<string, Cell | undefined>);
