import { stringify } from 'csv-stringify/sync';
import { catalogue } from '../../i18n/index.js';
import { safeCell } from '../cells.js';
import type { Renderer } from './types.js';

/**
 * One row per employee, sorted by OPD then NIP, headers in the report's language; the `overview`
 * view is one row per OPD instead.
 */
export const csvRenderer: Renderer = {
  extension: 'csv',
  binary: false,
  perOpd: true,
  render(report, ctx) {
    const l = catalogue(ctx.lang).labels;
    const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
    const rows: Array<Array<string | number | null>> = [];
    if (ctx.view === 'overview') {
      rows.push([l.opd, l.employees, l.audited, l.compliant, l.nonCompliant, l.onTrack, l.atRisk, l.exempt, l.notApplicable, l.rate, l.totalJp, l.averageJp]);
      for (const o of report.byOpd) {
        rows.push([text(o.opd), o.employees, o.audited, o.compliant, o.nonCompliant, o.onTrack, o.atRisk, o.exempt, o.notApplicable, o.complianceRate, o.totalJp, o.averageJp]);
      }
    } else {
      rows.push([l.nip, l.name, l.type, l.opd, l.jp, l.requiredJp, l.expectedJp, l.shortfall, l.status, l.records, l.months, l.reason]);
      for (const e of report.employees) {
        rows.push([e.nip, text(e.name), e.type, text(e.opd), e.jp, e.requiredJp, e.expectedJp, e.shortfallJp, l.statuses[e.status], e.records, e.months, text(e.exemptReason ?? '')]);
      }
    }
    return stringify(rows, { record_delimiter: 'unix' });
  },
};
