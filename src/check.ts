import type { z } from 'zod';
import { Audit, type PlainRows } from './engine/fast/audit.js';
import type { AuditResult, Employee, EmployeeOutcome, RowRef } from './audit/types.js';
import type { AuditEngine, EngineName } from './engine/engine.js';
import { type AuditObserver, rawTexts } from './audit/observer.js';
import { FINDING_SEVERITY, type Finding, Findings, showCell } from './audit/findings.js';
import { mostOutside } from './audit/year.js';
import { opdKey } from './audit/opds.js';
import { employeeSource } from './audit/employees.js';
import type { Exemption, Service } from './rules/duty.js';
import { JpAuditError } from './errors.js';
import { type FastStaffDeps, fastEligible, readStaffFast } from './engine/fast/fastpath.js';
import type { FileResult } from './engine/fast/parallel/pool.js';
import { stopEarly, type WarmWorkers } from './engine/fast/parallel/warm.js';
import { COUNTERS } from './engine/fast/parallel/protocol.js';
import { ThreadedTraining, type ThreadOptions, type ThreadRun, warmWorkers } from './engine/fast/threads.js';
import { classifyRecord, RECORD_FIELDS, readTraining, type TrainingContext } from './training.js';
import {
  account,
  TypeCount,
  at,
  dataRows,
  finishAccount,
  hasAmount,
  hasDate,
  type InputAccount,
  type InputRole,
  noteEncoding,
  noteUnusedCells,
  type OnProgress,
  pick,
  reportColumns,
  requireColumns,
  NO_CELLS,
  runFiles,
  requireTrainingColumns,
  validRow,
} from './ingest.js';
import { openSource } from './io/source.js';
import type { Cell, Delimiter, Encoding, ReadOptions } from './io/types.js';
import { type CivilDate, type DateOrder, isoDate, parseDate } from './normalize/dates.js';
import type { Field, HeaderOptions } from './normalize/header.js';
import { listHeaders, openSheet, type Sheet } from './normalize/sheet.js';
import { nipText } from './normalize/bytes.js';
import { nipHalf } from './normalize/nip.js';
import { cellText } from './normalize/text.js';
import type { EmployeeType } from './normalize/types.js';
import { aliasKey } from './policy/config.js';
import { DEFAULT_POLICY, type Policy } from './policy/policy.js';
import type { SchemaOptions, Schemas, StaffRow } from './schema/rows.js';
import { PlainStaffReader } from './schema/plain.js';
import { typeRulesOf } from './schema/staff-rules.js';
import type { TypeRules } from './rules/employee-type.js';
import { trace } from './trace.js';
import { keyedRecord } from './rules/same-training.js';

export type { InputAccount, InputRole } from './ingest.js';

/**
 * The three shapes of input real offices hold: a roster plus training files; a recap roster that
 * carries each person's yearly total; one combined sheet with a row per training.
 */
export const SHAPES = ['separate', 'totals', 'combined'] as const;
export type Shape = (typeof SHAPES)[number];

/** What `runCheck` is asked; the threads' choices (`threads`, `parallelFrom`, ...) are `ThreadOptions`. */
export interface CheckOptions extends ThreadOptions {
  /** The staff roster (or combined sheet); `-` for stdin. */
  staff: string;
  training?: readonly string[];
  /** An exemptions file: NIP, reason, optional from/to dates. */
  exemptions?: string;
  year: number;
  /** The day the audit looks at; default the year's last day. */
  asOf?: CivilDate;
  shape?: Shape;
  map?: HeaderOptions['map'];
  /** Extra header names per field (config file). */
  headers?: HeaderOptions['extra'];
  typeAliases?: ReadonlyMap<string, EmployeeType>;
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
  dateOrder?: DateOrder;
  policy?: Policy;
  stdin?: NodeJS.ReadableStream;
  onProgress?: OnProgress;
  /** Read training CSVs with the byte scanner where it applies (default true; false is for tests). */
  fast?: boolean;
  /** Findings of one code listed per file at most; the rest are counted (default 100,000). */
  maxFindings?: number;
  /**
   * Called once when this thread has nothing left to do but wait for worker threads to count
   * the records: a caller can prepare meanwhile what comes after (the command line loads the
   * report's renderer then). Not called when no worker thread reads the training files.
   */
  onIdle?: () => void;
  /** Told every row's outcome (see `AuditObserver`); the files are then read by the general reader in this thread. */
  observer?: AuditObserver;
  /**
   * `fast` (the default): the byte scanner, kernels and threads where they apply, over `Audit`.
   * `reference`: the general reader in this thread over `ReferenceAudit`, the plain model of the rules.
   */
  engine?: EngineName;
}

export interface CheckResult {
  year: number;
  asOf: CivilDate;
  shape: Shape;
  policy: Policy;
  /** Whether duties were pro-rated by months of service (the policy's `prorate`, resolved). */
  prorated: boolean;
  inputs: InputAccount[];
  audit: AuditResult;
  findings: Finding[];
  /** How many threads read the training files (1: this one or one worker; more: worker threads, see `threads`). */
  threads: number;
  /** Worker threads that read the training files (0: this thread read them; see `workerFrom`, `parallelFrom`). */
  workers: number;
}

const STAFF_FIELDS: Field[] = ['nip', 'name', 'type', 'cpnsStatus', 'opd', 'serviceStart', 'serviceEnd', 'status'];
const TRAINING_CELLS: Field[] = ['training', 'start', 'end', 'jp', 'minutes', 'hours'];

/** Everything the readers share within one run. */
interface Run {
  audit: AuditEngine;
  findings: Findings;
  schemas: Schemas;
  order: DateOrder;
  policy: Policy;
  files: string[];
  onProgress?: OnProgress;
  /** Use the byte scanner for rosters where it applies (off: the general reader only). */
  fast: boolean;
  /**
   * Use the byte scanner and threads for training CSVs: with `fast`, and under the default
   * `countIn: end` (the kernel applies that rule only; other policies take the general reader).
   */
  fastTraining: boolean;
  forcedEncoding: Encoding | undefined;
  observer?: AuditObserver;
  typeAliasCount: number;
  /** The schema's type rules, for roster rows read without Zod (`PlainStaffReader`). */
  typeRules: TypeRules;
}

/** Runs the yearly audit over the inputs and returns the result; prints nothing, never exits. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  // Worker threads that will read the training files start loading now, while the files are
  // opened; whatever happens, those not taken are stopped (a waiting thread would keep the process).
  const warm = warmWorkers(options.training ?? [], options, fastReaders(options).training);
  try {
    return await check(options, warm);
  } finally {
    await warm?.close();
    // Threads the command-line tool started early (see src/cli/early.ts) and this run did not take.
    await stopEarly();
  }
}

async function check(options: CheckOptions, warm: WarmWorkers | undefined): Promise<CheckResult> {
  const training = options.training ?? [];
  const policy = options.policy ?? DEFAULT_POLICY;
  const headerOptions: HeaderOptions = { map: options.map ?? new Map(), extra: options.headers ?? new Map() };
  const read: ReadOptions = {};
  if (options.encoding) read.encoding = options.encoding;
  if (options.delimiter) read.delimiter = options.delimiter;
  if (options.sheet) read.sheet = options.sheet;
  const order = options.dateOrder ?? 'dmy';
  const files = runFiles({ ...options, training });
  if (files.filter((f) => f === '-').length > 1) throw new JpAuditError('stdin-twice', {});

  trace('start');
  const open = async (file: string) => openSheet(await openSource(file, read, options.stdin), headerOptions);
  const staffSheet = await open(options.staff);
  const shape = options.shape ?? decideShape(staffSheet, training.length > 0);
  if (shape === 'separate' && training.length === 0) throw new JpAuditError('shape-needs-training', {}, options.staff);
  if (shape !== 'separate' && training.length > 0) throw new JpAuditError('shape-no-training', { shape }, options.staff);

  const staffColumns = staffSheet.mapping.columns;
  const prorated = policy.prorate === 'auto' ? staffColumns.has('serviceStart') || staffColumns.has('serviceEnd') : policy.prorate;
  const auditOptions: { prorate: boolean; asOf?: CivilDate } = { prorate: prorated };
  if (options.asOf !== undefined) auditOptions.asOf = options.asOf;
  const readers = fastReaders(options);
  const base: Omit<Run, 'schemas'> = {
    // The plain engine is loaded only when asked for: every other run starts without it.
    audit: options.engine === 'reference' ? new (await import('./engine/reference.js')).ReferenceAudit(options.year, policy, auditOptions) : new Audit(options.year, policy, auditOptions),
    findings: new Findings(options.maxFindings),
    order,
    policy,
    files,
    fast: readers.fast,
    fastTraining: readers.training,
    forcedEncoding: options.encoding,
    typeAliasCount: options.typeAliases?.size ?? 0,
    // As the row schemas get them (`schema` below).
    typeRules: typeRulesOf({ defaultType: policy.defaultType, typeAliases: options.typeAliases ?? new Map() }),
  };
  if (options.onProgress) base.onProgress = options.onProgress;
  if (options.observer) base.observer = options.observer;
  const used = new Set<Field>();
  const inputs: InputAccount[] = [];

  const staffRole: InputRole = shape === 'combined' ? 'combined' : 'staff';
  requireColumns(staffSheet, shape === 'separate' ? ['nip', 'opd'] : ['nip', 'opd', 'jp'], staffRole);
  if (shape === 'combined') requireTrainingColumns(staffSheet, 'combined', policy.undatedYear);

  // Every training file is opened (and its columns checked) first, to know whether they can be
  // read by worker threads together. Worker threads need the roster only to count at the end, so
  // they start reading now, while this thread reads the roster; a problem found in opening the
  // training files is told after the roster's own, as when they were opened after it.
  const sheets: Sheet[] = [];
  // A file not read (after an error, or read by worker threads) closes its stream here.
  const closeSheets = () => Promise.all(sheets.map((s) => s.rows.return?.(undefined)));
  const schema: SchemaOptions = { order, typeAliases: options.typeAliases ?? new Map(), minutesPerJp: policy.minutesPerJp, defaultType: policy.defaultType };
  if (policy.undatedYear !== undefined) schema.undatedYear = policy.undatedYear;
  let threaded: ThreadedTraining | undefined;
  let openError: unknown;
  /** The audit's figures, when worked out while worker threads make their findings. */
  let figures: ReturnType<Audit['result']> | undefined;
  try {
    for (const file of training) {
      const sheet = await open(file);
      sheets.push(sheet);
      requireTrainingColumns(sheet, 'training', policy.undatedYear);
    }
    trace('files opened');
    if (base.fastTraining) threaded = await ThreadedTraining.start(staffSheet, sheets, training, threadRun(base), options, { schema, header: headerOptions, read }, warm);
    // Threads started ahead and not taken will not be: they stop before the files are read here.
    await warm?.close();
  } catch (e) {
    openError = e;
  }
  // The row schemas (Zod, a third of the tool's code) load once the worker threads have their
  // work: rows the byte scanner leaves to the general path need them, starting the threads not.
  const { rowSchemas } = await import('./schema/rows.js');
  const run: Run = Object.assign(base, { schemas: rowSchemas(schema) });
  try {
    reportColumns(staffSheet, run.findings, shape === 'separate' ? STAFF_FIELDS : shape === 'totals' ? [...STAFF_FIELDS, 'jp'] : [...STAFF_FIELDS, ...RECORD_FIELDS]);
    noteMapUse(staffSheet, used);
    const staffAccount = account(staffSheet, staffRole);
    inputs.push(staffAccount);
    if (shape === 'combined') await readCombined(staffSheet, staffAccount, 0, run);
    else await readStaff(staffSheet, staffAccount, 0, run, shape === 'totals', options.staff);
    noteEncoding(staffSheet, run.findings);
    trace('roster read');
    // An audit of nobody would look like success: say why there is nobody instead.
    if (staffAccount.rows === 0) throw new JpAuditError('no-data-rows', {}, options.staff);
    if (run.audit.employeeCount === 0) {
      const first = run.findings.list.find((f) => f.severity === 'error' && f.file === options.staff);
      throw new JpAuditError('no-valid-rows', { rejected: staffAccount.rejected, row: first?.row ?? '?', code: first?.code ?? 'repeated-header' }, options.staff);
    }

    if (options.exemptions) {
      const sheet = await open(options.exemptions);
      requireColumns(sheet, ['nip'], 'exemptions');
      reportColumns(sheet, run.findings, ['nip', 'name', 'reason', 'start', 'end']);
      noteMapUse(sheet, used);
      const acc = account(sheet, 'exemptions');
      inputs.push(acc);
      await readExemptions(sheet, acc, run, files.length - 1);
      noteEncoding(sheet, run.findings);
    }
    if (openError !== undefined) throw openError;

    const ctx: TrainingContext = { counter: run.audit.counter, findings: run.findings, schemas: run.schemas, order, files, fast: run.fastTraining, forcedEncoding: options.encoding };
    if (run.observer) ctx.observer = run.observer;
    if (run.onProgress) ctx.onProgress = run.onProgress;
    // Worker threads count the records of every file at the end; a file's account and findings
    // are complete only then, and are added in the same order as one thread adds them.
    let results: FileResult[] | undefined;
    if (threaded) {
      results = await threaded.read(run.schemas);
      if (results === undefined) threaded = undefined;
    }
    if (threaded && results) ({ figures, results } = await threaded.count(fastAudit(run), sheets, threadRun(run), results, options.onIdle));
    for (const [i, file] of training.entries()) {
      const sheet = sheets[i]!;
      reportColumns(sheet, run.findings, ['nip', 'name', ...RECORD_FIELDS]);
      noteMapUse(sheet, used);
      const acc = account(sheet, 'training');
      inputs.push(acc);
      if (results) {
        const { counters, findings, omitted } = results[i]!;
        for (const k of COUNTERS) acc[k] += counters[k];
        // The same limit as one thread: each thread kept its first findings of a kind, so the
        // first ones of the file are all here.
        for (const f of findings) run.findings.push(f);
        for (const o of omitted) run.findings.omit(o.file, o.code, o.count);
        finishAccount(sheet, acc);
      } else await readTraining(sheet, acc, i + 1, ctx, file);
      noteEncoding(sheet, run.findings);
      usableTraining(acc, run.findings);
    }
  } catch (e) {
    // The counter lets go of the files it reads keys from (see `RecordCounter.readsAgain`).
    run.audit.closeRecords();
    throw e;
  } finally {
    await threaded?.close();
    await closeSheets();
  }
  if (figures === undefined) run.audit.closeRecords();

  for (const [field, header] of headerOptions.map ?? []) {
    if (!used.has(field)) throw new JpAuditError('map-header-not-found', { field, header, files: files.join(', ') });
  }

  trace('training done');
  const result = figures ?? run.audit.result();
  trace('figures');
  if (Object.values(policy.requirements).some((r) => r.max !== undefined)) {
    // A range at a time: a million employees are not made at once.
    const list = employeeSource(result);
    const step = 1000;
    for (let from = 0; from < list.length; from += step) {
      for (const e of list.range(from, from + step)) {
        const max = policy.requirements[e.type].max;
        if (max !== undefined && e.jp > max) {
          run.findings.add('over-max', { file: options.staff, value: e.nip }, { nip: e.nip, jp: e.jp, max, type: e.type });
        }
      }
    }
  }
  // One OPD written several ways is counted as one, under its most frequent spelling: said once each.
  for (const v of run.audit.opdGroups().variants) {
    const variants = v.variants.map((x) => `"${x.spelling}" ${x.employees}`).join(', ');
    run.findings.add('opd-spellings', { file: options.staff, value: v.opd }, { opd: v.opd, count: v.variants.length, variants });
  }
  const all = run.findings.all();
  const outside = outsideYear(inputs, options.year, run.audit.asOf);
  // First among the findings: a report of the wrong year is read with this in mind, or not at all.
  const findings = outside ? [outside, ...all] : all;
  return { year: options.year, asOf: run.audit.asOf, shape, policy, prorated, inputs, audit: result, findings, threads: threaded?.threads ?? 1, workers: threaded?.threads ?? 0 };
}

/**
 * A training file none of whose data rows could be read would be audited as "nobody trained": a
 * false alarm in a cron job's mail. It stops the run with the first row's cause instead; a file
 * with a header and no data row is only a warning (an OPD with nothing to report yet).
 */
function usableTraining(acc: InputAccount, findings: Findings): void {
  if (acc.rows === 0) {
    findings.add('no-training-rows', { file: acc.file });
    return;
  }
  if (acc.accepted > 0) return;
  let first: Finding | undefined;
  for (const f of findings.list) if (f.file === acc.file && f.severity === 'error' && f.row !== undefined && (first === undefined || f.row < first.row!)) first = f;
  const where: Record<string, string | number> = first ? { ...first.args, row: first.row!, code: first.code, column: first.column ?? '', value: first.value ?? '' } : { row: '?', code: 'repeated-header', column: '', value: '' };
  throw new JpAuditError('no-valid-training-rows', { ...where, rejected: acc.rejected }, acc.file);
}

/**
 * `most-records-outside-year`: more than half of the run's dated training records end outside the
 * audited period (a stale year in the config file, or `--year` mistyped), said once for the run.
 */
function outsideYear(inputs: readonly InputAccount[], year: number, asOf: CivilDate): Finding | undefined {
  let outside = 0;
  let dated = 0;
  const files: string[] = [];
  for (const i of inputs) {
    if (i.role !== 'training' && i.role !== 'combined') continue;
    // Every accepted record has a date, and ends counted, outside, of an unknown NIP or a duplicate.
    const n = i.counted + i.outsidePeriod + i.unknownNip + i.duplicates;
    if (n === 0) continue;
    outside += i.outsidePeriod;
    dated += n;
    files.push(i.file);
  }
  if (!mostOutside(outside, dated)) return undefined;
  const args: Record<string, string | number> = { outside, dated, year, asOf: asOf < year * 10000 + 1231 ? isoDate(asOf) : '' };
  return { code: 'most-records-outside-year', severity: FINDING_SEVERITY['most-records-outside-year'], file: files.join(', '), args };
}

/** Decides the shape from the roster's columns, as the issue describes; `--shape` overrides. */
export function decideShape(sheet: Sheet, hasTrainingFiles: boolean): Shape {
  if (hasTrainingFiles) return 'separate';
  const c = sheet.mapping.columns;
  if (hasAmount(sheet) && (hasDate(sheet) || c.has('training'))) return 'combined';
  if (c.has('jp')) return 'totals';
  throw new JpAuditError('no-training-data', { headers: listHeaders(sheet.mapping.headers) }, sheet.info.file);
}

/**
 * Which of the fast engine's readers a run may use: the byte scanner for rosters (`fast`), and for
 * training files with its worker threads (`training`). Neither with the reference engine, nor for
 * `explain` (an observer is told each row by the general reader); the training kernel applies the
 * default period rule only (`countIn: end`).
 */
function fastReaders(options: CheckOptions): { fast: boolean; training: boolean } {
  const fast = !options.observer && options.engine !== 'reference' && (options.fast ?? true);
  return { fast, training: fast && (options.policy ?? DEFAULT_POLICY).countIn === 'end' };
}

/** What the worker threads need of the run. */
function threadRun(run: Omit<Run, 'schemas'>): ThreadRun {
  const t: ThreadRun = { year: run.audit.year, asOf: run.audit.asOf, files: run.files, findingsLimit: run.findings.limit };
  if (run.onProgress) t.onProgress = run.onProgress;
  return t;
}

/** The fast engine's audit, for the byte scanner and the threads (which run only with it). */
function fastAudit(run: Run): Audit {
  if (run.audit instanceof Audit) return run.audit;
  throw new Error('the fast engine\'s readers ran with the reference engine');
}

function noteMapUse(sheet: Sheet, used: Set<Field>): void {
  for (const field of sheet.mapping.overridden) used.add(field);
}

/** Service dates and legal status of a roster row; a bad date is a warning, never a rejection. */
function employeeExtras(sheet: Sheet, row: number, raw: Record<string, unknown>, run: Run): { service?: Service; exemptions?: Exemption[] } {
  const out: { service?: Service; exemptions?: Exemption[] } = {};
  const service: Service = {};
  for (const [field, key] of [['serviceStart', 'start'], ['serviceEnd', 'end']] as const) {
    const text = cellText(raw[field]);
    if (text === '' && !(raw[field] instanceof Date) && typeof raw[field] !== 'number') continue;
    const d = parseDate(raw[field], run.order);
    if (d.ok) {
      service[key] = d.date;
      if (d.serial) run.findings.add('date-from-serial', at(sheet, row, field, cellText(raw[field])), { date: isoDate(d.date), value: cellText(raw[field]) });
    }
    else run.findings.add('invalid-service-date', at(sheet, row, field, showCell(raw[field] as never)), { field, reason: d.reason });
  }
  if (service.start !== undefined || service.end !== undefined) out.service = service;
  const status = cellText(raw.status);
  if (status !== '' && run.policy.exemptStatuses.some((s) => aliasKey(s) === aliasKey(status))) out.exemptions = [{ reason: status }];
  return out;
}

function addEmployee(e: StaffRow, sheet: Sheet, row: number, raw: Record<string, unknown>, ref: RowRef, run: Run) {
  const employee: Employee = { nip: e.nip, name: e.name, type: e.type, opd: e.opd, ...employeeExtras(sheet, row, raw, run) };
  const outcome = run.audit.addEmployee(employee, ref);
  run.observer?.staff(ref, employee, outcome);
  return outcome;
}

/** Reads a roster: the byte scanner when it can, else the general reader; the same outcome. */
async function readStaff(sheet: Sheet, acc: InputAccount, fileIndex: number, run: Run, totals: boolean, path: string): Promise<void> {
  const schema: z.ZodType<StaffRow & { jp?: number }> = totals ? run.schemas.staffTotal : run.schemas.staff;
  const fields = totals ? [...STAFF_FIELDS, 'jp' as const] : STAFF_FIELDS;
  const typed = new TypeCount();
  let blankTotals = 0;
  /** Accounting for a valid row added (or not): true when it is the NIP's first row. */
  const added = (outcome: EmployeeOutcome, row: number, nip: () => string, jp?: number): boolean => {
    acc.accepted++;
    if (outcome.kind === 'added') return true;
    acc.duplicates++;
    // A recap's repeated person: the total on this row is not counted, and the finding says how much.
    const args: Record<string, number> = { firstRow: outcome.first.row };
    if (jp !== undefined) args.droppedJp = jp;
    run.findings.add('duplicate-employee', at(sheet, row, 'nip', nip()), args);
    return false;
  };
  // The fast engine keeps employees as columns, by NIP halves.
  const fast = run.audit instanceof Audit ? run.audit : undefined;
  const accept = (e: StaffRow & { jp?: number; jpBlank?: boolean }, row: number, raw: Record<string, unknown>) => {
    const ref = { file: fileIndex, row };
    const hi = fast ? nipHalf(e.nip, 0) : 0;
    const lo = fast ? nipHalf(e.nip, 9) : 0;
    // A row with nothing beyond the plain reader's fields, and no observer, makes no Employee object.
    const plain = fast && raw === NO_CELLS && !run.observer;
    const outcome = plain ? fast.addByHalves(hi, lo, e.name, e.type, e.opd, ref) : addEmployee(e, sheet, row, raw, ref, run);
    if (!added(outcome, row, () => e.nip, e.jp)) return;
    typed.add(e.typeSource);
    if (e.jpBlank) blankTotals++;
    if (e.jp !== undefined) {
      if (fast) fast.setTotalByHalves(hi, lo, e.jp);
      else run.audit.setTotal(e.nip, e.jp);
    }
  };
  const duplicates: number[] = [];
  const acceptRows = (rows: PlainRows, n: number, buf: Uint8Array, jp: ReadonlyArray<number | undefined>) => {
    const audit = fastAudit(run);
    audit.addRows(rows, n, fileIndex, buf, duplicates);
    acc.accepted += n;
    // What `added` does for a repeated NIP, in row order; a recap's totals for the rows added.
    let d = 0;
    for (let k = 0; k < n; k++) {
      if (d < duplicates.length && duplicates[d] === k) {
        const row = rows.row[k]!;
        acc.duplicates++;
        const args: Record<string, number> = { firstRow: duplicates[d + 1]! };
        if (jp[k] !== undefined) args.droppedJp = jp[k]!;
        run.findings.add('duplicate-employee', at(sheet, row, 'nip', nipText(rows.hi[k]!, rows.lo[k]!)), args);
        d += 2;
      } else if (jp[k] !== undefined) audit.setTotalByHalves(rows.hi[k]!, rows.lo[k]!, jp[k]!);
    }
    duplicates.length = 0;
  };
  // Rows the schema plainly accepts are read without Zod; only a roster with service dates or a
  // status needs its cells picked for them (`employeeExtras`).
  const plain = new PlainStaffReader(sheet, run.typeRules, totals);
  const usePlain = plain.usable;
  const c = sheet.mapping.columns;
  const extras = c.has('serviceStart') || c.has('serviceEnd') || c.has('status');
  const slowRow = (row: number, cells: Cell[]) => {
    const p = usePlain ? plain.row(cells) : undefined;
    if (p !== undefined) return accept(p, row, extras ? pick(sheet, cells, fields) : NO_CELLS);
    const raw = pick(sheet, cells, fields);
    const e = validRow(schema, raw, sheet, row, acc, run.findings);
    if (e !== undefined) return accept(e, row, raw);
    run.observer?.rejected({ file: fileIndex, row }, 'staff', cellText(raw.nip), rawTexts(raw));
    const nip = run.schemas.nip.safeParse(raw.nip);
    if (nip.success) run.audit.noteRejectedEmployee(nip.data, { file: fileIndex, row });
  };
  const finish = () => {
    typed.report(sheet, run.findings, run.policy.defaultType);
    if (blankTotals > 0) run.findings.add('total-jp-blank', { file: sheet.info.file, row: sheet.headerRow, column: sheet.mapping.columns.get('jp')!.header }, { count: blankTotals });
  };
  // The byte scanner reads plain type words only; SIASN's `STATUS CPNS PNS` takes the general reader.
  if (run.fast && run.audit instanceof Audit && run.typeAliasCount === 0 && !sheet.mapping.columns.has('cpnsStatus') && fastEligible(sheet, path, run.forcedEncoding, ['nip', 'type', 'opd'])) {
    const audit = run.audit;
    const deps: FastStaffDeps = { findings: run.findings, totals, slowRow, accept, acceptRows, opdId: (opd) => audit.opdId(opd), ahead: (hi, lo, n) => audit.touchNips(hi, lo, n), expectRows: (n) => audit.expectEmployees(n) };
    if (run.onProgress) deps.onProgress = run.onProgress;
    if (await readStaffFast(path, sheet, acc, deps)) return finish();
  }
  for await (const { row, cells } of dataRows(sheet, acc, run.findings, run.onProgress)) slowRow(row, cells);
  finish();
}



async function readCombined(sheet: Sheet, acc: InputAccount, fileIndex: number, run: Run): Promise<void> {
  const fields: Field[] = [...STAFF_FIELDS, ...RECORD_FIELDS.slice(1)];
  const typed = new TypeCount();
  for await (const { row, cells } of dataRows(sheet, acc, run.findings, run.onProgress)) {
    const raw = pick(sheet, cells, fields);
    const e = validRow(run.schemas.staff, raw, sheet, row, acc, run.findings);
    if (e === undefined) {
      run.observer?.rejected({ file: fileIndex, row }, 'staff', cellText(raw.nip), rawTexts(raw));
      continue;
    }
    const ref: RowRef = { file: fileIndex, row };
    const known = run.audit.employee(e.nip);
    if (!known) {
      addEmployee(e, sheet, row, raw, ref, run);
      typed.add(e.typeSource);
    } else if (known.type !== e.type || opdKey(known.opd) !== opdKey(e.opd)) {
      run.findings.add('inconsistent-employee', at(sheet, row, 'nip', e.nip), { type: known.type, opd: known.opd });
    }
    if (TRAINING_CELLS.every((f) => showCell(raw[f]).trim() === '')) {
      // An employee with no training: listed once, with the training cells empty.
      acc.accepted++;
      continue;
    }
    const valid = validRow(run.schemas.training, raw, sheet, row, acc, run.findings);
    if (valid === undefined) {
      run.observer?.rejected(ref, 'training', cellText(raw.nip), rawTexts(raw));
      continue;
    }
    if (valid.unused.length) noteUnusedCells(valid.unused, sheet, row, raw, run.findings);
    acc.accepted++;
    const r = keyedRecord(valid, cells, sheet.mapping.headers);
    const outcome = run.audit.addRecord(r, ref);
    run.observer?.record(ref, valid, outcome);
    classifyRecord(outcome, r.nip, () => valid.training, sheet, row, acc, run);
  }
  typed.report(sheet, run.findings, run.policy.defaultType);
}

async function readExemptions(sheet: Sheet, acc: InputAccount, run: Run, fileIndex: number): Promise<void> {
  const fields: Field[] = ['nip', 'reason', 'start', 'end'];
  for await (const { row, cells } of dataRows(sheet, acc, run.findings, run.onProgress)) {
    const raw = pick(sheet, cells, fields);
    const x = validRow(run.schemas.exemption, raw, sheet, row, acc, run.findings);
    if (x === undefined) {
      run.observer?.rejected({ file: fileIndex, row }, 'exemptions', cellText(raw.nip), rawTexts(raw));
      continue;
    }
    acc.accepted++;
    const exemption: Exemption = { reason: x.reason || sheet.mapping.columns.get('reason')?.header || 'exemption' };
    if (x.start !== undefined) exemption.from = x.start;
    if (x.end !== undefined) exemption.to = x.end;
    const known = run.audit.addExemption(x.nip, exemption);
    run.observer?.exemption({ file: fileIndex, row }, x.nip, exemption, known);
    if (known) acc.counted++;
    else {
      acc.unknownNip++;
      run.findings.add('unknown-nip', at(sheet, row, 'nip', x.nip), { nip: x.nip });
    }
  }
}
