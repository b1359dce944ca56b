import { Chalk } from 'chalk';
import { catalogue } from '../../i18n/index.js';
import { longDate } from '../dates.js';
import { closing, employeeNote, rejectedStaffRows, shortList } from '../figures.js';
import type { Report } from '../model.js';
import { inYear } from '../status.js';
import { type Column, fittedTable } from './fit.js';
import type { Renderer } from './types.js';
import { formatters } from '../format.js';

const MAX_FINDINGS_SHOWN = 20;

/** The terminal report: summary, per-OPD table, then who needs attention, by OPD. */
export const tableRenderer: Renderer = {
  extension: 'txt',
  binary: false,
  perOpd: false,
  render(report: Report, ctx) {
    const cat = catalogue(ctx.lang);
    const l = cat.labels;
    const c = new Chalk({ level: ctx.color ? 1 : 0 });
    const { num, pct } = formatters(ctx.lang);
    const table = (columns: Column[], rows: string[][]) => fittedTable(columns, rows, ctx.width, (h) => c.bold(h));
    const out: string[] = [];
    const s = report.summary;
    const during = inYear(report);
    const [y, m, d] = report.asOf.split('-').map(Number) as [number, number, number];
    const red = (n: number) => (n ? c.red(num.format(n)) : '0');

    out.push(c.bold(l.title({ year: report.year })));
    if (report.generatedAt) out.push(`${l.doc.generated}: ${report.generatedAt}`);
    if (during) out.push(l.asOfLine({ date: longDate(y, m, d, ctx.lang) }));
    const rejected = rejectedStaffRows(report);
    const parts = [`${l.employees}: ${num.format(s.employees)}${rejected ? ` ${l.rejectedStaff({ count: num.format(rejected) })}` : ''}`];
    if (s.audited !== s.employees) parts.push(`${l.audited}: ${num.format(s.audited)}`);
    parts.push(`${l.compliant}: ${c.green(num.format(s.compliant))}`);
    if (during) parts.push(`${l.onTrack}: ${num.format(s.onTrack)}`, `${l.atRisk}: ${red(s.atRisk)}`);
    else parts.push(`${l.nonCompliant}: ${red(s.nonCompliant)}`);
    parts.push(`${l.rate}: ${pct(s.complianceRate)}`);
    out.push(parts.join(' · '));
    if (s.exempt || s.notApplicable) out.push(`${l.exempt}: ${num.format(s.exempt)} · ${l.notApplicable}: ${num.format(s.notApplicable)}`);
    out.push('');

    // Columns that only mean something in some runs are shown only then; exempt and
    // not-applicable employees are counted apart, as in every format.
    const bad = during ? l.atRisk : l.nonCompliant;
    const badOf = (x: { nonCompliant: number; atRisk: number }) => (during ? x.atRisk : x.nonCompliant);
    const withExempt = s.exempt > 0;
    const withNa = s.notApplicable > 0;
    type Counted = { employees: number; compliant: number; onTrack: number; nonCompliant: number; atRisk: number; exempt: number; notApplicable: number; complianceRate: number | null };
    const countColumns: Column[] = [
      { head: l.employees, align: 'right' },
      { head: l.compliant, align: 'right' },
      ...(during ? [{ head: l.onTrack, align: 'right' as const }] : []),
      { head: bad, align: 'right' },
      ...(withExempt ? [{ head: l.exempt, align: 'right' as const }] : []),
      ...(withNa ? [{ head: l.notApplicable, align: 'right' as const }] : []),
      { head: l.rate, align: 'right' },
    ];
    const countCells = (r: Counted, colour: boolean) => [
      num.format(r.employees),
      num.format(r.compliant),
      ...(during ? [num.format(r.onTrack)] : []),
      colour ? red(badOf(r)) : num.format(badOf(r)),
      ...(withExempt ? [num.format(r.exempt)] : []),
      ...(withNa ? [num.format(r.notApplicable)] : []),
      pct(r.complianceRate),
    ];
    if (report.byType.length > 1) {
      out.push(c.bold(l.byType), table([{ head: l.type }, ...countColumns], report.byType.map((r) => [r.type, ...countCells(r, false)])), '');
    }
    out.push(c.bold(l.byOpd), table([{ head: l.opd }, ...countColumns, { head: l.totalJp, align: 'right' }], report.byOpd.map((o) => [o.opd, ...countCells(o, true), num.format(o.totalJp)])), '');

    const failing = shortList(report.employees);
    if (failing.length === 0) {
      const end = closing(report, s);
      if (end.kind === 'all-comply') out.push(c.green(l.allComply), '');
      else if (end.kind === 'none-at-risk') out.push(c.green(l.noneAtRisk({ onTrack: num.format(end.onTrack), compliant: num.format(end.compliant), audited: num.format(end.audited) })), '');
      else out.push(l.nobodyAudited, '');
    } else {
      out.push(c.bold(`${during ? l.attentionList : l.nonCompliantList} (${num.format(failing.length)})`));
      const columns: Column[] = [{ head: l.nip, keep: true }, { head: l.name }, { head: l.type }, { head: l.jp, align: 'right' }, ...(during ? [{ head: l.expectedJp, align: 'right' as const }] : []), { head: l.requiredJp, align: 'right' }, { head: l.shortfall, align: 'right' }];
      const notes = failing.some((e) => employeeNote(e, l.notes) !== '');
      if (notes) columns.push({ head: l.reason });
      let i = 0;
      while (i < failing.length) {
        const opd = failing[i]!.opd;
        const rows: string[][] = [];
        for (; i < failing.length && failing[i]!.opd === opd; i++) {
          const e = failing[i]!;
          rows.push([e.nip, e.name, e.type, num.format(e.jp), ...(during ? [num.format(e.expectedJp)] : []), num.format(e.requiredJp), c.red(num.format(e.shortfallJp)), ...(notes ? [employeeNote(e, l.notes)] : [])]);
        }
        out.push(c.underline(opd), table(columns, rows));
      }
      out.push('');
    }

    const notAudited = report.employees.filter((e) => e.status === 'exempt' || e.status === 'not-applicable');
    if (notAudited.length) {
      const rows = notAudited.map((e) => [e.nip, e.name, e.opd, l.statuses[e.status], employeeNote(e, l.notes)]);
      out.push(c.bold(l.notAuditedList({ count: num.format(notAudited.length) })), table([{ head: l.nip, keep: true }, { head: l.name }, { head: l.opd }, { head: l.status }, { head: l.reason }], rows), '');
    }

    out.push(c.bold(l.inputs));
    for (const i of report.inputs) {
      const { rows, accepted, rejected, duplicates, counted, outsidePeriod, unknownNip } = i;
      let line = `- ${i.file} (${l.roles[i.role]}): ${l.accounting({ rows, accepted, rejected, duplicates })}`;
      if (i.role === 'training' || i.role === 'combined') line += `; ${(during ? l.accountingTrainingAsOf : l.accountingTraining)({ counted, outsidePeriod, unknownNip })}`;
      if (i.blankRows) line += `; ${l.blankRows({ count: i.blankRows })}`;
      out.push(line);
    }
    out.push('');

    out.push(c.bold(l.findings));
    const f = report.findings;
    if (f.length === 0) out.push(l.noFindings);
    else {
      const count = (sev: string) => f.filter((x) => x.severity === sev).length;
      out.push(l.findingsSummary({ count: f.length, errors: count('error'), warnings: count('warning'), infos: count('info') }));
      const color = { error: c.red, warning: c.yellow, info: c.dim };
      for (const x of f.slice(0, MAX_FINDINGS_SHOWN)) {
        const where = [x.file, x.row !== null ? String(x.row) : null].filter(Boolean).join(':');
        const col = x.column !== null ? ` [${x.column}${x.value !== null ? ` = ${x.value}` : ''}]` : '';
        out.push(`- ${color[x.severity](`${l.severity[x.severity]}: ${cat.codeLabels[x.code]}`)} ${where}${col}: ${x.message}`);
      }
      if (f.length > MAX_FINDINGS_SHOWN) out.push(l.moreFindings({ count: f.length - MAX_FINDINGS_SHOWN }));
    }
    return `${out.join('\n')}\n`;
  },
};
