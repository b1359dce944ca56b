import { Chalk } from 'chalk';
import { type Column, fittedTable } from '../../report/render/fit.js';
import { catalogue } from '../../i18n/index.js';
import type { Renderer } from '../../report/render/types.js';
import type { LatsarReport } from '../report.js';
import { curriculumText } from './curriculum.js';
import { formatters } from '../../report/format.js';

/** The terminal report: summary, per OPD, then each CPNS with days and JP per phase, incomplete first. */
export const latsarTable: Renderer<LatsarReport> = {
  extension: 'txt',
  binary: false,
  perOpd: false,
  render(report, ctx) {
    const l = catalogue(ctx.lang).labels;
    const t = l.latsar;
    const c = new Chalk({ level: ctx.color ? 1 : 0 });
    const { num, pct } = formatters(ctx.lang);
    const table = (columns: Column[], rows: string[][]) => fittedTable(columns, rows, ctx.width, (h) => c.bold(h));
    const s = report.summary;
    const out: string[] = [c.bold(t.title), t.curriculum({ totalJp: report.curriculum.totalJp, phases: curriculumText(report, t.phases, t.days) })];
    out.push(`${t.participants}: ${num.format(s.participants)} · ${t.complete}: ${c.green(num.format(s.complete))} · ${t.incomplete}: ${s.incomplete ? c.red(num.format(s.incomplete)) : '0'} · ${t.completionRate}: ${pct(s.completionRate)}`);
    const notCpns = report.inputs[0]?.notApplicable ?? 0;
    if (notCpns) out.push(t.notCpns({ count: notCpns }));
    out.push('');

    const opdRows = report.byOpd.map((r) => [r.opd, num.format(r.participants), num.format(r.complete), r.incomplete ? c.red(num.format(r.incomplete)) : '0', pct(r.completionRate)]);
    out.push(c.bold(l.byOpd), table([{ head: l.opd }, { head: t.participants, align: 'right' }, { head: t.complete, align: 'right' }, { head: t.incomplete, align: 'right' }, { head: t.completionRate, align: 'right' }], opdRows), '');

    const phaseIds = report.curriculum.phases.map((p) => p.id);
    const columns: Column[] = [{ head: l.nip, keep: true }, { head: l.name }, ...phaseIds.map((id) => ({ head: t.phases[id], align: 'right' as const })), { head: t.totalJp, align: 'right' }, { head: l.status }];
    let opd: string | undefined;
    let rows: string[][] = [];
    const flush = () => rows.length && out.push(table(columns, rows));
    for (const p of report.participants) {
      if (p.opd !== opd) {
        flush();
        rows = [];
        opd = p.opd;
        out.push(c.underline(p.opd));
      }
      const cells = p.phases.map((ph) => {
        const short = ph.days < ph.requiredDays || (ph.jpTarget !== null && ph.jp < ph.jpTarget);
        const text = `${ph.days}/${ph.requiredDays} ${t.days}\n${num.format(ph.jp)}${ph.jpTarget !== null ? `/${num.format(ph.jpTarget)}` : ''} JP`;
        return short ? c.red(text) : text;
      });
      const total = `${num.format(p.totalJp)}/${num.format(p.requiredJp)}`;
      rows.push([p.nip, p.name, ...cells, p.totalJp < p.requiredJp ? c.red(total) : total, p.status === 'complete' ? c.green(t.statuses.complete) : c.red(t.statuses.incomplete)]);
    }
    flush();
    if (s.incomplete === 0) out.push(c.green(t.allComplete));
    out.push('', c.bold(l.inputs));
    for (const i of report.inputs) {
      out.push(`- ${i.file} (${l.roles[i.role]}): ${l.accounting({ rows: i.rows, accepted: i.accepted, rejected: i.rejected, duplicates: i.duplicates })}${i.blankRows ? `; ${l.blankRows({ count: i.blankRows })}` : ''}`);
    }
    out.push('', c.bold(l.findings));
    if (report.findings.length === 0) out.push(l.noFindings);
    for (const f of report.findings.slice(0, 20)) {
      const where = [f.file, f.row !== null ? String(f.row) : null].filter(Boolean).join(':');
      out.push(`- ${l.severity[f.severity]}: ${catalogue(ctx.lang).codeLabels[f.code]} ${where}${f.column !== null ? ` [${f.column}${f.value !== null ? ` = ${f.value}` : ''}]` : ''}: ${f.message}`);
    }
    if (report.findings.length > 20) out.push(l.moreFindings({ count: report.findings.length - 20 }));
    return `${out.join('\n')}\n`;
  },
};
