import { catalogue } from '../../i18n/index.js';
import { loadExcelJs } from '../../io/xlsx.js';
import { safeCell } from '../../report/cells.js';
import type { Renderer } from '../../report/render/types.js';
import { type Column, findingsSheet, fit, headlineBlock, inputsSheet, JP_FORMAT, NON_COMPLIANT_FILL, RATE_FORMAT, sheetNames, tableSheet } from '../../report/xlsx/sheet.js';
import type { LatsarReport } from '../report.js';
import { curriculumText } from './curriculum.js';

/** The Latsar workbook: an overview, a sheet per OPD (days and JP per phase), findings, inputs. */
export const latsarXlsx: Renderer<LatsarReport> = {
  extension: 'xlsx',
  binary: true,
  perOpd: true,
  async render(report, ctx) {
    const ExcelJS = await loadExcelJs();
    const l = catalogue(ctx.lang).labels;
    const t = l.latsar;
    const d = l.doc;
    const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
    const wb = new ExcelJS.Workbook();
    const title = ctx.view === 'opd' && report.byOpd[0] ? t.opdTitle({ opd: report.byOpd[0].opd }) : t.title;
    wb.creator = 'jp-audit';
    wb.created = ctx.generatedAt;
    wb.modified = ctx.generatedAt;
    wb.title = title;
    wb.subject = 'Latsar CPNS';
    wb.keywords = `jp-audit latsar totalJp=${report.curriculum.totalJp}`;
    wb.description = t.curriculum({ totalJp: report.curriculum.totalJp, phases: curriculumText(report, t.phases, t.days) });

    const ov = wb.addWorksheet(d.overviewSheet);
    ov.getCell('A1').value = title;
    ov.getCell('A1').font = { bold: true, size: 14 };
    ov.getCell('A2').value = wb.description;
    const s = report.summary;
    const head: Array<[string, number | null, string | undefined]> = [
      [t.participants, s.participants, undefined],
      [t.complete, s.complete, undefined],
      [t.incomplete, s.incomplete, undefined],
      [t.completionRate, s.completionRate, RATE_FORMAT],
    ];
    headlineBlock(ov, 4, head);
    tableSheet(
      wb,
      d.overviewSheet,
      [
        { header: l.opd, width: fit(l.opd, report.byOpd.map((o) => o.opd), 24) },
        { header: t.participants, width: 12 },
        { header: t.complete, width: 12 },
        { header: t.incomplete, width: 14 },
        { header: t.completionRate, width: 18, numFmt: RATE_FORMAT },
        { header: t.totalJp, width: 12, numFmt: JP_FORMAT },
      ],
      report.byOpd.map((o) => [text(o.opd), o.participants, o.complete, o.incomplete, o.completionRate, o.totalJp]),
      9,
    );

    const opds = ctx.view === 'overview' ? [] : report.byOpd.map((o) => o.opd);
    const names = sheetNames(opds, [d.overviewSheet, d.findingsSheet, d.inputsSheet]);
    const phases = report.curriculum.phases;
    opds.forEach((opd, i) => {
      const rows = report.participants.filter((p) => p.opd === opd);
      const columns: Column[] = [
        { header: l.nip, width: 21, numFmt: '@' },
        { header: l.name, width: fit(l.name, rows.map((p) => p.name), 20) },
        ...phases.flatMap((p): Column[] => [
          { header: `${t.phases[p.id]} (${t.days}/${p.days})`, width: 14 },
          { header: `${t.phases[p.id]} (JP)`, width: 12, numFmt: JP_FORMAT },
        ]),
        { header: t.totalJp, width: 10, numFmt: JP_FORMAT },
        { header: t.requiredJp, width: 10, numFmt: JP_FORMAT },
        { header: l.status, width: 14 },
      ];
      const ws = tableSheet(
        wb,
        names[i]!,
        columns,
        rows.map((p) => [p.nip, text(p.name), ...p.phases.flatMap((ph) => [ph.days, ph.jp]), p.totalJp, p.requiredJp, t.statuses[p.status]]),
      );
      rows.forEach((p, r) => {
        if (p.status === 'incomplete') ws.getRow(r + 2).eachCell((c) => (c.fill = NON_COMPLIANT_FILL));
      });
    });
    findingsSheet(wb, d.findingsSheet, report.findings, catalogue(ctx.lang), text);
    inputsSheet(wb, d.inputsSheet, report.inputs, l, text);
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  },
};
