import { readFileSync, statSync } from 'node:fs';
import type { CheckResult } from '../check.js';
import { employeesByNip, ExplainCollector, type Explanation } from './explain.js';
import { runFiles } from '../ingest.js';
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
export type ExplainSection = { kind: 'shown'; of(nip: string): Explanation | undefined } | { kind: 'omitted'; over: 'roster' | 'training' | 'bytes'; limit: number };

/** Before the run: a collector to give the audit as its observer, or why there will be no section. */
/** `collect`: the collector to give the run, and what `explainSection` needs after it (the run's files, the limits). */
export type ExplainPlan = { kind: 'collect'; collector: ExplainCollector; files: string[]; limits: ExplainLimits } | { kind: 'omitted'; section: ExplainSection };

/** Rows a file may hold above its data (a title block, the header) before its lines count against a limit. */
const HEADER_ALLOWANCE = 20;

/**
 * The lines of a delimited text file (CSV, TSV, TXT): at least its rows, since a row spans one line
 * or more. Undefined for other formats (a workbook, JSON, an HTML or XML table), whose lines say
 * nothing of their rows.
 */
function textLines(bytes: Buffer): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a || bytes[i] === 0x00)) i++;
  const first = bytes[i];
  if (first === undefined) return 0;
  // PK (xlsx), the compound file of an .xls, JSON, markup.
  if ((first === 0x50 && bytes[i + 1] === 0x4b) || (first === 0xd0 && bytes[i + 1] === 0xcf) || first === 0x7b || first === 0x5b || first === 0x3c) return undefined;
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return bytes[bytes.length - 1] === 0x0a ? lines : lines + 1;
}

/**
 * Decides before the run, so that a run over the limits keeps the fast reading path: by the input
 * files' sizes, and by the lines of those that are delimited text (standard input is bounded by the
 * collector's row limits alone).
 */
export function planExplainSection(options: Pick<CheckOptions, 'staff' | 'training' | 'exemptions'>, limits: ExplainLimits = HTML_EXPLAIN_LIMITS): ExplainPlan {
  const omitted = (over: 'roster' | 'training' | 'bytes', limit: number): ExplainPlan => ({ kind: 'omitted', section: { kind: 'omitted', over, limit } });
  const files = runFiles(options).filter((f) => f !== '-');
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(file).size;
    } catch {
      // The run says what is wrong with the file.
    }
  }
  if (bytes > limits.inputMegabytes * 1024 * 1024) return omitted('bytes', limits.inputMegabytes);
  const lines = (file: string) => {
    try {
      return textLines(readFileSync(file));
    } catch {
      return undefined;
    }
  };
  const staff = options.staff === '-' ? undefined : lines(options.staff);
  if (staff !== undefined && staff > limits.rosterRows + HEADER_ALLOWANCE) return omitted('roster', limits.rosterRows);
  let training = 0;
  for (const file of options.training ?? []) if (file !== '-') training += Math.max(0, (lines(file) ?? 0) - HEADER_ALLOWANCE);
  if (training > limits.trainingRows) return omitted('training', limits.trainingRows);
  return { kind: 'collect', collector: new ExplainCollector(undefined, { employees: limits.rosterRows, records: limits.trainingRows }), files: runFiles(options), limits };
}

/**
 * After the run: each employee's explanation, from what the collector saw of this very run (made
 * when first asked for: the full report lists only those short of the duty); or why there are none.
 */
export function explainSection(plan: ExplainPlan, result: CheckResult): ExplainSection {
  if (plan.kind === 'omitted') return plan.section;
  const { collector: c, files, limits } = plan;
  if (c.overflow === 'employees') return { kind: 'omitted', over: 'roster', limit: limits.rosterRows };
  if (c.overflow === 'records') return { kind: 'omitted', over: 'training', limit: limits.trainingRows };
  const byNip = employeesByNip(result);
  const made = new Map<string, Explanation>();
  return {
    kind: 'shown',
    of(nip) {
      let x = made.get(nip);
      if (x === undefined && byNip.has(nip)) made.set(nip, (x = c.explain(result, files, [nip], byNip)[0]!));
      return x;
    },
  };
}
