import type { CivilDate } from '../normalize/dates.js';
import type { OpdGroups } from '../audit/opds.js';
import type { Exemption } from '../rules/duty.js';
import type { AuditResult, Employee, EmployeeOutcome, RecordOutcome, RowRef, TrainingRecord } from '../audit/types.js';

/**
 * Where the general reader counts training records: `addRecord` classifies and counts one; `at`
 * is where the record starts in its file, for an engine that reads it again (`Audit`).
 */
export interface RecordSink {
  addRecord(r: TrainingRecord, ref: RowRef, at?: number): RecordOutcome;
}

/**
 * The audit as the readers feed it, one roster row and one record at a time, and its result. Two
 * engines implement it: the fast one (`Audit`: typed columns, hashed keys, and beside it the byte
 * scanner, kernels and threads) and the reference (`ReferenceAudit`: Maps and exact keys over the
 * rules, nothing else). `--engine reference` runs the second; the differential tests hold the two
 * to the same report.
 */
export interface AuditEngine {
  readonly year: number;
  readonly asOf: CivilDate;
  /** Where training records are counted. */
  readonly counter: RecordSink;
  /** How many employees are on the roster. */
  readonly employeeCount: number;
  /** Adds a roster row; a NIP already on the roster keeps its first row. */
  addEmployee(e: Employee, ref: RowRef): EmployeeOutcome;
  /** The roster row of a NIP, if on the roster. */
  employee(nip: string): Employee | undefined;
  /** Remembers a roster row refused for its other cells, so its records say why they do not count. */
  noteRejectedEmployee(nip: string, ref: RowRef): void;
  /** Adds an exemption to an employee on the roster; false if not on it. */
  addExemption(nip: string, exemption: Exemption): boolean;
  /** Sets the year's total from a recap roster (shape "totals"). */
  setTotal(nip: string, jp: number): void;
  /** `counter.addRecord` for a reader that keeps no offsets (the combined sheet). */
  addRecord(r: TrainingRecord, ref: RowRef): RecordOutcome;
  /** No more records. */
  closeRecords(): void;
  /** The OPDs the roster's spellings name (`groupOpds`). */
  opdGroups(): OpdGroups;
  result(): AuditResult;
}

/** The engines `--engine` chooses from. */
export const ENGINES = ['fast', 'reference'] as const;
export type EngineName = (typeof ENGINES)[number];
