import { countsOf, rate } from '../audit/counts.js';
import type { Report } from './model.js';
import { attentionFirst } from './opd.js';

/**
 * The report of one OPD: its employees (who needs attention first, see `attentionFirst`), its
 * figures, and the findings that name one of its employees. Inputs and policy stay as they were,
 * so the file says what it was made from.
 */
export function sliceByOpd(report: Report, opd: string): Report {
  const employees = attentionFirst(report.employees.filter((e) => e.opd === opd));
  const nips = new Set(employees.map((e) => e.nip));
  const byOpd = report.byOpd.filter((o) => o.opd === opd);
  const counts = countsOf(employees);
  const byType = report.byType
    .map((t) => {
      const c = countsOf(employees.filter((e) => e.type === t.type));
      return { type: t.type, ...c, complianceRate: rate(c.compliant, c.audited) };
    })
    .filter((t) => t.employees > 0);
  const findings = report.findings.filter((f) => f.value !== null && nips.has(f.value));
  const findingCounts: Report['findingCounts'] = {};
  for (const f of findings) findingCounts[f.code] = (findingCounts[f.code] ?? 0) + 1;
  return {
    ...report,
    summary: { ...counts, complianceRate: rate(counts.compliant, counts.audited), totalJp: byOpd[0]?.totalJp ?? 0 },
    byType,
    byOpd,
    employees,
    findings,
    findingCounts,
  };
}
