import { type CivilDate, yearOf } from '../normalize/dates.js';
import { roundJp } from '../normalize/numbers.js';
import { trainingKey } from '../normalize/text.js';
import type { EmployeeType } from '../normalize/types.js';
import type { Policy } from '../policy/policy.js';

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

export type Status = 'compliant' | 'non-compliant';

export interface EmployeeResult extends Employee {
  jp: number;
  requiredJp: number;
  maxJp?: number;
  shortfallJp: number;
  status: Status;
  records: number;
}

export interface OpdResult {
  opd: string;
  employees: number;
  compliant: number;
  nonCompliant: number;
  complianceRate: number | null;
  totalJp: number;
  averageJp: number | null;
}

export interface AuditResult {
  year: number;
  summary: { employees: number; compliant: number; nonCompliant: number; complianceRate: number | null; totalJp: number };
  byType: Array<{ type: EmployeeType; employees: number; compliant: number; nonCompliant: number }>;
  byOpd: OpdResult[];
  /** Sorted by OPD, then NIP. */
  employees: EmployeeResult[];
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
  private readonly staff = new Map<string, State>();
  private readonly rejectedStaff = new Map<string, RowRef>();
  private readonly seen = new Map<string, RowRef>();

  constructor(
    readonly year: number,
    readonly policy: Policy,
  ) {}

  /** Adds a roster row; a NIP already on the roster keeps its first row. */
  addEmployee(e: Employee, ref: RowRef): EmployeeOutcome {
    const existing = this.staff.get(e.nip);
    if (existing) return { kind: 'duplicate', first: existing.ref };
    this.staff.set(e.nip, { employee: e, ref, jp: 0, records: 0 });
    return { kind: 'added' };
  }

  /** How many employees are on the roster. */
  get employeeCount(): number {
    return this.staff.size;
  }

  /** The roster row of a NIP, if on the roster. */
  employee(nip: string): Employee | undefined {
    return this.staff.get(nip)?.employee;
  }

  /** Remembers a roster row refused for its other cells, so its records say why they do not count. */
  noteRejectedEmployee(nip: string, ref: RowRef): void {
    if (!this.rejectedStaff.has(nip)) this.rejectedStaff.set(nip, ref);
  }

  /** Sets the year's total from a recap roster (shape "totals"). */
  setTotal(nip: string, jp: number): void {
    const s = this.staff.get(nip);
    if (s) s.jp = jp;
  }

  addRecord(r: TrainingRecord, ref: RowRef): RecordOutcome {
    if (yearOf(r.end) !== this.year) return { kind: 'outside-period' };
    const s = this.staff.get(r.nip);
    if (!s) {
      const rejectedAt = this.rejectedStaff.get(r.nip);
      return rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' };
    }
    const name = trainingKey(r.training);
    // Without a training name, two records on the same dates are one only if their JP agrees too.
    const key = `${r.nip}\u0000${name}\u0000${r.start}\u0000${r.end}${name === '' ? `\u0000${r.jp}` : ''}`;
    const first = this.seen.get(key);
    if (first) return { kind: 'duplicate', first };
    this.seen.set(key, ref);
    s.jp += r.jp;
    s.records++;
    return { kind: 'counted' };
  }

  result(): AuditResult {
    const employees: EmployeeResult[] = [];
    for (const s of this.staff.values()) {
      const req = this.policy.requirements[s.employee.type];
      const jp = roundJp(s.jp);
      const shortfall = roundJp(Math.max(0, req.min - jp));
      const e: EmployeeResult = {
        ...s.employee,
        jp,
        requiredJp: req.min,
        shortfallJp: shortfall,
        status: jp >= req.min ? 'compliant' : 'non-compliant',
        records: s.records,
      };
      if (req.max !== undefined) e.maxJp = req.max;
      employees.push(e);
    }
    employees.sort((a, b) => compareText(a.opd, b.opd) || compareText(a.nip, b.nip));

    const opds = new Map<string, OpdResult>();
    const types = new Map<EmployeeType, { type: EmployeeType; employees: number; compliant: number; nonCompliant: number }>();
    let compliant = 0;
    let totalJp = 0;
    for (const e of employees) {
      let o = opds.get(e.opd);
      if (!o) {
        o = { opd: e.opd, employees: 0, compliant: 0, nonCompliant: 0, complianceRate: null, totalJp: 0, averageJp: null };
        opds.set(e.opd, o);
      }
      let t = types.get(e.type);
      if (!t) {
        t = { type: e.type, employees: 0, compliant: 0, nonCompliant: 0 };
        types.set(e.type, t);
      }
      const ok = e.status === 'compliant';
      o.employees++;
      t.employees++;
      if (ok) {
        o.compliant++;
        t.compliant++;
        compliant++;
      } else {
        o.nonCompliant++;
        t.nonCompliant++;
      }
      o.totalJp += e.jp;
      totalJp += e.jp;
    }
    for (const o of opds.values()) {
      o.totalJp = roundJp(o.totalJp);
      o.complianceRate = rate(o.compliant, o.employees);
      o.averageJp = o.employees ? roundJp(o.totalJp / o.employees) : null;
    }
    const order: EmployeeType[] = ['PNS', 'PPPK', 'CPNS'];
    return {
      year: this.year,
      summary: {
        employees: employees.length,
        compliant,
        nonCompliant: employees.length - compliant,
        complianceRate: rate(compliant, employees.length),
        totalJp: roundJp(totalJp),
      },
      byType: order.flatMap((t) => (types.has(t) ? [types.get(t)!] : [])),
      byOpd: [...opds.values()],
      employees,
    };
  }
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
