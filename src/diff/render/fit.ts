/** A table column as the terminal fitting sees it: its widest cell, and how narrow it may wrap to. */
export interface FitColumn {
  natural: number;
  min: number;
  /** The widest body cell (without the heading): narrowing down to it only wraps the heading. */
  body?: number;
}

/** Characters a cli-table3 table adds around `n` columns: a border after each and one before, a space each side of each cell. */
export const tableChrome = (n: number): number => n * 3 + 1;

/**
 * Content widths for the columns so that the whole table is at most `width` characters wide.
 * Headings wrap first (a column narrows to its widest body cell), then the widest column gives
 * up a character at a time, never below its `min`. Null when even the minimums do not fit (the
 * caller lays the rows out as a list instead).
 */
export function fitColumns(columns: readonly FitColumn[], width: number): number[] | null {
  const w = columns.map((c) => Math.max(c.natural, 1));
  let excess = w.reduce((a, b) => a + b, 0) + tableChrome(columns.length) - width;
  const floors = [columns.map((c) => Math.max(c.min, c.body ?? c.natural)), columns.map((c) => c.min)];
  for (const floor of floors) {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < w.length; i++) if (w[i]! > floor[i]! && (widest < 0 || w[i]! > w[widest]!)) widest = i;
      if (widest < 0) break;
      w[widest]!--;
      excess--;
    }
  }
  return excess > 0 ? null : w;
}

/** Characters a terminal shows for `s` (code points; the names in rosters are Latin script). */
export const displayWidth = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** The widest line of a cell. */
export const cellWidth = (s: string): number => Math.max(0, ...s.split('\n').map(displayWidth));

/**
 * The pieces a line may break between: words, and the parts of a hyphenated word after each
 * hyphen between letters (`non-` `compliant,`; never a minus sign). `space` says whether a space stands before the piece.
 */
function pieces(para: string): Array<{ text: string; space: boolean }> {
  const out: Array<{ text: string; space: boolean }> = [];
  for (const word of para.split(/ +/)) {
    if (word === '') continue;
    const parts = word.split(/(?<=\p{L}-)(?=\p{L})/u);
    parts.forEach((p, i) => out.push({ text: p, space: i === 0 }));
  }
  return out;
}

/** The widest piece of `text` that wrapping cannot break (see `pieces`). */
export const longestPiece = (text: string): number => Math.max(0, ...text.split('\n').flatMap((p) => pieces(p).map((x) => displayWidth(x.text))));

/**
 * `text` wrapped to lines of at most `width` characters: at spaces and after hyphens, and inside
 * a word only when the word alone is wider. Nothing is cut off (a truncated name or NIP would be
 * a wrong answer).
 */
export function wrapText(text: string, width: number): string {
  if (width < 1) return text;
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const piece of pieces(para)) {
      let rest = piece.text;
      const joined = line === '' ? rest : `${line}${piece.space ? ' ' : ''}${rest}`;
      if (displayWidth(joined) <= width) {
        line = joined;
        continue;
      }
      if (line !== '') out.push(line);
      line = '';
      while (displayWidth(rest) > width) {
        const cps = [...rest];
        out.push(cps.slice(0, width).join(''));
        rest = cps.slice(width).join('');
      }
      line = rest;
    }
    out.push(line);
  }
  return out.join('\n');
}
