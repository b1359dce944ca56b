import { catalogue } from '../../i18n/index.js';
import { loadExcelJs } from '../../io/xlsx.js';
import { safeCell } from '../cells.js';
import { type Column, DATE_FORMAT, findingsSheet, fit, headlineBlock, inputsSheet, JP_FORMAT, NON_COMPLIANT_FILL, RATE_FORMAT, sheetNames, tableSheet } from '../xlsx/sheet.js';
import type { Report } from '../model.js';
import { inYear, needsAttention } from '../status.js';
import type { RenderContext, Renderer } from './types.js';


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
    const during = inYear(report);
    type Line = [string, number | null, string | undefined];
    const headline: Line[] = [
      [l.employees, s.employees, undefined],
      [l.audited, s.audited, undefined],
      [l.compliant, s.compliant, undefined],
      ...(during ? [[l.onTrack, s.onTrack, undefined] as Line, [l.atRisk, s.atRisk, undefined] as Line] : [[l.nonCompliant, s.nonCompliant, undefined] as Line]),
      [l.exempt, s.exempt, undefined],
      [l.notApplicable, s.notApplicable, undefined],
      [l.rate, s.complianceRate, RATE_FORMAT],
      [l.totalJp, s.totalJp, JP_FORMAT],
    ];
    headlineBlock(ov, 5, headline);
    const recapStart = 5 + headline.length + 1;
    // Exempt and not-applicable employees are counted apart, as in every report.
    tableSheet(
      wb,
      d.overviewSheet,
      [
        { header: l.opd, width: fit(l.opd, report.byOpd.map((o) => o.opd), 24) },
        { header: l.employees, width: 12 },
        { header: l.audited, width: 12 },
        { header: l.compliant, width: 12 },
        ...(during ? [{ header: l.onTrack, width: 14 }, { header: l.atRisk, width: 12 }] : [{ header: l.nonCompliant, width: 16 }]),
        { header: l.exempt, width: 14 },
        { header: l.notApplicable, width: 14 },
        { header: l.rate, width: 12, numFmt: RATE_FORMAT },
        { header: l.totalJp, width: 12, numFmt: JP_FORMAT },
        { header: l.averageJp, width: 14, numFmt: JP_FORMAT },
      ],
      report.byOpd.map((o) => [
        text(o.opd),
        o.employees,
        o.audited,
        o.compliant,
        ...(during ? [o.onTrack, o.atRisk] : [o.nonCompliant]),
        o.exempt,
        o.notApplicable,
        o.complianceRate,
        o.totalJp,
        o.averageJp,
      ]),
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

    findingsSheet(wb, d.findingsSheet, report.findings, l, text);
    inputsSheet(wb, d.inputsSheet, report.inputs, l, text);

    const buf = await wb.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  },
};
