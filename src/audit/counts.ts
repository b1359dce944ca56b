import type { Status } from '../rules/duty.js';
import type { Counts } from './types.js';

// The figures every engine and report shares: employees counted by status, and the rate.

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

/** Every count zero. */
export function emptyCounts(): Counts {
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

/** Counts one employee of `status`. */
export function tally(c: Counts, status: Status): void {
  c.employees++;
  if (isAudited(status)) c.audited++;
  c[STATUS_KEY[status]]++;
}

/** Share compliant, 0..1 to four places; null for an empty group. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

