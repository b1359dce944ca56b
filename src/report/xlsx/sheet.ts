import type { Cell as XCell, Workbook, Worksheet } from 'exceljs';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { InputAccount } from '../../ingest.js';
import type { ReportFinding } from '../model.js';
import { PAGE_SETUP } from './stream.js';

export const JP_FORMAT = '#,##0.0##';
export const RATE_FORMAT = '0.0%';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const NON_COMPLIANT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const;

/** Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`, unique, not `History`. */
export function sheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return wanted.map((w) => {
    // An apostrophe inside becomes a typographic one: print titles name the sheet in quotes.
    let base = w.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').replace(/'/g, '’').replace(/\s+/g, ' ').trim().slice(0, 31).trim() || 'OPD';
    if (base.toLowerCase() === 'history') base = 'History OPD';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

export interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/**
 * A sheet whose first row is a header: bold, frozen, with an autofilter and sensible widths (the
 * Latsar workbook's; the audit's is written as a stream, see `stream.ts`).
 */
export function tableSheet(wb: Workbook, name: string, columns: Column[], rows: Array<Array<unknown>>, startRow = 1): Worksheet {
  const ws = wb.getWorksheet(name) ?? wb.addWorksheet(name);
  ws.views = [{ state: 'frozen', ySplit: startRow, xSplit: 0 }];
  // Printed as the audit's workbook prints: landscape A4, one page wide, the header row on every page.
  ws.pageSetup = { ...ws.pageSetup, ...PAGE_SETUP, margins: { ...PAGE_SETUP.margins }, printTitlesRow: `${startRow}:${startRow}` };
  const header = ws.getRow(startRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    const col = ws.getColumn(i + 1);
    col.width = c.width;
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(startRow + 1 + r);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v as XCell['value'];
      const fmt = columns[i]?.numFmt;
      if (fmt) cell.numFmt = fmt;
    });
  });
  ws.autoFilter = { from: { row: startRow, column: 1 }, to: { row: startRow + Math.max(rows.length, 0), column: columns.length } };
  return ws;
}

/** Width that fits the longest text of a column, within reason. */
export function fit(header: string, values: Iterable<string>, min = 8, max = 60): number {
  let w = header.length;
  for (const v of values) if (v.length > w) w = v.length;
  return Math.min(max, Math.max(min, w + 2));
}


/**
 * The findings sheet both reports share: every finding by its short name in the report's language,
 * its code in a column of its own (to filter on), its place and message.
 */
export function findingsSheet(wb: Workbook, name: string, findings: readonly ReportFinding[], cat: Pick<Catalogue, 'labels' | 'codeLabels'>, text: (s: string) => string): void {
  const l = cat.labels;
  const d = l.doc;
  tableSheet(
    wb,
    name,
    [
      { header: d.finding, width: fit(d.finding, findings.map((f) => cat.codeLabels[f.code]), 12, 34) },
      { header: d.code, width: fit(d.code, findings.map((f) => f.code)) },
      { header: d.severity, width: 12 },
      { header: d.file, width: fit(d.file, findings.map((f) => f.file), 10, 40) },
      { header: d.row, width: 8 },
      { header: d.column, width: 16 },
      { header: d.value, width: 22 },
      { header: d.message, width: 90 },
    ],
    findings.map((f) => [cat.codeLabels[f.code], f.code, l.severity[f.severity], text(f.file), f.row, f.column === null ? null : text(f.column), f.value === null ? null : text(f.value), text(f.message)]),
  );
}

/** The inputs sheet both reports share: each file's accounting. */
export function inputsSheet(wb: Workbook, name: string, inputs: readonly InputAccount[], l: Catalogue['labels'], text: (s: string) => string): void {
  const d = l.doc;
  tableSheet(
    wb,
    name,
    [
      { header: d.file, width: fit(d.file, inputs.map((i) => i.file), 10, 50) },
      { header: d.role, width: 10 },
      { header: d.format, width: 8 },
      { header: d.encoding, width: 14 },
      { header: d.headerRow, width: 12 },
      { header: d.rows, width: 10 },
      { header: d.accepted, width: 10 },
      { header: d.rejected, width: 10 },
      { header: d.duplicates, width: 10 },
      { header: d.outsidePeriod, width: 14 },
      { header: d.unknownNip, width: 16 },
      { header: d.counted, width: 10 },
      { header: d.blankRows, width: 12 },
    ],
    inputs.map((i) => [text(i.file), l.roles[i.role], i.format, i.encoding ?? i.sheet, i.headerRow, i.rows, i.accepted, i.rejected, i.duplicates, i.outsidePeriod, i.unknownNip, i.counted, i.blankRows]),
  );
}

/** A label-value block (the overview's headline figures), labels bold, values with their formats. */
export function headlineBlock(ws: Worksheet, firstRow: number, lines: ReadonlyArray<readonly [string, number | null, string | undefined]>): void {
  lines.forEach(([label, value, fmt], i) => {
    const k = ws.getCell(firstRow + i, 1);
    k.value = label;
    k.font = { bold: true };
    const v = ws.getCell(firstRow + i, 2);
    v.value = value;
    if (fmt) v.numFmt = fmt;
  });
}
