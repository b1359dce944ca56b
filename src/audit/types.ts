import type { CivilDate } from '../normalize/dates.js';
import type { EmployeeType } from '../normalize/types.js';
import type { Exemption, Service, Status } from '../rules/duty.js';

// The audit's shared shapes, apart from the Audit itself, so that the modules it is made of
// (dedup, employees, opds, partitions) need not import it back.

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
  /** `jp`: the JP counted, when a policy counts only a share of the record's (`countIn: split`). */
  | { kind: 'counted'; jp?: number }
  | { kind: 'outside-period' }
  | { kind: 'unknown-nip'; rejectedAt?: RowRef }
  | { kind: 'duplicate'; first: RowRef };

export type EmployeeOutcome = { kind: 'added' } | { kind: 'duplicate'; first: RowRef };

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

/** Roster rows' service dates and exemptions, kept apart: most rosters have none. */
export interface Extras {
  service?: Service;
  exemptions?: Exemption[];
}

/** A typed column with room for `n` entries (doubling, so that adding one at a time stays cheap). */
export function grown<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** Deterministic ordering of OPD names and NIPs, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
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
  /** Per type present on the roster; the rate, as everywhere, is compliant over audited (null: nobody audited). */
  byType: Array<Counts & { type: EmployeeType; complianceRate: number | null }>;
  byOpd: OpdResult[];
  /**
   * Sorted by OPD, then NIP. Made from the audit's columns when first read; `employeeSource`
   * reads it a range at a time instead (what the JSON and CSV reports do).
   */
  employees: EmployeeResult[];
}

