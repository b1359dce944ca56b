import { JpAuditError } from '../errors.js';
import type { Cell, RawRow, RowSource, SourceInfo } from '../io/types.js';
import { type ColumnMapping, type HeaderOptions, looksLikeHeader, mapColumns, normalizeHeader } from './header.js';
import { cellText } from './text.js';

/** How many rows may stand above the header (title block) before we give up looking. */
const MAX_TITLE_ROWS = 50;

/** A file whose header has been found: its columns, and the data rows below the header. */
export interface Sheet {
  info: SourceInfo;
  headerRow: number;
  mapping: ColumnMapping;
  /** Data rows after the header; blank rows are skipped and counted in `blankRows`. */
  rows: AsyncIterator<RawRow>;
  /** The header's cells, normalised, to recognise a header repeated further down. */
  headerKey: string;
  /** The header's first cell, folded as `headerKey` folds it: a cheap first test. */
  headerFirst: string;
  /** The last row read while finding the header (a second header row, blank rows after it). */
  lastHeaderRow: number;
  /** Blank rows between the header and the first row `rows` gives: counted in the accounting. */
  blankAfterHeader: number;
}

/** A row with no value in any cell (Excel's trailing rows, `;;;;`). */
export function isBlank(cells: readonly Cell[]): boolean {
  for (const c of cells) {
    if (c === null || c === '') continue;
    // String.prototype.trim removes the same white space (NBSP included) as cellText folds.
    if (typeof c === 'string' ? c.trim() !== '' : cellText(c) !== '') return false;
  }
  return true;
}

/** Might this row be the header again? A cheap test on the first cell, before `headerKeyOf`. */
export function mayRepeatHeader(cells: readonly Cell[], sheet: Pick<Sheet, 'headerFirst'>): boolean {
  const first = cells[0];
  if (first === null || first === undefined || typeof first === 'number' || first instanceof Date) return sheet.headerFirst === '';
  // A cell that starts with an ASCII digit folds to text that starts with it: most data rows (a NIP, a row number) end here.
  if (typeof first === 'string') {
    const c = first.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39 && sheet.headerFirst.charCodeAt(0) !== c) return false;
  }
  return normalizeHeader(cellText(first)) === sheet.headerFirst;
}

/** Key to recognise the header row again (two exports pasted one under the other). */
export function headerKeyOf(cells: readonly Cell[]): string {
  return cells.map((c) => normalizeHeader(cellText(c))).join('\u0000').replace(/\u0000+$/, '');
}

/**
 * Finds the header as `domain.md` says: the first row that names the NIP and one other known field,
 * skipping a title block (`PEMERINTAH KOTA ...`, a date, an empty row) above it.
 */
export async function openSheet(source: RowSource, overrides: HeaderOptions): Promise<Sheet> {
  const it = source.rows()[Symbol.asyncIterator]();
  let firstCells: string[] | undefined;
  let scanned = 0;
  // Rows read from the first row that names known fields but no NIP (SIDIKLAT's export has the NIP
  // inside `Pegawai`): kept in case no row names the NIP, to look for a column of NIPs below it.
  let candidate: RawRow[] | undefined;
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const cells = r.value.cells.map(cellText);
    candidate?.push(r.value);
    if (isBlank(cells)) continue;
    firstCells ??= cells;
    if (looksLikeHeader(cells, overrides)) {
      const headerRow = r.value.row;
      let headers = trimEnd(cells);
      let mapping = mapColumns(headers, overrides);
      // A second header row under merged cells (`Tanggal` over `Mulai | Selesai`) continues the first.
      let next = await it.next();
      let lastHeaderRow = headerRow;
      let blankAfterHeader = 0;
      while (!next.done && isBlank(next.value.cells)) {
        blankAfterHeader++;
        lastHeaderRow = next.value.row;
        next = await it.next();
      }
      let rest: AsyncIterator<RawRow> = it;
      if (!next.done) {
        const sub = next.value.cells.map(cellText);
        const nipIndex = mapping.columns.get('nip')!.index;
        if (isHeaderContinuation(headers, sub, nipIndex)) {
          headers = continueHeader(headers, sub);
          mapping = mapColumns(headers, overrides);
          lastHeaderRow = next.value.row;
        } else {
          rest = prepend(next.value, it);
        }
      }
      return { info: source.info, headerRow, lastHeaderRow, blankAfterHeader, mapping, rows: rest, headerKey: headerKeyOf(headers), headerFirst: normalizeHeader(headers[0] ?? '') };
    }
    if (candidate === undefined && mapColumns(cells, overrides).columns.size >= 2) candidate = [r.value];
    if (++scanned >= MAX_TITLE_ROWS) break;
  }
  if (candidate !== undefined) {
    const sheet = await nipInsideCells(source.info, candidate, it, overrides);
    if (sheet) return sheet;
  }
  await it.return?.();
  if (!firstCells) throw new JpAuditError('no-data', {}, source.info.file);
  const separator = oneColumnSeparator(firstCells);
  if (separator !== undefined) throw new JpAuditError('one-column-header', { separator: separator === '\t' ? 'tab' : separator }, source.info.file);
  throw new JpAuditError('missing-column', { field: 'nip', headers: listHeaders(firstCells) }, source.info.file);
}

/** Characters that separate fields in exports seen; a header read as one cell holding one of them was split wrong. */
const SEPARATORS = ['|', ';', ',', '\t', ':', '~', '^', '#'];

/** The separator a header read as a single cell seems to use (it holds one at least twice), if any. */
export function oneColumnSeparator(cells: readonly string[]): string | undefined {
  const filled = cells.filter((c) => c !== '');
  if (filled.length !== 1) return undefined;
  let best: string | undefined;
  let most = 1;
  for (const sep of SEPARATORS) {
    const n = filled[0]!.split(sep).length - 1;
    if (n > most) [best, most] = [sep, n];
  }
  return best;
}

/** Data rows looked at to find a column of NIPs inside other text. */
const NIP_SAMPLE_ROWS = 200;
/** One 18-digit NIP, plain or spaced (`19850315 201001 1 002`), not inside a longer run of digits. */
const NIP_RUN = /(?<![0-9])[0-9]{8}[ \u00a0]?[0-9]{6}[ \u00a0]?[0-9][ \u00a0]?[0-9]{3}(?![0-9])/g;

/** The NIP runs in a cell's text. */
export function nipRuns(text: string): string[] {
  return text.match(NIP_RUN) ?? [];
}

/**
 * A cell that holds a name and an NIP (`Budi Hartono, S.Kom., M.Si. - 198503152010011002`, or
 * `Budi<br>1985...` from an HTML export): the NIP when there is exactly one, and the rest as the name.
 * With none or several, the cell's text stands as the NIP, so that it is rejected with its value.
 */
export function splitNipCell(text: string): { nip: string; name: string } {
  const runs = nipRuns(text);
  if (runs.length !== 1) return { nip: text, name: '' };
  const name = text
    .replace(runs[0]!, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s,;:|/\-\u2013\u2014()]+|[\s,;:|/\-\u2013\u2014(]+$/g, '')
    .trim();
  return { nip: runs[0]!.replace(/[ \u00a0]/g, ''), name };
}

/**
 * With no NIP column: a column under `rows[0]` (a row naming other known fields) whose non-empty
 * cells each hold exactly one NIP is taken as the NIP, and the rest of its cells as the name (unless
 * a name column exists). The rows then carry two more cells, which the mapping points at.
 */
async function nipInsideCells(info: SourceInfo, rows: RawRow[], it: AsyncIterator<RawRow>, overrides: HeaderOptions): Promise<Sheet | undefined> {
  while (rows.length <= NIP_SAMPLE_ROWS) {
    const r = await it.next();
    if (r.done) break;
    rows.push(r.value);
  }
  const header = rows[0]!;
  const headers = trimEnd(header.cells.map(cellText));
  const sample = rows.slice(1).map((r) => r.cells.map(cellText));
  let column = -1;
  for (let c = 0; c < headers.length && column < 0; c++) {
    const filled = sample.map((cells) => cells[c] ?? '').filter((t) => t !== '');
    if (filled.length > 0 && filled.every((t) => nipRuns(t).length === 1)) column = c;
  }
  if (column < 0) return undefined;
  const from = headers[column] || `#${column + 1}`;
  const mapping = mapColumns(headers, overrides);
  const width = headers.length;
  mapping.columns.set('nip', { index: width, header: from });
  if (!mapping.columns.has('name')) mapping.columns.set('name', { index: width + 1, header: from });
  mapping.derived = { from };
  const widen = (r: RawRow): RawRow => {
    const cells = r.cells.slice(0, width);
    while (cells.length < width) cells.push(null);
    const text = cellText(r.cells[column]);
    const { nip, name } = text === '' ? { nip: '', name: '' } : splitNipCell(text);
    cells.push(nip, name);
    return { row: r.row, cells };
  };
  async function* all(): AsyncGenerator<RawRow> {
    for (const r of rows.slice(1)) yield isBlank(r.cells) ? r : widen(r);
    for (let r = await it.next(); !r.done; r = await it.next()) yield isBlank(r.value.cells) ? r.value : widen(r.value);
  }
  return { info, headerRow: header.row, lastHeaderRow: header.row, blankAfterHeader: 0, mapping, rows: all(), headerKey: headerKeyOf(headers), headerFirst: normalizeHeader(headers[0] ?? '') };
}

function trimEnd(cells: readonly string[]): string[] {
  // Trailing empty header cells (Excel pads rows) are not columns.
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

/**
 * A row under the header continues it when it has no NIP, holds only words (no numbers, no dates),
 * and names a column whose header cell is empty: the mark of a merged cell above. A data row that
 * merely lacks its NIP fills columns that all have headers, so it stays data and is reported.
 */
export function isHeaderContinuation(top: readonly string[], cells: readonly string[], nipIndex: number): boolean {
  // A cell that repeats the one above is a header cell spanning both rows (an HTML rowspan).
  const own = cells.map((c, i) => (c === (top[i] ?? '') ? '' : c));
  if ((own[nipIndex] ?? '') !== '') return false;
  const filled = own.filter((c) => c !== '');
  if (filled.length === 0 || !filled.every((c) => /^[\p{L}][\p{L}\s.()/_-]*$/u.test(c))) return false;
  return own.some((c, i) => c !== '' && (top[i] ?? '') === '');
}

/**
 * Joins a two-row header: a merged cell's text (which Excel stores in its first column only)
 * is carried right over the columns the second row names, so `Tanggal` + `Mulai` becomes
 * `Tanggal Mulai` and the empty cell beside it + `Selesai` becomes `Tanggal Selesai`.
 */
export function continueHeader(top: readonly string[], sub: readonly string[]): string[] {
  const n = Math.max(top.length, sub.length);
  const out: string[] = [];
  let carried = '';
  for (let i = 0; i < n; i++) {
    const t = top[i] ?? '';
    // The same text in both rows is one cell spanning them (rowspan), not two words.
    const b = (sub[i] ?? '') === t ? '' : (sub[i] ?? '');
    if (t !== '') carried = t;
    const above = t !== '' ? t : b !== '' ? carried : '';
    out.push([above, b].filter(Boolean).join(' '));
  }
  return trimEnd(out);
}

/** `first`, then the rest of `it`: a plain iterator, as a generator here cost as much as reading the row. */
function prepend(first: RawRow, it: AsyncIterator<RawRow>): AsyncIterator<RawRow> {
  let head: RawRow | undefined = first;
  return {
    next: () => {
      if (head === undefined) return it.next();
      const value = head;
      head = undefined;
      return Promise.resolve({ value, done: false });
    },
    return: (v?: unknown) => {
      head = undefined;
      return it.return ? it.return(v) : Promise.resolve({ value: undefined, done: true });
    },
  };
}

/** Headers for an error message: the non-empty ones, quoted, at most 20. */
export function listHeaders(cells: readonly string[]): string {
  const names = cells.filter((c) => c !== '');
  const shown = names.slice(0, 20).map((c) => `"${c.length > 40 ? `${c.slice(0, 40)}…` : c}"`);
  return shown.join(', ') + (names.length > 20 ? `, … (+${names.length - 20})` : '');
}
