import { Chalk } from 'chalk';
import { catalogue } from '../../i18n/index.js';
import type { RenderContext, Renderer } from '../../report/render/types.js';
import { CHANGE_KINDS, COUNT_OF, type DiffReport, type EmployeeChange } from '../model.js';
import { cellWidth, displayWidth, fitColumns, longestPiece, wrapText } from './fit.js';
import { attention, countRows, numbers, reportLine, standingText } from './phrases.js';

type Align = 'left' | 'right';

/** Words longer than this may be broken inside, rather than widen their column. */
const WORD_CAP = 16;
interface Col {
  head: string;
  align?: Align;
  /** How narrow the column may wrap to at least (its heading's words and its cells' words set the rest). */
  min?: number;
}

/**
 * A table that fits `width` characters (none: as wide as its cells): long names and OPDs wrap at
 * spaces; when even that is too wide, each row becomes a short block of lines. Cells are plain
 * text; `paint` colours a whole cell after wrapping.
 */
function layout(cols: Col[], rows: string[][], width: number | undefined, c: InstanceType<typeof Chalk>, paint: (row: number, col: number, text: string) => string = (_r, _c, t) => t): string {
  // Loops, not Math.max(...rows): a list may hold a million rows.
  const body = cols.map(() => 0);
  const pieceMax = cols.map(() => 0);
  for (const r of rows) {
    for (let i = 0; i < cols.length; i++) {
      const cell = r[i] ?? '';
      body[i] = Math.max(body[i]!, cellWidth(cell));
      pieceMax[i] = Math.max(pieceMax[i]!, longestPiece(cell));
    }
  }
  const natural = cols.map((col, i) => Math.max(cellWidth(col.head), body[i]!));
  // A column wraps between words (and after hyphens) only: never inside a word of its heading,
  // nor, up to WORD_CAP characters, of its cells.
  const minOf = (col: Col, i: number) => Math.max(col.min ?? 1, longestPiece(col.head), Math.min(WORD_CAP, pieceMax[i]!));
  const widths = width === undefined ? natural : fitColumns(natural.map((n, i) => ({ natural: n, min: Math.min(n, minOf(cols[i]!, i)), body: body[i]! })), width);
  if (widths === null) {
    // Too narrow for a table: the first cell, then `head: value` lines, each wrapped.
    const w = Math.max(width ?? 0, 20);
    return rows
      .map((r, ri) =>
        r
          .map((cell, i) => {
            const one = cell.replace(/\n/g, ' ');
            if (i === 0) return wrapText(`- ${one}`, w);
            return wrapText(`${cols[i]!.head}: ${one}`, w - 4)
              .split('\n')
              .map((line, k) => `${k ? '    ' : '  '}${paint(ri, i, line)}`)
              .join('\n');
          })
          .join('\n'),
      )
      .join('\n');
  }
  // Drawn here rather than by cli-table3, whose layout time grows faster than the number of rows
  // (a long list of changes would stall); the borders are the same as check's tables.
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const out: string[] = [rule('┌', '┬', '┐')];
  const line = (cells: string[], ri: number, head: boolean) => {
    const wrapped = cells.map((cell, i) => wrapText(cell, widths[i]!).split('\n'));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((w, i) => {
        const text = w[k] ?? '';
        const pad = ' '.repeat(widths[i]! - displayWidth(text));
        const shown = head ? c.bold(text) : text === '' ? '' : paint(ri, i, text);
        return cols[i]!.align === 'right' ? `${pad}${shown}` : `${shown}${pad}`;
      });
      out.push(`│ ${parts.join(' │ ')} │`);
    }
  };
  line(cols.map((col) => col.head), -1, true);
  rows.forEach((r, ri) => line(r, ri, false));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/** The terminal diff: which reports, the counts before and after, per OPD, then each list of changes. */
export function diffTable(width: number | undefined): Renderer<DiffReport> {
  return {
    extension: 'txt',
    binary: false,
    perOpd: false,
    render(report: DiffReport, ctx: RenderContext) {
      const l = catalogue(ctx.lang).labels;
      const d = l.diff;
      const c = new Chalk({ level: ctx.color ? 1 : 0 });
      const { num, signed } = numbers(ctx.lang);
      const s = report.summary;
      const cap = (w: string) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`;
      const wrap = (text: string) => (width === undefined ? text : wrapText(text, width));
      const out: string[] = [c.bold(d.title), wrap(`${d.from}: ${reportLine(report.from, ctx.lang)}`), wrap(`${d.to}: ${reportLine(report.to, ctx.lang)}`)];
      if (report.yearChanged) out.push(wrap(d.yearChanged({ from: report.from.year, to: report.to.year })));
      if (report.policyChanged) out.push(wrap(c.yellow(d.policyChanged)));

      const parts = CHANGE_KINDS.filter((k) => k === 'worsened' || s.changes[COUNT_OF[k]] > 0).map((k) => {
        const n = s.changes[COUNT_OF[k]];
        const text = `${cap(d.kinds[k])}: ${num.format(n)}`;
        return k === 'worsened' && n ? c.red(text) : k === 'improved' ? c.green(text) : text;
      });
      parts.push(`${d.unchanged}: ${num.format(s.changes.unchanged)}`, `${d.jpGained}: ${signed(s.jpGained)}`);
      out.push(wrap(parts.join(' · ')), '');

      const counts = countRows(report, ctx.lang);
      out.push(
        c.bold(wrap(d.counts)),
        layout(
          [{ head: '', min: 8 }, { head: d.before, align: 'right' }, { head: d.after, align: 'right' }, { head: d.delta, align: 'right' }],
          counts.map((r) => [r.label, num.format(r.before), num.format(r.after), signed(r.after - r.before)]),
          width,
          c,
        ),
        '',
      );

      const arrow = (a: number, b: number) => (a === b ? num.format(b) : `${num.format(a)} → ${num.format(b)}`);
      out.push(
        c.bold(l.byOpd),
        layout(
          [
            { head: l.opd, min: 6 },
            { head: l.employees, align: 'right', min: 7 },
            { head: l.compliant, align: 'right', min: 7 },
            { head: d.attention, align: 'right', min: 7 },
            { head: d.jpGained, align: 'right', min: 6 },
            { head: `${cap(d.kinds.worsened)} / ${d.kinds.improved}`, align: 'right', min: 5 },
          ],
          report.byOpd.map((o) => [
            o.opd,
            arrow(o.before.employees, o.after.employees),
            arrow(o.before.compliant, o.after.compliant),
            arrow(attention(o.before), attention(o.after)),
            signed(o.jpGained),
            `${num.format(o.changes.worsened)} / ${num.format(o.changes.improved)}`,
          ]),
          width,
          c,
          (ri, ci, text) => (ci === 5 && report.byOpd[ri]!.changes.worsened ? c.red(text) : text),
        ),
      );

      const cell = (x: EmployeeChange, side: 'before' | 'after') => {
        const st = x[side];
        const moved = x.before && x.after && x.before.opd !== x.after.opd;
        // `12/20 JP` stays on one line (a no-break space).
        return `${standingText(st, ctx.lang).replace(/ JP$/, '\u00a0JP')}${moved && side === 'before' && st ? `\n(${st.opd})` : ''}`;
      };
      for (const kind of CHANGE_KINDS) {
        const rows = report.changes.filter((x) => x.change === kind);
        if (rows.length === 0) continue;
        const title = `${d.lists[kind]} (${num.format(rows.length)})`;
        out.push('', c.bold(kind === 'worsened' ? c.red(wrap(title)) : wrap(title)));
        out.push(
          layout(
            [
              // An NIP is never broken: it is what people search for.
              { head: l.nip, min: 18 },
              { head: l.name, min: 6 },
              { head: l.opd, min: 6 },
              { head: d.before, min: 8 },
              { head: d.after, min: 8 },
            ],
            rows.map((x) => [x.nip, x.name, x.opd, cell(x, 'before'), cell(x, 'after')]),
            width,
            c,
            (_r, ci, text) => (ci === 4 && kind === 'worsened' ? c.red(text) : ci === 4 && kind === 'improved' ? c.green(text) : text),
          ),
        );
      }
      out.push('');
      if (report.changes.length === 0) out.push(wrap(d.noChanges));
      else if (s.changes.worsened === 0) out.push(c.green(wrap(d.noneWorsened)));
      return `${out.join('\n')}\n`;
    },
  };
}
