import { esc } from './escape.js';

export interface Col {
  head: string;
  num?: boolean;
}

export interface CellSpec {
  text: string;
  /** Raw numeric value for sorting (`data-v`), so sorting ignores the locale's number format. */
  v?: number | null;
  cls?: string;
  /** A muted second line under the text (a finding's code under its label). */
  sub?: string;
  /** A tooltip (`title`). */
  title?: string;
}

/**
 * An HTML table, escaped; numeric cells carry their raw value so sorting ignores the locale.
 * `after(i, columns)` is markup of a row to follow row `i`, across the table's `columns` (its
 * details: sorting keeps it under its row).
 */
export function table(cols: Col[], rows: CellSpec[][], opts: { sortable?: boolean; cls?: string; after?: (i: number, columns: number) => string } = {}): string {
  const head = cols.map((c) => `<th${c.num ? ' class="num"' : ''} scope="col">${esc(c.head)}</th>`).join('');
  const body = rows
    .map(
      (r, k) =>
        `<tr>${r
          .map((c, i) => {
            const cls = [cols[i]?.num ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
            const v = c.v === undefined ? '' : ` data-v="${c.v ?? ''}"`;
            const title = c.title === undefined ? '' : ` title="${esc(c.title)}"`;
            const sub = c.sub === undefined ? '' : `<small class="sub">${esc(c.sub)}</small>`;
            return `<td${cls ? ` class="${cls}"` : ''}${v}${title}>${esc(c.text)}${sub}</td>`;
          })
          .join('')}</tr>${opts.after?.(k, cols.length) ?? ''}`,
    )
    .join('');
  const classes = [opts.sortable ? 'sortable' : '', opts.cls ?? ''].filter(Boolean).join(' ');
  return `<div class="scroll"><table${classes ? ` class="${classes}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

