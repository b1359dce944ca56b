import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { JpAuditError } from '../errors.js';
import { CsvSource } from './csv.js';
import { looksUtf16le } from './decode.js';
import type { ReadOptions, RowSource } from './types.js';
import { XlsxSource } from './xlsx.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/** NUL bytes in text that is not UTF-16: an image, an executable, a database file, not a CSV. */
export function looksBinary(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  if (looksUtf16le(head)) return false;
  return head.includes(0);
}

/**
 * Opens an input by what its bytes are, not only its name: an .xlsx renamed .csv is still read as
 * .xlsx; an old .xls or a PDF is refused with what to do. `-` is CSV from stdin.
 */
export async function openSource(path: string, options: ReadOptions = {}, stdin: NodeJS.ReadableStream = process.stdin): Promise<RowSource> {
  if (path === '-') return new CsvSource(() => stdin as AsyncIterable<Buffer>, '-', options);

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
  if (startsWith(head, ZIP)) return new XlsxSource(path, path, options, size);
  if (startsWith(head, OLE2)) throw new JpAuditError('xls-not-supported', {}, path);
  if (startsWith(head, PDF)) throw new JpAuditError('pdf-not-supported', {}, path);
  if (ext === '.xlsx' || ext === '.xlsm') throw new JpAuditError('xlsx-not-zip', {}, path);
  if (ext === '.xls') throw new JpAuditError('xls-not-supported', {}, path);
  if (options.encoding !== 'utf-16le' && looksBinary(head)) throw new JpAuditError('binary-file', {}, path);
  return CsvSource.fromFile(path, path, options, size);
}
