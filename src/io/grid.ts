import { JpAuditError } from '../errors.js';
import { looksLikeHeader } from '../normalize/header.js';
import { cellText } from '../normalize/text.js';
import type { Cell, RawRow } from './types.js';

/** Excel's widest sheet: a value further right than this is refused, as Excel would refuse it. */
export const MAX_COLUMNS = 16_384;
/** How many non-blank rows of a table or sheet are searched for its header (as `openSheet` does). */
const HEADER_SEARCH_ROWS = 50;

/** What a table-like reader (HTML, SpreadsheetML) emits: a table or sheet begins, one of its rows. */
export type GridEvent = { kind: 'unit'; index: number; name: string } | { kind: 'row'; row: RawRow };

interface Span {
  from: number;
  to: number;
  rowsLeft: number;
  value: Cell;
}

/**
 * Lays a row's cells on a grid, with spans: a cell spanning columns (colspan, ss:MergeAcross) has its
 * value in its first column and empties after it, as Excel shows a merged cell; a cell spanning rows
 * (rowspan, ss:MergeDown) repeats its value on each row it covers, so a person's NIP written once
 * beside several trainings is on each of their rows. Only non-empty cells are stored, so a row of a
 * million empty cells costs nothing.
 */
export class GridRow {
  /** Spans from rows above that still cover this row. */
  private spans: Span[] = [];
  /** Spans begun on this row: they cover the rows below it. */
  private pending: Span[] = [];
  private cells: Cell[] = [];
  /** Where `free` stands in `spans` (sorted by column): cells come left to right. */
  private cursor = 0;

  constructor(
    private readonly file: string,
    private readonly errorCode: string,
  ) {}

  start(): void {
    this.cells = [];
    this.pending = [];
    this.cursor = 0;
  }

  /** The first column at or after `col` that no span from a row above covers. */
  free(col: number): number {
    let c = col;
    const spans = this.spans;
    while (this.cursor < spans.length && spans[this.cursor]!.to < c) this.cursor++;
    for (let i = this.cursor; i < spans.length && spans[i]!.from <= c; i++) if (spans[i]!.to >= c) c = spans[i]!.to + 1;
    return c;
  }

  /** Puts a value at column `col` (0-based), covering `across` more columns and `down` more rows. */
  put(col: number, value: Cell, across: number, down: number, row: number): void {
    if (value !== null && value !== '') {
      if (col >= MAX_COLUMNS) throw new JpAuditError(this.errorCode, { row, limit: MAX_COLUMNS }, this.file);
      this.cells[col] = value;
    }
    // Spans that cover one column each are at most one a column: more are overlaps, and add nothing.
    if (down > 0 && col < MAX_COLUMNS && this.spans.length + this.pending.length < MAX_COLUMNS) this.pending.push({ from: col, to: Math.min(col + across, MAX_COLUMNS - 1), rowsLeft: down, value });
  }

  /** The row's cells, with the values of spans from above filled in; spans move one row on. */
  finish(): Cell[] {
    const next: Span[] = [];
    for (const s of this.spans) {
      const here = this.cells[s.from];
      if (s.value !== null && s.value !== '' && (here === undefined || here === null || here === '')) this.cells[s.from] = s.value;
      if (--s.rowsLeft > 0) next.push(s);
    }
    this.spans = next.concat(this.pending).sort((a, b) => a.from - b.from);
    this.pending = [];
    const out = this.cells;
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    return out;
  }

  /** A table or sheet ends: spans do not reach into the next one. */
  reset(): void {
    this.spans = [];
    this.pending = [];
    this.cells = [];
  }
}

export interface UnitChoice {
  /** `--sheet`: the table or sheet of that name (case-insensitive). */
  wanted?: string;
  /** When no table or sheet has a header: `largest` (HTML) or `first` (SpreadsheetML, as for .xlsx). */
  fallback: 'largest' | 'first';
  /** The error when the file holds no table or sheet at all. */
  noneCode: string;
  file: string;
  onChosen(name: string): void;
}

function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || cellText(c) === '');
}

/**
 * Picks one table or sheet of a file and gives its rows: the one `--sheet` names, else the first
 * whose first rows hold a header naming the NIP (with the built-in names), else the fallback. Rows
 * are streamed; only a table's first rows are held while its header is looked for. The fallback
 * needs a second reading of the file (`open` is called again).
 */
export async function* chooseUnit(open: () => AsyncIterable<GridEvent>, choice: UnitChoice): AsyncGenerator<RawRow> {
  const names: string[] = [];
  const sizes: number[] = [];
  let buffer: RawRow[] = [];
  let searching = true;
  let seen = 0;
  let chosen = -1;
  for await (const e of open()) {
    if (e.kind === 'unit') {
      if (chosen >= 0) return;
      names.push(e.name);
      sizes.push(0);
      buffer = [];
      searching = true;
      seen = 0;
      if (choice.wanted !== undefined && e.name.toLowerCase() === choice.wanted.toLowerCase()) {
        chosen = e.index;
        choice.onChosen(e.name);
      }
      continue;
    }
    if (chosen >= 0) {
      yield e.row;
      continue;
    }
    sizes[sizes.length - 1]!++;
    if (!searching || choice.wanted !== undefined) continue;
    buffer.push(e.row);
    if (isBlankRow(e.row.cells)) continue;
    if (looksLikeHeader(e.row.cells.map(cellText))) {
      chosen = names.length - 1;
      choice.onChosen(names[chosen]!);
      yield* buffer;
      buffer = [];
    } else if (++seen >= HEADER_SEARCH_ROWS) {
      searching = false;
      buffer = [];
    }
  }
  if (chosen >= 0) return;
  if (choice.wanted !== undefined && names.length > 0) throw new JpAuditError('sheet-not-found', { sheet: choice.wanted, sheets: names.join(', ') }, choice.file);
  if (names.length === 0) throw new JpAuditError(choice.noneCode, {}, choice.file);
  let pick = 0;
  if (choice.fallback === 'largest') for (let i = 1; i < sizes.length; i++) if (sizes[i]! > sizes[pick]!) pick = i;
  choice.onChosen(names[pick]!);
  let inside = false;
  for await (const e of open()) {
    if (e.kind === 'unit') {
      if (inside) return;
      inside = e.index === pick;
    } else if (inside) yield e.row;
  }
}
