import { stringify } from 'csv-stringify/sync';
import { catalogue } from '../../i18n/index.js';
import { safeCell } from '../../report/cells.js';
import type { Renderer } from '../../report/render/types.js';
import type { DiffReport, Standing } from '../model.js';

/**
 * One row per changed employee, in the order of the JSON `changes`: the change, then status, JP and
 * required JP before and after, and the OPD before when it was another. Headers in the report's
 * language; numbers with a decimal point; empty cells where a side is absent.
 */
export const diffCsv: Renderer<DiffReport> = {
  extension: 'csv',
  binary: false,
  perOpd: false,
  render(report, ctx) {
    const l = catalogue(ctx.lang).labels;
    const d = l.diff;
    const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
    const side = (s: Standing | null) => (s === null ? ['', '', ''] : [l.statuses[s.status], s.jp, s.requiredJp]);
    const rows: Array<Array<string | number | null>> = [
      [
        l.nip,
        l.name,
        l.opd,
        d.change,
        `${l.status} (${d.before})`,
        `${l.jp} (${d.before})`,
        `${l.requiredJp} (${d.before})`,
        `${l.status} (${d.after})`,
        `${l.jp} (${d.after})`,
        `${l.requiredJp} (${d.after})`,
        d.jpGained,
        d.opdBefore,
      ],
    ];
    for (const x of report.changes) {
      const movedFrom = x.before && x.after && x.before.opd !== x.after.opd ? text(x.before.opd) : '';
      rows.push([x.nip, text(x.name), text(x.opd), d.kinds[x.change], ...side(x.before), ...side(x.after), x.jpGained, movedFrom]);
    }
    return stringify(rows, { record_delimiter: 'unix' });
  },
};
