import { looksUtf16le } from './decode.js';

/** What a file's first bytes say it is; `xml` is XML that is not an Excel 2003 workbook. */
export type Sniffed = 'xlsx' | 'xls' | 'pdf' | 'html' | 'spreadsheetml' | 'xml' | 'json' | 'text';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];

function startsWith(buf: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/** The head as text, whatever of UTF-8, UTF-16LE (with or without BOM) or UTF-16BE it is in. */
export function headText(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  if (looksUtf16le(head)) return head.toString('utf16le');
  return head.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
}

/**
 * Names a file's format from its first bytes, never from its name: PHP systems serve HTML tables
 * and Excel 2003 XML as `.xls`, and integration scripts save JSON under any name.
 */
export function sniff(head: Buffer): Sniffed {
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE2)) return 'xls';
  if (startsWith(head, PDF)) return 'pdf';
  const text = headText(head).replace(/^[\s\u0000]+/, '');
  const first = text[0];
  if (first === '{' || first === '[') return 'json';
  if (first !== '<') return 'text';
  const lower = text.toLowerCase();
  // Excel's "web page" HTML declares the office:excel namespace; SpreadsheetML is a Workbook element.
  if (/<(?:[a-z]+:)?workbook[\s>]/.test(lower) && lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'spreadsheetml';
  if (/<(?:!doctype\s+html|html|head|body|table|meta|title|style)[\s>/]/.test(lower)) return 'html';
  return 'xml';
}

/** The format an extension promises, or undefined for a name that promises nothing in particular. */
export function formatOfExtension(ext: string): readonly string[] | undefined {
  switch (ext) {
    case '.csv':
    case '.tsv':
    case '.txt':
      return ['csv'];
    case '.xlsx':
    case '.xlsm':
      return ['xlsx'];
    case '.xls':
      return ['xls'];
    case '.xml':
      return ['spreadsheetml'];
    case '.htm':
    case '.html':
      return ['html'];
    case '.json':
      return ['json', 'ndjson'];
    case '.ndjson':
    case '.jsonl':
      return ['ndjson', 'json'];
    default:
      return undefined;
  }
}
