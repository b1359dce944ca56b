/** The report's screen stylesheet: system fonts, readable on a phone; `printStyle` adds paper. */
export const STYLE = `
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dee7; --ok:#2e7d4f; --mid:#c98a0b; --low:#c0392b; --bg:#f6f8fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
header h1 { font-size: 1.5rem; margin: 8px 0 4px; }
.meta { color: var(--muted); margin: 0 0 16px; }
h2 { font-size: 1.2rem; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .n { font-size: 1.6rem; font-weight: 700; display: block; }
.card .k { color: var(--muted); font-size: .85rem; }
.card.bad .n { color: var(--low); }
.card.good .n { color: var(--ok); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.charts figure { flex: 0 1 auto; }
figure { margin: 0; min-width: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
figcaption small { font-weight: 400; color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .tick { font-size: 11px; fill: var(--muted); }
.chart .track { fill: #eef1f6; }
.chart .bar.ok { fill: var(--ok); } .chart .bar.mid { fill: var(--mid); } .chart .bar.low { fill: var(--low); }
.chart .hist { fill: #5677b8; }
.chart .axis { stroke: var(--muted); }
.chart .threshold line { stroke: var(--low); stroke-width: 1.5; stroke-dasharray: 5 4; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; font-size: .7em; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; font-size: .7em; }
.short { color: var(--low); font-weight: 600; }
td .sub { display: block; color: var(--muted); font-size: .78rem; }
table.findings td .sub { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sev-error { color: var(--low); } .sev-warning { color: var(--mid); } .sev-info { color: var(--muted); }
.hint, .note { color: var(--muted); font-size: .85rem; }
tr.expandable { cursor: pointer; }
tr.explain-row > td { padding-top: 0; }
tr.expandable > td { border-bottom: 0; }
details.explain > summary { color: var(--muted); font-size: .8rem; cursor: pointer; }
details.explain[open] > summary { color: var(--ink); }
.explain-body { margin: 4px 0 8px 14px; padding-left: 10px; border-left: 3px solid var(--line); }
.explain-body h4 { font-size: .85rem; margin: 8px 0 2px; }
.explain-body ul.duty { margin: 0; padding-left: 18px; font-size: .85rem; }
.explain-body table.records { font-size: .82rem; }
.explain-body tr.outcome-counted td:last-child { color: var(--ok); font-weight: 600; }
.explain-body tr.outcome-rejected td:last-child { color: var(--low); }
.explain-body .sum, .explain-body .roster-rows { font-size: .82rem; margin: 4px 0; }
footer { color: var(--muted); font-size: .8rem; margin: 32px 0 8px; }
@media print {
  body { font-size: 9pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  header h1 { font-size: 14pt; margin: 0 0 2pt; }
  .meta { margin: 0 0 6pt; }
  h2 { font-size: 11.5pt; margin: 12pt 0 4pt; }
  h3 { font-size: 10pt; margin: 8pt 0 3pt; }
  h2, h3, figcaption { break-after: avoid; }
  .hint { display: none; }
  .scroll { overflow: visible; }
  .cards { grid-template-columns: repeat(auto-fit, minmax(90pt, 1fr)); gap: 4pt; }
  .card { padding: 3pt 6pt; border-radius: 4pt; }
  .card .n { font-size: 13pt; }
  .charts { gap: 6pt; }
  figure { padding: 4pt; }
  th, td { padding: 2pt 4pt; }
  th { position: static; }
  thead { display: table-header-group; }
  tr, figure, .card { break-inside: avoid; }
  /* An employee's details print as the page shows them: opened, in full (across pages if need be); closed, not at all. */
  tr.explain-row { break-inside: auto; }
  tr.explain-row:has(> td > details.explain:not([open])) { display: none; }
  tr.expandable:has(+ tr.explain-row > td > details.explain:not([open])) > td { border-bottom: 1px solid var(--line); }
  .explain-body table.records tr { break-inside: avoid; }
  footer { margin: 10pt 0 0; }
}
`;

/** Sorts a table by the clicked column: numbers by their `data-v`, text with the page's language. */
export const SORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.tabIndex = 0;
    var sort = function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.classList.contains('num');
      var body = table.tBodies[0];
      // An employee's details row stays under the employee's row.
      var rows = Array.prototype.filter.call(body.rows, function (r) { return !r.classList.contains('explain-row'); });
      var under = rows.map(function (r) { var n = r.nextElementSibling; return n && n.classList.contains('explain-row') ? n : null; });
      rows.forEach(function (r, i) { r.under = under[i]; });
      rows.sort(function (a, b) {
        var x = a.cells[col], y = b.cells[col];
        var r = num ? parseFloat(x.getAttribute('data-v')) - parseFloat(y.getAttribute('data-v'))
                    : x.textContent.localeCompare(y.textContent, document.documentElement.lang);
        return asc ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); if (r.under) body.appendChild(r.under); });
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
});
// A click on an employee's row opens (or closes) the details under it; selecting text does not.
document.querySelectorAll('tr.explain-row').forEach(function (row) {
  var main = row.previousElementSibling, details = row.querySelector('details');
  if (!main || !details) return;
  main.classList.add('expandable');
  main.addEventListener('click', function () {
    if (String(window.getSelection ? window.getSelection() : '') !== '') return;
    details.open = !details.open;
  });
});
`;

/** A CSS string: anything but plain letters and digits as an escape, so no text ends the style element. */
export function cssString(s: string): string {
  return `"${[...s].map((c) => (/[\p{L}\p{N} .,()-]/u.test(c) && c !== '<' ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/**
 * Paper: A4 with margins, the report's running title at the top of every printed page and the
 * page number at the bottom (page-margin boxes, which Chromium-based browsers print).
 */
export function printStyle(running: string, pageWord: string): string {
  return `
@page {
  size: A4;
  margin: 16mm 13mm 15mm 13mm;
  @top-left { content: ${cssString(running)}; font: 8pt system-ui, sans-serif; color: #5b6475; }
  @bottom-left { content: "jp-audit"; font: 8pt system-ui, sans-serif; color: #5b6475; }
  @bottom-right { content: ${cssString(pageWord)} " " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #5b6475; }
}
`;
}
