import { catalogue } from '../../i18n/index.js';
import { barChart } from '../../report/html/charts.js';
import { esc } from '../../report/html/escape.js';
import { page } from '../../report/html/page.js';
import { findingsSection, inputsTable } from '../../report/html/sections.js';
import { table } from '../../report/html/table.js';
import type { Renderer } from '../../report/render/types.js';
import type { LatsarReport } from '../report.js';
import { curriculumText } from './curriculum.js';
import { formatters } from '../../report/format.js';

/** The Latsar page: headline, completion per OPD as a bar chart, each CPNS per OPD, findings, inputs. */
export const latsarHtml: Renderer<LatsarReport> = {
  extension: 'html',
  binary: false,
  perOpd: true,
  render(report, ctx) {
    const l = catalogue(ctx.lang).labels;
    const t = l.latsar;
    const { num, pct } = formatters(ctx.lang);
    const s = report.summary;
    const title = ctx.view === 'opd' && report.byOpd[0] ? t.opdTitle({ opd: report.byOpd[0].opd }) : t.title;
    const cards = [
      { k: t.participants, n: num.format(s.participants), cls: '' },
      { k: t.completionRate, n: pct(s.completionRate), cls: '' },
      { k: t.complete, n: num.format(s.complete), cls: 'good' },
      { k: t.incomplete, n: num.format(s.incomplete), cls: s.incomplete ? 'bad' : 'good' },
    ]
      .map((c) => `<div class="card ${c.cls}" data-key="${esc(c.k)}"><span class="n">${esc(c.n)}</span><span class="k">${esc(c.k)}</span></div>`)
      .join('');
    const sorted = [...report.byOpd].sort((a, b) => (a.completionRate ?? 0) - (b.completionRate ?? 0) || (a.opd < b.opd ? -1 : 1));
    const bars = barChart(sorted.map((o) => ({ label: o.opd, value: o.completionRate ?? 0, text: `${pct(o.completionRate)} (${o.complete}/${o.participants})` })), t.rateChart);
    const phases = report.curriculum.phases;
    const sections =
      ctx.view === 'overview'
        ? ''
        : report.byOpd
            .map((o) => {
              const rows = report.participants.filter((p) => p.opd === o.opd);
              const body = table(
                [{ head: l.nip }, { head: l.name }, ...phases.map((p) => ({ head: `${t.phases[p.id]} (${p.days} ${t.days})`, num: true })), { head: t.totalJp, num: true }, { head: l.status }],
                rows.map((p) => [
                  { text: p.nip },
                  { text: p.name },
                  ...p.phases.map((ph) => ({
                    text: t.phaseCell({ days: ph.days, requiredDays: ph.requiredDays, jp: num.format(ph.jp), jpTarget: ph.jpTarget === null ? '' : num.format(ph.jpTarget) }),
                    v: ph.days,
                    cls: ph.days < ph.requiredDays || (ph.jpTarget !== null && ph.jp < ph.jpTarget) ? 'short' : '',
                  })),
                  { text: `${num.format(p.totalJp)} / ${num.format(p.requiredJp)}`, v: p.totalJp, cls: p.totalJp < p.requiredJp ? 'short' : '' },
                  { text: t.statuses[p.status], cls: p.status === 'incomplete' ? 'short' : '' },
                ]),
                { sortable: true, cls: 'participants' },
              );
              return `<section class="opd" data-opd="${esc(o.opd)}"><h3>${esc(o.opd)} <small class="note">${esc(`${num.format(o.incomplete)} ${t.incomplete.toLowerCase()} / ${num.format(o.participants)}`)}</small></h3>${body}</section>`;
            })
            .join('');
    const recap = table(
      [{ head: l.opd }, { head: t.participants, num: true }, { head: t.complete, num: true }, { head: t.incomplete, num: true }, { head: t.completionRate, num: true }],
      report.byOpd.map((o) => [{ text: o.opd }, { text: num.format(o.participants), v: o.participants }, { text: num.format(o.complete), v: o.complete }, { text: num.format(o.incomplete), v: o.incomplete, cls: o.incomplete ? 'short' : '' }, { text: pct(o.completionRate), v: o.completionRate }]),
      { sortable: true, cls: 'recap' },
    );
    const curriculum = t.curriculum({ totalJp: report.curriculum.totalJp, phases: curriculumText(report, t.phases, t.days) });
    return page(
      title,
      ctx,
      `<header><h1>${esc(title)}</h1><p class="meta">${esc(curriculum)}</p></header>
<section class="headline"><div class="cards">${cards}</div></section>
<section class="charts-section"><h2>${esc(l.byOpd)}</h2><figure class="rate-chart"><figcaption>${esc(t.rateChart)}</figcaption>${bars}</figure>
<p class="hint">${esc(l.doc.sortHint)}</p>${recap}</section>
${sections ? `<section class="participants-list"><h2>${esc(t.participants)}</h2>${sections}</section>` : ''}
<section class="findings-section"><h2>${esc(l.findings)} (${num.format(report.findings.length)})</h2>${findingsSection(report.findings, catalogue(ctx.lang), num)}</section>
<section class="inputs-section"><h2>${esc(l.inputs)}</h2>${inputsTable(report.inputs, l, num)}</section>
<footer>jp-audit · Latsar</footer>`,
    );
  },
};
