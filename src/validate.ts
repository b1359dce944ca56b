import { type Finding, Findings } from './audit/findings.js';
import { JpAuditError } from './errors.js';
import {
  account,
  at,
  dataRows,
  hasAmount,
  hasDate,
  type InputAccount,
  type InputRole,
  issuesToFindings,
  noteEncoding,
  noteUnusedCells,
  type OnProgress,
  pick,
  reportColumns,
  requireColumns,
  requireTrainingColumns,
  TypeCount,
} from './ingest.js';
import { openSource } from './io/source.js';
import type { Delimiter, Encoding, ReadOptions } from './io/types.js';
import type { DateOrder } from './normalize/dates.js';
import type { Field, HeaderOptions } from './normalize/header.js';
import { listHeaders, openSheet, type Sheet } from './normalize/sheet.js';
import type { EmployeeType } from './normalize/types.js';
import type { PhaseId } from './policy/policy.js';
import { DEFAULT_POLICY } from './policy/policy.js';
import type { SchemaOptions, Schemas } from './schema/rows.js';
import { keyedRecord, sameTrainingKey } from './rules/same-training.js';

export interface ValidateOptions {
  map?: HeaderOptions['map'];
  headers?: HeaderOptions['extra'];
  typeAliases?: ReadonlyMap<string, EmployeeType>;
  /** Phase names of Latsar attendance files (config `phaseAliases`). */
  phaseAliases?: ReadonlyMap<string, PhaseId>;
  minutesPerJp?: number;
  /** The policy's `defaultType` and `undatedYear` (see `Policy`). */
  defaultType?: EmployeeType;
  undatedYear?: number;
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
  dateOrder?: DateOrder;
  stdin?: NodeJS.ReadableStream;
  onProgress?: OnProgress;
}

/** Training records seen so far, across the files being validated: by exact key (`sameTrainingKey`), their first place. */
interface RecordsSeen {
  keys: Map<string, { file: number; row: number }>;
  files: string[];
}

/** A file that could not be read at all (missing, not a table, no NIP column ...), and why. */
export interface UnusableFile {
  file: string;
  error: JpAuditError;
}

export interface ValidateResult {
  inputs: InputAccount[];
  findings: Finding[];
  /** Files that could not be read; the others are validated all the same. */
  unusable: UnusableFile[];
}

/** What a file is, from its columns: a roster, a recap, a combined sheet, training, exemptions. */
export function roleOf(sheet: Sheet): InputRole {
  const c = sheet.mapping.columns;
  // An OPD column makes a roster (many have no type column: the NIP or the default tells the type).
  const staff = c.has('opd');
  if (staff && hasAmount(sheet) && (hasDate(sheet) || c.has('training') || c.has('year'))) return 'combined';
  if (staff) return 'staff';
  // A Latsar attendance file is a training file with a phase column, read as `latsar` reads it.
  if (c.has('phase') && hasDate(sheet)) return 'attendance';
  if (hasAmount(sheet) && (hasDate(sheet) || c.has('year') || c.has('training'))) return 'training';
  if (c.has('reason')) return 'exemptions';
  throw new JpAuditError('unknown-file-kind', { headers: listHeaders(sheet.mapping.headers) }, sheet.info.file);
}

/**
 * Reads and validates files without auditing them: every row is accepted or rejected with findings,
 * repeats within the files are reported. For checking an export before the audit.
 */
export async function runValidate(files: readonly string[], options: ValidateOptions = {}): Promise<ValidateResult> {
  if (files.filter((f) => f === '-').length > 1) throw new JpAuditError('stdin-twice', {});
  const read: ReadOptions = {};
  if (options.encoding) read.encoding = options.encoding;
  if (options.delimiter) read.delimiter = options.delimiter;
  if (options.sheet) read.sheet = options.sheet;
  const { rowSchemas } = await import('./schema/rows.js');
  const schemaOptions: SchemaOptions = { order: options.dateOrder ?? 'dmy', typeAliases: options.typeAliases ?? new Map(), phaseAliases: options.phaseAliases ?? new Map(), minutesPerJp: options.minutesPerJp ?? DEFAULT_POLICY.minutesPerJp, defaultType: options.defaultType ?? DEFAULT_POLICY.defaultType };
  if (options.undatedYear !== undefined) schemaOptions.undatedYear = options.undatedYear;
  const schemas = rowSchemas(schemaOptions);
  const findings = new Findings();
  const inputs: InputAccount[] = [];
  const staffSeen = new Map<string, number>();
  // The audit's own duplicate mechanism, with files by index.
  const recordsSeen: RecordsSeen = { keys: new Map(), files: [] };
  const unusable: UnusableFile[] = [];
  const attendanceSeen = new Map<string, { file: string; row: number }>();
  for (const file of files) {
    // One file that cannot be read does not hide what is wrong with the others.
    let sheet: Sheet | undefined;
    try {
      sheet = await openSheet(await openSource(file, read, options.stdin), { map: options.map ?? new Map(), extra: options.headers ?? new Map() });
      const role = roleOf(sheet);
      requireColumns(sheet, role === 'training' || role === 'exemptions' ? ['nip'] : role === 'attendance' ? ['nip', 'phase'] : ['nip', 'opd'], role);
      if (role === 'training' || role === 'combined') requireTrainingColumns(sheet, role, options.undatedYear);
      const used: Field[] = ['nip', 'name', 'type', 'cpnsStatus', 'opd', 'serviceStart', 'serviceEnd', 'status', 'training', 'start', 'end', 'year', 'jp', 'minutes', 'hours', 'reason', 'phase'];
      reportColumns(sheet, findings, used);
      const acc = account(sheet, role);
      recordsSeen.files.push(sheet.info.file);
      if (role === 'attendance') await validateAttendance(sheet, acc, schemas, findings, attendanceSeen, options.onProgress);
      else await validateRows(sheet, acc, role, schemas, findings, staffSeen, recordsSeen, options.defaultType ?? DEFAULT_POLICY.defaultType, options.onProgress);
      inputs.push(acc);
      noteEncoding(sheet, findings);
    } catch (e) {
      await sheet?.rows.return?.(undefined);
      if (!(e instanceof JpAuditError)) throw e;
      unusable.push({ file, error: e });
    }
  }
  return { inputs, findings: findings.all(), unusable };
}

/** Rows of a Latsar attendance file, checked as `latsar` reads them (phase, date, JP; repeats). */
async function validateAttendance(sheet: Sheet, acc: InputAccount, schemas: Schemas, findings: Findings, seen: Map<string, { file: string; row: number }>, onProgress?: OnProgress): Promise<void> {
  const fields: Field[] = ['nip', 'phase', 'start', 'end', 'jp', 'minutes', 'hours'];
  for await (const { row, cells } of dataRows(sheet, acc, findings, onProgress)) {
    const raw = pick(sheet, cells, fields);
    const a = schemas.attendance.safeParse(raw);
    if (!a.success) {
      acc.rejected++;
      issuesToFindings(a.error.issues, sheet, row, raw, findings);
      continue;
    }
    acc.accepted++;
    // The key `latsar` counts a day of a phase once by (see LatsarAudit.addAttendance).
    const key = `${a.data.nip}\u0000${a.data.phase}\u0000${a.data.date}\u0000${a.data.jp}`;
    const first = seen.get(key);
    if (first) {
      acc.duplicates++;
      findings.add('duplicate-record', at(sheet, row, 'phase'), { firstFile: first.file, firstRow: first.row });
    } else seen.set(key, { file: sheet.info.file, row });
  }
}

async function validateRows(
  sheet: Sheet,
  acc: InputAccount,
  role: InputRole,
  schemas: Schemas,
  findings: Findings,
  staffSeen: Map<string, number>,
  recordsSeen: RecordsSeen,
  defaultType: EmployeeType,
  onProgress?: OnProgress,
): Promise<void> {
  const fields: Field[] = ['nip', 'name', 'type', 'cpnsStatus', 'opd', 'training', 'start', 'end', 'year', 'jp', 'minutes', 'hours', 'reason'];
  const typed = new TypeCount();
  for await (const { row, cells } of dataRows(sheet, acc, findings, onProgress)) {
    const raw = pick(sheet, cells, fields);
    let ok = true;
    if (role !== 'training' && role !== 'exemptions') {
      const staff = (role === 'staff' && sheet.mapping.columns.has('jp') ? schemas.staffTotal : schemas.staff).safeParse(raw);
      if (!staff.success) {
        ok = false;
        issuesToFindings(staff.error.issues, sheet, row, raw, findings);
      } else if (role === 'staff') {
        typed.add(staff.data.typeSource);
        const first = staffSeen.get(staff.data.nip);
        if (first !== undefined) {
          acc.duplicates++;
          findings.add('duplicate-employee', at(sheet, row, 'nip', staff.data.nip), { firstRow: first });
        } else staffSeen.set(staff.data.nip, row);
      }
    }
    if (ok && (role === 'training' || role === 'combined')) {
      const empty = role === 'combined' && ['training', 'start', 'end', 'year', 'jp', 'minutes', 'hours'].every((f) => raw[f] === undefined || raw[f] === null || String(raw[f]).trim() === '');
      if (!empty) {
        const rec = schemas.training.safeParse(raw);
        if (!rec.success) {
          ok = false;
          issuesToFindings(rec.error.issues, sheet, row, raw, findings);
        } else {
          if (rec.data.unused.length) noteUnusedCells(rec.data.unused, sheet, row, raw, findings);
          const key = keyedRecord(rec.data, cells, sheet.mapping.headers);
          const exact = sameTrainingKey(key);
          const first = recordsSeen.keys.get(exact);
          if (first === undefined) recordsSeen.keys.set(exact, { file: recordsSeen.files.length - 1, row });
          else {
            acc.duplicates++;
            findings.add('duplicate-record', at(sheet, row, 'training', rec.data.training || undefined), { firstFile: recordsSeen.files[first.file]!, firstRow: first.row });
          }
        }
      }
    }
    if (ok && role === 'exemptions') {
      const x = schemas.exemption.safeParse(raw);
      if (!x.success) {
        ok = false;
        issuesToFindings(x.error.issues, sheet, row, raw, findings);
      }
    }
    if (ok) acc.accepted++;
    else acc.rejected++;
  }
  typed.report(sheet, findings, defaultType);
}
