import type { Report } from './model.js';

/** True when the report looks at a day before the year's end (a run during the year). */
export function inYear(report: Pick<Report, 'asOf' | 'year'>): boolean {
  return report.asOf < `${report.year}-12-31`;
}

/** Needs attention: short of the duty at year end, or behind the pace during the year. */
export function needsAttention(status: string): boolean {
  return status === 'non-compliant' || status === 'at-risk';
}
