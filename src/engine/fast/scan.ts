import { isAscii, isUtf8 } from 'node:buffer';
import { readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { MAX_RECORD_BYTES, recordTooLarge } from '../../io/limits.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 4 * 1024 * 1024;
/** Room before each chunk for the end of the record the previous chunk left incomplete. */
const HEADROOM = 64 * 1024;
/** The limit on a record's bytes, the general reader's too (see src/io/limits.ts). */
export const MAX_RECORD = MAX_RECORD_BYTES;

/** One record: its bytes in `buf`, its fields as [start, end) offsets, and which were quoted. */
export interface ScannedRecord {
  buf: Buffer;
  /** Spreadsheet row number: records counted from 1, as csv-parse counts them. */
  row: number;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  /** Any byte >= 0x80 in the record. */
  nonAscii: boolean;
  /** Where the record starts in the file (bytes from the file's first byte). */
  at: number;
  /** Where `buf[0]` is in the file. */
  base: number;
}

/** A part of a file that a thread reads: bytes `start` to `end`, after `row` records. */
export interface FilePart {
  start: number;
  end: number;
  /**
   * Records before `start` (the first record of the part is `row + 1`); for an `unchecked` part,
   * a base of its own instead (see `speculativeParts`).
   */
  row: number;
  /**
   * Cut without reading the file first (`speculativeParts`): its reader checks what `scannable`
   * checks as it reads (`scanFile` says whether it held), and its rows are numbered from a base
   * of its own, to be renumbered once every part before it is read.
   */
  unchecked?: boolean;
}

/** What reading an `unchecked` part found: whether its bytes held, and its last row number. */
export interface PartScan {
  /** The part is scannable (as `scannable` judges) and ends outside quotes, where a record ends. */
  scannable: boolean;
  /** The row number of its last record (from its `row`). */
  rows: number;
}

/**
 * Can the byte scanner read this file exactly as csv-parse would? Valid UTF-8 throughout, and every
 * quoted field well formed (its closing quote followed by the separator, a line end or the end of
 * the file). Quotes are found with the native indexOf, so a file without quotes costs one pass of
 * isUtf8 and memchr.
 */
export async function scannable(path: string, delimiter: number): Promise<boolean> {
  return (await scannableParts(path, delimiter, 1)) !== undefined;
}

/**
 * `scannable`, and if so the file cut into `parts` parts of about equal size for as many threads:
 * each cut just after a line end outside quotes, with the records before it counted (record ends
 * outside quotes: LF, CRLF, a lone CR), so a part's rows are numbered as reading the whole file
 * numbers them. Fewer parts when a record spans a cut; one when the file has too few line ends, or a lone CR sits at a chunk's
 * end (counting it would need the next chunk).
 */
export async function scannableParts(path: string, delimiter: number, parts: number): Promise<FilePart[] | undefined> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    // Where the cuts should fall, in order; each found cut is a line end at or after its target.
    const targets = Array.from({ length: parts - 1 }, (_, k) => Math.floor(((k + 1) * size) / parts));
    const cuts: Array<{ at: number; row: number }> = [];
    let rows = 0;
    let counting = targets.length > 0;
    // The next CR of the chunk, found once: counting is called for each stretch between quotes,
    // and searching the rest of the chunk for a CR every time made cutting a file with a quoted
    // field on every line quadratic.
    let crBody: Buffer | undefined;
    let crFrom = 0;
    let crAt = -1;
    const nextCr = (body: Buffer, from: number): number => {
      if (body !== crBody || from < crFrom || (crAt >= 0 && crAt < from)) {
        crBody = body;
        crAt = body.indexOf(CR, from);
      }
      crFrom = from;
      return crAt;
    };
    /** Counts the record ends of body[from, to) (outside quotes), cutting where a target is passed. */
    const count = (body: Buffer, bodyAt: number, from: number, to: number): void => {
      let lf = body.indexOf(LF, from);
      let cr = nextCr(body, from);
      for (;;) {
        if (lf >= to) lf = -1;
        if (cr >= to) cr = -1;
        if (lf < 0 && cr < 0) return;
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          // A CR: it ends a record unless an LF follows (then the LF does).
          if (cr + 1 >= body.length) {
            counting = false;
            return;
          }
          if (body[cr + 1] !== LF) rows++;
          cr = nextCr(body, cr + 1);
          continue;
        }
        rows++;
        while (cuts.length < targets.length && bodyAt + lf + 1 > targets[cuts.length]!) cuts.push({ at: bodyAt + lf + 1, row: rows });
        if (cuts.length === targets.length) {
          counting = false;
          return;
        }
        lf = body.indexOf(LF, lf + 1);
      }
    };
    // The file is checked chunk by chunk; the record ends are counted in the stretches outside quotes.
    const check = new ScanCheck(delimiter, true, (body, bodyAt, from, to) => {
      if (counting) count(body, bodyAt, from, to);
    });
    let pos = 0;
    // One buffer for every chunk (what is kept past a chunk is copied out of it).
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size));
    while (pos < size) {
      const chunk = buffer.subarray(0, Math.min(CHUNK, size - pos));
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      if (!check.feed(chunk.subarray(0, bytesRead), pos >= size)) return undefined;
    }
    if (!check.end()) return undefined;
    // Cuts at the same place (a record longer than a part) make one part; a cut within the
    // records of the first part (a tiny file) is dropped by the caller.
    const out: FilePart[] = [];
    let start = 0;
    let row = 0;
    for (const c of cuts.length === targets.length ? cuts : cuts.slice(0, 0)) {
      if (c.at <= start || c.at >= size) continue;
      out.push({ start, end: c.at, row });
      start = c.at;
      row = c.row;
    }
    out.push({ start, end: size, row });
    return out;
  } finally {
    await fh.close();
  }
}

/**
 * The file cut into `parts` parts of about equal size for as many threads, without reading it:
 * each cut just after the first line end at or past its target, and past the header rows (found by
 * scanning the file's start). Whether a cut falls between records (not in a quoted field holding a
 * line end), and whether the file is scannable at all, is checked by the threads as they read
 * (`unchecked` parts, see `ScanCheck`): a part that starts where a record ends is read as the
 * whole file would read it, and the part before it proves that by ending outside quotes. A part's
 * rows are numbered from `k * stride` (`k`: its place), since the records before it are not
 * counted: `PartRows` renumbers them once every part is read. `at`: where the cuts should fall, as
 * shares of the file (default: equal parts). One part when the file is too small
 * to cut, or its header rows do not end within the first MiB.
 */
export async function speculativeParts(path: string, delimiter: number, parts: number, headerRows: number, at?: readonly number[]): Promise<FilePart[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const stride = partStride(parts);
    // 8 KiB is enough to find a line end, and the header rows of most files: scanning more only
    // costs, with the scanner's code not yet compiled, before any thread has started.
    const window = Buffer.allocUnsafe(Math.min(size, 8 * 1024));
    const out: FilePart[] = [];
    let start = 0;
    if (parts > 1 && size > 0) {
      // Where the header rows end, by the scanner itself (a quoted header cell may hold a line
      // end): in the first 8 KiB, else in the first MiB.
      let headerEnd = -1;
      for (const length of [window.length, Math.min(size, 1024 * 1024)]) {
        const head = length > window.length ? Buffer.allocUnsafe(length) : window;
        const { bytesRead } = await fh.read(head, 0, length, 0);
        const rec = emptyRecord();
        scanRecords(head.subarray(0, bytesRead), delimiter, rec, (r) => {
          if (r.row === headerRows + 1 && headerEnd < 0) headerEnd = r.at;
        }, bytesRead >= size);
        if (headerEnd >= 0 || bytesRead >= size) break;
      }
      if (headerEnd > 0 || headerRows === 0) {
        for (let k = 1; k < parts; k++) {
          const target = Math.max(Math.floor((at?.[k - 1] ?? k / parts) * size), headerEnd, start + 1);
          const lf = await nextLineEnd(fh, window, target, size);
          if (lf < 0 || lf + 1 >= size) break;
          out.push({ start, end: lf + 1, row: out.length * stride, unchecked: true });
          start = lf + 1;
        }
      }
    }
    out.push({ start, end: size, row: out.length * stride, unchecked: true });
    return out;
  } finally {
    await fh.close();
  }
}

/**
 * The rows of a file read in `unchecked` parts, renumbered: part `k` numbered its rows from
 * `bases[k]`; `offsets[k]` records come before it in the file.
 */
export interface PartRows {
  bases: number[];
  offsets: number[];
}

/**
 * `PartRows` of a file's parts from what reading them found (`scans[k]` for `parts[k]`), or
 * undefined when the parts do not make the file: a part not scannable, one that did not end
 * where a record ends (then the next one did not start where one starts), or more rows in a part
 * than its base leaves room for.
 */
export function partRows(parts: readonly FilePart[], scans: readonly PartScan[]): PartRows | undefined {
  const bases: number[] = [];
  const offsets: number[] = [];
  let before = 0;
  for (const [k, part] of parts.entries()) {
    const scan = scans[k];
    const room = (parts[k + 1]?.row ?? 2 ** 31) - part.row;
    if (!scan?.scannable || scan.rows - part.row >= room) return undefined;
    bases.push(part.row);
    offsets.push(before);
    before += scan.rows - part.row;
  }
  return { bases, offsets };
}

/** A row number of a part (see `PartRows`) in the file's numbering; as it is without `rows`. */
export function renumber(rows: PartRows | undefined, row: number): number {
  if (rows === undefined) return row;
  let k = rows.bases.length - 1;
  while (k > 0 && row < rows.bases[k]!) k--;
  return rows.offsets[k]! + row - rows.bases[k]!;
}

/**
 * The row base between unchecked parts: 2^31 rows shared out among `parts` (2^29 for four), as
 * rows stay below 2^31 (the training kernel numbers them in 32-bit signed integers).
 */
export function partStride(parts: number): number {
  return 2 ** (31 - Math.ceil(Math.log2(Math.max(2, parts))));
}

/** The first LF at or after `from`, or -1. */
async function nextLineEnd(fh: FileHandle, window: Buffer, from: number, size: number): Promise<number> {
  for (let at = from; at < size; ) {
    const { bytesRead } = await fh.read(window, 0, Math.min(window.length, size - at), at);
    if (bytesRead === 0) return -1;
    const i = window.subarray(0, bytesRead).indexOf(LF);
    if (i >= 0) return at + i;
    at += bytesRead;
  }
  return -1;
}

/**
 * What `scannable` checks, a piece of the file at a time in order: valid UTF-8 throughout, and
 * every quoted field well formed (its closing quote followed by the separator, a line end or the
 * end of the file). Quotes are found with the native indexOf, so bytes without quotes cost one pass
 * of isUtf8 and memchr. `outside` is told each stretch of bytes outside quotes (`bodyAt`: where
 * `body` starts in the file). A check may start at a record's start inside the file (a worker
 * thread's part, see `speculativeParts`): it then assumes the bytes before ended a record.
 */
export class ScanCheck {
  /** An incomplete UTF-8 sequence, or a quote, kept for the next piece. */
  private carry = Buffer.alloc(0);
  private inQuotes = false;
  private fieldStart = true;
  private prevWasClosing = false;
  private failed = false;
  /** Bytes fed so far. */
  private fed = 0;

  constructor(
    private readonly delimiter: number,
    /** At the file's first byte: a UTF-8 byte order mark is skipped, as the decoder strips it. */
    private atFileStart: boolean,
    private readonly outside?: (body: Buffer, bodyAt: number, from: number, to: number) => void,
    /** Where the first byte fed is in the file. */
    private readonly base = 0,
  ) {}

  /** The next bytes (`last`: no more come after them); false once the bytes are not scannable. */
  feed(chunk: Buffer, last: boolean): boolean {
    if (this.failed) return false;
    const { delimiter } = this;
    let bomSkip = 0;
    if (this.atFileStart) {
      this.atFileStart = false;
      // The decoder strips a UTF-8 BOM; so must the quote walk, or a quoted first cell looks like text.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bomSkip = 3;
    }
    const dataAt = this.base + this.fed - this.carry.length;
    this.fed += chunk.length;
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    // Keep an incomplete UTF-8 sequence for the next piece.
    let cut = data.length;
    for (let back = 1; back <= Math.min(3, data.length); back++) {
      const b = data[data.length - back]!;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) cut = data.length - back;
      break;
    }
    const body = data.subarray(0, cut);
    this.carry = Buffer.from(data.subarray(cut));
    if (!isUtf8(body)) return this.fail();
    // Walk the quotes only: each decides the state up to the next one.
    let i = bomSkip;
    for (;;) {
      const q = body.indexOf(QUOTE, i);
      const stop = q < 0 ? body.length : q;
      if (stop > i && !this.inQuotes) {
        // Bytes between quotes: outside quotes they reset field starts.
        this.outside?.(body, dataAt, i, stop);
        if (this.prevWasClosing) {
          const c = body[i]!;
          if (c !== delimiter && c !== LF && c !== CR) return this.fail();
          this.prevWasClosing = false;
        }
        const end = body[stop - 1]!;
        this.fieldStart = end === delimiter || end === LF || end === CR;
      }
      if (q < 0) break;
      if (this.inQuotes) {
        if (body[q + 1] === QUOTE) {
          i = q + 2;
          continue;
        }
        if (q + 1 >= body.length && !last) {
          // A quote at the piece's end: rescan it with the next piece.
          this.carry = Buffer.concat([body.subarray(q), this.carry]);
          break;
        }
        this.inQuotes = false;
        this.prevWasClosing = true;
        i = q + 1;
        continue;
      }
      if (this.prevWasClosing && q === i) return this.fail();
      this.prevWasClosing = false;
      const p = body[q - 1];
      const atStart = q === i ? this.fieldStart : p === delimiter || p === LF || p === CR;
      if (atStart) this.inQuotes = true;
      this.fieldStart = false;
      i = q + 1;
    }
    return true;
  }

  /** After the last bytes: were they all scannable, ending outside quotes (where a record ends)? */
  end(): boolean {
    if (this.failed) return false;
    if (this.carry.length && !isUtf8(this.carry)) return this.fail();
    return !this.inQuotes;
  }

  private fail(): false {
    this.failed = true;
    return false;
  }
}

/**
 * Reads the complete records of a chunk (`rec.base` is where it starts in the file, `rec.row` the
 * rows before it); returns how many bytes it used. `scanRecords` by default.
 */
export type ChunkReader = (buf: Buffer, rec: ScannedRecord, atEnd: boolean) => number;

/**
 * Scans a CSV file record by record from bytes (RFC 4180: quoted fields with doubled quotes,
 * separators and line ends inside quotes; CRLF, LF and CR all end a record; a quote inside an
 * unquoted field is text), for files `scannable` accepted. Calls `onRecord` with a reused record,
 * and `onChunkEnd` after each chunk's records: a record's bytes are valid until then, not after.
 */
export async function scanFile(path: string, delimiter: number, onRecord: (r: ScannedRecord) => void, onBytes?: (n: number) => void, part?: FilePart, onChunkEnd?: () => void, onChunk?: ChunkReader): Promise<PartScan> {
  const read: ChunkReader = onChunk ?? ((buf, rec, atEnd) => scanRecords(buf, delimiter, rec, onRecord, atEnd));
  const fh = await open(path, 'r');
  const rec = emptyRecord();
  let next: Promise<{ room: Buffer; bytesRead: number }> | undefined;
  try {
    // A part (see `scannableParts`) is read as if it were the file, its rows numbered on from `row`.
    const size = part?.end ?? (await fh.stat()).size;
    let pos = part?.start ?? 0;
    rec.row = part?.row ?? 0;
    let carry = Buffer.alloc(0);
    let first = pos === 0;
    // An unchecked part is checked as it is read, each chunk before its records are read: the
    // reading stops at the first chunk that fails (the part is then read again another way).
    const check = part?.unchecked ? new ScanCheck(delimiter, pos === 0, undefined, pos) : undefined;
    // The next chunk is read while this one is scanned: the disk (or page cache) and the scan
    // overlap. It is read behind some headroom, where the previous chunk's incomplete record is
    // copied, so a chunk is not copied whole to join them. Two buffers take turns: a chunk's bytes
    // are not used after its `onChunkEnd` (the incomplete record is copied out), so the buffer
    // is free again by the time the read after next goes into it.
    const rooms = [0, 1].map(() => Buffer.allocUnsafe(HEADROOM + Math.min(CHUNK, size - pos)));
    let turn = 0;
    const readAt = (at: number) => {
      const room = rooms[turn++ & 1]!;
      return fh.read(room, HEADROOM, Math.min(CHUNK, size - at), at).then(({ bytesRead }) => ({ room, bytesRead }));
    };
    next = pos < size ? readAt(pos) : undefined;
    while (next) {
      const { room, bytesRead } = await next;
      if (bytesRead === 0) break;
      pos += bytesRead;
      if (check && !check.feed(room.subarray(HEADROOM, HEADROOM + bytesRead), pos >= size)) return { scannable: false, rows: rec.row };
      next = pos < size ? readAt(pos) : undefined;
      onBytes?.(pos);
      let data: Buffer;
      rec.base = pos - bytesRead - carry.length;
      if (carry.length <= HEADROOM) {
        carry.copy(room, HEADROOM - carry.length);
        data = room.subarray(HEADROOM - carry.length, HEADROOM + bytesRead);
      } else data = Buffer.concat([carry, room.subarray(HEADROOM, HEADROOM + bytesRead)]);
      if (first) {
        first = false;
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
          data = data.subarray(3);
          rec.base += 3;
        }
      }
      // Only the record that began in the carry can pass the limit (a record that starts in this
      // chunk's bytes and ends in them is at most a chunk long): measured before it is read.
      if (carry.length > 0 && recordTooLarge(data.length)) {
        const next = scanOne(data, 0, delimiter, emptyRecord(), () => undefined, pos >= size);
        if (recordTooLarge(next === 0 ? data.length : next)) throw new RecordTooLarge(rec.row + 1);
      }
      const used = read(data, rec, pos >= size);
      // What is left is one record not ended yet, longer already than what is left.
      if (recordTooLarge(data.length - used)) throw new RecordTooLarge(rec.row + 1);
      carry = Buffer.from(data.subarray(used));
      onChunkEnd?.();
    }
    if (carry.length) {
      rec.base = pos - carry.length;
      read(carry, rec, true);
    }
    onChunkEnd?.();
    return { scannable: check ? pos >= size && check.end() : true, rows: rec.row };
  } finally {
    // A scan stopped by an error may leave the read-ahead in flight: let it end before closing.
    await next?.catch(() => undefined);
    await fh.close();
  }
}

/**
 * About how many records a file holds, to size tables once: the file's length over the longest
 * average line length of three samples (start, middle, end), so a file whose first lines are short
 * is not taken for one with many more records than it has (over-sizing costs memory; under-sizing
 * costs only a rehash).
 */
export async function estimateRecords(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const SAMPLE = 64 * 1024;
    if (size <= 3 * SAMPLE) {
      const all = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(all, 0, size, 0);
      return countLines(all.subarray(0, bytesRead)) + 1;
    }
    let longest = 1;
    for (const at of [0, Math.floor(size / 2), size - SAMPLE]) {
      const probe = Buffer.allocUnsafe(SAMPLE);
      const { bytesRead } = await fh.read(probe, 0, SAMPLE, at);
      longest = Math.max(longest, bytesRead / Math.max(1, countLines(probe.subarray(0, bytesRead))));
    }
    return Math.ceil((size / longest) * 1.05);
  } finally {
    await fh.close();
  }
}

function countLines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(LF); i >= 0; i = b.indexOf(LF, i + 1)) n++;
  return n;
}

export class RecordTooLarge extends Error {
  constructor(readonly row: number) {
    super(`record ${row} is larger than ${MAX_RECORD} bytes`);
  }
}

/**
 * `scanRecords` for a buffer with no quote, no CR and no byte above ASCII (most chunks of most
 * exports): a record is a line, its fields are split at the separator, and nothing else is looked
 * at. Line ends and separators are found natively (indexOf); `nd` keeps the next separator found,
 * so no byte is searched twice even when lines have no separator.
 */
function scanPlain(buf: Buffer, delim: number, rec: ScannedRecord, onRecord: (r: ScannedRecord) => void, atEnd: boolean): number {
  const n = buf.length;
  rec.buf = buf;
  rec.nonAscii = false;
  let nd = -2;
  let i = 0;
  while (i < n) {
    let lineEnd = buf.indexOf(LF, i);
    if (lineEnd < 0) {
      if (!atEnd) return i;
      lineEnd = n;
    }
    rec.row++;
    rec.at = rec.base + i;
    let count = 0;
    let start = i;
    for (;;) {
      if (nd !== -1 && nd < start) nd = buf.indexOf(delim, start);
      const end = nd !== -1 && nd < lineEnd ? nd : lineEnd;
      if (count === rec.starts.length) grow(rec);
      rec.starts[count] = start;
      rec.ends[count] = end;
      rec.quoted[count] = 0;
      count++;
      if (end === lineEnd) break;
      start = end + 1;
    }
    rec.count = count;
    onRecord(rec);
    i = lineEnd + 1;
  }
  return n;
}

/** Scans complete records of `buf`; returns how many bytes were used (the rest is an incomplete record). */
function scanRecords(buf: Buffer, delim: number, rec: ScannedRecord, onRecord: (r: ScannedRecord) => void, atEnd: boolean): number {
  if (buf.indexOf(QUOTE) < 0 && buf.indexOf(CR) < 0 && isAscii(buf)) return scanPlain(buf, delim, rec, onRecord, atEnd);
  return scanGeneral(buf, delim, rec, onRecord, atEnd, 0, Infinity);
}

/**
 * The one record of `buf` that starts at `from` (a record's start), as `scanRecords` reads it;
 * returns where the next record starts, or `from` when the record is not complete in `buf`.
 */
export function scanOne(buf: Buffer, from: number, delim: number, rec: ScannedRecord, onRecord: (r: ScannedRecord) => void, atEnd: boolean): number {
  return scanGeneral(buf, delim, rec, onRecord, atEnd, from, 1);
}

/** `scanRecords` from `from`, at most `max` records, whatever the bytes. */
function scanGeneral(buf: Buffer, delim: number, rec: ScannedRecord, onRecord: (r: ScannedRecord) => void, atEnd: boolean, from: number, max: number): number {
  const n = buf.length;
  let i = from;
  let recordStart = from;
  let records = 0;
  rec.buf = buf;
  outer: while (records < max && (i < n || (atEnd && recordStart < n))) {
    // One record.
    recordStart = i;
    let count = 0;
    let nonAscii = false;
    for (;;) {
      if (count === rec.starts.length) grow(rec);
      if (i < n && buf[i] === QUOTE) {
        // Quoted field: up to the closing quote, doubled quotes inside.
        const start = i + 1;
        let j = start;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0) {
            if (!atEnd) break outer;
            // scannable() rules this out; treat the rest as the field.
            j = n;
            break;
          }
          if (buf[q + 1] === QUOTE) {
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !atEnd) break outer;
          j = q;
          break;
        }
        rec.starts[count] = start;
        rec.ends[count] = j;
        rec.quoted[count] = 1;
        for (let k = start; k < j; k++) if (buf[k]! >= 0x80) nonAscii = true;
        count++;
        i = j + 1;
      } else {
        const start = i;
        while (i < n) {
          const c = buf[i]!;
          if (c === delim || c === LF || c === CR) break;
          if (c >= 0x80) nonAscii = true;
          i++;
        }
        if (i >= n && !atEnd) break outer;
        rec.starts[count] = start;
        rec.ends[count] = i;
        rec.quoted[count] = 0;
        count++;
      }
      if (i >= n) break;
      const c = buf[i]!;
      if (c === delim) {
        i++;
        if (i >= n) {
          if (!atEnd) break outer;
          // A separator at the very end: one more empty field.
          if (count === rec.starts.length) grow(rec);
          rec.starts[count] = i;
          rec.ends[count] = i;
          rec.quoted[count] = 0;
          count++;
          break;
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !atEnd) break outer;
        i += buf[i + 1] === LF ? 2 : 1;
        break;
      }
      if (c === LF) {
        i++;
        break;
      }
      // After a closing quote, something else: scannable() rules this out.
      i++;
    }
    rec.row++;
    rec.count = count;
    rec.nonAscii = nonAscii;
    rec.at = rec.base + recordStart;
    records++;
    onRecord(rec);
    recordStart = i;
    if (i >= n) break;
  }
  return recordStart;
}

function emptyRecord(): ScannedRecord {
  const cap = 1024;
  return { buf: Buffer.alloc(0), row: 0, count: 0, starts: new Int32Array(cap), ends: new Int32Array(cap), quoted: new Uint8Array(cap), nonAscii: false, at: 0, base: 0 };
}

/** How far before a record `FieldReader.cells` reads too. */
const BACK = 512;

/**
 * Reads a record again from an open file, long after its chunk was scanned (a hash match confirmed
 * by the records' keys): `record(at, f)`, `cells(at)` and `field(at, k)` of the record that starts at
 * byte `at`, as the scanner reads it. Each read takes a window (`window` bytes, from a little before
 * the record) that serves the records after it too when they are that close.
 */
export class FieldReader {
  private buf = Buffer.alloc(0);
  /** The window: bytes `start` to `start + got` of the file, in `buf`. */
  private start = 0;
  private got = 0;
  private readonly rec = emptyRecord();

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly delimiter: number,
    private readonly window = 512,
  ) {}

  field(at: number, field: number): string {
    return this.record(at, (r) => (field < r.count ? fieldText(r, field) : '')) ?? '';
  }

  private load(at: number, len: number): void {
    const n = Math.min(len, this.size - at);
    if (this.buf.length < n) this.buf = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const k = readSync(this.fd, this.buf, got, n - got, at + got);
      if (k === 0) break;
      got += k;
    }
    this.start = at;
    this.got = got;
  }

  /**
   * Every field of the record at `at` as text (as `recordCells` gives them), for a record whose
   * key must be read again; [] when no record starts there.
   */
  cells(at: number): string[] {
    return this.record(at, recordCells) ?? [];
  }

  /**
   * The record at `at` given to `f` as a scanned record (its fields as offsets into the window,
   * valid during the call), as `cells` reads it; undefined when no record starts there. A plain
   * line (no quote, held by the window to its end) is walked byte by byte: most records are.
   */
  record<T>(at: number, f: (r: ScannedRecord) => T): T | undefined {
    // A duplicate and its first copy are often near each other, either first: the window reaches
    // back a little too, so that reading the two takes one read.
    if (at < this.start || at >= this.start + this.got) {
      const from = Math.max(0, at - BACK);
      this.load(from, at - from + this.window);
    }
    if (this.plainRecord(at)) return f(this.rec);
    for (let len = this.window; ; len *= 2) {
      const atEnd = this.start + this.got >= this.size;
      let seen = false;
      let out: T | undefined;
      this.rec.row = 0;
      scanOne(this.buf.subarray(0, this.got), at - this.start, this.delimiter, this.rec, (r) => {
        seen = true;
        out = f(r);
      }, atEnd);
      if (seen) return out;
      if (atEnd || len > MAX_RECORD) return undefined;
      // The record goes on past the window: read it again from its start, twice as much.
      this.load(at, len * 2);
    }
  }

  /**
   * The fields of the record at `at` into `rec` when it is a plain line (no quote) the window
   * holds to its end (or to the file's): what `scanOne` would find there. False for anything else.
   */
  private plainRecord(at: number): boolean {
    const b = this.buf;
    const end = this.got;
    const delim = this.delimiter;
    const rec = this.rec;
    let k = 0;
    let from = at - this.start;
    let i = from;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === delim) {
        if (k >= rec.starts.length) grow(rec);
        rec.starts[k] = from;
        rec.ends[k] = i;
        rec.quoted[k] = 0;
        k++;
        from = i + 1;
      } else if (c === LF || c === CR) break;
      else if (c === QUOTE) return false;
    }
    if (i === end && this.start + this.got < this.size) return false;
    // An empty line is no record for the scanner either way: left to it.
    if (i === at - this.start) return false;
    if (k >= rec.starts.length) grow(rec);
    rec.starts[k] = from;
    rec.ends[k] = i;
    rec.quoted[k] = 0;
    rec.count = k + 1;
    rec.buf = b;
    rec.row = 0;
    rec.at = at;
    rec.base = this.start;
    rec.nonAscii = false;
    for (let j = at - this.start; j < i; j++) {
      if (b[j]! >= 0x80) {
        rec.nonAscii = true;
        break;
      }
    }
    return true;
  }
}

function grow(rec: ScannedRecord): void {
  const n = rec.starts.length * 2;
  const s = new Int32Array(n);
  s.set(rec.starts);
  const e = new Int32Array(n);
  e.set(rec.ends);
  const q = new Uint8Array(n);
  q.set(rec.quoted);
  rec.starts = s;
  rec.ends = e;
  rec.quoted = q;
}

/** A field as text, exactly as csv-parse gives it: quoted content with doubled quotes undone. */
export function fieldText(r: ScannedRecord, k: number): string {
  return bytesText(r.buf, r.starts[k]!, r.ends[k]!, r.quoted[k] === 1);
}

/** `fieldText` of a field kept as offsets (after its record object was reused). */
export function bytesText(buf: Buffer, start: number, end: number, quoted: boolean): string {
  const s = buf.toString('utf8', start, end);
  return quoted ? s.replace(/""/g, '"') : s;
}

/** Every field of a record as text (for rows that take the general path). */
export function recordCells(r: ScannedRecord): string[] {
  const out: string[] = new Array(r.count);
  for (let k = 0; k < r.count; k++) out[k] = fieldText(r, k);
  return out;
}
