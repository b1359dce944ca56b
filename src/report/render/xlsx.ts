import { employeeSource } from '../../audit/employees.js';
import type { EmployeeResult } from '../../audit/types.js';
import { catalogue } from '../../i18n/index.js';
import { safeCell } from '../cells.js';
import { periodText } from '../dates.js';
import { CHUNK } from '../chunks.js';
import type { Report } from '../model.js';
import { attentionFirst, opdAccount } from '../opd.js';
import { inYear, needsAttention } from '../status.js';
import { employeeNote } from '../figures.js';
import { excelSerial, type Look, type SheetRows, StreamedWorkbook } from '../xlsx/stream.js';
import { fit, sheetNames } from '../xlsx/sheet.js';
import type { RenderContext, Renderer } from './types.js';

/** Rows of the title block above each sheet's table: title, subject, period and policy, a blank row. */
const TITLE_ROWS = 4;

/**
 * The Excel report, written as a stream: an overview sheet, a sheet per OPD (in the `full` view),
 * the findings and the inputs' accounting. Every sheet prints landscape on A4, one page wide, with
 * a title block (the audit, the year, the OPD's full name on an OPD's sheet), its header row frozen,
 * filtered and repeated on each printed page. NIPs are text, JP whole numbers without decimals
 * (`10`, `2,5`), rates percentages, dates dates; non-compliant rows are filled.
 */
export const xlsxRenderer: Renderer = {
  extension: 'xlsx',
  binary: true,
  perOpd: true,
  async render(report: Report, ctx: RenderContext) {
    const parts: Uint8Array[] = [];
    await writeWorkbook(report, ctx, async (chunk) => {
      parts.push(chunk);
    });
    return new Uint8Array(Buffer.concat(parts));
  },
  async stream(report, ctx, write) {
    await writeWorkbook(report, ctx, write);
  },
};

async function writeWorkbook(report: Report, ctx: RenderContext, write: (chunk: Uint8Array) => Promise<void>): Promise<void> {
  const cat = catalogue(ctx.lang);
  const l = cat.labels;
  const d = l.doc;
  const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
  const req = report.policy.requirements;
  const policy = d.policy({ PNS: req.PNS.min, PPPK: req.PPPK.min, CPNS: req.CPNS.min });
  const oneOpd = ctx.view === 'opd' && report.byOpd.length === 1 ? report.byOpd[0]!.opd : null;
  const auditTitle = l.title({ year: report.year });
  const docTitle = oneOpd !== null ? d.opdReport({ opd: oneOpd, year: report.year }) : auditTitle;
  const book = await StreamedWorkbook.open(write, {
    title: docTitle,
    subject: `${d.period} ${report.year}`,
    keywords: `jp-audit year=${report.year} PNS=${req.PNS.min} PPPK=${req.PPPK.min} CPNS=${req.CPNS.min}`,
    description: policy,
    created: ctx.generatedAt,
  });
  const during = inYear(report);
  const opdSheets = ctx.view === 'overview' ? [] : report.byOpd.map((o) => o.opd);
  const names = sheetNames(opdSheets, [d.overviewSheet, d.findingsSheet, d.inputsSheet]);
  const period = `${d.period}: ${periodText(report.year, ctx.lang)}`;

  /** The title block: the audit and year, what the sheet holds (the OPD's full name), period and policy. */
  const titleBlock = (rows: SheetRows, subject: string) => {
    rows.add([{ v: docTitle, look: 'title' }], { height: 20 });
    rows.add([{ v: subject, look: 'subtitle' }], { height: 17 });
    rows.add([{ v: `${period} · ${policy}`, look: 'note' }]);
    rows.skip();
  };
  const headerRow = (rows: SheetRows, heads: readonly string[]) => rows.add(heads.map((h) => ({ v: h, look: 'header' as Look })), { height: 30 });

  // ---- Overview: headline figures, then the per-OPD recap (or this OPD's own accounting) ----
  const s = report.summary;
  type Line = [string, number | null, Look];
  const headline: Line[] = [
    [l.employees, s.employees, 'int'],
    [l.audited, s.audited, 'int'],
    [l.compliant, s.compliant, 'int'],
    ...(during ? [[l.onTrack, s.onTrack, 'int'] as Line, [l.atRisk, s.atRisk, 'int'] as Line] : [[l.nonCompliant, s.nonCompliant, 'int'] as Line]),
    [l.exempt, s.exempt, 'int'],
    [l.notApplicable, s.notApplicable, 'int'],
    [l.rate, s.complianceRate, 'rate'],
    [l.totalJp, s.totalJp, 'jp'],
  ];
  const recapHeads = [l.opd, l.employees, l.audited, l.compliant, ...(during ? [l.onTrack, l.atRisk] : [l.nonCompliant]), l.exempt, l.notApplicable, l.rate, l.totalJp, l.averageJp];
  const recapRow = headline.length + 1 + 2 + TITLE_ROWS + 1;
  {
    const opdWidth = fit(l.opd, report.byOpd.map((o) => o.opd), 24, 60);
    const labels = [...headline.map((h) => h[0]), ...(oneOpd === null ? [] : [d.rosterRows, d.recordsCounted, d.findingsNamingStaff])];
    const widths = [Math.max(oneOpd === null ? opdWidth : 0, fit('', labels, 16)), ...recapHeads.slice(1).map((h) => fit(h, [], 10, 16))];
    const rows = book.sheet({ name: d.overviewSheet, widths, header: docTitle, footer: d.overviewSheet, headerRow: oneOpd === null ? recapRow : null });
    titleBlock(rows, oneOpd ?? d.overviewSheet);
    rows.add([{ v: d.period, look: 'label' }, { v: excelSerial(report.year, 1, 1), look: 'date' }, { v: excelSerial(report.year, 12, 31), look: 'date' }]);
    rows.skip();
    for (const [label, value, look] of headline) rows.add([{ v: label, look: 'label' }, { v: value, look }]);
    rows.skip();
    if (oneOpd === null) {
      headerRow(rows, recapHeads);
      for (const o of report.byOpd) {
        rows.add([
          text(o.opd),
          o.employees,
          o.audited,
          o.compliant,
          ...(during ? [o.onTrack, o.atRisk] : [o.nonCompliant]),
          o.exempt,
          o.notApplicable,
          { v: o.complianceRate, look: 'rate' },
          { v: o.totalJp, look: 'jp' },
          { v: o.averageJp, look: 'jp' },
        ]);
      }
      await rows.end(recapHeads.length);
    } else {
      // A per-OPD file counts its own rows; the whole run's accounting is in the overview file.
      const a = opdAccount(report);
      rows.add([{ v: d.opdAccounting, look: 'subtitle' }]);
      rows.add([{ v: d.rosterRows, look: 'label' }, a.rosterRows]);
      rows.add([{ v: d.recordsCounted, look: 'label' }, a.recordsCounted]);
      rows.add([{ v: l.totalJp, look: 'label' }, { v: a.totalJp, look: 'jp' }]);
      rows.add([{ v: d.findingsNamingStaff, look: 'label' }, a.findings]);
      rows.add([{ v: d.opdAccountingNote, look: 'note' }]);
      await rows.end(recapHeads.length);
    }
  }

  // ---- One sheet per OPD: every employee, those who need attention first and filled ----
  const source = employeeSource(report);
  let next = 0;
  for (const [i, opd] of opdSheets.entries()) {
    const count = report.byOpd[i]!.employees;
    // The OPD's employees are the next `count` of the result (sorted by OPD): a sheet's worth at a time.
    const staff: EmployeeResult[] = [];
    for (let k = next; k < next + count; k += CHUNK) for (const e of source.range(k, Math.min(next + count, k + CHUNK))) staff.push(e);
    next += count;
    const list = attentionFirst(staff);
    // Expected JP and months served say something only during the year, or for someone who served part of it.
    const detailed = during || list.some((e) => e.months < 12 || e.expectedJp !== e.requiredJp);
    const empHeads = [l.nip, l.name, l.type, l.status, l.jp, l.requiredJp, l.shortfall, ...(detailed ? [l.expectedJp, l.months] : []), l.records, l.reason];
    const widths = [21, fit(l.name, list.slice(0, 2000).map((e) => e.name), 20, 40), 7, fit(l.status, Object.values(l.statuses), 10, 16), 8, 9, 9, ...(detailed ? [11, 8] : []), 9, fit(l.reason, list.slice(0, 2000).map((e) => employeeNote(e, l.notes)), 12, 40)];
    const rows = book.sheet({ name: names[i]!, widths, header: docTitle, footer: opd, headerRow: TITLE_ROWS + 1 });
    titleBlock(rows, opd);
    headerRow(rows, empHeads);
    // Employee rows are the bulk of a large workbook: written cell by cell with their style ids.
    const plain = [rows.id('plain', false, true), rows.id('plain', true, true)] as const;
    const nipLook = [rows.id('text', false, true), rows.id('text', true, true)] as const;
    const whole = [rows.id('jp', false), rows.id('jp', true)] as const;
    const fraction = [rows.id('jpFraction', false), rows.id('jpFraction', true)] as const;
    const jp = (col: number, v: number, a: number) => rows.number(col, v, Number.isInteger(v) ? whole[a]! : fraction[a]!);
    const statusText = new Map(Object.entries(l.statuses));
    for (const e of list) {
      const a = needsAttention(e.status) ? 1 : 0;
      let col = 8;
      let xml =
        rows.text(1, e.nip, nipLook[a]) +
        rows.text(2, text(e.name), plain[a]) +
        rows.shared(3, e.type, plain[a]) +
        rows.shared(4, statusText.get(e.status)!, plain[a]) +
        jp(5, e.jp, a) +
        jp(6, e.requiredJp, a) +
        jp(7, e.shortfallJp, a);
      if (detailed) xml += jp(col++, e.expectedJp, a) + rows.number(col++, e.months, whole[a]);
      xml += rows.number(col++, e.records, whole[a]);
      // Why the duty is not the full year's, in the words of every other format.
      const note = employeeNote(e, l.notes);
      if (note !== '') xml += rows.text(col, text(note), plain[a]);
      rows.raw(xml);
    }
    ctx.onProgress?.(list.length);
    await rows.end(empHeads.length);
  }

  // ---- Findings and inputs ----
  {
    const f = report.findings;
    // The finding's short name to read, its code beside it to filter on.
    const heads = [d.finding, d.code, d.severity, d.file, d.row, d.column, d.value, d.message];
    const sample = f.slice(0, 2000);
    const widths = [fit(d.finding, sample.map((x) => cat.codeLabels[x.code]), 12, 34), fit(d.code, sample.map((x) => x.code), 10, 26), 11, fit(d.file, sample.map((x) => x.file), 10, 30), 7, 14, 20, 70];
    const rows = book.sheet({ name: d.findingsSheet, widths, header: docTitle, footer: d.findingsSheet, headerRow: TITLE_ROWS + 1 });
    titleBlock(rows, oneOpd === null ? l.findings : `${l.findings} · ${oneOpd}`);
    headerRow(rows, heads);
    for (const x of f) rows.add([cat.codeLabels[x.code], x.code, l.severity[x.severity], text(x.file), x.row, x.column === null ? null : text(x.column), x.value === null ? null : text(x.value), text(x.message)]);
    await rows.end(heads.length);
  }
  {
    const heads = [d.file, d.role, d.format, d.encoding, d.headerRow, d.rows, d.accepted, d.rejected, d.duplicates, d.outsidePeriod, d.unknownNip, d.counted, d.blankRows];
    const widths = [fit(d.file, report.inputs.map((i) => i.file), 10, 40), 10, 8, 12, 10, ...heads.slice(5).map((h) => fit(h, [], 9, 14))];
    const rows = book.sheet({ name: d.inputsSheet, widths, header: docTitle, footer: d.inputsSheet, headerRow: TITLE_ROWS + 1 });
    titleBlock(rows, oneOpd === null ? l.inputs : d.sources);
    headerRow(rows, heads);
    for (const i of report.inputs) rows.add([text(i.file), l.roles[i.role], i.format, i.encoding ?? i.sheet, i.headerRow, i.rows, i.accepted, i.rejected, i.duplicates, i.outsidePeriod, i.unknownNip, i.counted, i.blankRows]);
    await rows.end(heads.length);
  }
  await book.end();
}
