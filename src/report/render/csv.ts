import { stringify } from 'csv-stringify/sync';
import { catalogue } from '../../i18n/index.js';
import { safeCell } from '../cells.js';
import { employeeSource } from '../../audit/employees.js';
import { CHUNK, type ChunkFormat, chunkText } from '../chunks.js';
import { chunkTexts } from '../threads.js';
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
    const list = employeeSource(report);
    let out = head(report, ctx);
    if (ctx.view !== 'overview') for (let i = 0; i < list.length; i += CHUNK) out += chunkText(spec(ctx), list, i, i + CHUNK);
    return out;
  },
  /** The same text, a few thousand rows at a time: a million employees are never one string. */
  async stream(report, ctx, write) {
    await write(head(report, ctx));
    if (ctx.view === 'overview') return;
    for await (const part of chunkTexts(employeeSource(report), spec(ctx), ctx)) await write(part);
  },
};

const spec = (ctx: RenderContext): ChunkFormat => ({ format: 'csv', lang: ctx.lang, rawCells: ctx.rawCells });

/** The header row; for the `overview` view, the whole table (one row per OPD). */
function head(report: Report, ctx: RenderContext): string {
  const l = catalogue(ctx.lang).labels;
  const text = (s: string) => (ctx.rawCells ? s : safeCell(s));
  if (ctx.view === 'overview') {
    const rows: Array<Array<string | number | null>> = [[l.opd, l.employees, l.audited, l.compliant, l.nonCompliant, l.onTrack, l.atRisk, l.exempt, l.notApplicable, l.rate, l.totalJp, l.averageJp]];
    for (const o of report.byOpd) {
      rows.push([text(o.opd), o.employees, o.audited, o.compliant, o.nonCompliant, o.onTrack, o.atRisk, o.exempt, o.notApplicable, o.complianceRate, o.totalJp, o.averageJp]);
    }
    return stringify(rows, { record_delimiter: 'unix' });
  }
  return stringify([[l.nip, l.name, l.type, l.opd, l.jp, l.requiredJp, l.expectedJp, l.shortfall, l.status, l.records, l.months, l.reason]], { record_delimiter: 'unix' });
}
