import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { catalogue } from '../../i18n/index.js';
import { longDate } from '../dates.js';
import type { Report } from '../model.js';
import { inYear, needsAttention } from '../status.js';
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
    const table = (head: string[], align: Array<'left' | 'right'>) =>
      new Table({
        head: head.map((h) => c.bold(h)),
        colAligns: align,
        style: { head: [], border: [] },
        // No rule between body rows: long lists stay readable.
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
    const out: string[] = [];
    const s = report.summary;
    const during = inYear(report);
    const [y, m, d] = report.asOf.split('-').map(Number) as [number, number, number];
    const red = (n: number) => (n ? c.red(num.format(n)) : '0');

    out.push(c.bold(l.title({ year: report.year })));
    if (report.generatedAt) out.push(`${l.doc.generated}: ${report.generatedAt}`);
    if (during) out.push(l.asOfLine({ date: longDate(y, m, d, ctx.lang) }));
    const parts = [`${l.employees}: ${num.format(s.employees)}`];
    if (s.audited !== s.employees) parts.push(`${l.audited}: ${num.format(s.audited)}`);
    parts.push(`${l.compliant}: ${c.green(num.format(s.compliant))}`);
    if (during) parts.push(`${l.onTrack}: ${num.format(s.onTrack)}`, `${l.atRisk}: ${red(s.atRisk)}`);
    else parts.push(`${l.nonCompliant}: ${red(s.nonCompliant)}`);
    parts.push(`${l.rate}: ${pct(s.complianceRate)}`);
    out.push(parts.join(' · '));
    if (s.exempt || s.notApplicable) out.push(`${l.exempt}: ${num.format(s.exempt)} · ${l.notApplicable}: ${num.format(s.notApplicable)}`);
    out.push('');

    // Columns that only mean something in some runs are shown only then.
    const bad = during ? l.atRisk : l.nonCompliant;
    const badOf = (x: { nonCompliant: number; atRisk: number }) => (during ? x.atRisk : x.nonCompliant);
    const extra = s.exempt + s.notApplicable > 0;
    if (report.byType.length > 1) {
      const t = table([l.type, l.employees, l.compliant, ...(during ? [l.onTrack] : []), bad, ...(extra ? [l.exempt] : [])], ['left', 'right', 'right', 'right', 'right', 'right']);
      for (const r of report.byType) {
        t.push([r.type, num.format(r.employees), num.format(r.compliant), ...(during ? [num.format(r.onTrack)] : []), num.format(badOf(r)), ...(extra ? [num.format(r.exempt + r.notApplicable)] : [])]);
      }
      out.push(c.bold(l.byType), t.toString(), '');
    }

    const t = table([l.opd, l.employees, l.compliant, ...(during ? [l.onTrack] : []), bad, ...(extra ? [l.exempt] : []), l.rate, l.totalJp], ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']);
    for (const o of report.byOpd) {
      t.push([o.opd, num.format(o.employees), num.format(o.compliant), ...(during ? [num.format(o.onTrack)] : []), red(badOf(o)), ...(extra ? [num.format(o.exempt + o.notApplicable)] : []), pct(o.complianceRate), num.format(o.totalJp)]);
    }
    out.push(c.bold(l.byOpd), t.toString(), '');

    const failing = report.employees.filter((e) => needsAttention(e.status));
    if (failing.length === 0) out.push(c.green(l.allComply), '');
    else {
      out.push(c.bold(`${during ? l.attentionList : l.nonCompliantList} (${num.format(failing.length)})`));
      let opd: string | undefined;
      let tt: Table.Table | undefined;
      const flush = () => {
        if (tt) out.push(tt.toString());
      };
      for (const e of failing) {
        if (e.opd !== opd) {
          flush();
          opd = e.opd;
          out.push(c.underline(e.opd));
          tt = table([l.nip, l.name, l.type, l.jp, ...(during ? [l.expectedJp] : []), l.requiredJp, l.shortfall], ['left', 'left', 'left', 'right', 'right', 'right', 'right']);
        }
        tt!.push([e.nip, e.name, e.type, num.format(e.jp), ...(during ? [num.format(e.expectedJp)] : []), num.format(e.requiredJp), c.red(num.format(e.shortfallJp))]);
      }
      flush();
      out.push('');
    }

    const notAudited = report.employees.filter((e) => e.status === 'exempt' || e.status === 'not-applicable');
    if (notAudited.length) {
      const tx = table([l.nip, l.name, l.opd, l.status, l.reason], ['left', 'left', 'left', 'left', 'left']);
      for (const e of notAudited) tx.push([e.nip, e.name, e.opd, l.statuses[e.status], e.exemptReason ?? '']);
      out.push(c.bold(`${l.notAuditedList} (${num.format(notAudited.length)})`), tx.toString(), '');
    }

    out.push(c.bold(l.inputs));
    for (const i of report.inputs) {
      const { rows, accepted, rejected, duplicates, counted, outsidePeriod, unknownNip } = i;
      let line = `- ${i.file} (${l.roles[i.role]}): ${l.accounting({ rows, accepted, rejected, duplicates })}`;
      if (i.role === 'training' || i.role === 'combined') line += `; ${l.accountingTraining({ counted, outsidePeriod, unknownNip })}`;
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
        out.push(`- ${color[x.severity](`${l.severity[x.severity]} ${x.code}`)} ${where}${col}: ${x.message}`);
      }
      if (f.length > MAX_FINDINGS_SHOWN) out.push(l.moreFindings({ count: f.length - MAX_FINDINGS_SHOWN }));
    }
    return `${out.join('\n')}\n`;
  },
};
