import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { catalogue } from '../../i18n/index.js';
import type { Renderer } from '../../report/render/types.js';
import type { LatsarReport } from '../report.js';
import { curriculumText } from './index.js';
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
    const table = (head: string[], align: Array<'left' | 'right'>) =>
      new Table({ head: head.map((h) => c.bold(h)), colAligns: align, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
    const s = report.summary;
    const out: string[] = [c.bold(t.title), t.curriculum({ totalJp: report.curriculum.totalJp, phases: curriculumText(report, t.phases, t.days) })];
    out.push(`${t.participants}: ${num.format(s.participants)} · ${t.complete}: ${c.green(num.format(s.complete))} · ${t.incomplete}: ${s.incomplete ? c.red(num.format(s.incomplete)) : '0'} · ${t.completionRate}: ${pct(s.completionRate)}`);
    const notCpns = report.inputs[0]?.notApplicable ?? 0;
    if (notCpns) out.push(t.notCpns({ count: notCpns }));
    out.push('');

    const o = table([l.opd, t.participants, t.complete, t.incomplete, t.completionRate], ['left', 'right', 'right', 'right', 'right']);
    for (const r of report.byOpd) o.push([r.opd, num.format(r.participants), num.format(r.complete), r.incomplete ? c.red(num.format(r.incomplete)) : '0', pct(r.completionRate)]);
    out.push(c.bold(l.byOpd), o.toString(), '');

    const phaseIds = report.curriculum.phases.map((p) => p.id);
    let opd: string | undefined;
    let tt: Table.Table | undefined;
    const flush = () => tt && out.push(tt.toString());
    for (const p of report.participants) {
      if (p.opd !== opd) {
        flush();
        opd = p.opd;
        out.push(c.underline(p.opd));
        tt = table([l.nip, l.name, ...phaseIds.map((id) => t.phases[id]), t.totalJp, l.status], ['left', 'left', ...phaseIds.map(() => 'right' as const), 'right', 'left']);
      }
      const cells = p.phases.map((ph) => {
        const short = ph.days < ph.requiredDays || (ph.jpTarget !== null && ph.jp < ph.jpTarget);
        const text = `${ph.days}/${ph.requiredDays} ${t.days}\n${num.format(ph.jp)}${ph.jpTarget !== null ? `/${num.format(ph.jpTarget)}` : ''} JP`;
        return short ? c.red(text) : text;
      });
      const total = `${num.format(p.totalJp)}/${num.format(p.requiredJp)}`;
      tt!.push([p.nip, p.name, ...cells, p.totalJp < p.requiredJp ? c.red(total) : total, p.status === 'complete' ? c.green(t.statuses.complete) : c.red(t.statuses.incomplete)]);
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
      out.push(`- ${l.severity[f.severity]} ${f.code} ${where}${f.column !== null ? ` [${f.column}${f.value !== null ? ` = ${f.value}` : ''}]` : ''}: ${f.message}`);
    }
    if (report.findings.length > 20) out.push(l.moreFindings({ count: report.findings.length - 20 }));
    return `${out.join('\n')}\n`;
  },
};
