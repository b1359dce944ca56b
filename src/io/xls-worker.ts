import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { JpAuditError } from '../errors.js';
import { looksLikeHeader } from '../normalize/header.js';
import { cellText } from '../normalize/text.js';
import { excelSerialDate } from '../normalize/dates.js';
import type { Cell, RawRow } from './types.js';
import { XLS_LIMITS, type XlsReply, type XlsRequest } from './xls-protocol.js';

/**
 * Reads a BIFF8 .xls in its own thread, so that the main thread can stop it (a time limit) and its
 * heap is capped (`resourceLimits`): SheetJS reads a whole workbook at once, and a hostile file must
 * end in an error, not in an exhausted process.
 */
const port = parentPort!;
const req = workerData as XlsRequest;
const post = (m: XlsReply) => port.postMessage(m);

interface XCell {
  t: string;
  v?: unknown;
  z?: string;
}

type Xlsx = typeof import('@e965/xlsx');

async function main(): Promise<void> {
  const mod = (await import('@e965/xlsx')) as Xlsx & { default?: Xlsx };
  const XLSX = mod.default ?? mod;
  const buf = readFileSync(req.path);
  let container: { FullPaths: string[] };
  try {
    container = XLSX.CFB.read(buf, { type: 'buffer' }) as { FullPaths: string[] };
  } catch {
    // The compound file's own tables (header, sector chains, directory) are broken.
    throw new JpAuditError('xls-unreadable', { detail: 'broken compound file' }, req.file);
  }
  const streams = container.FullPaths.map((p) => p.replace(/^.*\//, '').toLowerCase());
  if (!streams.includes('workbook') && !streams.includes('book')) {
    const kind = streams.includes('worddocument') ? 'Word (.doc)' : streams.includes('powerpoint document') ? 'PowerPoint (.ppt)' : 'OLE';
    throw new JpAuditError('not-a-workbook', { kind }, req.file);
  }
  const wb = XLSX.read(buf, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, sheetStubs: false });
  const date1904 = Boolean((wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904);
  const toCell = (c: XCell | undefined): Cell => {
    if (c === undefined || c === null) return null;
    switch (c.t) {
      case 's':
        return typeof c.v === 'string' ? c.v : c.v == null ? null : String(c.v);
      case 'n': {
        const n = c.v as number;
        if (c.z !== undefined && XLSX.SSF.is_date(c.z)) return excelSerialDate(n, date1904);
        return n;
      }
      case 'b':
        return Boolean(c.v);
      case 'd':
        return c.v instanceof Date ? c.v : null;
      default:
        return null;
    }
  };
  const rowsOf = (name: string): RawRow[] => {
    const ws = wb.Sheets[name] as { '!data'?: Array<Array<XCell | undefined> | undefined> } | undefined;
    const data = ws?.['!data'] ?? [];
    const rows: RawRow[] = [];
    let cells = 0;
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      cells += row.length;
      if (cells > XLS_LIMITS.cells) throw new JpAuditError('xls-too-large', { what: `> ${XLS_LIMITS.cells} cells`, limit: `${XLS_LIMITS.cells} cells` }, req.file);
      const out: Cell[] = [];
      for (let c = 0; c < row.length; c++) out.push(toCell(row[c]));
      rows.push({ row: r + 1, cells: out });
    }
    return rows;
  };
  const names = wb.SheetNames;
  if (names.length === 0) throw new JpAuditError('xlsx-no-sheets', {}, req.file);
  let chosen: string | undefined;
  let rows: RawRow[] | undefined;
  if (req.sheet !== undefined) {
    chosen = names.find((n) => n === req.sheet) ?? names.find((n) => n.toLowerCase() === req.sheet!.toLowerCase());
    if (chosen === undefined) throw new JpAuditError('sheet-not-found', { sheet: req.sheet, sheets: names.join(', ') }, req.file);
    rows = rowsOf(chosen);
  } else {
    // The first sheet whose first rows hold a header naming the NIP, else the first sheet.
    for (const n of names) {
      const rs = rowsOf(n);
      const head = rs.filter((r) => r.cells.some((c) => cellText(c) !== '')).slice(0, 50);
      if (head.some((r) => looksLikeHeader(r.cells.map(cellText)))) {
        chosen = n;
        rows = rs;
        break;
      }
    }
    if (chosen === undefined) {
      chosen = names[0]!;
      rows = rowsOf(chosen);
    }
  }
  for (let i = 0; i < rows!.length; i += 5000) post({ kind: 'rows', rows: rows!.slice(i, i + 5000) });
  post({ kind: 'done', sheet: chosen });
}

main().catch((e: unknown) => {
  if (e instanceof JpAuditError) post({ kind: 'error', code: e.code, params: { ...e.params } });
  // SheetJS says what it refuses (a password, an unknown version) with a plain Error; a TypeError or
  // RangeError is its code tripping over a broken structure, whose wording would mean nothing to a user.
  else if (e instanceof Error && e.constructor === Error) post({ kind: 'error', code: 'xls-unreadable', params: { detail: e.message.split('\n')[0]!.slice(0, 200) } });
  else post({ kind: 'error', code: 'xls-unreadable', params: { detail: 'broken structure' } });
});
