import { Writable } from 'node:stream';
import type { Style, Workbook, Worksheet } from 'exceljs';

// exceljs's streaming writer and its enums alone: the whole package (readers, CSV, their
// dependencies) takes three times as long to load, and a report needs none of it.

type WriterClass = new (options: unknown) => unknown;
async function loadWriter(): Promise<{ WorkbookWriter: WriterClass; ValueType: { Number: number; String: number; Date: number } }> {
  const [writer, enums] = await Promise.all([import('exceljs/lib/stream/xlsx/workbook-writer.js') as Promise<{ default: WriterClass }>, import('exceljs/lib/doc/enums.js') as Promise<{ default: { ValueType: { Number: number; String: number; Date: number } } }>]);
  return { WorkbookWriter: writer.default, ValueType: enums.default.ValueType };
}

/**
 * The streaming Excel writer the reports share: exceljs's WorkbookWriter makes the package (styles,
 * sheet settings, print titles, properties) and each sheet's rows are written into its stream as
 * XML a few hundred rows at a time, with inline strings. exceljs makes a Row and a Cell object and
 * an XML stream per row, which at 100k employees was most of the time; the rows written here are
 * the same XML, and the tests read every workbook back with exceljs and LibreOffice.
 */

/** A cell's number format or look, by name; each becomes one style of the workbook. */
export type Look = 'plain' | 'title' | 'subtitle' | 'note' | 'label' | 'header' | 'text' | 'int' | 'jp' | 'jpFraction' | 'rate' | 'date';

/** A cell: a value, or a value with its look (numbers are `int` unless told). */
export type XCell = string | number | null | { v: string | number | null; look: Look };

/** JP as `10` and `2,5`: whole JP without decimals, others with up to three (the workbook's locale decides the mark). */
export const JP_WHOLE = '#,##0';
export const JP_FRACTION = '#,##0.0##';
export const RATE_FORMAT = '0.0%';
export const DATE_FORMAT = 'dd/mm/yyyy';
const ATTENTION_ARGB = 'FFFDE2E1';
const HEADER_ARGB = 'FFE8EEF7';

// A font without a name prints in the reader's fallback (a serif in LibreOffice): name the default.
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
const LOOKS: Record<Look, Partial<Style>> = {
  plain: {},
  title: { font: { ...FONT, bold: true, size: 14 } },
  subtitle: { font: { ...FONT, bold: true, size: 12 } },
  note: { font: { ...FONT, italic: true, color: { argb: 'FF5B6475' } } },
  label: { font: { ...FONT, bold: true } },
  header: { font: { ...FONT, bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_ARGB } }, alignment: { wrapText: true, vertical: 'top' }, border: { bottom: { style: 'thin' } } },
  text: { numFmt: '@' },
  int: { numFmt: JP_WHOLE },
  jp: { numFmt: JP_WHOLE },
  jpFraction: { numFmt: JP_FRACTION },
  rate: { numFmt: RATE_FORMAT },
  date: { numFmt: DATE_FORMAT },
};

/** Page set-up of every sheet: landscape A4, one page wide and as many pages high as it takes. */
export const PAGE_SETUP = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: false,
  margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
} as const;

/** Bytes of sheets that may wait for the zip. */
const MAX_QUEUED = 32 << 20;
/** Bytes of rows handed to a sheet's stream at a time. */
const CHUNK_BYTES = 1 << 18;

const INVALID_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML content: escaped, and without the control characters XML cannot hold. */
export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

/** Text for a header or footer: `&` is Excel's code character there, so it is doubled. */
export function headerText(s: string): string {
  return s.replace(/&/g, '&&');
}

/** Column letters of 1-based column `n` (1 -> A, 27 -> AA). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Days since Excel's epoch for a civil date (what a date cell holds). */
export function excelSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export interface SheetSpec {
  name: string;
  /** Column widths in characters. */
  widths: readonly number[];
  /** Printed at the top of every page (the report's title) and at the bottom right (the sheet). */
  header: string;
  footer: string;
  /** The table's header row: frozen and printed at the top of every page (known before rows are written). */
  headerRow: number | null;
}

/** One workbook being written; `sheet` opens sheets one after another. */
export class StreamedWorkbook {
  private readonly styleIds = new Map<string, number>();
  private constructor(
    readonly wb: Workbook & { styles: { addStyleModel(model: Partial<Style>, type?: number): number } },
    private readonly valueTypes: { Number: number; String: number; Date: number },
  ) {}

  /** A workbook whose bytes go to `write` (awaited: a slow disk slows the writer, memory stays flat). */
  static async open(write: (chunk: Uint8Array) => Promise<void>, props: { title: string; subject: string; keywords: string; description: string; created: Date }): Promise<StreamedWorkbook> {
    const { WorkbookWriter, ValueType } = await loadWriter();
    const sink = new Writable({
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _enc, done) {
        write(chunk).then(() => done(), done);
      },
    });
    // Deflate level 1: the sheets are repetitive XML that level 1 still shrinks tenfold.
    const wb = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } }) as StreamedWorkbook['wb'];
    wb.creator = 'jp-audit';
    wb.lastModifiedBy = 'jp-audit';
    wb.created = props.created;
    wb.modified = props.created;
    wb.title = props.title;
    wb.subject = props.subject;
    wb.keywords = props.keywords;
    wb.description = props.description;
    const done = new Promise<void>((resolve, reject) => {
      sink.on('finish', resolve);
      sink.on('error', reject);
    });
    const book = new StreamedWorkbook(wb, ValueType);
    book.finished = done;
    // The zip says when it has deflated an entry: a sheet's text is free then.
    (wb as unknown as { zip: NodeJS.EventEmitter }).zip.on('entry', (entry: { name: string }) => {
      const name = entry.name.replace(/^\/+/, '');
      book.deflated.get(name)?.();
      book.deflated.delete(name);
    });
    return book;
  }

  private finished: Promise<void> = Promise.resolve();
  private readonly sharedIds = new Map<string, number>();

  /** The index of `text` in the workbook's shared strings. */
  sharedIndex(text: string): number {
    let i = this.sharedIds.get(text);
    if (i === undefined) this.sharedIds.set(text, (i = (this.wb as unknown as { sharedStrings: { add(s: string): number } }).sharedStrings.add(text)));
    return i;
  }

  /** Callbacks by zip entry name, for when the zip has taken that entry. */
  readonly deflated = new Map<string, () => void>();

  /** Resolves when the zip has deflated entry `name`. */
  whenDeflated(name: string): Promise<void> {
    return new Promise((resolve) => this.deflated.set(name, resolve));
  }
  private readonly zipping: Array<{ zipped: Promise<void>; bytes: number }> = [];
  private waiting = 0;

  /**
   * Waits while the sheets ended but not yet deflated by the zip hold more than `MAX_QUEUED` of
   * text: the zip deflates on libuv's threads while this thread makes the next sheets.
   */
  async queued(zipped: Promise<void>, bytes: number): Promise<void> {
    this.zipping.push({ zipped, bytes });
    this.waiting += bytes;
    while (this.zipping.length > 1 && this.waiting > MAX_QUEUED) {
      const first = this.zipping.shift()!;
      await first.zipped;
      this.waiting -= first.bytes;
    }
  }

  /** The style id of a look, with the attention fill when `attention`. */
  style(look: Look, attention = false, type: 'number' | 'string' = 'number'): number {
    const key = `${look}|${attention}|${type}`;
    let id = this.styleIds.get(key);
    if (id === undefined) {
      const model: Partial<Style> = { ...LOOKS[look] };
      if (attention) model.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ATTENTION_ARGB } };
      id = this.wb.styles.addStyleModel(model, type === 'number' ? this.valueTypes.Number : this.valueTypes.String);
      this.styleIds.set(key, id);
    }
    return id;
  }

  /** Opens a sheet; write its rows with `SheetRows`, then `end()` it before the next one. */
  sheet(spec: SheetSpec): SheetRows {
    const h = spec.headerRow;
    const ws = this.wb.addWorksheet(spec.name, {
      pageSetup: { ...PAGE_SETUP, margins: { ...PAGE_SETUP.margins }, ...(h === null ? {} : { printTitlesRow: `${h}:${h}` }) },
      views: h === null ? [] : [{ state: 'frozen', ySplit: h, xSplit: 0, topLeftCell: `A${h + 1}` }],
      headerFooter: { oddHeader: `&L${headerText(spec.header)}&R&P / &N`, oddFooter: `&L${headerText(spec.footer)}&Rjp-audit` },
    } as never) as Worksheet;
    ws.columns = spec.widths.map((width) => ({ width }));
    return new SheetRows(this, ws, h);
  }

  /** Ends the package: every sheet written, the bytes all handed to `write`. */
  async end(): Promise<void> {
    await Promise.all(this.zipping.splice(0).map((z) => z.zipped));
    await (this.wb as unknown as { commit(): Promise<void> }).commit();
    await this.finished;
  }
}

const LOOK_NAMES = Object.keys(LOOKS) as Look[];
const LOOK_INDEX = new Map(LOOK_NAMES.map((k, i) => [k, i]));
const LETTERS = Array.from({ length: 64 }, (_, i) => columnLetters(i + 1));
const NEEDS_ESCAPE = /[&<>"\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/;

/** The rows of one sheet, written in order from row 1. */
export class SheetRows {
  private n = 0;
  /**
   * Rows as UTF-8, each row's text written in as it is made: one long string of many rows costs
   * more to flatten and convert than it does to make.
   */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  private written = 0;
  /** Style ids by look, attention and value type; -1 until first used. */
  private readonly ids = new Int32Array(LOOK_NAMES.length * 4).fill(-1);

  constructor(
    private readonly book: StreamedWorkbook,
    readonly ws: Worksheet,
    private readonly headerRow: number | null,
  ) {}

  /** The number of the last row written. */
  get row(): number {
    return this.n;
  }

  /** The style id of `look` for a number (or, `string`, a text), filled when `attention`. */
  id(look: Look, attention: boolean, string = false): number {
    const k = LOOK_INDEX.get(look)! * 4 + (attention ? 2 : 0) + (string ? 1 : 0);
    let id = this.ids[k]!;
    if (id < 0) this.ids[k] = id = this.book.style(look, attention, string ? 'string' : 'number');
    return id;
  }

  /** A text cell of column `col` (1-based) in the next row, with style id `s`. */
  text(col: number, v: string, s: number): string {
    const t = NEEDS_ESCAPE.test(v) ? xmlText(v) : v;
    const space = t.length > 0 && (t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32) ? ' xml:space="preserve"' : '';
    return `<c r="${LETTERS[col - 1] ?? columnLetters(col)}${this.n + 1}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
  }

  /**
   * A text cell from the shared strings: for the few words that recur on every row (types,
   * statuses), shorter to write and to deflate than the same text inline.
   */
  shared(col: number, v: string, s: number): string {
    return `<c r="${LETTERS[col - 1] ?? columnLetters(col)}${this.n + 1}"${s ? ` s="${s}"` : ''} t="s"><v>${this.book.sharedIndex(v)}</v></c>`;
  }

  /** A number cell of column `col` in the next row, with style id `s`; empty when not finite. */
  number(col: number, v: number, s: number): string {
    return Number.isFinite(v) ? `<c r="${LETTERS[col - 1] ?? columnLetters(col)}${this.n + 1}" s="${s}"><v>${v}</v></c>` : '';
  }

  /** Writes the next row from cells made by `text` and `number`. */
  raw(cells: string, height?: number): number {
    const r = ++this.n;
    const xml = `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>${cells}</row>`;
    // Three bytes at most per UTF-16 unit.
    if (this.at + xml.length * 3 > this.chunk.length) {
      this.flush();
      if (xml.length * 3 > this.chunk.length) this.chunk = Buffer.allocUnsafe(xml.length * 3);
    }
    this.at += this.chunk.write(xml, this.at);
    return r;
  }

  /** Writes the next row; `attention` fills it (a non-compliant employee), `height` in points. */
  add(cells: readonly XCell[], opts: { attention?: boolean; look?: Look; height?: number } = {}): number {
    const attention = opts.attention === true;
    let xml = '';
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      let v: string | number | null;
      let look: Look | undefined;
      if (c !== null && typeof c === 'object') {
        v = c.v;
        look = c.look;
      } else {
        v = c ?? null;
        look = opts.look;
      }
      if (v === null || (typeof v === 'number' && !Number.isFinite(v))) {
        // Empty, but styled on an attention or header row so the row reads as one band.
        if (attention || look === 'header') xml += `<c r="${LETTERS[i] ?? columnLetters(i + 1)}${this.n + 1}" s="${this.id(look ?? 'plain', attention, true)}"/>`;
        continue;
      }
      if (typeof v === 'number') {
        let k = look ?? 'int';
        if (k === 'jp' && !Number.isInteger(v)) k = 'jpFraction';
        xml += this.number(i + 1, v, this.id(k, attention));
      } else {
        xml += this.text(i + 1, v, this.id(look ?? 'plain', attention, true));
      }
    }
    return this.raw(xml, opts.height);
  }

  /** An empty row. */
  skip(): number {
    return ++this.n;
  }

  private flush(): void {
    if (this.at === 0) return;
    const ws = this.ws as unknown as { startedData: boolean; _writeColumns(): void; _writeOpenSheetData(): void; stream: { write(b: Buffer): void } };
    // The sheet's <cols> and <sheetData> open as exceljs opens them before its first row.
    if (!ws.startedData) {
      ws._writeColumns();
      ws._writeOpenSheetData();
      ws.startedData = true;
    }
    // The stream keeps the bytes it is given: the next rows go into a new buffer.
    ws.stream.write(this.chunk.subarray(0, this.at));
    this.written += this.at;
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.at = 0;
  }

  /**
   * Ends the sheet, its header row filtered down to the last row. The zip deflates it in the
   * background while the next sheet is made; at most two sheets wait for it.
   */
  async end(columns: number): Promise<void> {
    this.flush();
    const ws = this.ws as unknown as Worksheet & { commit(): void; id: number };
    const h = this.headerRow;
    if (h !== null) ws.autoFilter = { from: { row: h, column: 1 }, to: { row: Math.max(h, this.n), column: columns } };
    const zipped = this.book.whenDeflated(`xl/worksheets/sheet${ws.id}.xml`);
    ws.commit();
    await this.book.queued(zipped, this.written);
  }
}
