import type { ExplainedRecord, Explanation } from '../../explain/explain.js';
import { countedJp, dutyLines, reasonText } from '../../explain/render.js';
import type { ExplainSection } from '../../explain/section.js';
import { catalogue, type Lang } from '../../i18n/index.js';
import { formatters, type NumberFormat } from '../format.js';
import { esc } from './escape.js';

/**
 * An employee's records and duty worked out (the data of `jp-audit explain`), as a table row under
 * the employee's row: a `<details>` that opens without JavaScript (a click on the employee's row
 * opens it too) and prints as it is shown (closed: not at all, see the print style).
 */
export function explainRow(x: Explanation | undefined, columns: number, lang: Lang, num: NumberFormat): string {
  if (x === undefined) return '';
  const cat = catalogue(lang);
  const l = cat.labels;
  const t = l.explain;
  const counted = x.records.filter((r) => r.outcome === 'counted');
  const jpCounted = countedJp(x);
  const summary = t.rowSummary({ records: num.format(x.records.length), counted: num.format(counted.length), jp: num.format(jpCounted) });
  const duty = `<h4>${esc(t.duty)}</h4><ul class="duty">${dutyLines(x, lang)
    .map((line) => `<li>${esc(line)}</li>`)
    .join('')}</ul>`;
  const message = (f: NonNullable<ExplainedRecord['reasons']>[number]) => reasonText(f, lang);
  const records =
    x.records.length === 0
      ? `<p class="note">${esc(t.noRecords)}</p>`
      : `<table class="records"><thead><tr><th scope="col">${esc(l.doc.file)}</th><th scope="col" class="num">${esc(l.doc.row)}</th><th scope="col">${esc(t.training)}</th><th scope="col">${esc(t.start)}</th><th scope="col">${esc(t.end)}</th><th scope="col" class="num">JP</th><th scope="col">${esc(t.outcome)}</th></tr></thead><tbody>${x.records
          .map((r) => {
            // Under countIn: split, the share counted in the year, as a note (as explain says it).
            const share = r.countedJp !== undefined ? [t.splitShare({ jp: num.format(r.countedJp), year: x.year })] : [];
            const notes = [...share, ...(r.duplicateOf ? [t.duplicateOf(r.duplicateOf)] : []), ...(r.reasons ?? []).map(message)];
            const jp = r.jp !== null ? num.format(r.jp) : (r.cells?.jp ?? '');
            return (
              `<tr class="outcome-${r.outcome}" data-outcome="${r.outcome}" data-file="${esc(r.file)}" data-row="${r.row}"${r.jp !== null ? ` data-jp="${r.jp}"` : ''}${r.duplicateOf ? ` data-duplicate-of="${esc(`${r.duplicateOf.file}:${r.duplicateOf.row}`)}"` : ''}>` +
              `<td>${esc(r.file)}</td><td class="num">${r.row}</td><td>${esc(r.training ?? '')}</td><td>${esc(r.start ?? '')}</td><td>${esc(r.end ?? '')}</td><td class="num">${esc(jp)}</td>` +
              `<td>${esc(t.outcomes[r.outcome])}${notes.map((n) => `<small class="sub">${esc(n)}</small>`).join('')}</td></tr>`
            );
          })
          .join('')}</tbody></table><p class="sum">${esc(t.countedSum({ jp: num.format(jpCounted) }))}</p>`;
  const roster = `<p class="roster-rows">${esc(t.rosterRows)}: ${x.rosterRows
    .map((r) => {
      const extra = r.totalJp !== undefined ? `; ${t.total({ jp: num.format(r.totalJp) })}` : r.reasons ? `; ${r.reasons.map(message).join('; ')}` : '';
      return esc(`${r.file}:${r.row} (${t.rosterOutcomes[r.outcome]}${extra})`);
    })
    .join(', ')}</p>`;
  return `<tr class="explain-row"><td colspan="${columns}"><details class="explain" data-nip="${esc(x.nip)}" data-jp="${x.jp}" data-status="${x.status}"><summary>${esc(summary)}</summary><div class="explain-body">${duty}<h4>${esc(t.records)}</h4>${records}${roster}</div></details></td></tr>`;
}

/** The one line a report over the limits shows instead of the rows' details. */
export function explainOmitted(section: ExplainSection | undefined, lang: Lang): string {
  if (section?.kind !== 'omitted') return '';
  return `<p class="note explain-omitted">${esc(catalogue(lang).labels.explain.rowsOmitted[section.over]({ limit: formatters(lang).num.format(section.limit) }))}</p>`;
}
