import type { Catalogue } from '../../i18n/catalogue.js';
import type { InputAccount } from '../../ingest.js';
import type { ReportFinding } from '../model.js';
import type { NumberFormat } from '../format.js';
import { esc } from './escape.js';
import { table } from './table.js';

const MAX_FINDINGS = 2000;

/**
 * The findings table both reports share (the first 2,000; the JSON has all): each finding by its
 * short name in the report's language, its code under it (and as the tooltip) for a search.
 */
export function findingsSection(list: readonly ReportFinding[], cat: Pick<Catalogue, 'labels' | 'codeLabels'>, num: NumberFormat): string {
  const l = cat.labels;
  const d = l.doc;
  if (list.length === 0) return `<p class="note">${esc(l.noFindings)}</p>`;
  const shown = list.slice(0, MAX_FINDINGS);
  return (
    table(
      [{ head: d.finding }, { head: d.severity }, { head: d.file }, { head: d.row, num: true }, { head: d.column }, { head: d.value }, { head: d.message }],
      shown.map((f) => [
        { text: cat.codeLabels[f.code], sub: f.code, title: f.code, cls: 'finding' },
        { text: l.severity[f.severity], cls: `sev-${f.severity}` },
        { text: f.file },
        { text: f.row === null ? '' : String(f.row), v: f.row },
        { text: f.column ?? '' },
        { text: f.value ?? '' },
        { text: f.message },
      ]),
      { sortable: true, cls: 'findings' },
    ) + (list.length > shown.length ? `<p class="note">${esc(d.findingsCapped({ shown: num.format(shown.length), count: num.format(list.length) }))}</p>` : '')
  );
}

/** Each input file's accounting. */
export function inputsTable(inputs: readonly InputAccount[], l: Catalogue['labels'], num: NumberFormat): string {
  const d = l.doc;
  return table(
    [{ head: d.file }, { head: d.role }, { head: d.rows, num: true }, { head: d.accepted, num: true }, { head: d.rejected, num: true }, { head: d.duplicates, num: true }, { head: d.outsidePeriod, num: true }, { head: d.unknownNip, num: true }, { head: d.counted, num: true }, { head: d.blankRows, num: true }],
    inputs.map((i) => [
      { text: i.file },
      { text: l.roles[i.role] },
      ...[i.rows, i.accepted, i.rejected, i.duplicates, i.outsidePeriod, i.unknownNip, i.counted, i.blankRows].map((n) => ({ text: num.format(n), v: n })),
    ]),
    { cls: 'inputs' },
  );
}
