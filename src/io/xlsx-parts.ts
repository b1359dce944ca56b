import { posix } from 'node:path';
import { DoctypeError, tags, textOf, XmlError } from './xml.js';

/** A worksheet as the workbook lists it, with the zip entry that holds it. */
export interface SheetRef {
  name: string;
  /** The zip entry's name (`xl/worksheets/sheet1.xml`), or undefined when no entry is found. */
  part: string | undefined;
}

export interface WorkbookInfo {
  /** Worksheets in the workbook's own order (the tabs' order), chart and dialog sheets left out. */
  sheets: SheetRef[];
  /** `<workbookPr date1904="1"/>`: serial 0 is 1 January 1904 (Excel for Mac before 2011). */
  date1904: boolean;
  /** The shared-strings and styles parts, from the relationships (`xl/sharedStrings.xml`, `xl/styles.xml` otherwise). */
  strings: string | undefined;
  styles: string | undefined;
}

const WORKSHEET_REL = /\/(worksheet)$/;
const OTHER_SHEET_REL = /\/(chartsheet|dialogsheet|macrosheet|xlMacrosheet|xlIntlMacrosheet)$/;

/** The workbook part's name, from the package's relationships (`xl/workbook.xml` when it says nothing). */
export function workbookPart(rootRels: string | undefined, has: (name: string) => string | undefined): string {
  if (rootRels !== undefined) {
    for (const t of tags(rootRels)) {
      if (t.name === 'Relationship' && /\/officeDocument$/.test(t.attrs.get('Type') ?? '')) {
        const found = has(resolve('', t.attrs.get('Target') ?? ''));
        if (found) return found;
      }
    }
  }
  return has('xl/workbook.xml') ?? 'xl/workbook.xml';
}

/**
 * Reads the sheets' names and order from `workbook.xml` and finds each one's part through the
 * workbook's relationships, wherever the zip stores it (first entry or last). Without
 * relationships, `sheetN.xml` by the sheet's id, then the worksheets in the zip by number.
 */
export function readWorkbook(wbPart: string, workbook: string, rels: string | undefined, entryNames: readonly string[], has: (name: string) => string | undefined): WorkbookInfo {
  const base = posix.dirname(wbPart);
  const targets = new Map<string, { target: string; type: string }>();
  if (rels !== undefined) {
    for (const t of tags(rels)) {
      if (t.name !== 'Relationship') continue;
      const id = t.attrs.get('Id');
      if (id !== undefined && t.attrs.get('TargetMode') !== 'External') targets.set(id, { target: t.attrs.get('Target') ?? '', type: t.attrs.get('Type') ?? '' });
    }
  }
  let date1904 = false;
  const listed: Array<{ name: string; rid: string | undefined; sheetId: string | undefined }> = [];
  for (const t of tags(workbook)) {
    if (t.close) continue;
    if (t.name === 'workbookPr') {
      const v = t.attrs.get('date1904');
      date1904 = v === '1' || v === 'true';
    } else if (t.name === 'sheet') {
      listed.push({ name: t.attrs.get('name') ?? '', rid: t.attrs.get('id'), sheetId: t.attrs.get('sheetId') });
    }
  }
  const worksheets = entryNames.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n)).sort((a, b) => sheetNumber(a) - sheetNumber(b) || (a < b ? -1 : 1));
  const sheets: SheetRef[] = [];
  for (const [i, s] of listed.entries()) {
    const rel = s.rid === undefined ? undefined : targets.get(s.rid);
    if (rel && OTHER_SHEET_REL.test(rel.type)) continue;
    let part = rel && (WORKSHEET_REL.test(rel.type) || rel.type === '') ? has(resolve(base, rel.target)) : undefined;
    if (!part && !rel) part = (s.sheetId !== undefined ? has(`${base}/worksheets/sheet${s.sheetId}.xml`) : undefined) ?? worksheets[i];
    sheets.push({ name: s.name || `Sheet${i + 1}`, part });
  }
  // A workbook that lists no sheet, with worksheets in the zip (some writers): read those.
  if (listed.length === 0) for (const [i, w] of worksheets.entries()) sheets.push({ name: `Sheet${i + 1}`, part: w });
  const byType = (suffix: RegExp, fallback: string): string | undefined => {
    for (const r of targets.values()) if (suffix.test(r.type)) return has(resolve(base, r.target)) ?? has(fallback);
    return has(fallback);
  };
  return { sheets, date1904, strings: byType(/\/sharedStrings$/, `${base}/sharedStrings.xml`), styles: byType(/\/styles$/, `${base}/styles.xml`) };
}

function sheetNumber(name: string): number {
  const m = /(\d+)\.xml$/i.exec(name);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

/** A relationship's target, relative to the folder of the part that names it, or absolute (`/xl/...`). */
function resolve(base: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t.slice(1) : posix.join(base, t);
  return posix.normalize(joined).replace(/^(\.\.\/)+/, '').replace(/^\.\//, '');
}

/** Built-in number formats that show a date or a time (ECMA-376 Part 1, 18.8.30; 27-36 and 50-58 are the East Asian dates). */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a custom format code shows a date: a day, month, year, hour or second code outside
 * quoted text, escapes and brackets (`[$-421]dd mmmm yyyy` is a date; `0.0 "hari"` and `[Red]0` are not).
 */
export function isDateFormat(code: string): boolean {
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhsb]/i.test(bare.replace(/General/gi, ''));
}

/** For each cell style (`s=` of a cell): does it show a date? From `styles.xml`'s `cellXfs`. */
export function readDateStyles(styles: string | undefined): Uint8Array {
  if (styles === undefined) return new Uint8Array(0);
  const custom = new Map<number, boolean>();
  const xfs: number[] = [];
  let inCellXfs = false;
  for (const t of tags(styles)) {
    if (t.name === 'numFmt' && !t.close) {
      const id = Number(t.attrs.get('numFmtId'));
      if (Number.isInteger(id)) custom.set(id, isDateFormat(t.attrs.get('formatCode') ?? ''));
    } else if (t.name === 'cellXfs') {
      inCellXfs = !t.close && !t.selfClosing;
    } else if (t.name === 'xf' && inCellXfs && !t.close) {
      xfs.push(Number(t.attrs.get('numFmtId') ?? '0'));
    }
  }
  const out = new Uint8Array(xfs.length);
  for (const [i, id] of xfs.entries()) out[i] = (custom.get(id) ?? builtInDate(id)) ? 1 : 0;
  return out;
}

/**
 * The shared-strings table, read as a stream: each string's text (rich-text runs joined, phonetic
 * runs left out) stored as UTF-8 in one buffer with offsets, so a million strings are two
 * allocations, not a million objects. A string is made only when a cell asks for it.
 */
export class SharedStrings {
  private text: Buffer;
  private used = 0;
  private offsets = new Int32Array(1024);
  private n = 0;
  private inSst = false;
  private done = false;

  /** `capacity`: the part's declared size; the text is never longer than the XML that holds it. */
  constructor(capacity: number) {
    this.text = Buffer.allocUnsafe(Math.max(16, capacity));
  }

  get count(): number {
    return this.n;
  }

  /** The string at `i`, or undefined when the table has no such entry. */
  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.n)) return undefined;
    const cached = this.cache[i];
    if (cached !== undefined) return cached;
    const s = this.text.toString('utf8', this.offsets[i]!, i + 1 < this.n ? this.offsets[i + 1]! : this.used);
    // A string asked for twice (a NIP or a training name repeated down a sheet) is kept; one asked
    // for once (a roster's names) is not, so memory follows the repeats, not the table.
    if (this.seen[i] === 1) this.cache[i] = s;
    else this.seen[i] = 1;
    return s;
  }

  /**
   * Lets go of the table once the sheet is read: a roster's shared strings (every name and NIP)
   * are as large as its audit columns, and the report that follows should not sit on top of them.
   */
  release(): void {
    this.text = Buffer.alloc(0);
    this.offsets = new Int32Array(0);
    this.n = 0;
    this.used = 0;
    this.seen = new Uint8Array(0);
    this.cache = [];
  }

  /** Called once the table is read: room to remember which strings were asked for. */
  finish(): void {
    this.seen = new Uint8Array(this.n);
    this.cache = new Array<string | undefined>(this.n);
  }

  private seen = new Uint8Array(0);
  private cache: Array<string | undefined> = [];

  /** Reads the `<si>` items of `buf` from `pos`; returns where an item cut by the chunk's end starts. */
  scan(buf: Buffer, pos: number): number {
    const end = buf.length;
    while (pos < end && !this.done) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) return end;
      const name = tagAt(buf, lt, end);
      if (name === undefined) return lt;
      if (name.special) {
        const after = skipSpecial(buf, lt, end);
        if (after < 0) return lt;
        pos = after;
        continue;
      }
      if (!this.inSst) {
        if (!name.close && is(buf, name, SST)) this.inSst = true;
        const gt = buf.indexOf(GT, lt);
        if (gt < 0) return lt;
        pos = gt + 1;
        continue;
      }
      if (name.close) {
        if (is(buf, name, SST)) this.done = true;
        const gt = buf.indexOf(GT, lt);
        if (gt < 0) return lt;
        pos = gt + 1;
        continue;
      }
      if (!is(buf, name, SI)) {
        const gt = buf.indexOf(GT, lt);
        if (gt < 0) return lt;
        pos = gt + 1;
        continue;
      }
      const after = this.item(buf, lt, end);
      if (after < 0) return lt;
      pos = after;
    }
    return end;
  }

  /** One `<si>` from `lt`: its text stored; the position after `</si>`, or -1 when cut. */
  private item(buf: Buffer, lt: number, end: number): number {
    const plain = this.plainItem(buf, lt, end);
    if (plain >= 0) return plain;
    const gt = buf.indexOf(GT, lt);
    if (gt < 0) return -1;
    const start = this.used;
    if (buf[gt - 1] === SLASH) {
      this.push(start);
      return gt + 1;
    }
    const r = collectText(buf, gt + 1, end, SI);
    if (r === undefined) return -1;
    this.push(start);
    for (const [s, e] of r.runs) this.append(buf, s, e);
    return r.after;
  }

  /**
   * The common item, `<si><t>text</t></si>` (or `<t xml:space="preserve">`) with nothing to decode
   * in the text, stored straight from the bytes: what `item` stores for it, without its tag
   * objects and searches. -1 for any other item (or one cut by the buffer's end): `item` reads it.
   */
  private plainItem(buf: Buffer, lt: number, end: number): number {
    let p = lt + 1;
    if (p + 6 > end || buf[p] !== 0x73 || buf[p + 1] !== 0x69 || buf[p + 2] !== GT || buf[p + 3] !== LT || buf[p + 4] !== 0x74) return -1;
    p += 5;
    if (buf[p] === GT) p++;
    else if (buf[p] === 0x20 && p + PRESERVE.length < end && buf.compare(PRESERVE, 0, PRESERVE.length, p, p + PRESERVE.length) === 0) p += PRESERVE.length;
    else return -1;
    const start = p;
    for (; p < end; p++) {
      const c = buf[p]!;
      if (c === LT) break;
      if (c === AMP || c === UNDERSCORE) return -1;
    }
    // `</t></si>`, byte by byte (a native compare per string costs more than it saves).
    if (p + 9 > end || buf[p + 1] !== SLASH || buf[p + 2] !== 0x74 || buf[p + 3] !== GT || buf[p + 4] !== LT || buf[p + 5] !== SLASH || buf[p + 6] !== 0x73 || buf[p + 7] !== 0x69 || buf[p + 8] !== GT) return -1;
    this.push(this.used);
    this.reserve(p - start);
    buf.copy(this.text, this.used, start, p);
    this.used += p - start;
    return p + 9;
  }

  private push(start: number): void {
    if (this.n === this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.n++] = start;
  }

  private append(buf: Buffer, s: number, e: number): void {
    let plain = true;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      if (c === AMP || c === UNDERSCORE || c === LT) {
        plain = false;
        break;
      }
    }
    if (plain) {
      this.reserve(e - s);
      buf.copy(this.text, this.used, s, e);
      this.used += e - s;
    } else {
      const t = Buffer.from(textOf(buf, s, e), 'utf8');
      this.reserve(t.length);
      t.copy(this.text, this.used);
      this.used += t.length;
    }
  }

  private reserve(n: number): void {
    if (this.used + n <= this.text.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.text.length * 2, this.used + n));
    this.text.copy(grown, 0, 0, this.used);
    this.text = grown;
  }
}

// ---- byte-level tag reading, shared with the sheet scanner ----

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
const AMP = 0x26;
const UNDERSCORE = 0x5f;
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;

const SST = Buffer.from('sst');
const SI = Buffer.from('si');
const T = Buffer.from('t');
const RPH = Buffer.from('rPh');
const CDATA = Buffer.from('<![CDATA[');
/** What follows `<si><t` in the common item that keeps spaces. */
const PRESERVE = Buffer.from(' xml:space="preserve">');

/** A tag's name in the buffer: `[start, end)` of its local name (after any prefix). */
export interface TagName {
  start: number;
  end: number;
  close: boolean;
  /** `<!...>` or `<?...?>`: a comment, CDATA, a processing instruction or a DTD. */
  special: boolean;
}

/** The name of the tag at `lt` (a `<`), or undefined when the buffer ends inside it. */
export function tagAt(buf: Buffer, lt: number, end: number): TagName | undefined {
  let p = lt + 1;
  if (p >= end) return undefined;
  const c = buf[p]!;
  if (c === BANG || c === QUESTION) return { start: p, end: p, close: false, special: true };
  const close = c === SLASH;
  if (close) p++;
  let start = p;
  for (; p < end; p++) {
    const b = buf[p]!;
    if (b === COLON) start = p + 1;
    else if (b === GT || b === SLASH || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) return { start, end: p, close, special: false };
  }
  return undefined;
}

export function is(buf: Buffer, t: TagName, name: Buffer): boolean {
  const n = name.length;
  if (t.end - t.start !== n) return false;
  for (let i = 0; i < n; i++) if (buf[t.start + i] !== name[i]) return false;
  return true;
}

/** Past a comment, CDATA section or processing instruction at `lt`; a DTD is refused; -1 when cut. */
export function skipSpecial(buf: Buffer, lt: number, end: number): number {
  if (lt + 4 > end) return -1;
  if (buf[lt + 1] === QUESTION) {
    const q = buf.indexOf('?>', lt + 2);
    return q < 0 ? -1 : q + 2;
  }
  if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) {
    const q = buf.indexOf('-->', lt + 4);
    return q < 0 ? -1 : q + 3;
  }
  if (lt + CDATA.length > end) return -1;
  if (buf.compare(CDATA, 0, CDATA.length, lt, lt + CDATA.length) === 0) {
    const q = buf.indexOf(']]>', lt + CDATA.length);
    return q < 0 ? -1 : q + 3;
  }
  throw new DoctypeError();
}

/**
 * The text runs of a string item (`<si>` or `<is>`) whose content starts at `pos`: each `<t>`'s
 * content, those inside phonetic runs (`<rPh>`) left out; and the position after the closing tag
 * named `closer`. Undefined when the buffer ends first.
 */
export function collectText(buf: Buffer, pos: number, end: number, closer: Buffer): { runs: Array<[number, number]>; after: number } | undefined {
  const runs: Array<[number, number]> = [];
  let phonetic = 0;
  for (;;) {
    const lt = buf.indexOf(LT, pos);
    if (lt < 0 || lt >= end) return undefined;
    const t = tagAt(buf, lt, end);
    if (t === undefined) return undefined;
    if (t.special) {
      const after = skipSpecial(buf, lt, end);
      if (after < 0) return undefined;
      pos = after;
      continue;
    }
    const gt = buf.indexOf(GT, t.end);
    if (gt < 0 || gt >= end) return undefined;
    if (t.close) {
      if (is(buf, t, closer)) return { runs, after: gt + 1 };
      if (is(buf, t, RPH)) phonetic--;
      pos = gt + 1;
      continue;
    }
    const selfClosing = buf[gt - 1] === SLASH;
    if (is(buf, t, RPH)) {
      if (!selfClosing) phonetic++;
      pos = gt + 1;
      continue;
    }
    if (is(buf, t, T) && !selfClosing) {
      const close = textEnd(buf, gt + 1, end);
      if (close < 0) return undefined;
      if (phonetic === 0) runs.push([gt + 1, close]);
      const cgt = buf.indexOf(GT, close);
      if (cgt < 0 || cgt >= end) return undefined;
      pos = cgt + 1;
      continue;
    }
    pos = gt + 1;
  }
}

/** Where an element's text content that starts at `pos` ends (its closing tag's `<`), CDATA sections included; -1 when cut. */
export function textEnd(buf: Buffer, pos: number, end: number): number {
  for (;;) {
    const lt = buf.indexOf(LT, pos);
    if (lt < 0 || lt >= end) return -1;
    if (buf[lt + 1] === BANG) {
      const after = skipSpecial(buf, lt, end);
      if (after < 0) return -1;
      pos = after;
      continue;
    }
    return lt;
  }
}

export { DoctypeError, XmlError };
