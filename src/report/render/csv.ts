import { stringify } from 'csv-stringify/sync';
import { catalogue } from '../../i18n/index.js';
import { safeCell } from '../cells.js';
import { employeeSource } from '../../audit/employees.js';
import type { Report } from '../model.js';
import type { RenderContext, Renderer } from './types.js';

/**
 * One row per employee, sorted by OPD then NIP, headers in the report's language; the `overview`
 * view is one row per OPD instead.
 */
export const csvRenderer: Renderer = {
  extension: 'csv',
  binary: false,
  perOpd: true,
  render(report, ctx) {
    let out = '';
    for (const rows of chunks(report, ctx)) out += stringify(rows, { record_delimiter: 'unix' });
    return out;
  },
  /** The same text, a few thousand rows at a time: a million employees are never one string. */
  async stream(report, ctx, write) {
    for (const rows of chunks(report, ctx)) await write(stringify(rows, { record_delimiter: 'unix' }));
  },
};

type Row = Array<string | number | null>;
const CHUNK = 2000;

/** The header row, then the rows in chunks (each record ends in a newline, so chunks join as one). */
function* chunks(report: Report, ctx: RenderContext): Generator<Row[]> {
  const l = catalogue(ctx.lang).labels;
  const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
  if (ctx.view === 'overview') {
    const rows: Row[] = [[l.opd, l.employees, l.audited, l.compliant, l.nonCompliant, l.onTrack, l.atRisk, l.exempt, l.notApplicable, l.rate, l.totalJp, l.averageJp]];
    for (const o of report.byOpd) {
      rows.push([text(o.opd), o.employees, o.audited, o.compliant, o.nonCompliant, o.onTrack, o.atRisk, o.exempt, o.notApplicable, o.complianceRate, o.totalJp, o.averageJp]);
    }
    yield rows;
    return;
  }
  yield [[l.nip, l.name, l.type, l.opd, l.jp, l.requiredJp, l.expectedJp, l.shortfall, l.status, l.records, l.months, l.reason]];
  const list = employeeSource(report);
  for (let i = 0; i < list.length; i += CHUNK) {
    const rows: Row[] = [];
    for (const e of list.range(i, i + CHUNK)) {
      rows.push([e.nip, text(e.name), e.type, text(e.opd), e.jp, e.requiredJp, e.expectedJp, e.shortfallJp, l.statuses[e.status], e.records, e.months, text(e.exemptReason ?? '')]);
    }
    yield rows;
  }
}
