import type { EmployeeResult } from '../audit/types.js';
import type { Report } from './model.js';
import { needsAttention } from './status.js';

/**
 * An OPD's employees as its own report lists them: those who need attention first, the largest
 * shortfall first, then everyone else; otherwise in the given order (by NIP). A new array.
 */
export function attentionFirst<E extends Pick<EmployeeResult, 'status' | 'shortfallJp'>>(employees: readonly E[]): E[] {
  const first: E[] = [];
  const rest: E[] = [];
  for (const e of employees) (needsAttention(e.status) ? first : rest).push(e);
  // Array.prototype.sort is stable: equal shortfalls keep their order.
  first.sort((a, b) => b.shortfallJp - a.shortfallJp);
  for (const e of rest) first.push(e);
  return first;
}

/**
 * What an OPD's own rows add up to: its roster rows, the training records counted for its staff,
 * and the findings that name one of them. Rows that cannot be tied to an OPD (rejected, repeated,
 * outside the year, unknown NIP) are the overview's to count.
 */
export interface OpdAccount {
  rosterRows: number;
  recordsCounted: number;
  totalJp: number;
  findings: number;
}

/** The accounting of a sliced (one-OPD) report. */
export function opdAccount(report: Pick<Report, 'employees' | 'findings' | 'summary'>): OpdAccount {
  let recordsCounted = 0;
  for (const e of report.employees) recordsCounted += e.records;
  return { rosterRows: report.employees.length, recordsCounted, totalJp: report.summary.totalJp, findings: report.findings.length };
}
