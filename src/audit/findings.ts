import type { Cell } from '../io/types.js';

export type Severity = 'error' | 'warning' | 'info';

/** Codes of data findings. Tests and scripts match on these, never on message text. */
export const FINDING_SEVERITY = {
  'invalid-nip': 'error',
  'nip-excel-mangled': 'error',
  'missing-value': 'error',
  'invalid-date': 'error',
  'end-before-start': 'error',
  'invalid-jp': 'error',
  'ignored-cell': 'warning',
  'invalid-type': 'error',
  'invalid-phase': 'error',
  'repeated-header': 'warning',
  'unknown-nip': 'warning',
  'duplicate-record': 'warning',
  'duplicate-employee': 'warning',
  'inconsistent-employee': 'warning',
  'opd-spellings': 'info',
  'most-records-outside-year': 'warning',
  'no-training-rows': 'warning',
  'over-max': 'warning',
  'invalid-service-date': 'warning',
  'encoding-replaced': 'warning',
  'format-differs': 'info',
  'json-late-keys': 'warning',
  'column-choice': 'info',
  'type-inferred': 'info',
  'total-jp-blank': 'info',
  'date-from-serial': 'info',
  'nip-from-cell': 'info',
  'ignored-columns': 'info',
  'findings-omitted': 'info',
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof FINDING_SEVERITY;

/** A data problem as data; its message is made later, in the chosen language. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  file: string;
  /** Row as a spreadsheet shows it; absent for findings about a whole file. */
  row?: number;
  /** Header of the column concerned, as written in the file. */
  column?: string;
  value?: string;
  /** Details the message needs (the reason, the row of the first copy, ...). */
  args: Record<string, string | number>;
}

/** Shows a raw cell in a finding: text as is, dates as ISO, numbers in full. */
export function showCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= 1e15 ? v.toExponential() : String(v);
  return String(v);
}

/** Findings of one code in one file left out past the limit. */
export interface Omission {
  file: string;
  code: FindingCode;
  count: number;
}

/** How many findings of one code one file lists by default; the rest are counted (see `Findings`). */
export const FINDINGS_PER_CODE = 100_000;

/**
 * Collects findings in the order they were made. Past `limit` findings of one code in one file,
 * the rest are counted, not kept: ten million rows against the wrong roster would otherwise be ten
 * million findings, more than memory holds. `all()` ends the list with one `findings-omitted` a
 * file and code that went over, saying how many were left out.
 */
export class Findings {
  readonly list: Finding[] = [];
  /**
   * Findings so far by file, then by code: two look-ups of strings already made, where a key of
   * both joined would be a new string to make and hash for every finding.
   */
  private readonly counts = new Map<string, Map<FindingCode, number>>();
  private readonly omitted = new Map<string, Omission>();

  constructor(readonly limit = FINDINGS_PER_CODE) {}

  add(code: FindingCode, where: { file: string; row?: number; column?: string; value?: string }, args: Record<string, string | number> = {}): void {
    const f: Finding = { code, severity: FINDING_SEVERITY[code], file: where.file, args };
    if (where.row !== undefined) f.row = where.row;
    if (where.column !== undefined) f.column = where.column;
    if (where.value !== undefined) f.value = where.value;
    this.push(f);
  }

  /** Adds a finding made elsewhere (a worker thread's), under the same limit. */
  push(f: Finding): void {
    let byCode = this.counts.get(f.file);
    if (byCode === undefined) this.counts.set(f.file, (byCode = new Map()));
    const n = (byCode.get(f.code) ?? 0) + 1;
    byCode.set(f.code, n);
    if (n <= this.limit) this.list.push(f);
    else this.omit(f.file, f.code, 1);
  }

  /** Has file `file` reached the limit for `code` (a further one would only be counted)? */
  full(file: string, code: FindingCode): boolean {
    return (this.counts.get(file)?.get(code) ?? 0) >= this.limit;
  }

  /** Counts findings left out elsewhere (by a worker thread). */
  omit(file: string, code: FindingCode, count: number): void {
    const key = `${file}\u0000${code}`;
    const o = this.omitted.get(key);
    if (o) o.count += count;
    else this.omitted.set(key, { file, code, count });
  }

  /** What was left out, by file and code. */
  omissions(): Omission[] {
    return [...this.omitted.values()];
  }

  /** The findings kept, then one `findings-omitted` a file and code that went over the limit. */
  all(): Finding[] {
    const tail = [...this.omitted.values()]
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((o): Finding => ({ code: 'findings-omitted', severity: FINDING_SEVERITY['findings-omitted'], file: o.file, args: { code: o.code, count: o.count, limit: this.limit } }));
    return tail.length ? [...this.list, ...tail] : this.list;
  }
}
