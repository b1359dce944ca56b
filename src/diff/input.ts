// Named imports, not the `z` namespace, so that the bundle leaves out what is unused (see
// src/schema/rows.ts).
import { array, type core, enum as zEnum, looseObject, number, type output, string, unknown } from 'zod';
import { JpAuditError } from '../errors.js';

/** The `schemaVersion` of the check reports this version reads (and writes). */
export const SUPPORTED_SCHEMA_VERSION = 1;

const STATUSES = ['compliant', 'non-compliant', 'on-track', 'at-risk', 'exempt', 'not-applicable'] as const;
const jp = number().finite().min(0);

/**
 * The part of a check report (`schemaVersion` 1, see src/report/model.ts) that diff reads. Keys it
 * does not read are let through: a later jp-audit may add keys without changing the version.
 */
const employeeSchema = looseObject({
  nip: string().regex(/^\d{18}$/),
  name: string(),
  type: string(),
  opd: string(),
  jp,
  requiredJp: jp,
  status: zEnum(STATUSES),
});

const reportSchema = looseObject({
  schemaVersion: number(),
  year: number().int().min(1900).max(2099),
  asOf: string().regex(/^\d{4}-\d{2}-\d{2}$/),
  generatedAt: string().optional(),
  policy: unknown(),
  prorated: unknown(),
  summary: looseObject({ employees: number() }),
  byOpd: array(unknown()),
  employees: array(employeeSchema),
});

export type CheckReportInput = output<typeof reportSchema>;
export type EmployeeInput = CheckReportInput['employees'][number];

/** What kind of file a text that is not JSON looks like, for the error message. */
function lookOf(text: string): string {
  const t = text.trimStart();
  if (t === '') return 'empty';
  if (t.startsWith('PK')) return 'xlsx';
  if (t.startsWith('<')) return 'html';
  // JSON cut short or edited by hand: the parser's own words say where.
  if (t.startsWith('{') || t.startsWith('[')) return 'broken';
  return 'text';
}

/** `employees[3].status`: a Zod path as a reader writes it. */
function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(file)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The first Zod issue as error parameters: where, what kind of problem, what was there. */
function issueParams(issue: core.$ZodIssue, root: unknown): Record<string, string> {
  const value = valueAt(root, issue.path);
  const shown = value === undefined ? '' : JSON.stringify(value).slice(0, 60);
  const base = { path: pathText(issue.path), value: shown };
  if (value === undefined) return { ...base, problem: 'missing' };
  switch (issue.code) {
    case 'invalid_type':
      return { ...base, problem: 'type', expected: issue.expected };
    case 'invalid_value':
      return { ...base, problem: 'value', expected: issue.values.map((v) => JSON.stringify(v)).join(', ') };
    case 'invalid_format':
      return { ...base, problem: issue.path.at(-1) === 'nip' ? 'nip' : 'format' };
    default:
      return { ...base, problem: 'range' };
  }
}

/**
 * Reads the text of a JSON report written by `jp-audit check` (pure: the caller reads the file).
 * Anything else is a `JpAuditError` naming `file`: text that is not JSON, another kind of report
 * (Latsar, a diff), another `schemaVersion`, a value out of the contract, an NIP listed twice.
 */
export function parseCheckReport(text: string, file: string): CheckReportInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new JpAuditError('diff-not-json', { look: lookOf(text), detail: e instanceof Error ? e.message : String(e) }, file);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new JpAuditError('diff-not-check-report', { path: '(file)', problem: 'type', expected: 'object', value: '' }, file);
  const top = raw as Record<string, unknown>;
  if (typeof top.kind === 'string') throw new JpAuditError('diff-wrong-kind', { kind: top.kind }, file);
  if (top.schemaVersion !== undefined && top.schemaVersion !== SUPPORTED_SCHEMA_VERSION) {
    throw new JpAuditError('diff-schema-version', { version: JSON.stringify(top.schemaVersion), supported: SUPPORTED_SCHEMA_VERSION }, file);
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) throw new JpAuditError('diff-not-check-report', issueParams(parsed.error.issues[0]!, raw), file);
  // A check report lists each NIP once; two entries would make the diff pick one silently.
  const seen = new Map<string, number>();
  parsed.data.employees.forEach((e, i) => {
    const first = seen.get(e.nip);
    if (first !== undefined) throw new JpAuditError('diff-duplicate-nip', { nip: e.nip, first, second: i }, file);
    seen.set(e.nip, i);
  });
  return parsed.data;
}
