import { catalogue } from '../../i18n/index.js';
import { esc } from '../../report/html/escape.js';
import { page } from '../../report/html/page.js';
import { table } from '../../report/html/table.js';
import type { Renderer } from '../../report/render/types.js';
import { CHANGE_KINDS, type DiffReport, type EmployeeChange } from '../model.js';
import { attention, countRows, numbers, reportLine, standingText } from './phrases.js';

/**
 * The diff's own rules, beside the report's (A4, running title and page numbers come from
 * `printStyle`): tables that wrap long names instead of running off the sheet, and every list of
 * changes with the same columns at the same widths, so that they read as one.
 */
const DIFF_STYLE = `
.diff td.nip { white-space: nowrap; font-variant-numeric: tabular-nums; }
.diff table.change-list { table-layout: fixed; }
.diff table.change-list td { overflow-wrap: break-word; }
.diff table.change-list th:nth-child(1) { width: 12em; }
.diff table.change-list th:nth-child(2) { width: 20%; }
.diff table.change-list th:nth-child(3) { width: 20%; }
.diff table.recap td:first-child { min-width: 8em; }
.diff .moved { display: block; color: var(--muted); font-size: .85em; }
.diff .worse { color: var(--low); font-weight: 600; }
.diff .better { color: var(--ok); font-weight: 600; }
.diff .notes p { margin: 4px 0; }
`;

/**
 * One self-contained page, "since last time": which two reports, headline cards, the counts before
 * and after, a sortable recap per OPD, then each list of changes (worsened first). Printable on A4;
 * every value from the reports is escaped.
 */
export const diffHtml: Renderer<DiffReport> = {
  extension: 'html',
  binary: false,
  perOpd: false,
  render(report, ctx) {
    const l = catalogue(ctx.lang).labels;
    const d = l.diff;
    const { num, signed } = numbers(ctx.lang);
    const s = report.summary;
    const card = (k: string, n: string, cls = '') => `<div class="card ${cls}" data-key="${esc(k)}"><span class="n">${esc(n)}</span><span class="k">${esc(k)}</span></div>`;
    const cap = (w: string) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`;
    const cards = [
      card(cap(d.kinds.worsened), num.format(s.changes.worsened), s.changes.worsened ? 'bad' : 'good'),
      card(cap(d.kinds.improved), num.format(s.changes.improved), s.changes.improved ? 'good' : ''),
      card(d.attention, `${num.format(attention(s.before))} → ${num.format(attention(s.after))}`, attention(s.after) > attention(s.before) ? 'bad' : ''),
      card(cap(d.kinds.added), num.format(s.changes.added)),
      card(cap(d.kinds.removed), num.format(s.changes.removed)),
      card(d.jpGained, signed(s.jpGained), s.jpGained < 0 ? 'bad' : ''),
    ].join('');

    const notes = [
      ...(report.yearChanged ? [d.yearChanged({ from: report.from.year, to: report.to.year })] : []),
      ...(report.policyChanged ? [d.policyChanged] : []),
    ];

    const counts = table(
      [{ head: '' }, { head: d.before, num: true }, { head: d.after, num: true }, { head: d.delta, num: true }],
      countRows(report, ctx.lang).map((r) => [
        { text: r.label },
        { text: num.format(r.before), v: r.before },
        { text: num.format(r.after), v: r.after },
        { text: signed(r.after - r.before), v: r.after - r.before },
      ]),
      { cls: 'counts' },
    );

    const arrow = (a: number, b: number) => (a === b ? num.format(b) : `${num.format(a)} → ${num.format(b)}`);
    const recap = table(
      [
        { head: l.opd },
        { head: l.employees, num: true },
        { head: l.compliant, num: true },
        { head: d.attention, num: true },
        { head: d.jpGained, num: true },
        { head: cap(d.kinds.worsened), num: true },
        { head: cap(d.kinds.improved), num: true },
      ],
      report.byOpd.map((o) => [
        { text: o.opd },
        { text: arrow(o.before.employees, o.after.employees), v: o.after.employees },
        { text: arrow(o.before.compliant, o.after.compliant), v: o.after.compliant },
        { text: arrow(attention(o.before), attention(o.after)), v: attention(o.after), cls: attention(o.after) > attention(o.before) ? 'short' : '' },
        { text: signed(o.jpGained), v: o.jpGained },
        { text: num.format(o.changes.worsened), v: o.changes.worsened, cls: o.changes.worsened ? 'short' : '' },
        { text: num.format(o.changes.improved), v: o.changes.improved },
      ]),
      { sortable: true, cls: 'recap' },
    );

    const standingCell = (x: EmployeeChange, side: 'before' | 'after', cls: string) => {
      const st = x[side];
      const moved = side === 'before' && st && x.after && st.opd !== x.after.opd ? `<span class="moved">${esc(st.opd)}</span>` : '';
      return `<td class="${cls}">${esc(standingText(st, ctx.lang))}${moved}</td>`;
    };
    const lists = CHANGE_KINDS.map((kind) => {
      const rows = report.changes.filter((x) => x.change === kind);
      if (rows.length === 0) return '';
      const afterCls = kind === 'worsened' ? 'worse' : kind === 'improved' ? 'better' : '';
      const body = rows
        .map((x) => `<tr><td class="nip">${esc(x.nip)}</td><td>${esc(x.name)}</td><td>${esc(x.opd)}</td>${standingCell(x, 'before', '')}${standingCell(x, 'after', afterCls)}</tr>`)
        .join('');
      const head = [l.nip, l.name, l.opd, d.before, d.after].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
      return `<section class="changes" data-change="${kind}"><h2>${esc(d.lists[kind])} (${num.format(rows.length)})</h2><div class="scroll"><table class="sortable change-list"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></section>`;
    }).join('\n');

    const closing = report.changes.length === 0 ? d.noChanges : s.changes.worsened === 0 ? d.noneWorsened : '';
    return page(
      d.title,
      ctx,
      `<div class="diff">
<header><h1>${esc(d.title)}</h1><p class="meta">${esc(d.from)}: ${esc(reportLine(report.from, ctx.lang))}<br>${esc(d.to)}: ${esc(reportLine(report.to, ctx.lang))}</p></header>
${notes.length ? `<section class="notes">${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}</section>` : ''}
<section class="headline"><div class="cards">${cards}</div></section>
<section class="counts-section"><h2>${esc(d.counts)}</h2>${counts}</section>
<section class="recap-section"><h2>${esc(l.byOpd)}</h2><p class="hint">${esc(l.doc.sortHint)}</p>${recap}</section>
${lists}
${closing ? `<p class="note closing">${esc(closing)}</p>` : ''}
<footer>${esc(d.order)} · ${esc(`${d.unchanged}: ${num.format(s.changes.unchanged)}`)} · jp-audit diff</footer>
</div>`,
      d.title,
      l.doc.pageOf,
      DIFF_STYLE,
    );
  },
};
