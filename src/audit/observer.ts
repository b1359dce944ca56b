import type { Employee, EmployeeOutcome, RecordOutcome, RowRef, TrainingRecord } from './types.js';
import type { Exemption } from '../rules/duty.js';

/**
 * Told every row's outcome as the audit decides it, for `jp-audit explain`: the audit records why,
 * rather than a second implementation guessing. A run with an observer reads every file with the
 * general reader in this thread (the same rules and the same audit core as any run).
 */
export interface AuditObserver {
  /** A valid roster row: the employee it made, or the repeat of an earlier row. */
  staff(ref: RowRef, employee: Employee, outcome: EmployeeOutcome): void;
  /** A training record read (with its name as the file writes it) and what the audit did with it. */
  record(ref: RowRef, record: TrainingRecord, outcome: RecordOutcome): void;
  /** An exemption row applied to an employee (`known`: the NIP is on the roster). */
  exemption(ref: RowRef, nip: string, exemption: Exemption, known: boolean): void;
  /**
   * A row rejected; `nip` is its NIP cell's text (it may not be a valid NIP), `cells` the texts of its
   * fields as read (training name, dates, JP...). Its reasons are the run's findings at that row.
   */
  rejected(ref: RowRef, role: 'staff' | 'training' | 'exemptions', nip: string, cells: Readonly<Record<string, string>>): void;
}

/** A row's picked cells as text, for an observer (`rejected`). */
export function rawTexts(raw: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? '' : String(v).trim();
  return out;
}
