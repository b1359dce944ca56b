import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { JpAuditError } from '../errors.js';
import { CsvSource, countBytes } from './csv.js';
import { looksUtf16le } from './decode.js';
import { formatOfExtension, sniff } from './sniff.js';
import type { ReadOptions, RowSource } from './types.js';

/** NUL bytes in text that is not UTF-16: an image, an executable, a database file, not a CSV. */
export function looksBinary(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  if (looksUtf16le(head)) return false;
  return head.includes(0);
}

/** A file's extension, kept in its account when it names another format than the file's own. */
function noteExtension(source: RowSource, ext: string): RowSource {
  const promised = formatOfExtension(ext);
  if (promised !== undefined && !promised.includes(source.info.format)) source.info.extension = ext;
  return source;
}

/**
 * Opens an input by what its bytes are, not its name: an .xlsx renamed .csv is still read as
 * .xlsx, an HTML table or Excel 2003 XML saved as .xls is read as what it is, and so is JSON under
 * any name. A PDF is refused with what to do. `-` is CSV or JSON from stdin.
 */
export async function openSource(path: string, options: ReadOptions = {}, stdin: NodeJS.ReadableStream = process.stdin): Promise<RowSource> {
  if (path === '-') return openStdin(stdin as AsyncIterable<Buffer>, options);

  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new JpAuditError('file-is-directory', {}, path);
    size = st.size;
  } catch (e) {
    if (e instanceof JpAuditError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new JpAuditError(code === 'ENOENT' ? 'file-not-found' : 'file-unreadable', { detail: code ?? String(e) }, path);
  }
  if (size === 0) throw new JpAuditError('file-empty', {}, path);

  const head = Buffer.alloc(Math.min(size, 8192));
  try {
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new JpAuditError('file-unreadable', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, path);
  }

  const ext = extname(path).toLowerCase();
  const kind = sniff(head);
  switch (kind) {
    case 'xlsx': {
      // Each reader but CSV's loads when a file needs it: a CSV run starts without them.
      const { XlsxSource } = await import('./xlsx.js');
      return noteExtension(new XlsxSource(path, path, options, size), ext);
    }
    case 'xls': {
      const { XlsSource } = await import('./xls.js');
      return noteExtension(new XlsSource(path, path, options, size), ext);
    }
    case 'pdf':
      throw new JpAuditError('pdf-not-supported', {}, path);
    case 'html': {
      const { HtmlSource } = await import('./markup.js');
      return noteExtension(new HtmlSource(path, path, options, size), ext);
    }
    case 'spreadsheetml': {
      const { SpreadsheetMlSource } = await import('./markup.js');
      return noteExtension(new SpreadsheetMlSource(path, path, options, size), ext);
    }
    case 'xml':
      throw new JpAuditError('xml-not-spreadsheet', {}, path);
    case 'json': {
      const { JsonSource } = await import('./json.js');
      const source: RowSource = new JsonSource(() => countBytes(createReadStream(path, { highWaterMark: 1 << 20 }), source.info), path, options, size);
      return noteExtension(source, ext);
    }
    case 'text':
      break;
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new JpAuditError('xlsx-not-zip', {}, path);
  if (options.encoding !== 'utf-16le' && looksBinary(head)) throw new JpAuditError('binary-file', {}, path);
  return noteExtension(CsvSource.fromFile(path, path, options, size), ext);
}

/**
 * Standard input, judged by its first bytes: JSON or NDJSON, else CSV. A workbook or a page cannot
 * be streamed from a pipe (they are read twice, or whole): such input is refused with what to do.
 */
async function openStdin(stdin: AsyncIterable<Buffer>, options: ReadOptions): Promise<RowSource> {
  const it = stdin[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let got = 0;
  let done = false;
  // Enough bytes to see past a BOM and leading white space.
  while (got < 512) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as unknown as string);
    head.push(b);
    got += b.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as unknown as string);
  }
  const kind = sniff(Buffer.concat(head));
  if (kind === 'json') {
    const { JsonSource } = await import('./json.js');
    return new JsonSource(all, '-', options);
  }
  if (kind === 'text') return new CsvSource(all, '-', options);
  throw new JpAuditError('stdin-not-text', { format: kind }, '-');
}
