import type { Cell as XCell, Workbook, Worksheet } from 'exceljs';
import { catalogue } from '../../i18n/index.js';
import { loadExcelJs } from '../../io/xlsx.js';
import { safeCell } from '../cells.js';
import type { Report } from '../model.js';
import { inYear, needsAttention } from '../status.js';
import type { RenderContext, Renderer } from './types.js';

const JP_FORMAT = '#,##0.0##';
const RATE_FORMAT = '0.0%';
const DATE_FORMAT = 'dd/mm/yyyy';
const NON_COMPLIANT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const;

/** Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`, unique, not `History`. */
export function sheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return wanted.map((w) => {
    let base = w.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim().slice(0, 31).trim() || 'OPD';
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

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/** A sheet whose first row is a header: bold, frozen, with an autofilter and sensible widths. */
function tableSheet(wb: Workbook, name: string, columns: Column[], rows: Array<Array<unknown>>, startRow = 1): Worksheet {
  const ws = wb.getWorksheet(name) ?? wb.addWorksheet(name);
  ws.views = [{ state: 'frozen', ySplit: startRow, xSplit: 0 }];
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
function fit(header: string, values: Iterable<string>, min = 8, max = 60): number {
  let w = header.length;
  for (const v of values) if (v.length > w) w = v.length;
  return Math.min(max, Math.max(min, w + 2));
}

/**
 * The Excel report: an overview sheet, a sheet per OPD (in the `full` view), the findings and the
 * inputs' accounting. NIPs are text, JP and rates numbers with formats, dates dates; header rows are
 * frozen and filtered, non-compliant rows highlighted; the document properties say what it is.
 */
export const xlsxRenderer: Renderer = {
  extension: 'xlsx',
  binary: true,
  perOpd: true,
  async render(report: Report, ctx: RenderContext) {
    const ExcelJS = await loadExcelJs();
    const cat = catalogue(ctx.lang);
    const l = cat.labels;
    const d = l.doc;
    const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
    const wb = new ExcelJS.Workbook();
    const req = report.policy.requirements;
    wb.creator = 'jp-audit';
    wb.lastModifiedBy = 'jp-audit';
    wb.created = ctx.generatedAt;
    wb.modified = ctx.generatedAt;
    const opdTitle = ctx.view === 'opd' && report.byOpd[0] ? d.opdReport({ opd: report.byOpd[0].opd, year: report.year }) : l.title({ year: report.year });
    wb.title = opdTitle;
    wb.subject = `${d.period} ${report.year}`;
    wb.keywords = `jp-audit year=${report.year} PNS=${req.PNS.min} PPPK=${req.PPPK.min} CPNS=${req.CPNS.min}`;
    wb.description = d.policy({ PNS: req.PNS.min, PPPK: req.PPPK.min, CPNS: req.CPNS.min });

    const opdSheets = ctx.view === 'overview' ? [] : report.byOpd.map((o) => o.opd);
    const fixed = [d.overviewSheet, d.findingsSheet, d.inputsSheet];
    const names = sheetNames(opdSheets, fixed);

    // Overview: title, period as real dates, headline figures, then the per-OPD recap table.
    const ov = wb.addWorksheet(d.overviewSheet);
    ov.getCell('A1').value = opdTitle;
    ov.getCell('A1').font = { bold: true, size: 14 };
    ov.getCell('A2').value = d.period;
    ov.getCell('B2').value = new Date(Date.UTC(report.year, 0, 1));
    ov.getCell('C2').value = new Date(Date.UTC(report.year, 11, 31));
    ov.getCell('B2').numFmt = DATE_FORMAT;
    ov.getCell('C2').numFmt = DATE_FORMAT;
    ov.getCell('A3').value = d.policy({ PNS: req.PNS.min, PPPK: req.PPPK.min, CPNS: req.CPNS.min });
    const s = report.summary;
    const headline: Array<[string, number | null, string | undefined]> = [
      [l.employees, s.employees, undefined],
      [l.compliant, s.compliant, undefined],
      inYear(report) ? [l.atRisk, s.atRisk, undefined] : [l.nonCompliant, s.nonCompliant, undefined],
      [l.rate, s.complianceRate, RATE_FORMAT],
      [l.totalJp, s.totalJp, JP_FORMAT],
    ];
    headline.forEach(([label, value, fmt], i) => {
      ov.getCell(5 + i, 1).value = label;
      ov.getCell(5 + i, 1).font = { bold: true };
      const c = ov.getCell(5 + i, 2);
      c.value = value;
      if (fmt) c.numFmt = fmt;
    });
    const recapStart = 5 + headline.length + 1;
    tableSheet(
      wb,
      d.overviewSheet,
      [
        { header: l.opd, width: fit(l.opd, report.byOpd.map((o) => o.opd), 24) },
        { header: l.employees, width: 12 },
        { header: l.compliant, width: 12 },
        { header: l.nonCompliant, width: 16 },
        { header: l.rate, width: 12, numFmt: RATE_FORMAT },
        { header: l.totalJp, width: 12, numFmt: JP_FORMAT },
        { header: l.averageJp, width: 14, numFmt: JP_FORMAT },
      ],
      report.byOpd.map((o) => [text(o.opd), o.employees, o.compliant, o.nonCompliant, o.complianceRate, o.totalJp, o.averageJp]),
      recapStart,
    );
    ov.getRow(1).height = 20;

    // One sheet per OPD: every employee, non-compliant ones highlighted.
    const employeeColumns = (rows: Report['employees']): Column[] => [
      { header: l.nip, width: 21, numFmt: '@' },
      { header: l.name, width: fit(l.name, rows.map((e) => e.name), 20) },
      { header: l.type, width: 8 },
      { header: l.jp, width: 9, numFmt: JP_FORMAT },
      { header: l.requiredJp, width: 11, numFmt: JP_FORMAT },
      { header: l.shortfall, width: 11, numFmt: JP_FORMAT },
      { header: l.status, width: fit(l.status, Object.values(l.statuses)) },
      { header: l.records, width: 14 },
      { header: l.expectedJp, width: 14, numFmt: JP_FORMAT },
      { header: l.months, width: 8 },
      { header: l.reason, width: fit(l.reason, rows.map((e) => e.exemptReason ?? ''), 12, 40) },
    ];
    opdSheets.forEach((opd, i) => {
      const rows = report.employees.filter((e) => e.opd === opd);
      const ws = tableSheet(
        wb,
        names[i]!,
        employeeColumns(rows),
        rows.map((e) => [e.nip, text(e.name), e.type, e.jp, e.requiredJp, e.shortfallJp, l.statuses[e.status], e.records, e.expectedJp, e.months, e.exemptReason === null ? null : text(e.exemptReason)]),
      );
      rows.forEach((e, r) => {
        if (needsAttention(e.status)) ws.getRow(r + 2).eachCell((c) => (c.fill = NON_COMPLIANT_FILL));
      });
    });

    tableSheet(
      wb,
      d.findingsSheet,
      [
        { header: d.code, width: fit(d.code, report.findings.map((f) => f.code)) },
        { header: d.severity, width: 12 },
        { header: d.file, width: fit(d.file, report.findings.map((f) => f.file), 10, 40) },
        { header: d.row, width: 8 },
        { header: d.column, width: 16 },
        { header: d.value, width: 22 },
        { header: d.message, width: 90 },
      ],
      report.findings.map((f) => [f.code, l.severity[f.severity], text(f.file), f.row, f.column === null ? null : text(f.column), f.value === null ? null : text(f.value), text(f.message)]),
    );

    tableSheet(
      wb,
      d.inputsSheet,
      [
        { header: d.file, width: fit(d.file, report.inputs.map((i) => i.file), 10, 50) },
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
      report.inputs.map((i) => [text(i.file), l.roles[i.role], i.format, i.encoding ?? i.sheet, i.headerRow, i.rows, i.accepted, i.rejected, i.duplicates, i.outsidePeriod, i.unknownNip, i.counted, i.blankRows]),
    );

    const buf = await wb.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  },
};
