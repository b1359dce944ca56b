import type { Employee, EmployeeOutcome, RecordOutcome, RowRef, TrainingRecord } from '../audit/types.js';
import type { Finding } from '../audit/findings.js';
import type { AuditObserver } from '../audit/observer.js';
import { type Exemption, monthState, type Service, type Status } from '../rules/duty.js';
import { type CheckOptions, type CheckResult, runCheck, type Shape } from '../check.js';
import { JpAuditError } from '../errors.js';
import { runFiles } from '../ingest.js';
import { type CivilDate, isoDate } from '../normalize/dates.js';
import { parseNip } from '../normalize/nip.js';
import { roundJp } from '../normalize/numbers.js';
import type { EmployeeType } from '../normalize/types.js';
import { type CountIn, recordShare } from '../rules/record-period.js';

/** What became of one training record of the employee. */
export type RecordOutcomeName = 'counted' | 'outside-year' | 'after-as-of' | 'duplicate' | 'rejected';

export interface ExplainedRecord {
  file: string;
  row: number;
  training: string | null;
  start: string | null;
  end: string | null;
  jp: number | null;
  outcome: RecordOutcomeName;
  /** For a rejected row: the amount cell as written (`dua`), since it could not be read as JP. */
  cells?: { jp: string };
  /** For a duplicate: the record that counted. */
  duplicateOf?: { file: string; row: number };
  /** For a counted record of which the policy counts a share in this year (`countIn: split`): that share. */
  countedJp?: number;
  /** For a rejected row: why (the findings at that row; `message` in the report's language). */
  reasons?: Array<{ code: string; column: string | null; value: string | null; args: Record<string, string | number> }>;
}

export interface RosterRow {
  file: string;
  row: number;
  outcome: 'used' | 'duplicate' | 'rejected';
  /** In a recap (shape `totals`): the year's total the row gives. */
  totalJp?: number;
  reasons?: ExplainedRecord['reasons'];
}

export interface ExplainedMonth {
  month: number;
  /** `counts`: towards the duty; `not-served` / `not-whole`: left out by pro-rating; `exempt`: inside an exemption. */
  state: 'counts' | 'not-served' | 'not-whole' | 'exempt';
  reason?: string;
}

export interface Duty {
  type: EmployeeType;
  min: number;
  max: number | null;
  prorated: boolean;
  serviceStart: string | null;
  serviceEnd: string | null;
  exemptions: Array<{ reason: string; from: string | null; to: string | null; source: { file: string; row: number } | 'status' }>;
  months: number;
  monthly: ExplainedMonth[];
  /** `ceil(20 × 6 / 12) = 10`, or null when the employee owes nothing (exempt, not applicable). */
  formula: string | null;
  requiredJp: number;
  expectedJp: number;
}

export interface Explanation {
  nip: string;
  name: string;
  type: EmployeeType;
  opd: string;
  year: number;
  asOf: string;
  jp: number;
  requiredJp: number;
  expectedJp: number;
  shortfallJp: number;
  status: Status;
  /** How a training that spans two years counts (the policy's `countIn`). */
  countIn: CountIn;
  duty: Duty;
  records: ExplainedRecord[];
  rosterRows: RosterRow[];
}

export interface ExplainResult {
  year: number;
  asOf: CivilDate;
  shape: Shape;
  explanations: Explanation[];
}

export interface ExplainOptions extends CheckOptions {
  /** NIPs to explain (any form the roster accepts: spaced, with Excel's apostrophe). */
  nips: readonly string[];
  /** A part of a name, case-insensitive: every employee whose name holds it is explained. */
  name?: string;
}

/** Folds a name for the search: case, accents and runs of spaces aside. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

type Event =
  | { kind: 'staff'; ref: RowRef; employee: Employee; outcome: EmployeeOutcome }
  | { kind: 'record'; ref: RowRef; record: TrainingRecord; outcome: RecordOutcome }
  | { kind: 'exemption'; ref: RowRef; exemption: Exemption }
  | { kind: 'rejected'; ref: RowRef; role: 'staff' | 'training' | 'exemptions'; cells: Readonly<Record<string, string>> };

/** How many employees and training records a collector keeps before it gives up (see `ExplainCollector`). */
export interface CollectLimits {
  employees: number;
  records: number;
}

/**
 * Collects, as the audit tells them (`observer`), the rows of the NIPs `keep` accepts: roster rows,
 * training records with their outcome, exemptions, rejected rows. `explain` then builds each
 * employee's explanation from them and the audit's result. Past `limits` it stops and forgets
 * what it had (`overflow` says which limit), so that a large run holds no more than a small one.
 */
export class ExplainCollector {
  readonly events = new Map<string, Event[]>();
  overflow: 'employees' | 'records' | undefined;
  private employees = 0;
  private findingsOf: { result: CheckResult; at: Map<string, Finding[]> } | undefined;
  private records = 0;
  readonly observer: AuditObserver;

  constructor(
    keep: (employee: Employee) => boolean = () => true,
    private readonly limits: CollectLimits = { employees: Infinity, records: Infinity },
  ) {
    this.observer = {
      staff: (ref, employee, outcome) => {
        if (this.overflow) return;
        if (outcome.kind === 'added' && ++this.employees > this.limits.employees) return this.stop('employees');
        if (keep(employee)) this.push(employee.nip, { kind: 'staff', ref, employee, outcome });
      },
      record: (ref, record, outcome) => {
        if (this.overflow) return;
        if (++this.records > this.limits.records) return this.stop('records');
        this.push(record.nip, { kind: 'record', ref, record, outcome });
      },
      exemption: (ref, nip, exemption) => {
        if (!this.overflow) this.push(nip, { kind: 'exemption', ref, exemption });
      },
      rejected: (ref, role, nipText, cells) => {
        if (this.overflow) return;
        // Rejected rows count as what they would have been: a roster row, a training record.
        if (role === 'staff' && ++this.employees > this.limits.employees) return this.stop('employees');
        if (role === 'training' && ++this.records > this.limits.records) return this.stop('records');
        const r = parseNip(nipText);
        if (r.ok) this.push(r.nip, { kind: 'rejected', ref, role, cells });
      },
    };
  }

  private push(nip: string, e: Event): void {
    let list = this.events.get(nip);
    if (!list) this.events.set(nip, (list = []));
    list.push(e);
  }

  private stop(why: 'employees' | 'records'): void {
    this.overflow = why;
    this.events.clear();
  }

  /**
   * The explanations of `nips` (each on the roster of `result`, the run this collector observed);
   * `files` are the run's inputs in the audit's order (roster, training files, exemptions).
   */
  explain(result: CheckResult, files: readonly string[], nips: Iterable<string>, byNip: ReadonlyMap<string, CheckResult['audit']['employees'][number]> = employeesByNip(result)): Explanation[] {
    if (this.overflow) throw new Error('explain() of a collector that went over its limits');
    // The findings by row, made once for every later call on the same result.
    if (this.findingsOf?.result !== result) this.findingsOf = { result, at: rowFindings(result.findings) };
    const findingsAt = this.findingsOf.at;
    return [...nips].map((nip) => explainOne(nip, byNip.get(nip)!, this.events.get(nip) ?? [], result, files, findingsAt));
  }
}

/** The result's employees by NIP. */
export function employeesByNip(result: CheckResult): Map<string, CheckResult['audit']['employees'][number]> {
  return new Map(result.audit.employees.map((e) => [e.nip, e]));
}


/**
 * Why an employee has the JP and the status `check` gives: every record of the NIP in every file,
 * with what the audit did with it, the roster rows, and the duty worked out. The audit is `check`'s
 * own, told to record each row's outcome (`AuditObserver`), not a second implementation.
 */
export async function runExplain(options: ExplainOptions): Promise<ExplainResult> {
  const wanted = new Set<string>();
  for (const raw of options.nips) {
    const r = parseNip(raw);
    if (!r.ok) throw new JpAuditError('explain-bad-nip', { nip: raw });
    wanted.add(r.nip);
  }
  const needle = options.name === undefined ? undefined : fold(options.name);
  // Roster rows of the employees asked for (by NIP or by name); every training record, since
  // those of a NIP not on the roster are named in the error.
  const collector = new ExplainCollector((employee) => {
    if (needle !== undefined && needle !== '' && fold(employee.name).includes(needle)) wanted.add(employee.nip);
    return wanted.has(employee.nip);
  });
  const result = await runCheck({ ...options, observer: collector.observer });
  const files = runFiles(options);
  const byNip = employeesByNip(result);
  const missing = [...wanted].filter((nip) => !byNip.has(nip));
  if (missing.length > 0) {
    const nip = missing[0]!;
    const list = collector.events.get(nip) ?? [];
    const carried = list.filter((e) => e.kind === 'record' || (e.kind === 'rejected' && e.role === 'training')).map((e) => `${files[e.ref.file]}:${e.ref.row}`);
    const params: Record<string, string | number> = { nip, count: carried.length, records: carried.slice(0, 10).join(', ') || '-' };
    const roster = list.find((e) => e.kind === 'rejected' && e.role === 'staff');
    if (roster) params.rejectedRow = roster.ref.row;
    throw new JpAuditError('explain-unknown-nip', params, options.staff);
  }
  if (wanted.size === 0) throw new JpAuditError('explain-no-match', { name: options.name ?? '' }, options.staff);
  const explanations = collector.explain(result, files, wanted, byNip);
  return { year: result.year, asOf: result.asOf, shape: result.shape, explanations };
}

/** The error findings of each row, by `file:row`. */
function rowFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.row === undefined || f.severity !== 'error') continue;
    const k = `${f.file}:${f.row}`;
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  }
  return m;
}

function explainOne(nip: string, e: CheckResult['audit']['employees'][number], events: Event[], result: CheckResult, files: readonly string[], findingsAt: Map<string, Finding[]>): Explanation {
  const at = (ref: RowRef) => ({ file: files[ref.file] ?? '', row: ref.row });
  const reasons = (ref: RowRef) =>
    (findingsAt.get(`${files[ref.file]}:${ref.row}`) ?? []).map((f) => ({ code: f.code, column: f.column ?? null, value: f.value ?? null, args: f.args }));
  const records: ExplainedRecord[] = [];
  const rosterRows: RosterRow[] = [];
  let employee: Employee | undefined;
  const exemptionSources = new Map<Exemption, { file: string; row: number }>();
  const fromFile: Exemption[] = [];
  for (const ev of events) {
    if (ev.kind === 'staff') {
      if (ev.outcome.kind === 'added') employee = ev.employee;
      rosterRows.push({ ...at(ev.ref), outcome: ev.outcome.kind === 'added' ? 'used' : 'duplicate' });
    } else if (ev.kind === 'exemption') {
      exemptionSources.set(ev.exemption, at(ev.ref));
      fromFile.push(ev.exemption);
    } else if (ev.kind === 'rejected') {
      if (ev.role === 'staff') rosterRows.push({ ...at(ev.ref), outcome: 'rejected', reasons: reasons(ev.ref) });
      else if (ev.role === 'training') {
        // A rejected row's cells as the file writes them: the values could not all be read.
        const c = ev.cells;
        const amount = c.jp || (c.minutes ? `${c.minutes} min` : c.hours ? `${c.hours} h` : '');
        records.push({ ...at(ev.ref), training: c.training || null, start: c.start || null, end: c.end || null, jp: null, cells: { jp: amount }, outcome: 'rejected', reasons: reasons(ev.ref) });
      }
    } else {
      const r = ev.record;
      const rec: ExplainedRecord = { ...at(ev.ref), training: r.training, start: isoDate(r.start), end: isoDate(r.end), jp: roundJp(r.jp), outcome: outcomeName(ev.outcome, r, result) };
      if (ev.outcome.kind === 'duplicate') rec.duplicateOf = at(ev.outcome.first);
      if (ev.outcome.kind === 'counted' && ev.outcome.jp !== undefined) rec.countedJp = roundJp(ev.outcome.jp);
      records.push(rec);
    }
  }
  // Records in file and row order, as the files hold them (combined sheets interleave with the roster).
  records.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.row - b.row);
  if (result.shape === 'totals') {
    const used = rosterRows.find((r) => r.outcome === 'used');
    if (used) used.totalJp = e.jp;
  }
  return {
    nip,
    name: e.name,
    type: e.type,
    opd: e.opd,
    year: result.year,
    asOf: isoDate(result.asOf),
    jp: e.jp,
    requiredJp: e.requiredJp,
    expectedJp: e.expectedJp,
    shortfallJp: e.shortfallJp,
    status: e.status,
    countIn: result.policy.countIn,
    duty: dutyWorked(e, employee?.service ?? {}, [...(employee?.exemptions ?? []), ...fromFile], exemptionSources, result),
    records,
    rosterRows,
  };
}

function outcomeName(o: RecordOutcome, r: TrainingRecord, result: CheckResult): RecordOutcomeName {
  switch (o.kind) {
    case 'counted':
      return 'counted';
    case 'duplicate':
      return 'duplicate';
    case 'outside-period':
      return recordShare(r, result.year, result.asOf, result.policy.countIn).period === 'after-as-of' ? 'after-as-of' : 'outside-year';
    case 'unknown-nip':
      // The NIP is on the roster (it is being explained), so this cannot happen; say it plainly if it does.
      throw new Error(`a record of an employee on the roster was taken for an unknown NIP`);
  }
}

/** The duty worked out month by month, with the same month rule the audit applies (`monthState`). */
function dutyWorked(e: CheckResult['audit']['employees'][number], service: Service, exemptions: readonly Exemption[], sources: Map<Exemption, { file: string; row: number }>, result: CheckResult): Duty {
  const req = result.policy.requirements[e.type];
  const input = { year: result.year, service, exemptions, prorate: result.prorated };
  const monthly: ExplainedMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const s = monthState(input, m);
    monthly.push(s.kind === 'exempt' ? { month: m, state: 'exempt', reason: s.reason } : { month: m, state: s.kind });
  }
  const owes = e.status !== 'exempt' && e.status !== 'not-applicable';
  return {
    type: e.type,
    min: req.min,
    max: req.max ?? null,
    prorated: result.prorated,
    serviceStart: service.start === undefined ? null : isoDate(service.start),
    serviceEnd: service.end === undefined ? null : isoDate(service.end),
    exemptions: exemptions.map((x) => ({ reason: x.reason, from: x.from === undefined ? null : isoDate(x.from), to: x.to === undefined ? null : isoDate(x.to), source: sources.get(x) ?? 'status' })),
    months: e.months,
    monthly,
    formula: owes ? `ceil(${req.min} × ${e.months} / 12) = ${e.requiredJp}` : null,
    requiredJp: e.requiredJp,
    expectedJp: e.expectedJp,
  };
}
