import { open } from 'node:fs/promises';
import { JpAuditError } from '../errors.js';

/** Limits that keep a hostile .xlsx (a zip bomb) from exhausting memory or disk. */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** Sum of the declared uncompressed sizes. */
  totalBytes: 4 * 1024 ** 3,
  /** Shared strings are held in memory by the reader. */
  sharedStringsBytes: 512 * 1024 ** 2,
  /** An entry that inflates more than this many times, and to more than `ratioFloor` bytes, is a bomb. */
  ratio: 500,
  ratioFloor: 64 * 1024 ** 2,
};

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;

/** Reads the zip's central directory (its table of contents) without inflating anything. */
export async function readZipDirectory(path: string, file: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new JpAuditError('xlsx-truncated', {}, file);
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if ((count === 0xffff || cdOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const eocd64At = Number(tail.readBigUInt64LE(at - 20 + 8));
      const rec = Buffer.alloc(56);
      await fh.read(rec, 0, 56, eocd64At);
      if (rec.readUInt32LE(0) !== EOCD64) throw new JpAuditError('xlsx-truncated', {}, file);
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (count > ZIP_LIMITS.entries) throw new JpAuditError('xlsx-too-large', { what: `${count} entries`, limit: `${ZIP_LIMITS.entries} entries` }, file);
    if (cdOffset + cdSize > size) throw new JpAuditError('xlsx-truncated', {}, file);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new JpAuditError('xlsx-truncated', {}, file);
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
        // Zip64: the real sizes are in extra field 0x0001, uncompressed first.
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (uncompressed === 0xffffffff) {
              uncompressed = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (compressed === 0xffffffff) compressed = Number(cd.readBigUInt64LE(q));
          }
          e += 4 + len;
        }
      }
      entries.push({ name, compressed, uncompressed });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * Checks an .xlsx before any of it is inflated: a complete zip, a workbook inside, and sizes within
 * `ZIP_LIMITS`. A Word or other Office file renamed is named for what it is.
 */
export async function preflightXlsx(path: string, file: string): Promise<ZipEntry[]> {
  const entries = await readZipDirectory(path, file);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) throw new JpAuditError('not-a-workbook', { kind: 'Word (.docx)' }, file);
    if (names.has('ppt/presentation.xml')) throw new JpAuditError('not-a-workbook', { kind: 'PowerPoint (.pptx)' }, file);
    if (names.has('content.xml')) throw new JpAuditError('not-a-workbook', { kind: 'OpenDocument (.ods/.odt)' }, file);
    throw new JpAuditError('not-a-workbook', { kind: 'zip' }, file);
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (e.uncompressed > ZIP_LIMITS.ratioFloor && e.uncompressed > Math.max(1, e.compressed) * ZIP_LIMITS.ratio) {
      throw new JpAuditError('xlsx-too-large', { what: `${e.name} inflates ${Math.round(e.uncompressed / Math.max(1, e.compressed))}×`, limit: `${ZIP_LIMITS.ratio}×` }, file);
    }
    if (e.name === 'xl/sharedStrings.xml' && e.uncompressed > ZIP_LIMITS.sharedStringsBytes) {
      throw new JpAuditError('xlsx-too-large', { what: `shared strings ${mb(e.uncompressed)}`, limit: mb(ZIP_LIMITS.sharedStringsBytes) }, file);
    }
  }
  if (total > ZIP_LIMITS.totalBytes) throw new JpAuditError('xlsx-too-large', { what: mb(total), limit: mb(ZIP_LIMITS.totalBytes) }, file);
  return entries;
}

function mb(n: number): string {
  return `${Math.round(n / 1024 ** 2)} MB`;
}
