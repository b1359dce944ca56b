import { statSync } from 'node:fs';
import type { CheckResult } from '../check.js';
import { ExplainCollector, type Explanation, runFiles } from './explain.js';
import type { CheckOptions } from '../check.js';

/**
 * When the HTML report carries each listed employee's records (`explain`'s data, opened from the
 * employee's row). Within these limits the page stays a few megabytes and the run pays little for
 * reading every file with the general reader (the observer needs it, see `AuditObserver`):
 * - 10,000 roster rows: a kota's or kabupaten's ASN; a larger roster's page would be too long to use;
 * - 100,000 training rows: ten records an employee, the page's records tables a few megabytes;
 * - 16 MB of input files: decided before reading, so that larger inputs keep the byte scanner and
 *   the worker threads (from 32 MB) and are never read slowly only to find the limits passed.
 */
export const HTML_EXPLAIN_LIMITS = { rosterRows: 10_000, trainingRows: 100_000, inputMegabytes: 16 } as const;

export type ExplainLimits = { rosterRows: number; trainingRows: number; inputMegabytes: number };

/** What the HTML report shows of `explain`: each employee's explanation by NIP, or why not. */
export type ExplainSection = { kind: 'shown'; byNip: ReadonlyMap<string, Explanation> } | { kind: 'omitted'; over: 'roster' | 'training' | 'bytes'; limit: number };

/** Before the run: a collector to give the audit as its observer, or why there will be no section. */
export type ExplainPlan = { kind: 'collect'; collector: ExplainCollector } | { kind: 'omitted'; section: ExplainSection };

/** Decides before the run, by the input files' sizes (standard input is bounded by the row limits alone). */
export function planExplainSection(options: Pick<CheckOptions, 'staff' | 'training' | 'exemptions'>, limits: ExplainLimits = HTML_EXPLAIN_LIMITS): ExplainPlan {
  let bytes = 0;
  for (const file of runFiles(options)) {
    if (file === '-') continue;
    try {
      bytes += statSync(file).size;
    } catch {
      // The run says what is wrong with the file.
    }
  }
  if (bytes > limits.inputMegabytes * 1024 * 1024) return { kind: 'omitted', section: { kind: 'omitted', over: 'bytes', limit: limits.inputMegabytes } };
  return { kind: 'collect', collector: new ExplainCollector(() => true, { employees: limits.rosterRows, records: limits.trainingRows }) };
}

/** After the run: every employee's explanation, from what the collector saw of this very run; or why not. */
export function explainSection(plan: ExplainPlan, result: CheckResult, options: Pick<CheckOptions, 'staff' | 'training' | 'exemptions'>, limits: ExplainLimits = HTML_EXPLAIN_LIMITS): ExplainSection {
  if (plan.kind === 'omitted') return plan.section;
  const c = plan.collector;
  if (c.overflow === 'employees') return { kind: 'omitted', over: 'roster', limit: limits.rosterRows };
  if (c.overflow === 'records') return { kind: 'omitted', over: 'training', limit: limits.trainingRows };
  const employees = result.audit.employees;
  const explanations = c.explain(result, runFiles(options), employees.map((e) => e.nip));
  return { kind: 'shown', byNip: new Map(explanations.map((x) => [x.nip, x])) };
}
