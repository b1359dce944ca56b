import { catalogue } from '../../i18n/index.js';
import type { EmployeeType } from '../../normalize/types.js';
import { longDate, periodText } from '../dates.js';
import { barChart, histogram, jpBins, type Threshold } from '../html/charts.js';
import { esc } from '../html/escape.js';
import { findingsSection, inputsTable } from '../html/sections.js';
import { table } from '../html/table.js';
import { page } from '../html/page.js';
import type { Report, ReportEmployee } from '../model.js';
import { inYear, needsAttention } from '../status.js';
import { auditedJp, type Closing, closing, employeeNote, rejectedStaffRows } from '../figures.js';
import type { RenderContext, Renderer } from './types.js';
import { formatters } from '../format.js';
import { opdAccount } from '../opd.js';
import { explainOmitted, explainRow } from '../html/explain.js';

/** Does any of these employees have a "Keterangan" (a duty that is not the full year's)? */
function withNotes(list: readonly ReportEmployee[], notes: Parameters<typeof employeeNote>[1]): boolean {
  return list.some((e) => employeeNote(e, notes) !== '');
}

/** An anchor id for an OPD section, unique within the page. */
function anchor(i: number): string {
  return `opd-${i + 1}`;
}

/**
 * One self-contained HTML file: headline figures, a bar chart of compliance per OPD and a histogram
 * of JP per employee as inline SVG, sortable tables of who is short per OPD, the findings and the
 * inputs' accounting. Nothing is fetched when it is viewed (a Content-Security-Policy says so), and
 * every value from the inputs is escaped.
 */
export const htmlRenderer: Renderer = {
  extension: 'html',
  binary: false,
  perOpd: true,
  render(report: Report, ctx: RenderContext) {
    const cat = catalogue(ctx.lang);
    const l = cat.labels;
    const d = l.doc;
    const { num, pct } = formatters(ctx.lang);
    const req = report.policy.requirements;
    const s = report.summary;
    const oneOpd = ctx.view === 'opd' && report.byOpd.length === 1 ? report.byOpd[0]!.opd : null;
    const title = oneOpd !== null ? d.opdReport({ opd: oneOpd, year: report.year }) : l.title({ year: report.year });
    // Printed at the top of every page: the audit and its year, and the OPD of a per-OPD file.
    const running = oneOpd !== null ? `${l.title({ year: report.year })} · ${oneOpd}` : title;

    const during = inYear(report);
    const closingText = (end: Closing): string =>
      end.kind === 'all-comply' ? l.allComply : end.kind === 'none-at-risk' ? l.noneAtRisk({ onTrack: num.format(end.onTrack), compliant: num.format(end.compliant), audited: num.format(end.audited) }) : end.kind === 'nobody-audited' ? l.nobodyAudited : '';
    const badCount = during ? s.atRisk : s.nonCompliant;
    const rejected = ctx.view === 'opd' ? 0 : rejectedStaffRows(report);
    const cards = [
      { k: l.employees, n: num.format(s.employees), cls: '', note: rejected ? l.rejectedStaff({ count: num.format(rejected) }) : '' },
      { k: l.rate, n: pct(s.complianceRate), cls: '' },
      { k: l.compliant, n: num.format(s.compliant), cls: 'good' },
      ...(during ? [{ k: l.onTrack, n: num.format(s.onTrack), cls: '' }] : []),
      { k: during ? l.atRisk : l.nonCompliant, n: num.format(badCount), cls: badCount ? 'bad' : 'good' },
      ...(s.exempt ? [{ k: l.exempt, n: num.format(s.exempt), cls: '' }] : []),
      ...(s.notApplicable ? [{ k: l.notApplicable, n: num.format(s.notApplicable), cls: '' }] : []),
      { k: l.totalJp, n: num.format(s.totalJp), cls: '' },
    ]
      .map((c: { k: string; n: string; cls: string; note?: string }) => `<div class="card ${c.cls}" data-key="${esc(c.k)}"><span class="n">${esc(c.n)}</span><span class="k">${esc(c.k)}${c.note ? ` <small>${esc(c.note)}</small>` : ''}</span></div>`)
      .join('');

    const byType = table(
      [{ head: l.type }, { head: l.employees, num: true }, { head: l.audited, num: true }, { head: l.compliant, num: true }, { head: during ? l.atRisk : l.nonCompliant, num: true }, { head: l.rate, num: true }],
      report.byType.map((t) => {
        const bad = during ? t.atRisk : t.nonCompliant;
        return [{ text: t.type }, { text: num.format(t.employees), v: t.employees }, { text: num.format(t.audited), v: t.audited }, { text: num.format(t.compliant), v: t.compliant }, { text: num.format(bad), v: bad }, { text: pct(t.complianceRate), v: t.complianceRate }];
      }),
      { cls: 'by-type' },
    );

    const sortedOpd = [...report.byOpd].sort((a, b) => (a.complianceRate ?? 0) - (b.complianceRate ?? 0) || (a.opd < b.opd ? -1 : 1));
    const bars = barChart(
      sortedOpd.map((o) => ({ label: o.opd, value: o.complianceRate ?? 0, text: `${pct(o.complianceRate)} (${o.compliant}/${o.audited})` })),
      d.rateChart,
    );
    // Thresholds: one line per distinct required JP, naming the types it applies to.
    const byJp = new Map<number, EmployeeType[]>();
    for (const t of ['PNS', 'PPPK', 'CPNS'] as const) {
      if (!report.employees.some((e) => e.type === t) && report.employees.length > 0) continue;
      byJp.set(req[t].min, [...(byJp.get(req[t].min) ?? []), t]);
    }
    const thresholds: Threshold[] = [...byJp].sort((a, b) => a[0] - b[0]).map(([jp, types]) => ({ jp, types, label: d.threshold({ jp, types: types.join('/') }) }));
    const top = Math.max(...thresholds.map((t) => t.jp), 20);
    const step = top <= 30 ? 5 : 10;
    const hist = histogram(jpBins(auditedJp(report), step, Math.ceil((top * 2) / step) * step), thresholds, d.histogram, { x: d.jpAxis, y: d.employeesAxis });

    const recap = table(
      [{ head: l.opd }, { head: l.employees, num: true }, { head: l.compliant, num: true }, { head: l.nonCompliant, num: true }, { head: l.rate, num: true }, { head: l.totalJp, num: true }, { head: l.averageJp, num: true }],
      report.byOpd.map((o) => [
        { text: o.opd },
        { text: num.format(o.employees), v: o.employees },
        { text: num.format(o.compliant), v: o.compliant },
        { text: num.format(o.nonCompliant), v: o.nonCompliant, cls: o.nonCompliant ? 'short' : '' },
        { text: pct(o.complianceRate), v: o.complianceRate },
        { text: num.format(o.totalJp), v: o.totalJp },
        { text: o.averageJp === null ? '–' : num.format(o.averageJp), v: o.averageJp },
      ]),
      { sortable: true, cls: 'recap' },
    );

    // A per-OPD file lists its whole staff (those short first, see `attentionFirst`): the head of
    // the OPD sees everyone, with status, JP, duty and shortfall.
    const staffNotes = oneOpd !== null && withNotes(report.employees, l.notes);
    // Each listed employee's records and duty, under their row, when the run collected them.
    const explained = ctx.explain?.kind === 'shown' ? ctx.explain : undefined;
    const details = (list: readonly ReportEmployee[]) => (explained ? (i: number, columns: number) => explainRow(explained.of(list[i]!.nip), columns, ctx.lang, num) : undefined);
    const staff =
      oneOpd !== null
        ? `<section class="staff-list"><h2>${esc(d.staffList)} (${num.format(report.employees.length)})</h2><p class="note">${esc(d.attentionFirst)}</p>${table(
            [{ head: l.nip }, { head: l.name }, { head: l.type }, { head: l.status }, { head: l.jp, num: true }, { head: l.requiredJp, num: true }, { head: l.shortfall, num: true }, ...(staffNotes ? [{ head: l.reason }] : [])],
            report.employees.map((e) => {
              const bad = needsAttention(e.status);
              return [
                { text: e.nip },
                { text: e.name },
                { text: e.type },
                { text: l.statuses[e.status], cls: bad ? 'short' : '' },
                { text: num.format(e.jp), v: e.jp },
                { text: num.format(e.requiredJp), v: e.requiredJp },
                { text: num.format(e.shortfallJp), v: e.shortfallJp, cls: e.shortfallJp > 0 ? 'short' : '' },
                ...(staffNotes ? [{ text: employeeNote(e, l.notes) }] : []),
              ];
            }),
            { sortable: true, cls: 'staff', after: details(report.employees) },
          )}</section>`
        : '';

    // A "Keterangan" column (why a duty is not the full year's) where any row has one, as in the
    // table (worked out only for the sections by OPD, when they are written).
    const bySections = !(ctx.view === 'overview' || oneOpd !== null);
    const shortNotes = bySections && withNotes(report.employees.filter((e) => needsAttention(e.status)), l.notes);
    const opdSections =
      !bySections
        ? ''
        : report.byOpd
            .map((o, i) => {
              const short = report.employees.filter((e) => e.opd === o.opd && needsAttention(e.status));
              const body = short.length
                ? table(
                    [{ head: l.nip }, { head: l.name }, { head: l.type }, { head: l.jp, num: true }, { head: l.requiredJp, num: true }, { head: l.shortfall, num: true }, ...(shortNotes ? [{ head: l.reason }] : [])],
                    short.map((e) => [
                      { text: e.nip },
                      { text: e.name },
                      { text: e.type },
                      { text: num.format(e.jp), v: e.jp },
                      { text: num.format(e.requiredJp), v: e.requiredJp },
                      { text: num.format(e.shortfallJp), v: e.shortfallJp, cls: 'short' },
                      ...(shortNotes ? [{ text: employeeNote(e, l.notes) }] : []),
                    ]),
                    { sortable: true, cls: 'non-compliant', after: details(short) },
                  )
                : `<p class="note">${esc(closingText(closing(report, o)))}</p>`;
              const bad = during ? o.atRisk : o.nonCompliant;
              return `<section class="opd" id="${anchor(i)}" data-opd="${esc(o.opd)}"><h3>${esc(o.opd)} <small class="note">${esc(`${num.format(bad)} ${(during ? l.atRisk : l.nonCompliant).toLowerCase()} / ${num.format(o.employees)} · ${pct(o.complianceRate)}`)}</small></h3>${body}</section>`;
            })
            .join('');

    const skipped = report.employees.filter((e) => e.status === 'exempt' || e.status === 'not-applicable');
    const notAudited = skipped.length
      ? `<section class="not-audited"><h2>${esc(l.notAuditedList({ count: num.format(skipped.length) }))}</h2>${table(
          [{ head: l.nip }, { head: l.name }, { head: l.opd }, { head: l.status }, { head: l.reason }],
          skipped.map((e) => [{ text: e.nip }, { text: e.name }, { text: e.opd }, { text: l.statuses[e.status] }, { text: employeeNote(e, l.notes) }]),
          { sortable: true, cls: 'exempt', after: details(skipped) },
        )}</section>`
      : '';
    const findings = findingsSection(report.findings, cat, num);
    // A per-OPD file accounts for its own rows; the files' counts are the whole run's (the overview's).
    const inputs =
      oneOpd !== null
        ? (() => {
            const a = opdAccount(report);
            return `${table(
              [{ head: '' }, { head: d.rows, num: true }],
              [
                [{ text: d.rosterRows }, { text: num.format(a.rosterRows), v: a.rosterRows }],
                [{ text: d.recordsCounted }, { text: num.format(a.recordsCounted), v: a.recordsCounted }],
                [{ text: l.totalJp }, { text: num.format(a.totalJp), v: a.totalJp }],
                [{ text: d.findingsNamingStaff }, { text: num.format(a.findings), v: a.findings }],
              ],
              { cls: 'opd-accounting' },
            )}<p class="note">${esc(d.opdAccountingNote)}</p><p class="note sources">${esc(`${d.sources}: ${report.inputs.map((i) => `${i.file} (${l.roles[i.role]})`).join(', ')}`)}</p>`;
          })()
        : inputsTable(report.inputs, l, num);

    const policy = d.policy({ PNS: req.PNS.min, PPPK: req.PPPK.min, CPNS: req.CPNS.min });
    const hasOpdSections = ctx.view !== 'overview' && oneOpd === null && report.byOpd.length > 0;
    // The per-OPD bars and recap compare OPDs: a per-OPD file has only its JP histogram.
    const charts =
      oneOpd !== null
        ? `<section class="charts-section"><div class="charts"><figure class="jp-histogram"><figcaption>${esc(d.histogram)} <small>(${esc(d.histogramNote)})</small></figcaption>${hist}</figure></div></section>`
        : `<section class="charts-section"><h2>${esc(l.byOpd)}</h2><div class="charts">
<figure class="rate-chart"><figcaption>${esc(d.rateChart)} <small>(${esc(d.rateChartNote)})</small></figcaption>${bars}</figure>
<figure class="jp-histogram"><figcaption>${esc(d.histogram)} <small>(${esc(d.histogramNote)})</small></figcaption>${hist}</figure>
</div>
<p class="hint">${esc(d.sortHint)}</p>${recap}</section>`;
    return page(title, ctx, `<header><h1>${esc(title)}</h1><p class="meta">${esc(`${d.period}: ${periodText(report.year, ctx.lang)} · ${policy}`)}</p>${during ? `<p class="meta as-of">${esc(l.asOfLine({ date: longDate(...(report.asOf.split('-').map(Number) as [number, number, number]), ctx.lang) }))}</p>` : ''}${report.generatedAt ? `<p class="meta">${esc(`${d.generated}: ${report.generatedAt}`)}</p>` : ''}${explainOmitted(ctx.explain, ctx.lang)}</header>
<section class="headline"><div class="cards">${cards}</div>${report.byType.length ? `<h3>${esc(l.byType)}</h3>${byType}` : ''}</section>
${charts}
${staff}
${hasOpdSections ? `<section class="non-compliant-list"><h2>${esc(during ? l.attentionList : l.nonCompliantList)} (${num.format(badCount)})</h2>${opdSections}</section>` : ''}
${notAudited}
<section class="findings-section"><h2>${esc(l.findings)} (${num.format(report.findings.length)})</h2>${findings}</section>
<section class="inputs-section"><h2>${esc(oneOpd !== null ? d.opdAccounting : l.inputs)}</h2>${inputs}</section>
<footer>jp-audit · ${esc(l.shapes[report.shape])}</footer>
`,
      running,
      d.pageOf,
    );
  },
};
