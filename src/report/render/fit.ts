import Table from 'cli-table3';

// ANSI colour codes take no room on the screen.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a cell takes on a terminal: its longest line, colour codes left out. */
export function cellWidth(text: string): number {
  let w = 0;
  for (const line of text.replace(ANSI, '').split('\n')) w = Math.max(w, [...line].length);
  return w;
}

/** A text column is not made narrower than this, nor than its longest word (up to `MAX_WORD`). */
const MIN_COLUMN = 8;
const MAX_WORD = 30;

/**
 * Widths (padding included) for columns of the given natural widths, to fit `width` terminal
 * columns with the borders. Figure columns (`first`) give up their spare room first (their
 * headers wrap); then the widest column gives up a column at a time, so that long OPD names and
 * training names wrap while short ones stay whole. Columns at their floor keep it; a table that
 * cannot fit even then is as narrow as it can be.
 */
export function fitWidths(natural: readonly number[], floors: readonly number[], width: number, first: readonly boolean[] = []): number[] {
  const w = [...natural];
  // Each column's text is padded by one space each side; the borders take one column more than columns.
  const total = () => w.reduce((a, b) => a + b, 0) + w.length + 1;
  for (const round of [true, false]) {
    while (total() > width) {
      let widest = -1;
      for (let i = 0; i < w.length; i++) if ((!round || first[i]) && w[i]! > floors[i]! && (widest < 0 || w[i]! > w[widest]!)) widest = i;
      if (widest < 0) break;
      w[widest]!--;
    }
  }
  return w;
}

/** A column of a terminal table: figures (aligned right) and `keep` columns (a NIP) never wrap. */
export interface Column {
  head: string;
  align?: 'left' | 'right';
  keep?: boolean;
}

/**
 * A terminal table that fits `width` columns: text cells wrap within their column, figures and
 * NIPs stay whole. Without a width it takes the room it needs.
 */
export function fittedTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, width: number | undefined, bold: (s: string) => string): string {
  const natural = columns.map((c, i) => Math.max(cellWidth(c.head), ...rows.map((r) => cellWidth(r[i] ?? ''))) + 2);
  // A column may narrow down to its longest word (a header wraps between words; a word is never
  // cut), a NIP not at all.
  const words = (text: string) => Math.max(0, ...text.replace(ANSI, '').split(/\s+/).map((x) => [...x].length));
  const floors = columns.map((c, i) => {
    if (c.keep) return natural[i]!;
    const word = Math.max(words(c.head), ...rows.map((r) => Math.min(MAX_WORD, words(r[i] ?? ''))));
    return Math.min(natural[i]!, Math.max(c.align === 'right' ? 0 : MIN_COLUMN, word) + 2);
  });
  const widths = width === undefined ? natural : fitWidths(natural, floors, width, columns.map((c) => c.align === 'right'));
  const t = new Table({
    head: columns.map((c) => bold(c.head)),
    colAligns: columns.map((c) => c.align ?? 'left'),
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] },
    // No rule between body rows: long lists stay readable.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) t.push([...r]);
  return t.toString();
}
