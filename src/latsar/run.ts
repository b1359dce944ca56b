import { yearOf } from '../normalize/dates.js';
import { Findings, type Finding } from '../audit/findings.js';
import { JpAuditError } from '../errors.js';
import {
  account,
  at,
  dataRows,
  type InputAccount,
  issuesToFindings,
  noteEncoding,
  noteUnusedCells,
  type OnProgress,
  pick,
  reportColumns,
  requireColumns,
  requireTrainingColumns,
  TypeCount,
} from '../ingest.js';
import { openSource } from '../io/source.js';
import type { Delimiter, Encoding, ReadOptions } from '../io/types.js';
import type { DateOrder } from '../normalize/dates.js';
import type { Field, HeaderOptions } from '../normalize/header.js';
import { openSheet } from '../normalize/sheet.js';
import type { EmployeeType } from '../normalize/types.js';
import { DEFAULT_POLICY, type LatsarCurriculum, type PhaseId, type Policy } from '../policy/policy.js';
import { LatsarAudit, type LatsarResult } from './audit.js';

export interface LatsarOptions {
  staff: string;
  training: readonly string[];
  map?: HeaderOptions['map'];
  headers?: HeaderOptions['extra'];
  typeAliases?: ReadonlyMap<string, EmployeeType>;
  phaseAliases?: ReadonlyMap<string, PhaseId>;
  /** Count only attendance dated in this year (`latsar -y`); the rest is outside the period. */
  year?: number;
  policy?: Policy;
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
  dateOrder?: DateOrder;
  stdin?: NodeJS.ReadableStream;
  onProgress?: OnProgress;
}

export interface LatsarRun {
  curriculum: LatsarCurriculum;
  inputs: InputAccount[];
  result: LatsarResult;
  findings: Finding[];
}

const ATTENDANCE: Field[] = ['nip', 'phase', 'start', 'end', 'jp', 'minutes', 'hours'];

/** Latsar progress of every CPNS on the roster from attendance files; prints nothing, never exits. */
export async function runLatsar(options: LatsarOptions): Promise<LatsarRun> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const files = [options.staff, ...options.training];
  if (files.filter((f) => f === '-').length > 1) throw new JpAuditError('stdin-twice', {});
  if (options.training.length === 0) throw new JpAuditError('latsar-needs-attendance', {}, options.staff);
  const read: ReadOptions = {};
  if (options.encoding) read.encoding = options.encoding;
  if (options.delimiter) read.delimiter = options.delimiter;
  if (options.sheet) read.sheet = options.sheet;
  const headers: HeaderOptions = { map: options.map ?? new Map(), extra: options.headers ?? new Map() };
  const { rowSchemas } = await import('../schema/rows.js');
  const schemas = rowSchemas({ order: options.dateOrder ?? 'dmy', typeAliases: options.typeAliases ?? new Map(), phaseAliases: options.phaseAliases ?? new Map(), minutesPerJp: policy.minutesPerJp, defaultType: policy.defaultType });
  const findings = new Findings();
  const audit = new LatsarAudit(policy.latsar);
  const inputs: InputAccount[] = [];
  const used = new Set<Field>();

  const staff = await openSheet(await openSource(options.staff, read, options.stdin), headers);
  requireColumns(staff, ['nip', 'opd'], 'staff');
  reportColumns(staff, findings, ['nip', 'name', 'type', 'cpnsStatus', 'opd']);
  const typed = new TypeCount();
  for (const f of staff.mapping.overridden) used.add(f);
  const sa = { ...account(staff, 'staff'), notApplicable: 0 };
  const firstRows = new Map<string, number>();
  inputs.push(sa);
  for await (const { row, cells } of dataRows(staff, sa, findings, options.onProgress)) {
    const raw = pick(staff, cells, ['nip', 'name', 'type', 'cpnsStatus', 'opd']);
    const parsed = schemas.staff.safeParse(raw);
    if (!parsed.success) {
      sa.rejected++;
      issuesToFindings(parsed.error.issues, staff, row, raw, findings);
      continue;
    }
    sa.accepted++;
    const e = parsed.data;
    typed.add(e.typeSource);
    if (e.type !== 'CPNS') {
      sa.notApplicable++;
      continue;
    }
    if (!audit.addParticipant({ nip: e.nip, name: e.name, opd: e.opd })) {
      sa.duplicates++;
      findings.add('duplicate-employee', at(staff, row, 'nip', e.nip), { firstRow: firstRows.get(e.nip)! });
    } else firstRows.set(e.nip, row);
  }
  noteEncoding(staff, findings);
  typed.report(staff, findings, policy.defaultType);
  if (sa.rows === 0) throw new JpAuditError('no-data-rows', {}, options.staff);
  if (audit.participantCount === 0) throw new JpAuditError('latsar-no-cpns', { rows: sa.accepted, rejected: sa.rejected }, options.staff);

  for (const [i, file] of options.training.entries()) {
    const sheet = await openSheet(await openSource(file, read, options.stdin), headers);
    requireTrainingColumns(sheet, 'training');
    requireColumns(sheet, ['nip', 'phase'], 'training');
    reportColumns(sheet, findings, ['nip', 'name', ...ATTENDANCE]);
    for (const f of sheet.mapping.overridden) used.add(f);
    const acc = account(sheet, 'training');
    inputs.push(acc);
    for await (const { row, cells } of dataRows(sheet, acc, findings, options.onProgress)) {
      const raw = pick(sheet, cells, ATTENDANCE);
      const parsed = schemas.attendance.safeParse(raw);
      if (!parsed.success) {
        acc.rejected++;
        issuesToFindings(parsed.error.issues, sheet, row, raw, findings);
        continue;
      }
      acc.accepted++;
      if (parsed.data.unused.length) noteUnusedCells(parsed.data.unused, sheet, row, raw, findings);
      if (options.year !== undefined && yearOf(parsed.data.date) !== options.year) {
        acc.outsidePeriod++;
        continue;
      }
      const outcome = audit.addAttendance(parsed.data, { file: i + 1, row });
      if (outcome.kind === 'counted') acc.counted++;
      else if (outcome.kind === 'unknown-nip') {
        acc.unknownNip++;
        findings.add('unknown-nip', at(sheet, row, 'nip', parsed.data.nip), { nip: parsed.data.nip });
      } else {
        acc.duplicates++;
        findings.add('duplicate-record', at(sheet, row, 'phase'), { firstFile: files[outcome.first.file] ?? file, firstRow: outcome.first.row });
      }
    }
    noteEncoding(sheet, findings);
  }
  for (const [field, header] of headers.map ?? []) {
    if (!used.has(field)) throw new JpAuditError('map-header-not-found', { field, header, files: files.join(', ') });
  }
  return { curriculum: policy.latsar, inputs, result: audit.result(), findings: findings.all() };
}
