import { JpAuditError } from '../errors.js';
import type { Cell, RawRow, RowSource, SourceInfo } from '../io/types.js';
import { type ColumnMapping, type HeaderMap, looksLikeHeader, mapColumns, normalizeHeader } from './header.js';
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
}

export function isBlank(cells: readonly Cell[]): boolean {
  for (const c of cells) if (cellText(c) !== '') return false;
  return true;
}

/** Key to recognise the header row again (two exports pasted one under the other). */
export function headerKeyOf(cells: readonly Cell[]): string {
  return cells.map((c) => normalizeHeader(cellText(c))).join('\u0000').replace(/\u0000+$/, '');
}

/**
 * Finds the header as `domain.md` says: the first row that names the NIP and one other known field,
 * skipping a title block (`PEMERINTAH KOTA ...`, a date, an empty row) above it.
 */
export async function openSheet(source: RowSource, overrides: HeaderMap): Promise<Sheet> {
  const it = source.rows()[Symbol.asyncIterator]();
  let firstCells: string[] | undefined;
  let scanned = 0;
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const cells = r.value.cells.map(cellText);
    if (isBlank(cells)) continue;
    firstCells ??= cells;
    if (looksLikeHeader(cells, overrides)) {
      // Trailing empty header cells (Excel pads rows) are not columns.
      let n = cells.length;
      while (n > 0 && cells[n - 1] === '') n--;
      const headers = cells.slice(0, n);
      return { info: source.info, headerRow: r.value.row, mapping: mapColumns(headers, overrides), rows: it, headerKey: headerKeyOf(headers) };
    }
    if (++scanned >= MAX_TITLE_ROWS) break;
  }
  await it.return?.();
  if (!firstCells) throw new JpAuditError('no-data', {}, source.info.file);
  throw new JpAuditError('missing-column', { field: 'nip', headers: listHeaders(firstCells) }, source.info.file);
}

/** Headers for an error message: the non-empty ones, quoted, at most 20. */
export function listHeaders(cells: readonly string[]): string {
  const names = cells.filter((c) => c !== '');
  const shown = names.slice(0, 20).map((c) => `"${c.length > 40 ? `${c.slice(0, 40)}…` : c}"`);
  return shown.join(', ') + (names.length > 20 ? `, … (+${names.length - 20})` : '');
}
