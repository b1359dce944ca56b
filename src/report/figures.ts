import type { Report } from './model.js';
import { inYear, needsAttention } from './status.js';

/**
 * What every format says beyond the report's own counts, worked out once here: the renderers
 * take their words and figures from it, so that a table, a page and a workbook never disagree.
 * Exempt and not-applicable employees are not audited: they are counted apart, never in a rate,
 * never in the JP histogram; a rate with nobody audited is null (shown as "–").
 */

/** Roster rows rejected (the headline says so beside the number of employees). */
export function rejectedStaffRows(report: Pick<Report, 'inputs'>): number {
  let n = 0;
  for (const i of report.inputs) if (i.role === 'staff' || i.role === 'combined') n += i.rejected;
  return n;
}

/** The JP of each audited employee (the histogram's values). */
export function auditedJp(report: Pick<Report, 'employees'>): number[] {
  const out: number[] = [];
  for (const e of report.employees) if (e.status !== 'exempt' && e.status !== 'not-applicable') out.push(e.jp);
  return out;
}

/**
 * The closing sentence of a list of who falls short: `all-comply` only when every audited
 * employee is compliant; `none-at-risk` during the year when nobody is behind but not all have
 * met the duty yet; `nobody-audited` when there is no one to audit.
 */
export type Closing = { kind: 'all-comply' } | { kind: 'none-at-risk'; onTrack: number; compliant: number; audited: number } | { kind: 'nobody-audited' } | { kind: 'some-short'; short: number };

export function closing(report: Pick<Report, 'asOf' | 'year'>, counts: { audited: number; compliant: number; onTrack: number; nonCompliant: number; atRisk: number }): Closing {
  if (counts.audited === 0) return { kind: 'nobody-audited' };
  if (counts.compliant === counts.audited) return { kind: 'all-comply' };
  const short = inYear(report) ? counts.atRisk : counts.nonCompliant;
  if (short === 0) return { kind: 'none-at-risk', onTrack: counts.onTrack, compliant: counts.compliant, audited: counts.audited };
  return { kind: 'some-short', short };
}

/** The employees to list as short of the duty (non-compliant, or at risk during the year). */
export function shortList<E extends { status: string }>(employees: readonly E[]): E[] {
  return employees.filter((e) => needsAttention(e.status));
}

/** Why an employee's duty is what it is, for the "Keterangan" column: exempt, not applicable, pro-rated. */
export function employeeNote(e: { status: string; months: number; exemptReason: string | null }, notes: { notApplicable: string; prorated: (p: { months: number }) => string }): string {
  if (e.status === 'exempt') return e.exemptReason ?? '';
  if (e.status === 'not-applicable') return notes.notApplicable;
  // Most employees: the full year and no exemption, nothing to say (no list made for them).
  if (e.exemptReason === null && e.months >= 12) return '';
  const prorated = e.months < 12 ? notes.prorated({ months: e.months }) : '';
  return [e.exemptReason ?? '', prorated].filter((x) => x !== '').join('; ');
}
