import { JpAuditError } from '../errors.js';
import type { RawRow, ReadOptions, RowSource, SourceInfo } from './types.js';
import { readDateStyles, readWorkbook, SharedStrings, workbookPart } from './xlsx-parts.js';
import { RowError, SheetScanner } from './xlsx-sheet.js';
import { DoctypeError, XmlError } from './xml.js';
import { EntryError, entryBytes, entryChunks, type InflateBudget, preflightXlsx, type ZipEntry } from './zip.js';

/** Workbook, relationships and styles are read whole; more than this is no workbook. */
const SMALL_PART_BYTES = 64 * 1024 ** 2;
/** A row longer than this (cut across chunks) is damage: Excel's widest row is far smaller. */
const MAX_ROW_BYTES = 64 * 1024 ** 2;

/**
 * An .xlsx sheet read straight from the zip: the central directory finds the parts, the worksheet
 * is inflated as a stream and scanned by byte (`SheetScanner`), shared strings are held as one
 * buffer. The first sheet in the workbook's order is read unless `--sheet` names another.
 */
export class XlsxSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly path: string,
    file: string,
    private readonly options: ReadOptions = {},
    size?: number,
  ) {
    this.info = { file, format: 'xlsx' };
    if (size !== undefined) this.info.size = size;
  }

  /** Rows one at a time, served from each chunk's batch without a generator step per row. */
  rows(): AsyncIterable<RawRow> {
    return { [Symbol.asyncIterator]: () => new BatchIterator(this.batches()) };
  }

  /** The rows of each inflated chunk of the sheet, as one array. */
  private async *batches(): AsyncGenerator<RawRow[]> {
    const file = this.info.file;
    const entries = await preflightXlsx(this.path, file);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const byLower = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
    const find = (name: string): ZipEntry | undefined => byName.get(name) ?? byLower.get(name.toLowerCase());
    const has = (name: string): string | undefined => find(name)?.name;
    const budget: InflateBudget = { inflated: 0 };
    const small = async (name: string): Promise<string | undefined> => {
      const e = find(name);
      return e === undefined ? undefined : (await guard(entryBytes(this.path, e, file, budget, SMALL_PART_BYTES), file, e.name)).toString('utf8');
    };
    const parse = <T>(part: string, f: () => T): T => {
      try {
        return f();
      } catch (e) {
        throw partError(e, file, part);
      }
    };

    const wbPart = parse('_rels/.rels', () => workbookPart(undefined, has));
    const rootRels = await small('_rels/.rels');
    const wbName = rootRels === undefined ? wbPart : parse('_rels/.rels', () => workbookPart(rootRels, has));
    const wbXml = await small(wbName);
    if (wbXml === undefined) throw new JpAuditError('not-a-workbook', { kind: 'zip' }, file);
    const relsName = wbName.replace(/([^/]+)$/, '_rels/$1.rels');
    const rels = await small(relsName);
    const wb = parse(wbName, () => readWorkbook(wbName, wbXml, rels, entries.map((e) => e.name), has));

    const wanted = this.options.sheet;
    const names = wb.sheets.map((s) => s.name);
    const target = wanted === undefined ? wb.sheets[0] : (wb.sheets.find((s) => s.name === wanted) ?? wb.sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase()));
    if (target === undefined) {
      if (wanted !== undefined && names.length > 0) throw new JpAuditError('sheet-not-found', { sheet: wanted, sheets: names.join(', ') }, file);
      throw new JpAuditError('xlsx-no-sheets', {}, file);
    }
    const sheetEntry = target.part === undefined ? undefined : find(target.part);
    if (sheetEntry === undefined) throw new JpAuditError('xlsx-sheet-missing', { sheet: target.name }, file);
    this.info.sheet = target.name;

    const stylesName = wb.styles;
    const stylesXml = stylesName === undefined ? undefined : await small(stylesName);
    const dateStyles = stylesName === undefined ? new Uint8Array(0) : parse(stylesName, () => readDateStyles(stylesXml));
    const strings = await this.sharedStrings(wb.strings === undefined ? undefined : find(wb.strings), budget);

    if (wb.date1904) this.info.date1904 = true;
    const scanner = new SheetScanner(strings, dateStyles, wb.date1904);
    const size = this.info.size ?? 0;
    this.info.bytesRead = Math.max(0, size - sheetEntry.compressed);
    const ratio = sheetEntry.uncompressed > 0 ? sheetEntry.compressed / sheetEntry.uncompressed : 0;
    let rest: Buffer | undefined;
    try {
      for await (const chunk of entryChunks(this.path, sheetEntry, file, budget)) {
        this.info.bytesRead += Math.round(chunk.length * ratio);
        if (scanner.done) continue;
        const out: RawRow[] = [];
        rest = scanJoined(rest, chunk, ROW_CLOSE, (buf, pos) => scanner.scan(buf, pos, out));
        if (rest !== undefined && rest.length > MAX_ROW_BYTES) throw new RowError(scanner.row + 1, 'cut', `> ${MAX_ROW_BYTES / 1024 ** 2} MB`);
        // A chunk's rows are handed on before the next chunk is inflated: memory holds one chunk.
        if (out.length) yield out;
      }
    } catch (e) {
      throw sheetError(e, file, target.name, sheetEntry.name, scanner.row);
    } finally {
      strings?.release();
    }
    if (scanner.started && !scanner.done) throw new JpAuditError('xlsx-row-unreadable', { sheet: target.name, row: scanner.row + 1, reason: 'cut' }, file);
    this.info.bytesRead = size;
  }

  private async sharedStrings(entry: ZipEntry | undefined, budget: InflateBudget): Promise<SharedStrings | undefined> {
    if (entry === undefined) return undefined;
    const file = this.info.file;
    let rest: Buffer | undefined;
    let table: SharedStrings | undefined;
    try {
      for await (const chunk of entryChunks(this.path, entry, file, budget, true)) {
        // Allocated once the entry has passed the limits: its declared size bounds the text.
        const t = (table ??= new SharedStrings(entry.uncompressed));
        rest = scanJoined(rest, chunk, SI_CLOSE, (buf, pos) => t.scan(buf, pos));
        if (rest !== undefined && rest.length > MAX_ROW_BYTES) throw new XmlError(`string ${table.count + 1} > ${MAX_ROW_BYTES / 1024 ** 2} MB`);
      }
    } catch (e) {
      throw partError(e, file, entry.name);
    }
    table ??= new SharedStrings(0);
    table.finish();
    return table;
  }
}

const ROW_CLOSE = Buffer.from('</row>');
const SI_CLOSE = Buffer.from('</si>');

/**
 * Scans `chunk`, the unread end of the chunks before (`rest`, an item cut by a chunk's end) first;
 * returns the new unread end. Only `rest` and the chunk's start up to the first `close` tag are
 * joined, not the whole chunk: copying every chunk once more was a tenth of reading a sheet. When
 * that head still does not end on a whole item (the tag was inside a comment, or written with a
 * prefix), the rest of the chunk is joined too, as any item cut by a chunk's end is.
 */
export function scanJoined(rest: Buffer | undefined, chunk: Buffer, close: Buffer, scan: (buf: Buffer, pos: number) => number): Buffer | undefined {
  let from = 0;
  if (rest !== undefined) {
    const c = chunk.indexOf(close);
    const cut = c < 0 ? chunk.length : c + close.length;
    const head = Buffer.concat([rest, chunk.subarray(0, cut)]);
    const at = scan(head, 0);
    if (at < head.length) {
      if (cut === chunk.length) return head.subarray(at);
      const buf = Buffer.concat([head.subarray(at), chunk.subarray(cut)]);
      const after = scan(buf, 0);
      return after < buf.length ? buf.subarray(after) : undefined;
    }
    from = cut;
  }
  const at = scan(chunk, from);
  return at < chunk.length ? chunk.subarray(at) : undefined;
}

/** Serves rows from batches: a row already read costs one resolved promise, not a generator step. */
class BatchIterator implements AsyncIterator<RawRow> {
  private batch: RawRow[] = [];
  private i = 0;

  constructor(private readonly source: AsyncGenerator<RawRow[]>) {}

  next(): Promise<IteratorResult<RawRow>> {
    if (this.i < this.batch.length) return Promise.resolve({ value: this.batch[this.i++]!, done: false });
    return this.refill();
  }

  private async refill(): Promise<IteratorResult<RawRow>> {
    for (;;) {
      const r = await this.source.next();
      if (r.done) return { value: undefined, done: true };
      this.batch = r.value;
      this.i = 0;
      if (this.batch.length) return { value: this.batch[this.i++]!, done: false };
    }
  }

  async return(): Promise<IteratorResult<RawRow>> {
    this.batch = [];
    await this.source.return(undefined);
    return { value: undefined, done: true };
  }
}

/** Awaits a read of a small part, naming the part in any failure. */
async function guard<T>(p: Promise<T>, file: string, part: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw partError(e, file, part);
  }
}

/** A failure in reading a part, as the user's one line: the part, what went wrong, the fix; --debug shows the cause. */
function partError(e: unknown, file: string, part: string): JpAuditError {
  if (e instanceof JpAuditError) return e;
  let err: JpAuditError;
  if (e instanceof EntryError) err = new JpAuditError('xlsx-part-damaged', { part: e.part, reason: e.problem }, file);
  else if (e instanceof DoctypeError) err = new JpAuditError('xlsx-doctype', { part }, file);
  else err = new JpAuditError('xlsx-part-damaged', { part, reason: 'xml' }, file);
  return withCause(err, e);
}

function sheetError(e: unknown, file: string, sheet: string, part: string, lastRow: number): JpAuditError {
  if (e instanceof JpAuditError) return e;
  if (e instanceof RowError) return withCause(new JpAuditError('xlsx-row-unreadable', { sheet, row: e.row > 0 ? e.row : lastRow + 1, reason: e.problem }, file), e);
  if (e instanceof EntryError) return withCause(new JpAuditError('xlsx-sheet-damaged', { sheet, part, row: lastRow, reason: e.problem }, file), e);
  return partError(e, file, part);
}

/** Keeps the cause's own stack under the user's message, for --debug. */
function withCause(err: JpAuditError, cause: unknown): JpAuditError {
  const inner = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
  const innerCause = cause instanceof EntryError && cause.inner instanceof Error ? `\nCaused by: ${cause.inner.stack ?? cause.inner.message}` : '';
  err.stack = `${err.stack ?? ''}\nCaused by: ${inner}${innerCause}`;
  return err;
}

/** exceljs is CommonJS and large: loaded only when an .xlsx report is written. */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default ?? mod;
}
