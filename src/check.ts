import type { z } from 'zod';
import { Audit, type AuditResult, type RowRef } from './audit/audit.js';
import { type Finding, Findings, showCell } from './audit/findings.js';
import { JpAuditError } from './errors.js';
import { openSource } from './io/source.js';
import type { Cell, Delimiter, Encoding, InputFormat, ReadOptions } from './io/types.js';
import type { DateOrder } from './normalize/dates.js';
import type { Field, HeaderMap } from './normalize/header.js';
import { headerKeyOf, isBlank, listHeaders, openSheet, type Sheet } from './normalize/sheet.js';
import { DEFAULT_POLICY, type Policy } from './policy/policy.js';
import { type IssueParams, type StaffRow, staffRow, staffTotalRow, trainingRow } from './schema/rows.js';

/**
 * The three shapes of input real offices hold: a roster plus training files; a recap roster that
 * carries each person's yearly total; one combined sheet with a row per training.
 */
export const SHAPES = ['separate', 'totals', 'combined'] as const;
export type Shape = (typeof SHAPES)[number];

export interface CheckOptions {
  /** The staff roster (or combined sheet); `-` for stdin. */
  staff: string;
  training?: readonly string[];
  year: number;
  shape?: Shape;
  map?: HeaderMap;
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
  dateOrder?: DateOrder;
  policy?: Policy;
  stdin?: NodeJS.ReadableStream;
}

export type InputRole = 'staff' | 'training' | 'combined';

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
  /** Among accepted training records: ended outside the audited year. */
  outsidePeriod: number;
  /** Among accepted training records: NIP not on the roster. */
  unknownNip: number;
  /** Among accepted training records: counted towards an employee's JP. */
  counted: number;
  /** Empty rows, not data (Excel's trailing blank rows). */
  blankRows: number;
}

export interface CheckResult {
  year: number;
  shape: Shape;
  policy: Policy;
  inputs: InputAccount[];
  audit: AuditResult;
  findings: Finding[];
}

const REQUIRED: Record<InputRole | 'totals', Field[]> = {
  staff: ['nip', 'type', 'opd'],
  totals: ['nip', 'type', 'opd', 'jp'],
  combined: ['nip', 'type', 'opd', 'jp'],
  training: ['nip', 'jp'],
};

const TRAINING_FIELDS: Field[] = ['training', 'start', 'end', 'jp'];

/** Runs the yearly audit over the inputs and returns the result; prints nothing, never exits. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const training = options.training ?? [];
  const policy = options.policy ?? DEFAULT_POLICY;
  const map = options.map ?? new Map();
  const read: ReadOptions = {};
  if (options.encoding) read.encoding = options.encoding;
  if (options.delimiter) read.delimiter = options.delimiter;
  if (options.sheet) read.sheet = options.sheet;
  const order = options.dateOrder ?? 'dmy';

  const files = [options.staff, ...training];
  if (files.filter((f) => f === '-').length > 1) throw new JpAuditError('stdin-twice', {});

  const findings = new Findings();
  const audit = new Audit(options.year, policy);
  const inputs: InputAccount[] = [];
  const usedMaps = new Set<Field>();

  const staffSheet = await openSheet(await openSource(options.staff, read, options.stdin), map);
  const shape = options.shape ?? decideShape(staffSheet, training.length > 0);
  noteMapUse(staffSheet, usedMaps);

  if (shape === 'separate' && training.length === 0) throw new JpAuditError('shape-needs-training', {}, options.staff);
  if (shape !== 'separate' && training.length > 0) throw new JpAuditError('shape-no-training', { shape }, options.staff);

  const staffRole: InputRole = shape === 'combined' ? 'combined' : 'staff';
  requireColumns(staffSheet, shape === 'totals' ? REQUIRED.totals : REQUIRED[staffRole], staffRole);
  if (shape === 'combined') requireDate(staffSheet, 'combined');
  reportColumns(staffSheet, findings, shape === 'separate' ? ['nip', 'name', 'type', 'opd'] : undefined);
  const staffAccount = account(staffSheet, staffRole);
  inputs.push(staffAccount);
  if (shape === 'combined') await readCombined(staffSheet, staffAccount, 0, audit, findings, order);
  else await readStaff(staffSheet, staffAccount, 0, audit, findings, shape === 'totals');
  noteEncoding(staffSheet, findings);
  // An audit of nobody would look like success: say why there is nobody instead.
  if (staffAccount.rows === 0) throw new JpAuditError('no-data-rows', {}, options.staff);
  if (audit.employeeCount === 0) {
    const first = findings.list.find((f) => f.severity === 'error' && f.file === options.staff);
    throw new JpAuditError('no-valid-rows', { rejected: staffAccount.rejected, row: first?.row ?? '?', code: first?.code ?? 'repeated-header' }, options.staff);
  }

  for (const [i, file] of training.entries()) {
    const sheet = await openSheet(await openSource(file, read, options.stdin), map);
    noteMapUse(sheet, usedMaps);
    requireColumns(sheet, REQUIRED.training, 'training');
    requireDate(sheet, 'training');
    reportColumns(sheet, findings, ['nip', 'name', 'training', 'start', 'end', 'jp']);
    const acc = account(sheet, 'training');
    inputs.push(acc);
    await readTraining(sheet, acc, i + 1, audit, findings, order, files);
    noteEncoding(sheet, findings);
  }

  for (const [field, header] of map) {
    if (!usedMaps.has(field)) throw new JpAuditError('map-header-not-found', { field, header, files: files.join(', ') });
  }

  const result = audit.result();
  for (const e of result.employees) {
    if (e.maxJp !== undefined && e.jp > e.maxJp) {
      findings.add('over-max', { file: options.staff, value: e.nip }, { nip: e.nip, jp: e.jp, max: e.maxJp, type: e.type });
    }
  }
  return { year: options.year, shape, policy, inputs, audit: result, findings: findings.list };
}

/** Decides the shape from the roster's columns, as the issue describes; `--shape` overrides. */
export function decideShape(sheet: Sheet, hasTrainingFiles: boolean): Shape {
  if (hasTrainingFiles) return 'separate';
  const c = sheet.mapping.columns;
  const hasDates = c.has('start') || c.has('end') || c.has('training');
  if (c.has('jp') && hasDates) return 'combined';
  if (c.has('jp')) return 'totals';
  throw new JpAuditError('no-training-data', { headers: listHeaders(sheet.mapping.headers) }, sheet.info.file);
}

function requireColumns(sheet: Sheet, fields: Field[], role: InputRole): void {
  const c = sheet.mapping.columns;
  const missing = fields.filter((f) => !c.has(f));
  if (missing.length === 0) return;
  const headers = listHeaders(sheet.mapping.headers);
  // Say so when the files were given the wrong way round.
  if (role === 'training' && c.has('type') && c.has('opd')) throw new JpAuditError('training-is-roster', { headers }, sheet.info.file);
  if (role !== 'training' && !c.has('type') && !c.has('opd') && c.has('jp') && (c.has('start') || c.has('end'))) {
    throw new JpAuditError('roster-is-training', { headers }, sheet.info.file);
  }
  throw new JpAuditError('missing-column', { field: missing[0]!, headers }, sheet.info.file);
}

function requireDate(sheet: Sheet, role: InputRole): void {
  const c = sheet.mapping.columns;
  if (!c.has('start') && !c.has('end')) {
    throw new JpAuditError('missing-column', { field: 'end', headers: listHeaders(sheet.mapping.headers), role }, sheet.info.file);
  }
}

function noteMapUse(sheet: Sheet, used: Set<Field>): void {
  for (const field of sheet.mapping.overridden) used.add(field);
}

/** Says which column was taken when several matched, and which known columns this role ignores. */
function reportColumns(sheet: Sheet, findings: Findings, usedFields?: Field[]): void {
  for (const [field, others] of sheet.mapping.passedOver) {
    if (usedFields && !usedFields.includes(field)) continue;
    const chosen = sheet.mapping.columns.get(field)!;
    findings.add('column-choice', { file: sheet.info.file, row: sheet.headerRow, column: chosen.header }, { field, others: others.join(', ') });
  }
  if (usedFields) {
    const ignored = [...sheet.mapping.columns].filter(([f]) => !usedFields.includes(f)).map(([, c]) => c.header);
    if (ignored.length) findings.add('ignored-columns', { file: sheet.info.file, row: sheet.headerRow }, { columns: ignored.join(', ') });
  }
}

function noteEncoding(sheet: Sheet, findings: Findings): void {
  const n = sheet.info.replacedBytes;
  if (n) findings.add('encoding-replaced', { file: sheet.info.file }, { count: n, encoding: sheet.info.encoding ?? 'utf-8' });
}

function account(sheet: Sheet, role: InputRole): InputAccount {
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
    blankRows: 0,
  };
}

/** Data rows of a sheet with blank rows counted apart and a repeated header rejected. */
async function* dataRows(sheet: Sheet, acc: InputAccount, findings: Findings): AsyncGenerator<{ row: number; cells: Cell[] }> {
  for (let r = await sheet.rows.next(); !r.done; r = await sheet.rows.next()) {
    const { row, cells } = r.value;
    if (isBlank(cells)) {
      acc.blankRows++;
      continue;
    }
    acc.rows++;
    if (headerKeyOf(cells) === sheet.headerKey) {
      acc.rejected++;
      findings.add('repeated-header', { file: sheet.info.file, row });
      continue;
    }
    yield r.value;
  }
  acc.encoding = sheet.info.encoding ?? null;
  acc.delimiter = sheet.info.delimiter ?? null;
  acc.sheet = sheet.info.sheet ?? null;
}

function pick(sheet: Sheet, cells: Cell[], fields: readonly Field[]): Record<string, Cell | undefined> {
  const o: Record<string, Cell | undefined> = Object.create(null) as Record<string, Cell | undefined>;
  for (const f of fields) {
    const c = sheet.mapping.columns.get(f);
    o[f] = c === undefined ? undefined : cells[c.index];
  }
  return o;
}

/** Turns Zod issues into findings on the row, naming the column and the value. */
function issuesToFindings(issues: z.core.$ZodIssue[], sheet: Sheet, row: number, raw: Record<string, Cell | undefined>, findings: Findings): void {
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '') as Field;
    const params = (issue as { params?: IssueParams }).params;
    const column = sheet.mapping.columns.get(field)?.header ?? sheet.mapping.columns.get('start')?.header;
    const where: { file: string; row: number; column?: string; value?: string } = { file: sheet.info.file, row };
    if (column !== undefined) where.column = column;
    const value = showCell(raw[field]);
    if (value !== '') where.value = value;
    findings.add(params?.finding ?? 'missing-value', where, { field, reason: params?.reason ?? issue.message });
  }
}

const STAFF_FIELDS: Field[] = ['nip', 'name', 'type', 'opd'];
const STAFF_TOTAL_FIELDS: Field[] = ['nip', 'name', 'type', 'opd', 'jp'];
const RECORD_FIELDS: Field[] = ['nip', 'training', 'start', 'end', 'jp'];

async function readStaff(sheet: Sheet, acc: InputAccount, fileIndex: number, audit: Audit, findings: Findings, totals: boolean): Promise<void> {
  const schema: z.ZodType<StaffRow & { jp?: number }> = totals ? staffTotalRow : staffRow;
  const fields = totals ? STAFF_TOTAL_FIELDS : STAFF_FIELDS;
  for await (const { row, cells } of dataRows(sheet, acc, findings)) {
    const raw = pick(sheet, cells, fields);
    const parsed = schema.safeParse(raw);
    const ref: RowRef = { file: fileIndex, row };
    if (!parsed.success) {
      acc.rejected++;
      issuesToFindings(parsed.error.issues, sheet, row, raw, findings);
      const nip = staffRow.shape.nip.safeParse(raw.nip);
      if (nip.success) audit.noteRejectedEmployee(nip.data, ref);
      continue;
    }
    acc.accepted++;
    const e = parsed.data;
    const outcome = audit.addEmployee({ nip: e.nip, name: e.name, type: e.type, opd: e.opd }, ref);
    if (outcome.kind === 'duplicate') {
      acc.duplicates++;
      findings.add('duplicate-employee', at(sheet, row, 'nip', e.nip), { firstRow: outcome.first.row });
    } else if (e.jp !== undefined) {
      audit.setTotal(e.nip, e.jp);
    }
  }
}

async function readTraining(sheet: Sheet, acc: InputAccount, fileIndex: number, audit: Audit, findings: Findings, order: DateOrder, files: readonly string[]): Promise<void> {
  const schema = trainingRow(order);
  for await (const { row, cells } of dataRows(sheet, acc, findings)) {
    const raw = pick(sheet, cells, RECORD_FIELDS);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      acc.rejected++;
      issuesToFindings(parsed.error.issues, sheet, row, raw, findings);
      continue;
    }
    acc.accepted++;
    classifyRecord(audit.addRecord(parsed.data, { file: fileIndex, row }), parsed.data, sheet, row, acc, findings, files);
  }
}

function classifyRecord(
  outcome: ReturnType<Audit['addRecord']>,
  { nip, training }: { nip: string; training: string },
  sheet: Sheet,
  row: number,
  acc: InputAccount,
  findings: Findings,
  files: readonly string[],
): void {
  switch (outcome.kind) {
    case 'counted':
      acc.counted++;
      return;
    case 'outside-period':
      acc.outsidePeriod++;
      return;
    case 'unknown-nip':
      acc.unknownNip++;
      findings.add(
        'unknown-nip',
        at(sheet, row, 'nip', nip),
        outcome.rejectedAt ? { nip, rejectedRow: outcome.rejectedAt.row } : { nip },
      );
      return;
    case 'duplicate':
      acc.duplicates++;
      findings.add('duplicate-record', at(sheet, row, 'training', training || undefined), {
        firstFile: files[outcome.first.file] ?? sheet.info.file,
        firstRow: outcome.first.row,
      });
  }
}

function at(sheet: Sheet, row: number, field: Field, value?: string): { file: string; row: number; column?: string; value?: string } {
  const w: { file: string; row: number; column?: string; value?: string } = { file: sheet.info.file, row };
  const col = sheet.mapping.columns.get(field)?.header;
  if (col !== undefined) w.column = col;
  if (value !== undefined) w.value = value;
  return w;
}

async function readCombined(sheet: Sheet, acc: InputAccount, fileIndex: number, audit: Audit, findings: Findings, order: DateOrder): Promise<void> {
  const records = trainingRow(order);
  const fields: Field[] = ['nip', 'name', 'type', 'opd', 'training', 'start', 'end', 'jp'];
  for await (const { row, cells } of dataRows(sheet, acc, findings)) {
    const raw = pick(sheet, cells, fields);
    const person = staffRow.safeParse(raw);
    if (!person.success) {
      acc.rejected++;
      issuesToFindings(person.error.issues, sheet, row, raw, findings);
      continue;
    }
    const e = person.data;
    const ref: RowRef = { file: fileIndex, row };
    const known = audit.employee(e.nip);
    if (!known) audit.addEmployee({ nip: e.nip, name: e.name, type: e.type, opd: e.opd }, ref);
    else if (known.type !== e.type || known.opd !== e.opd) {
      findings.add('inconsistent-employee', at(sheet, row, 'nip', e.nip), { type: known.type, opd: known.opd });
    }
    if (TRAINING_FIELDS.every((f) => showCell(raw[f]).trim() === '')) {
      // An employee with no training: listed once, with the training cells empty.
      acc.accepted++;
      continue;
    }
    const rec = records.safeParse(raw);
    if (!rec.success) {
      acc.rejected++;
      issuesToFindings(rec.error.issues, sheet, row, raw, findings);
      continue;
    }
    acc.accepted++;
    classifyRecord(audit.addRecord(rec.data, ref), rec.data, sheet, row, acc, findings, [acc.file]);
  }
}
