import { stringify } from 'csv-stringify/sync';
import { catalogue } from '../../i18n/index.js';
import { safeCell } from '../../report/cells.js';
import type { Renderer } from '../../report/render/types.js';
import type { LatsarReport } from '../report.js';

/** One row per CPNS: days and JP per phase, total, status; the overview view is one row per OPD. */
export const latsarCsv: Renderer<LatsarReport> = {
  extension: 'csv',
  binary: false,
  perOpd: true,
  render(report, ctx) {
    const l = catalogue(ctx.lang).labels;
    const t = l.latsar;
    const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
    const rows: Array<Array<string | number | null>> = [];
    if (ctx.view === 'overview') {
      rows.push([l.opd, t.participants, t.complete, t.incomplete, t.completionRate, t.totalJp]);
      for (const o of report.byOpd) rows.push([text(o.opd), o.participants, o.complete, o.incomplete, o.completionRate, o.totalJp]);
    } else {
      const phases = report.curriculum.phases.map((p) => p.id);
      rows.push([l.nip, l.name, l.opd, ...phases.flatMap((id) => [`${t.phases[id]} (${t.days})`, `${t.phases[id]} (JP)`]), t.totalJp, t.requiredJp, l.status]);
      for (const p of report.participants) {
        rows.push([p.nip, text(p.name), text(p.opd), ...p.phases.flatMap((ph) => [ph.days, ph.jp]), p.totalJp, p.requiredJp, t.statuses[p.status]]);
      }
    }
    return stringify(rows, { record_delimiter: 'unix' });
  },
};
