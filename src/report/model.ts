import type { EmployeeResult, OpdResult } from '../audit/types.js';
import { shareEmployees } from '../audit/employees.js';
import { isoDate } from '../normalize/dates.js';
import type { Finding, FindingCode, Severity } from '../audit/findings.js';
import type { CheckResult, InputAccount, Shape } from '../check.js';
import { catalogue, type Lang } from '../i18n/index.js';
import type { Policy } from '../policy/policy.js';

/** A finding as reports show it: the data plus its message in the report's language. */
export interface ReportFinding {
  code: FindingCode;
  severity: Severity;
  file: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

/** An employee as reports show them; `exemptReason` is null unless an exemption applied. */
export type ReportEmployee = EmployeeResult;

/** Everything every output format shows; the JSON output is this object (`schemaVersion` 1). */
export interface Report {
  schemaVersion: 1;
  year: number;
  /** The day the audit looks at (ISO); the year's last day for a closed year. */
  asOf: string;
  /** When the report was made, only with `--timestamp`. */
  generatedAt?: string;
  shape: Shape;
  lang: Lang;
  policy: Policy;
  /** Whether duties were pro-rated by months of service. */
  prorated: boolean;
  inputs: InputAccount[];
  summary: CheckResult['audit']['summary'];
  byType: CheckResult['audit']['byType'];
  byOpd: OpdResult[];
  employees: ReportEmployee[];
  findingCounts: Partial<Record<FindingCode, number>>;
  findings: ReportFinding[];
}

/** Builds the report model from an audit: the single source every renderer reads. */
/** Findings with their messages in `lang`, and their counts by code. */
export function reportFindings(list: readonly Finding[], lang: Lang): { findings: ReportFinding[]; findingCounts: Partial<Record<FindingCode, number>> } {
  const cat = catalogue(lang);
  const findingCounts: Partial<Record<FindingCode, number>> = {};
  const findings = list.map((f): ReportFinding => {
    findingCounts[f.code] = (findingCounts[f.code] ?? 0) + 1;
    // Findings left out past the limit still count under their own code.
    if (f.code === 'findings-omitted') {
      const code = f.args.code as FindingCode;
      findingCounts[code] = (findingCounts[code] ?? 0) + Number(f.args.count);
    }
    return { code: f.code, severity: f.severity, file: f.file, row: f.row ?? null, column: f.column ?? null, value: f.value ?? null, message: cat.findings[f.code](f.args) };
  });
  return { findings, findingCounts };
}

export function buildReport(result: CheckResult, lang: Lang, generatedAt?: Date): Report {
  const { findings, findingCounts } = reportFindings(result.findings, lang);
  const report: Report = {
    schemaVersion: 1,
    year: result.year,
    asOf: isoDate(result.asOf),
    shape: result.shape,
    lang,
    policy: result.policy,
    prorated: result.prorated,
    inputs: result.inputs,
    summary: result.audit.summary,
    byType: result.audit.byType,
    byOpd: result.audit.byOpd,
    // Set below: shared with the audit's result, not made (a million employees are not copied).
    employees: [],
    findingCounts,
    findings,
  };
  shareEmployees(report, result.audit);
  if (generatedAt) report.generatedAt = generatedAt.toISOString();
  return report;
}
