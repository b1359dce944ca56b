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
  'invalid-type': 'error',
  'invalid-phase': 'error',
  'repeated-header': 'warning',
  'unknown-nip': 'warning',
  'duplicate-record': 'warning',
  'duplicate-employee': 'warning',
  'inconsistent-employee': 'warning',
  'over-max': 'warning',
  'invalid-service-date': 'warning',
  'encoding-replaced': 'warning',
  'column-choice': 'info',
  'ignored-columns': 'info',
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

/** Collects findings in the order they were made. */
export class Findings {
  readonly list: Finding[] = [];

  add(code: FindingCode, where: { file: string; row?: number; column?: string; value?: string }, args: Record<string, string | number> = {}): void {
    const f: Finding = { code, severity: FINDING_SEVERITY[code], file: where.file, args };
    if (where.row !== undefined) f.row = where.row;
    if (where.column !== undefined) f.column = where.column;
    if (where.value !== undefined) f.value = where.value;
    this.list.push(f);
  }
}
