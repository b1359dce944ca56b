import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { constants as zc, crc32, createInflateRaw } from 'node:zlib';
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
  /** 0 stored, 8 deflated; anything else is refused when the entry is read. */
  method: number;
  /** General-purpose flags; bit 0 is encryption. */
  flags: number;
  crc: number;
  /** Where the entry's local header starts in the file. */
  offset: number;
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
    return parseDirectory(cd, count, size, file);
  } finally {
    await fh.close();
  }
}

function parseDirectory(cd: Buffer, count: number, size: number, file: string): ZipEntry[] {
  try {
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new JpAuditError('xlsx-truncated', {}, file);
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      let offset = cd.readUInt32LE(p + 42);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      if (uncompressed === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) {
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
            if (compressed === 0xffffffff) {
              compressed = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (offset === 0xffffffff && q + 8 <= e + 4 + len) offset = Number(cd.readBigUInt64LE(q));
          }
          e += 4 + len;
        }
      }
      if (p + 46 + nameLen > cd.length) throw new JpAuditError('xlsx-truncated', {}, file);
      if (offset + 30 > size) throw new JpAuditError('xlsx-truncated', {}, file);
      entries.push({ name, compressed, uncompressed, method, flags, crc, offset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } catch (e) {
    // A directory whose lengths point outside itself: damaged, as a cut-short file is.
    if (e instanceof RangeError) throw new JpAuditError('xlsx-truncated', {}, file);
    throw e;
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
    if (/sharedStrings\.xml$/i.test(e.name) && e.uncompressed > ZIP_LIMITS.sharedStringsBytes) {
      throw new JpAuditError('xlsx-too-large', { what: `shared strings ${mb(e.uncompressed)}`, limit: mb(ZIP_LIMITS.sharedStringsBytes) }, file);
    }
  }
  if (total > ZIP_LIMITS.totalBytes) throw new JpAuditError('xlsx-too-large', { what: mb(total), limit: mb(ZIP_LIMITS.totalBytes) }, file);
  return entries;
}

function mb(n: number): string {
  return `${Math.round(n / 1024 ** 2)} MB`;
}

/** Why an entry could not be unpacked: each has its own words in the catalogues. */
export type EntryProblem = 'inflate' | 'crc' | 'longer' | 'shorter' | 'method' | 'encrypted' | 'header' | 'stalled';

/** An entry that could not be unpacked; `XlsxSource` names the part and the sheet to the user. */
export class EntryError extends Error {
  constructor(
    readonly part: string,
    readonly problem: EntryProblem,
    readonly inner?: unknown,
  ) {
    super(`${part}: ${problem}${inner instanceof Error ? ` (${inner.message})` : ''}`);
    this.name = 'EntryError';
  }
}

/** Bytes inflated so far from one file, over all its entries: the 4 GB limit counts these. */
export interface InflateBudget {
  inflated: number;
}

/** How much one entry may unpack to, besides its declared size: shared strings are held in memory. */
function entryLimit(e: ZipEntry, heldInMemory: boolean): { bytes: number; what: string; limit: string } | undefined {
  if (heldInMemory || /sharedStrings\.xml$/i.test(e.name)) return { bytes: ZIP_LIMITS.sharedStringsBytes, what: 'shared strings', limit: mb(ZIP_LIMITS.sharedStringsBytes) };
  return undefined;
}

/**
 * Unpacks one entry as a stream of chunks, counting the bytes as they are inflated: an entry that
 * inflates past its declared size, past `ZIP_LIMITS`, or to a different CRC than the directory says
 * stops there, so a zip that lies about its sizes costs no more than an honest one. Every failure,
 * a stall included, rejects (an `EntryError`, or `JpAuditError` for a limit).
 */
export async function* entryChunks(path: string, entry: ZipEntry, file: string, budget: InflateBudget, heldInMemory = false): AsyncGenerator<Buffer> {
  const limit = entryLimit(entry, heldInMemory);
  if (limit && entry.uncompressed > limit.bytes) throw new JpAuditError('xlsx-too-large', { what: `${limit.what} ${mb(entry.uncompressed)}`, limit: limit.limit }, file);
  if (entry.flags & 1) throw new EntryError(entry.name, 'encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new EntryError(entry.name, 'method');
  const fh = await open(path, 'r');
  let start: number;
  try {
    const head = Buffer.alloc(30);
    const { bytesRead } = await fh.read(head, 0, 30, entry.offset);
    if (bytesRead < 30 || head.readUInt32LE(0) !== 0x04034b50) throw new EntryError(entry.name, 'header');
    start = entry.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    const { size } = await fh.stat();
    if (start + entry.compressed > size) throw new EntryError(entry.name, 'header');
  } finally {
    await fh.close();
  }
  let got = 0;
  let crc = 0;
  const count = (chunk: Buffer): void => {
    got += chunk.length;
    budget.inflated += chunk.length;
    if (got > entry.uncompressed) throw new EntryError(entry.name, 'longer');
    if (limit && got > limit.bytes) throw new JpAuditError('xlsx-too-large', { what: `${limit.what} > ${limit.limit}`, limit: limit.limit }, file);
    if (got > ZIP_LIMITS.ratioFloor && got > Math.max(1, entry.compressed) * ZIP_LIMITS.ratio) {
      throw new JpAuditError('xlsx-too-large', { what: `${entry.name} inflates ${Math.round(got / Math.max(1, entry.compressed))}×`, limit: `${ZIP_LIMITS.ratio}×` }, file);
    }
    if (budget.inflated > ZIP_LIMITS.totalBytes) throw new JpAuditError('xlsx-too-large', { what: `> ${mb(ZIP_LIMITS.totalBytes)}`, limit: mb(ZIP_LIMITS.totalBytes) }, file);
    crc = crc32(chunk, crc);
  };
  if (entry.compressed === 0) {
    if (entry.uncompressed !== 0) throw new EntryError(entry.name, 'shorter');
    return;
  }
  const raw = createReadStream(path, { start, end: start + entry.compressed - 1, highWaterMark: 1 << 20 });
  const stream = entry.method === 8 ? createInflateRaw({ chunkSize: 1 << 18, finishFlush: zc.Z_SYNC_FLUSH }) : undefined;
  const source = stream ?? raw;
  // A deflate stream cut short ends without its last block: zlib then stops emitting and ends
  // quietly (finishFlush), and the size check below catches it; a damaged one errors.
  const piping = stream ? pipeline(raw, stream).catch((e: unknown) => e) : undefined;
  const it = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const r = await settled(it.next(), entry.name);
      if (r.done) break;
      count(r.value);
      yield r.value;
    }
    const failed = piping ? await piping : undefined;
    if (failed !== undefined) throw failed;
  } catch (e) {
    if (e instanceof JpAuditError || e instanceof EntryError) throw e;
    throw new EntryError(entry.name, 'inflate', e);
  } finally {
    raw.destroy();
    stream?.destroy();
  }
  if (got < entry.uncompressed) throw new EntryError(entry.name, 'shorter');
  if ((crc >>> 0) !== (entry.crc >>> 0)) throw new EntryError(entry.name, 'crc');
}

/**
 * A read that can never be left pending: if the event loop runs dry while it waits (a stream that
 * stopped emitting without ending or failing), it rejects instead of letting Node exit with code 13.
 */
function settled<T>(p: Promise<T>, part: string): Promise<T> {
  let onIdle: (() => void) | undefined;
  const idle = new Promise<never>((_, reject) => {
    onIdle = () => reject(new EntryError(part, 'stalled'));
    process.once('beforeExit', onIdle);
  });
  return Promise.race([p, idle]).finally(() => process.off('beforeExit', onIdle!));
}

/** The whole of a small entry (workbook, relationships, styles), at most `max` bytes. */
export async function entryBytes(path: string, entry: ZipEntry, file: string, budget: InflateBudget, max: number): Promise<Buffer> {
  if (entry.uncompressed > max) throw new JpAuditError('xlsx-too-large', { what: `${entry.name} ${mb(entry.uncompressed)}`, limit: mb(max) }, file);
  const parts: Buffer[] = [];
  for await (const c of entryChunks(path, entry, file, budget)) parts.push(c);
  return Buffer.concat(parts);
}
