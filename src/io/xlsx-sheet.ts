import { excelSerialDate } from '../normalize/dates.js';
import type { Cell, RawRow } from './types.js';
import { collectText, GT, is, LT, type SharedStrings, SLASH, skipSpecial, tagAt, textEnd, type TagName } from './xlsx-parts.js';
import { textOf } from './xml.js';

/** Excel's own limits: a cell beyond them is damage, not data. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** Why a row could not be read; `XlsxSource` names the sheet and the row. */
export type RowProblem = 'shared-string' | 'column' | 'row-number' | 'xml' | 'cut';

export class RowError extends Error {
  constructor(
    readonly row: number,
    readonly problem: RowProblem,
    readonly detail = '',
  ) {
    super(`row ${row}: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'RowError';
  }
}

const SHEET_DATA = Buffer.from('sheetData');
const ROW = Buffer.from('row');
const IS = Buffer.from('is');


/** Cell value kinds, from the `t=` attribute (ECMA-376 Part 1, 18.18.11 ST_CellType). */
const enum Kind {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  Date,
  Other,
}

/**
 * Reads a worksheet part's rows from its XML bytes, chunk by chunk, without a DOM or an object per
 * cell: `<row>` and `<c>` are found by byte, a value is made only for a cell that has one. Rows and
 * cells without `r=` follow the one before them; a row cut by a chunk's end is read again whole
 * from the next chunk.
 */
export class SheetScanner {
  private inSheetData = false;
  private ended = false;
  private lastRow = 0;
  /** Values of the row being read; reused, copied out at the row's end. */
  private cells: Cell[] = [];

  constructor(
    private readonly strings: SharedStrings | undefined,
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
  ) {}

  /** Whether `</sheetData>` has been read: the rest of the part holds no rows. */
  get done(): boolean {
    return this.ended;
  }

  /** Whether `<sheetData>` has been found (a worksheet without one has no rows, and is not cut short). */
  get started(): boolean {
    return this.inSheetData;
  }

  /** The row number of the last row read (for a message about the one after it). */
  get row(): number {
    return this.lastRow;
  }

  /**
   * Reads every complete row of `buf` from `pos` into `out`; returns where the unread rest starts
   * (a row or tag cut by the end of the chunk), to be given again with the next chunk.
   */
  scan(buf: Buffer, pos: number, out: RawRow[]): number {
    const end = buf.length;
    if (!this.inSheetData) {
      pos = this.findSheetData(buf, pos, end);
      if (!this.inSheetData) return pos;
    }
    while (!this.ended) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) return end;
      const t = tagAt(buf, lt, end);
      if (t === undefined) return lt;
      if (t.special) {
        const after = skipSpecial(buf, lt, end);
        if (after < 0) return lt;
        pos = after;
        continue;
      }
      if (t.close) {
        if (is(buf, t, SHEET_DATA)) this.ended = true;
        const gt = buf.indexOf(GT, t.end);
        if (gt < 0) return lt;
        pos = gt + 1;
        continue;
      }
      if (is(buf, t, ROW)) {
        const after = this.readRow(buf, t, end, out);
        if (after < 0) return lt;
        pos = after;
        continue;
      }
      // Anything else inside sheetData (an extension list): skip the tag.
      const gt = buf.indexOf(GT, t.end);
      if (gt < 0) return lt;
      pos = gt + 1;
    }
    return end;
  }

  private findSheetData(buf: Buffer, pos: number, end: number): number {
    for (;;) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) return end;
      const t = tagAt(buf, lt, end);
      if (t === undefined) return lt;
      if (t.special) {
        const after = skipSpecial(buf, lt, end);
        if (after < 0) return lt;
        pos = after;
        continue;
      }
      const gt = buf.indexOf(GT, t.end);
      if (gt < 0) return lt;
      if (!t.close && is(buf, t, SHEET_DATA)) {
        if (buf[gt - 1] === SLASH) this.ended = true;
        this.inSheetData = true;
        return gt + 1;
      }
      pos = gt + 1;
    }
  }

  // The tag and attribute just found by `nextTag` / `nextAttr`: fields, not objects, as a sheet
  // has millions of tags.
  private nameStart = 0;
  private nameEnd = 0;
  private tagClose = false;
  private attrName = 0;
  private attrNameLen = 0;
  private valueStart = 0;
  private valueEnd = 0;

  /**
   * The next tag from `p` that is not a comment or processing instruction: its name in the fields
   * above; returns the position after the name, or -1 when the buffer ends first.
   */
  private nextTag(buf: Buffer, p: number, end: number): number {
    for (;;) {
      while (p < end && buf[p] !== LT) p++;
      if (p + 1 >= end) return -1;
      let q = p + 1;
      const c = buf[q]!;
      if (c === 0x21 || c === 0x3f) {
        const after = skipSpecial(buf, p, end);
        if (after < 0) return -1;
        p = after;
        continue;
      }
      const close = c === SLASH;
      if (close) q++;
      let start = q;
      for (; q < end; q++) {
        const b = buf[q]!;
        if (b === 0x3a) start = q + 1;
        else if (b === GT || b === SLASH || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) break;
      }
      if (q >= end) return -1;
      this.nameStart = start;
      this.nameEnd = q;
      this.tagClose = close;
      return q;
    }
  }

  /**
   * The next attribute of the tag from `p`, in the fields above; returns the position after it,
   * -2 at the tag's end (`>` or `/`, at `this.valueEnd`), or -1 when the buffer ends first.
   */
  private nextAttr(buf: Buffer, p: number, end: number): number {
    while (p < end) {
      const b = buf[p]!;
      if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) break;
      p++;
    }
    if (p >= end) return -1;
    let b = buf[p]!;
    if (b === GT || b === SLASH) {
      this.valueEnd = p;
      return -2;
    }
    let nameStart = p;
    for (; p < end; p++) {
      b = buf[p]!;
      if (b === 0x3d || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) break;
      if (b === 0x3a) nameStart = p + 1;
      else if (b === GT || b === SLASH) throw new RowError(0, 'xml', buf.toString('utf8', nameStart, p));
    }
    const nameEnd = p;
    while (p < end && buf[p] !== 0x3d) {
      b = buf[p]!;
      if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) throw new RowError(0, 'xml', buf.toString('utf8', nameStart, Math.min(end, p + 10)));
      p++;
    }
    p++;
    while (p < end) {
      b = buf[p]!;
      if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) break;
      p++;
    }
    if (p >= end) return -1;
    const q = buf[p]!;
    if (q !== 0x22 && q !== 0x27) throw new RowError(0, 'xml', buf.toString('utf8', nameStart, Math.min(end, p + 10)));
    let close = p + 1;
    while (close < end && buf[close] !== q) close++;
    if (close >= end) return -1;
    this.attrName = nameStart;
    this.attrNameLen = nameEnd - nameStart;
    this.valueStart = p + 1;
    this.valueEnd = close;
    return close + 1;
  }

  /** Past the `>` of the current tag from `p`; -1 when cut. `this.valueEnd` is set to the `>`. */
  private tagEnd(buf: Buffer, p: number, end: number): number {
    while (p < end && buf[p] !== GT) p++;
    if (p >= end) return -1;
    this.valueEnd = p;
    return p + 1;
  }

  /** One `<row>` from its tag: its cells into `out`; the position after it, or -1 when cut. */
  private readRow(buf: Buffer, t: TagName, end: number, out: RawRow[]): number {
    let p = t.end;
    let rowNumber = 0;
    for (;;) {
      const a = this.nextAttr(buf, p, end);
      if (a === -1) return -1;
      if (a === -2) {
        p = this.valueEnd;
        break;
      }
      if (this.attrNameLen === 1 && buf[this.attrName] === 0x72 /* r */) rowNumber = parseUint(buf, this.valueStart, this.valueEnd);
      p = a;
    }
    const row = rowNumber > 0 ? rowNumber : this.lastRow + 1;
    if (rowNumber < 0 || row > MAX_ROWS) throw new RowError(this.lastRow + 1, 'row-number', buf.toString('utf8', t.start, Math.min(p, t.start + 40)));
    const cells = this.cells;
    cells.length = 0;
    if (buf[p] === SLASH) {
      if (p + 1 >= end) return -1;
      this.lastRow = row;
      out.push({ row, cells: [] });
      return p + 2;
    }
    p++;
    let col = 0;
    for (;;) {
      const q = this.nextTag(buf, p, end);
      if (q < 0) return -1;
      const n = this.nameEnd - this.nameStart;
      if (this.tagClose) {
        p = this.tagEnd(buf, q, end);
        if (p < 0) return -1;
        if (n === 3 && buf[this.nameStart] === 0x72 && buf[this.nameStart + 1] === 0x6f && buf[this.nameStart + 2] === 0x77) break;
        continue;
      }
      if (n !== 1 || buf[this.nameStart] !== 0x63 /* c */) {
        p = this.tagEnd(buf, q, end);
        if (p < 0) return -1;
        continue;
      }
      p = this.readCell(buf, q, end, col, row);
      if (p < 0) return -1;
      col = this.col;
    }
    this.lastRow = row;
    // Trailing cells with no value are not columns (as a sheet shows them).
    let n = cells.length;
    while (n > 0 && cells[n - 1] === null) n--;
    out.push({ row, cells: cells.slice(0, n) });
    return p;
  }

  /** The column of the cell just read (1-based). */
  private col = 0;

  /** One `<c>` from after its name: its value set in `this.cells`; the position after it, or -1 when cut. */
  private readCell(buf: Buffer, p: number, end: number, prevCol: number, row: number): number {
    let col = 0;
    let kind = Kind.Number;
    let style = 0;
    for (;;) {
      const a = this.nextAttr(buf, p, end);
      if (a === -1) return -1;
      if (a === -2) {
        p = this.valueEnd;
        break;
      }
      if (this.attrNameLen === 1) {
        const n = buf[this.attrName];
        if (n === 0x72 /* r */) col = columnOf(buf, this.valueStart, this.valueEnd);
        else if (n === 0x74 /* t */) kind = kindOf(buf, this.valueStart, this.valueEnd);
        else if (n === 0x73 /* s */) style = parseUint(buf, this.valueStart, this.valueEnd);
      }
      p = a;
    }
    if (col === 0) col = prevCol + 1;
    if (col < 0 || col > MAX_COLUMNS) throw new RowError(row, 'column', String(col < 0 ? '?' : col));
    this.col = col;
    if (buf[p] === SLASH) {
      if (p + 1 >= end) return -1;
      this.put(col, null);
      return p + 2;
    }
    p++;
    let vStart = -1;
    let vEnd = -1;
    let runs: Array<[number, number]> | undefined;
    // The common cell, `<v>text</v></c>` right after the tag (bytes compared here: a native
    // compare per cell costs more than it saves): its value without the tag search
    // below, which finds the same `<v>` and the same end.
    if (p + 3 < end && buf[p] === LT && buf[p + 1] === 0x76 && buf[p + 2] === GT) {
      let close = p + 3;
      while (close < end && buf[close] !== LT) close++;
      if (close + 8 <= end && buf[close + 1] === SLASH && buf[close + 2] === 0x76 && buf[close + 3] === GT && buf[close + 4] === LT && buf[close + 5] === SLASH && buf[close + 6] === 0x63 && buf[close + 7] === GT) {
        this.put(col, this.value(buf, kind, style, p + 3, close, undefined, row));
        return close + 8;
      }
    }
    for (;;) {
      const q = this.nextTag(buf, p, end);
      if (q < 0) return -1;
      const ns = this.nameStart;
      const n = this.nameEnd - ns;
      const gt = this.tagEnd(buf, q, end);
      if (gt < 0) return -1;
      p = gt;
      if (this.tagClose) {
        if (n === 1 && buf[ns] === 0x63 /* c */) break;
        continue;
      }
      if (buf[gt - 2] === SLASH) continue;
      if (n === 1 && buf[ns] === 0x76 /* v */) {
        let close = gt;
        while (close < end && buf[close] !== LT) close++;
        if (close >= end) return -1;
        if (buf[close + 1] === 0x21) {
          close = textEnd(buf, gt, end);
          if (close < 0) return -1;
        }
        vStart = gt;
        vEnd = close;
        p = close;
      } else if (n === 1 && buf[ns] === 0x66 /* f */) {
        // The formula's text is not needed: its cached value (<v>) is the value.
        const close = textEnd(buf, gt, end);
        if (close < 0) return -1;
        p = close;
      } else if (n === 2 && buf[ns] === 0x69 && buf[ns + 1] === 0x73 /* is */) {
        const r = collectText(buf, gt, end, IS);
        if (r === undefined) return -1;
        runs = r.runs;
        p = r.after;
      }
    }
    this.put(col, this.value(buf, kind, style, vStart, vEnd, runs, row));
    return p;
  }

  private put(col: number, v: Cell): void {
    const cells = this.cells;
    while (cells.length < col - 1) cells.push(null);
    if (cells.length === col - 1) cells.push(v);
    else cells[col - 1] = v;
  }

  private value(buf: Buffer, kind: Kind, style: number, s: number, e: number, runs: Array<[number, number]> | undefined, row: number): Cell {
    switch (kind) {
      case Kind.Number: {
        if (s < 0) return null;
        const n = parseNumber(buf, s, e);
        if (n === undefined) return s === e ? null : textOf(buf, s, e);
        return style < this.dateStyles.length && this.dateStyles[style] === 1 ? excelSerialDate(n, this.date1904) : n;
      }
      case Kind.Shared: {
        if (s < 0) return null;
        const i = parseUint(buf, s, e);
        const str = this.strings?.get(i);
        if (str === undefined) throw new RowError(row, 'shared-string', buf.toString('utf8', s, Math.min(e, s + 20)));
        return str;
      }
      case Kind.Inline: {
        if (runs !== undefined) return joinRuns(buf, runs);
        return s < 0 ? null : textOf(buf, s, e);
      }
      case Kind.Str:
        return s < 0 ? null : textOf(buf, s, e);
      case Kind.Bool: {
        if (s < 0) return null;
        const t = textOf(buf, s, e).trim();
        return t === '1' || t === 'true' ? true : t === '0' || t === 'false' ? false : t;
      }
      case Kind.Error:
        // #N/A, #REF!, #DIV/0!: kept as the text Excel shows, so a required cell says what it holds.
        return s < 0 ? null : textOf(buf, s, e);
      case Kind.Date: {
        if (s < 0) return null;
        const text = textOf(buf, s, e);
        return isoDate(text) ?? text;
      }
      default:
        // An unknown t= (not in ECMA-376): its text, never a guess at a number.
        return s < 0 ? null : textOf(buf, s, e);
    }
  }
}

function joinRuns(buf: Buffer, runs: Array<[number, number]>): string {
  if (runs.length === 1) return textOf(buf, runs[0]![0], runs[0]![1]);
  let s = '';
  for (const [a, b] of runs) s += textOf(buf, a, b);
  return s;
}

const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/;

/**
 * A `t="d"` cell's ISO 8601 value as the date (and time) it writes, at UTC: `2025-03-01T00:00:00Z`
 * and `2025-03-01` are both 1 March 2025. A zone offset is not applied: the cell's calendar day is
 * what it says. Undefined for anything else (a time alone, a malformed value).
 */
export function isoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.round(Number(m[7] ?? 0) * 1000));
  const dt = new Date(ms);
  // 2025-02-30 is not a date: refuse rather than roll over into March.
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt;
}

function kindOf(buf: Buffer, s: number, e: number): Kind {
  const n = e - s;
  const a = buf[s];
  if (n === 1) {
    switch (a) {
      case 0x73:
        return Kind.Shared; // s
      case 0x6e:
        return Kind.Number; // n
      case 0x62:
        return Kind.Bool; // b
      case 0x65:
        return Kind.Error; // e
      case 0x64:
        return Kind.Date; // d
    }
    return Kind.Other;
  }
  const t = buf.toString('latin1', s, e);
  if (t === 'str') return Kind.Str;
  if (t === 'inlineStr') return Kind.Inline;
  return Kind.Other;
}

/** Column letters of a reference (`AB12` → 28); 0 for none; -1 for a reference that is not one. */
function columnOf(buf: Buffer, s: number, e: number): number {
  let col = 0;
  let p = s;
  for (; p < e; p++) {
    let b = buf[p]!;
    if (b >= 0x61 && b <= 0x7a) b -= 32;
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + (b - 0x40);
    if (col > MAX_COLUMNS) return -1;
  }
  if (p === s) return s === e ? 0 : -1;
  return col;
}

/** A non-negative integer; -1 for anything else (empty, a sign, a fraction). */
function parseUint(buf: Buffer, s: number, e: number): number {
  if (s >= e || e - s > 15) return -1;
  let n = 0;
  for (let p = s; p < e; p++) {
    const d = buf[p]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A number as `<v>` writes it; plain integers are read from the bytes, everything else by `Number`. */
function parseNumber(buf: Buffer, s: number, e: number): number | undefined {
  if (s >= e) return undefined;
  let p = s;
  let neg = false;
  if (buf[p] === 0x2d) {
    neg = true;
    p++;
  }
  if (e - p > 0 && e - p <= 15) {
    let n = 0;
    let q = p;
    for (; q < e; q++) {
      const d = buf[q]! - 0x30;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (q === e) return neg ? -n : n;
  }
  const text = buf.toString('latin1', s, e).trim();
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
