import { type CivilDate, yearOf } from '../normalize/dates.js';
import { roundJp } from '../normalize/numbers.js';
import type { EmployeeType } from '../normalize/types.js';
import type { Policy } from '../policy/policy.js';
import { KeyHasher, KeySet, NipTable } from './dedup.js';
import { assess, type Exemption, type Service, type Status } from './prorate.js';

/** Where a row came from: file index among the inputs and spreadsheet row. */
export interface RowRef {
  file: number;
  row: number;
}

export interface Employee {
  nip: string;
  name: string;
  type: EmployeeType;
  opd: string;
  /** Service dates from the roster (TMT, retirement), when it has them. */
  service?: Service;
  exemptions?: Exemption[];
}

export interface TrainingRecord {
  nip: string;
  training: string;
  start: CivilDate;
  end: CivilDate;
  jp: number;
}

export type RecordOutcome =
  | { kind: 'counted' }
  | { kind: 'outside-period' }
  | { kind: 'unknown-nip'; rejectedAt?: RowRef }
  | { kind: 'duplicate'; first: RowRef };

export type EmployeeOutcome = { kind: 'added' } | { kind: 'duplicate'; first: RowRef };

// Outcomes without data are shared: ten million records make no garbage for them.
const COUNTED: RecordOutcome = Object.freeze({ kind: 'counted' });
const OUTSIDE: RecordOutcome = Object.freeze({ kind: 'outside-period' });

export type { Status } from './prorate.js';

export interface EmployeeResult {
  nip: string;
  name: string;
  type: EmployeeType;
  opd: string;
  jp: number;
  requiredJp: number;
  /** The duty pro-rated to the as-of date; equals `requiredJp` for a closed year. */
  expectedJp: number;
  shortfallJp: number;
  status: Status;
  /** Whole months that count towards the duty. */
  months: number;
  records: number;
  /** Why an exempt employee is exempt (or whose exemption covered part of the year); else null. */
  exemptReason: string | null;
}

/** How many employees are in each state; `audited` leaves out the exempt and not-applicable. */
export interface Counts {
  employees: number;
  audited: number;
  compliant: number;
  nonCompliant: number;
  onTrack: number;
  atRisk: number;
  exempt: number;
  notApplicable: number;
}

export interface OpdResult extends Counts {
  opd: string;
  complianceRate: number | null;
  totalJp: number;
  averageJp: number | null;
}

export interface AuditResult {
  year: number;
  asOf: CivilDate;
  summary: Counts & { complianceRate: number | null; totalJp: number };
  byType: Array<Counts & { type: EmployeeType }>;
  byOpd: OpdResult[];
  /** Sorted by OPD, then NIP. */
  employees: EmployeeResult[];
}

export interface AuditOptions {
  /** The day the audit looks at (default: the year's last day); records ending after it do not count yet. */
  asOf?: CivilDate;
  /** Pro-rate duties by months of service. */
  prorate?: boolean;
}

interface State {
  employee: Employee;
  ref: RowRef;
  jp: number;
  records: number;
}

/**
 * The audit of one year, fed one employee and one record at a time so that memory follows the
 * number of employees and distinct trainings, never the file sizes. Pure: no I/O, no clock.
 *
 * A record is classified in this order: outside the year (by its end date), NIP not on the roster,
 * duplicate of an earlier record (same NIP, training name, start and end), counted.
 */
export class Audit {
  /** Employees in roster order, found by NIP halves (one index for every reader). */
  private readonly states: State[] = [];
  private readonly byHalves = new NipTable();
  private readonly rejectedStaff = new Map<string, RowRef>();
  private readonly seen = new KeySet();
  private readonly hasher = new KeyHasher();
  readonly asOf: CivilDate;
  private readonly prorate: boolean;

  constructor(
    readonly year: number,
    readonly policy: Policy,
    options: AuditOptions = {},
  ) {
    this.asOf = options.asOf ?? year * 10000 + 1231;
    this.prorate = options.prorate ?? false;
  }

  /** Adds a roster row; a NIP already on the roster keeps its first row. */
  addEmployee(e: Employee, ref: RowRef): EmployeeOutcome {
    const existing = this.state(e.nip);
    if (existing) return { kind: 'duplicate', first: existing.ref };
    const [hi, lo] = NipTable.split(e.nip);
    this.byHalves.set(hi, lo, this.states.length);
    this.states.push({ employee: e, ref, jp: 0, records: 0 });
    return { kind: 'added' };
  }

  /** The state of a NIP (an 18-digit string, as every reader validates it), if on the roster. */
  private state(nip: string): State | undefined {
    const [hi, lo] = NipTable.split(nip);
    const i = this.byHalves.get(hi, lo);
    return i < 0 ? undefined : this.states[i];
  }

  /** How many employees are on the roster. */
  get employeeCount(): number {
    return this.states.length;
  }

  /** The roster row of a NIP, if on the roster. */
  employee(nip: string): Employee | undefined {
    return this.state(nip)?.employee;
  }

  /** Remembers a roster row refused for its other cells, so its records say why they do not count. */
  noteRejectedEmployee(nip: string, ref: RowRef): void {
    if (!this.rejectedStaff.has(nip)) this.rejectedStaff.set(nip, ref);
  }

  /** Adds an exemption (from an exemptions file) to an employee on the roster; false if not on it. */
  addExemption(nip: string, exemption: Exemption): boolean {
    const s = this.state(nip);
    if (!s) return false;
    (s.employee.exemptions ??= []).push(exemption);
    return true;
  }

  /** Sets the year's total from a recap roster (shape "totals"). */
  setTotal(nip: string, jp: number): void {
    const s = this.state(nip);
    if (s) s.jp = jp;
  }

  addRecord(r: TrainingRecord, ref: RowRef): RecordOutcome {
    if (yearOf(r.end) !== this.year || r.end > this.asOf) return OUTSIDE;
    const h = hashRecord(r, this.hasher);
    return this.addHashed(r.nip, r.jp, h.hi, h.lo, ref);
  }

  /** Is a record ending on `end` inside the audited period? */
  inPeriod(end: CivilDate): boolean {
    return yearOf(end) === this.year && end <= this.asOf;
  }

  /**
   * `addRecord` for a record in the period whose key hash the caller computed (the byte scanner
   * hashes bytes directly): the same roster, duplicate and counting rules.
   */
  addHashed(nip: string, jp: number, hi: number, lo: number, ref: RowRef): RecordOutcome {
    const s = this.state(nip);
    if (!s) {
      const rejectedAt = this.rejectedStaff.get(nip);
      return rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' };
    }
    return this.count(s, jp, hi, lo, ref.file, ref.row);
  }

  /** The roster index of a NIP given as halves (see `NipTable`), or -1 when not on the roster. */
  indexOfNip(nipHi: number, nipLo: number): number {
    return this.byHalves.get(nipHi, nipLo);
  }

  /** `addHashed` for an employee found by `indexOfNip`; the row given as numbers, not an object. */
  addAt(index: number, jp: number, hi: number, lo: number, file: number, row: number): RecordOutcome {
    return this.count(this.states[index]!, jp, hi, lo, file, row);
  }

  private count(s: State, jp: number, hi: number, lo: number, file: number, row: number): RecordOutcome {
    const first = this.seen.addOrGet(hi, lo, file, row);
    if (first) return { kind: 'duplicate', first };
    s.jp += jp;
    s.records++;
    return COUNTED;
  }

  result(): AuditResult {
    const employees: EmployeeResult[] = [];
    for (const s of this.states) {
      const e = s.employee;
      const req = this.policy.requirements[e.type];
      const jp = roundJp(s.jp);
      const a = assess({ min: req.min, jp, year: this.year, asOf: this.asOf, service: e.service ?? {}, exemptions: e.exemptions ?? [], prorate: this.prorate });
      const r: EmployeeResult = {
        nip: e.nip,
        name: e.name,
        type: e.type,
        opd: e.opd,
        jp,
        requiredJp: a.requiredJp,
        expectedJp: a.expectedJp,
        shortfallJp: a.shortfallJp,
        status: a.status,
        months: a.months,
        records: s.records,
        exemptReason: a.exemptReason ?? null,
      };
      employees.push(r);
    }
    // Sort keys made once per employee, not at every comparison (a million employees, twenty
    // comparisons each); the order is compareText's.
    const keyed = employees.map((e) => ({ e, opd: e.opd.toLowerCase() }));
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    keyed.sort((a, b) => cmp(a.opd, b.opd) || cmp(a.e.opd, b.e.opd) || cmp(a.e.nip, b.e.nip));
    for (let i = 0; i < keyed.length; i++) employees[i] = keyed[i]!.e;

    const opds = new Map<string, OpdResult & { auditedJp: number }>();
    const types = new Map<EmployeeType, Counts & { type: EmployeeType }>();
    const all = emptyCounts();
    let totalJp = 0;
    for (const e of employees) {
      let o = opds.get(e.opd);
      if (!o) opds.set(e.opd, (o = { opd: e.opd, ...emptyCounts(), complianceRate: null, totalJp: 0, averageJp: null, auditedJp: 0 }));
      let t = types.get(e.type);
      if (!t) types.set(e.type, (t = { type: e.type, ...emptyCounts() }));
      for (const c of [o, t, all]) tally(c, e.status);
      o.totalJp += e.jp;
      if (isAudited(e.status)) o.auditedJp += e.jp;
      totalJp += e.jp;
    }
    const byOpd: OpdResult[] = [...opds.values()].map(({ auditedJp, ...o }) => ({
      ...o,
      totalJp: roundJp(o.totalJp),
      complianceRate: rate(o.compliant, o.audited),
      averageJp: o.audited ? roundJp(auditedJp / o.audited) : null,
    }));
    const order: EmployeeType[] = ['PNS', 'PPPK', 'CPNS'];
    return {
      year: this.year,
      asOf: this.asOf,
      summary: { ...all, complianceRate: rate(all.compliant, all.audited), totalJp: roundJp(totalJp) },
      byType: order.flatMap((t) => (types.has(t) ? [types.get(t)!] : [])),
      byOpd,
      employees,
    };
  }
}

/**
 * What makes two records one training, as a 64-bit hash (see `KeySet` for the odds): NIP, training
 * name (case and runs of spaces folded), start and end. Without a training name, two records on the
 * same dates are one only if their JP agrees too. The one place this rule is written.
 */
export function hashRecord(r: TrainingRecord, h: KeyHasher = new KeyHasher()): KeyHasher {
  h.reset().text(r.nip).folded(r.training).number(r.start).number(r.end);
  // Without a training name, the JP must agree too.
  if (h.lastFoldedEmpty) h.number(r.jp);
  return h;
}

/** Exempt and not-applicable employees are counted apart: they are not audited. */
export function isAudited(status: Status): boolean {
  return status !== 'exempt' && status !== 'not-applicable';
}

/** Counts employees by status (for a slice of a report). */
export function countsOf(employees: Iterable<{ status: Status }>): Counts {
  const c = emptyCounts();
  for (const e of employees) tally(c, e.status);
  return c;
}

function emptyCounts(): Counts {
  return { employees: 0, audited: 0, compliant: 0, nonCompliant: 0, onTrack: 0, atRisk: 0, exempt: 0, notApplicable: 0 };
}

const STATUS_KEY: Record<Status, keyof Counts> = {
  compliant: 'compliant',
  'non-compliant': 'nonCompliant',
  'on-track': 'onTrack',
  'at-risk': 'atRisk',
  exempt: 'exempt',
  'not-applicable': 'notApplicable',
};

function tally(c: Counts, status: Status): void {
  c.employees++;
  if (isAudited(status)) c.audited++;
  c[STATUS_KEY[status]]++;
}

/** Share compliant, 0..1 to four places; null for an empty group. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

/** Deterministic ordering of OPD names and NIPs, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
