import { stringify } from 'csv-stringify/sync';
import type { EmployeeSource } from '../audit/employees.js';
import { catalogue, type Lang } from '../i18n/index.js';
import { safeCell } from './cells.js';
import { employeeNote } from './figures.js';

/**
 * Employees per piece of a streamed report written in one thread: small enough that a piece's
 * text (about 120 KB of JSON) is an ordinary young-generation string, collected at once, not a
 * large object that waits for a full collection and lifts the peak memory of a large report.
 */
export const CHUNK = 400;

/**
 * How a piece of the employees list is written: as the JSON report's array items, or as the CSV
 * report's rows. Plain data, so a worker thread writes its pieces the same way (see `chunkTexts`).
 */
export type ChunkFormat = { format: 'json' } | { format: 'csv'; lang: Lang; rawCells: boolean };

/** Employees `from`..`to` of `list` as the format writes them. */
export function chunkText(spec: ChunkFormat, list: EmployeeSource, from: number, to: number): string {
  return spec.format === 'json' ? jsonItems(list, from, to) : csvRows(list, from, to, spec.lang, spec.rawCells);
}

/**
 * Employees `from`..`to` as they stand inside the report's "employees" array (items at depth 2):
 * JSON.stringify of a wrapper at the same depth, the wrapper cut off. Exact by construction, and
 * native: several times faster than formatting each item.
 */
function jsonItems(list: EmployeeSource, from: number, to: number): string {
  return list.jsonItems ? list.jsonItems(from, to) : jsonArrayItems(list.range(from, to));
}

/** Items as they stand inside an array at depth 1 of a two-space indented JSON object (non-empty). */
export function jsonArrayItems(items: readonly unknown[]): string {
  const s = JSON.stringify({ e: items }, null, 2);
  return s.slice(WRAP_HEAD.length, s.length - WRAP_TAIL.length);
}
const WRAP_HEAD = '{\n  "e": [\n';
const WRAP_TAIL = '\n  ]\n}';

/** Employees `from`..`to` as CSV rows, each ending in a newline. */
function csvRows(list: EmployeeSource, from: number, to: number, lang: Lang, rawCells: boolean): string {
  const l = catalogue(lang).labels;
  const text = (s: string) => (rawCells ? s : safeCell(s));
  // "Keterangan" says why the duty is not the full year's, in the words of every other format.
  const rows = list.range(from, to).map((e) => [e.nip, text(e.name), e.type, text(e.opd), e.jp, e.requiredJp, e.expectedJp, e.shortfallJp, l.statuses[e.status], e.records, e.months, text(employeeNote(e, l.notes))]);
  return stringify(rows, { record_delimiter: 'unix' });
}
