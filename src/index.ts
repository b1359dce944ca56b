/** jp-audit as a library: the same audit the CLI runs, returning data instead of printing. */
export { runCheck, decideShape, SHAPES } from './check.js';
export type { CheckOptions, CheckResult, InputAccount, InputRole, Shape } from './check.js';
export { Audit } from './audit/audit.js';
export type { AuditResult, Employee, EmployeeResult, OpdResult, TrainingRecord } from './audit/audit.js';
export { employeeSource } from './audit/employees.js';
export type { EmployeeSource } from './audit/employees.js';
export type { Finding, FindingCode, Severity } from './audit/findings.js';
export { JpAuditError } from './errors.js';
export { DEFAULT_POLICY } from './policy/policy.js';
export type { Policy, Requirement } from './policy/policy.js';
export { buildReport } from './report/model.js';
export type { Report, ReportFinding } from './report/model.js';
export { loadRenderer, FORMATS } from './report/render/index.js';
export type { Format } from './report/render/index.js';
export { parseNip } from './normalize/nip.js';
export { parseDate } from './normalize/dates.js';
export { parseJp } from './normalize/numbers.js';
export { parseEmployeeType } from './normalize/types.js';
