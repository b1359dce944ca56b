import { PlainRows, RecordBatch, RecordCounter } from './audit.js';
import type { RecordOutcome } from '../../audit/types.js';
import type { DeferredCounter } from './partitions.js';
import { KeyHasher } from './dedup.js';
import type { Findings } from '../../audit/findings.js';
import { JpAuditError } from '../../errors.js';
import { admitRow, finishAccount, type InputAccount, NO_CELLS, type OnProgress } from '../../ingest.js';
import { type ChunkKernel, RosterKernel, STOP, kernelEnabled, TrainingKernel } from './kernel.js';
import { bytesText, type ChunkReader, estimateRecords, type FilePart, fieldText, type PartScan, recordCells, RecordTooLarge, type ScannedRecord, scanFile, scanOne, scannable } from './scan.js';
import { AMOUNT_FIELDS } from '../../normalize/amount.js';
import { amountFromBytes, dateFromBytes, nipHalvesFromBytes, nipText, yearFromBytes } from '../../normalize/bytes.js';
import type { DateOrder } from '../../normalize/dates.js';
import type { Field } from '../../normalize/header.js';
import type { Sheet } from '../../normalize/sheet.js';
import { cellText } from '../../normalize/text.js';
import type { EmployeeType } from '../../normalize/types.js';
import { TYPE_CODES } from '../../audit/employees.js';
import type { StaffRow } from '../../schema/rows.js';

const PROGRESS_EVERY = 65_536;

export interface FastTrainingDeps {
  /**
   * Where records are counted: the audit's own counter; or a worker thread's deferred counter,
   * which keeps them to count when every file is read (then `classified` is never called).
   */
  audit: RecordCounter | DeferredCounter;
  findings: Findings;
  order: DateOrder;
  fileIndex: number;
  /** The general path for one row (Zod, findings): rows the scanner does not take plainly; `at` is where it starts in the file. */
  slowRow(row: number, cells: string[], at: number): void;
  /** What happens after a record is classified: accounting and findings, as the general path does. */
  classified(outcome: RecordOutcome, nip: string, training: () => string, row: number): void;
  onProgress?: OnProgress;
  /** Read only this part of the file (a worker thread's; see `scannableParts`). */
  part?: FilePart;
  /** Told what reading an `unchecked` part found (see `scanFile`). */
  onScanned?(scan: PartScan): void;
}

/** Scans the file, turns an oversized record into the general reader's error, and closes the account. */
async function scanSheet(path: string, sheet: Sheet, acc: InputAccount, onRecord: (r: ScannedRecord) => void, onProgress: OnProgress | undefined, onBytes: (n: number) => void, part?: FilePart, flush?: () => void, onChunk?: ChunkReader): Promise<PartScan> {
  let bytesRead = 0;
  let scan: PartScan;
  try {
    // The batch is flushed at each chunk's end: its names are read from the chunk's bytes.
    scan = await scanFile(path, sheet.info.delimiter!.charCodeAt(0), onRecord, (n) => onBytes((bytesRead = n - (part?.start ?? 0))), part, flush, onChunk);
  } catch (e) {
    if (e instanceof RecordTooLarge) throw new JpAuditError('csv-record-too-large', { row: e.row }, sheet.info.file);
    throw e;
  }
  onProgress?.({ file: sheet.info.file, rows: acc.rows, bytesRead, size: part ? part.end - part.start : (sheet.info.size ?? 0) });
  finishAccount(sheet, acc);
  return scan;
}

/** Can this file be read by the byte scanner? (Otherwise the general reader is used.) */
export function fastEligible(sheet: Sheet, path: string, forcedEncoding: string | undefined, fields: readonly Field[]): boolean {
  const c = sheet.mapping.columns;
  return (
    path !== '-' &&
    sheet.info.format === 'csv' &&
    sheet.info.encoding === 'utf-8' &&
    (forcedEncoding === undefined || forcedEncoding === 'utf-8') &&
    sheet.info.delimiter !== undefined &&
    // The scanner compares single bytes: a separator outside ASCII takes the general reader.
    sheet.info.delimiter.length === 1 &&
    sheet.info.delimiter.charCodeAt(0) < 0x80 &&
    // Columns made from another column's cells (an NIP inside `Pegawai`) exist only for the general reader.
    !sheet.mapping.derived &&
    fields.every((f) => c.has(f))
  );
}

/** Is the first field the header's first cell again (ASCII alphanumerics, folded)? Then the row goes the general way. */
function mayBeHeader(r: ScannedRecord, headerFirst: string): boolean {
  if (r.count === 0) return false;
  const s = r.starts[0]!;
  const e = r.ends[0]!;
  let k = 0;
  for (let i = s; i < e; i++) {
    let c = r.buf[i]!;
    if (c >= 0x41 && c <= 0x5a) c += 32;
    else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) continue;
    if (k >= headerFirst.length || headerFirst.charCodeAt(k) !== c) return false;
    k++;
  }
  return k === headerFirst.length;
}

function isBlankRecord(r: ScannedRecord): boolean {
  for (let k = 0; k < r.count; k++) {
    for (let i = r.starts[k]!; i < r.ends[k]!; i++) {
      const c = r.buf[i]!;
      if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
    }
  }
  return true;
}

/**
 * Reads a training CSV with the byte scanner: NIP, dates and JP parsed from bytes, the duplicate
 * key hashed from bytes, no string or object per row. A row that is not plainly valid ASCII (a
 * problem, a non-ASCII character, a header again) goes through `slowRow`, so every row ends
 * exactly as the general reader would end it. Returns false when the file is not scannable.
 */
export async function readTrainingFast(path: string, sheet: Sheet, acc: InputAccount, deps: FastTrainingDeps): Promise<boolean> {
  const delim = sheet.info.delimiter!.charCodeAt(0);
  // A worker thread's part was found scannable by the main thread already, or is checked as it is read.
  if (deps.part === undefined && !(await scannable(path, delim))) return false;
  await sheet.rows.return?.(undefined);
  const c = sheet.mapping.columns;
  const iNip = c.get('nip')!.index;
  const iJp = c.get('jp')!.index;
  const iStart = c.get('start')?.index ?? -1;
  const iEnd = c.get('end')?.index ?? -1;
  const iTraining = c.get('training')?.index ?? -1;
  // The amount columns after JP (`rowAmount` takes the JP from the JP column when it is not
  // empty): a row with one of them neither empty nor an amount goes the general way, which warns.
  const later = AMOUNT_FIELDS.filter((f) => f !== 'jp' && c.has(f)).map((f) => c.get(f)!.index);
  // A year column is not used by a dated row (`unusedYear`): empty or a plain year, else the general way, which warns.
  const iYear = c.get('year')?.index ?? -1;
  const need = Math.max(iNip, iJp, iStart, iEnd, iTraining, iYear, ...later);
  const headerFirst = /^[a-z0-9]*$/.test(sheet.headerFirst) ? sheet.headerFirst : null;
  const { audit, order, part } = deps;
  const counter = audit instanceof RecordCounter ? audit : undefined;
  const deferred = audit instanceof RecordCounter ? undefined : audit;
  counter?.expectRecords(await estimateRecords(path));
  // The header rows are skipped by the part that starts the file (a part's rows go on from its `row`).
  const headerRows = part === undefined || part.start === 0 ? sheet.lastHeaderRow : 0;
  const h = new KeyHasher();
  const halves = { hi: 0, lo: 0 };
  let bytesRead = 0;
  const size = part ? part.end - part.start : (sheet.info.size ?? 0);

  // Records in the period wait in a batch until it is full, the chunk ends, or a row must take the
  // general path (which may count a record too): the roster and duplicate look-ups of a batch then
  // run back to back, so their cache misses overlap instead of following one another.
  const batch = new RecordBatch();
  const nameStart = new Int32Array(RecordBatch.SIZE);
  const nameEnd = new Int32Array(RecordBatch.SIZE);
  const nameQuoted = new Uint8Array(RecordBatch.SIZE);
  let batchBuf: Buffer | undefined;
  const flush = () => {
    if (batch.n === 0 || counter === undefined) return;
    counter.addBatch(batch, deps.fileIndex);
    const buf = batchBuf!;
    for (let k = 0; k < batch.n; k++) {
      const outcome = batch.outcomes[k]!;
      if (outcome === RecordBatch.COUNTED) {
        acc.counted++;
        continue;
      }
      const nip = nipText(batch.nipHi[k]!, batch.nipLo[k]!);
      const name = () => (iTraining < 0 ? '' : cellText(bytesText(buf, nameStart[k]!, nameEnd[k]!, nameQuoted[k] === 1)));
      deps.classified(counter.outcomeOf(batch, k, nip), nip, name, batch.row[k]!);
    }
    batch.n = 0;
  };

  const slow = (r: ScannedRecord) => {
    flush();
    const cells = recordCells(r);
    if (admitRow(cells, r.row, sheet, acc, deps.findings)) deps.slowRow(r.row, cells, r.at);
  };

  const onRecord = (r: ScannedRecord) => {
    if (r.row <= headerRows) return;
    if (r.nonAscii || r.count <= need || headerFirst === null || mayBeHeader(r, headerFirst)) return slow(r);
    if (isBlankRecord(r)) {
      acc.blankRows++;
      return;
    }
    const b = r.buf;
    if (!nipHalvesFromBytes(b, r.starts[iNip]!, r.ends[iNip]!, halves)) return slow(r);
    const jp = amountFromBytes(b, r.starts[iJp]!, r.ends[iJp]!);
    for (const i of later) if (r.ends[i]! > r.starts[i]! && amountFromBytes(b, r.starts[i]!, r.ends[i]!) === undefined) return slow(r);
    if (iYear >= 0 && r.ends[iYear]! > r.starts[iYear]! && yearFromBytes(b, r.starts[iYear]!, r.ends[iYear]!) === undefined) return slow(r);
    const startField = iStart >= 0 && r.ends[iStart]! > r.starts[iStart]! ? iStart : -1;
    const endField = iEnd >= 0 && r.ends[iEnd]! > r.starts[iEnd]! ? iEnd : -1;
    if (jp === undefined || (startField < 0 && endField < 0)) return slow(r);
    const start = startField >= 0 ? dateFromBytes(b, r.starts[startField]!, r.ends[startField]!, order) : undefined;
    const end = endField >= 0 ? dateFromBytes(b, r.starts[endField]!, r.ends[endField]!, order) : undefined;
    if ((startField >= 0 && start === undefined) || (endField >= 0 && end === undefined)) return slow(r);
    const s = (start ?? end)!;
    const e = (end ?? start)!;
    if (e < s) return slow(r);

    acc.rows++;
    acc.accepted++;
    if (deps.onProgress && acc.rows % PROGRESS_EVERY === 0) deps.onProgress({ file: sheet.info.file, rows: acc.rows, bytesRead, size });
    if (!audit.inPeriod(e)) {
      acc.outsidePeriod++;
      return;
    }
    h.reset().nip(halves.hi, halves.lo);
    if (iTraining >= 0) h.foldedAscii(b, r.starts[iTraining]!, r.ends[iTraining]!, r.quoted[iTraining] === 1);
    else h.foldedAscii(b, 0, 0, false);
    h.number(s).number(e);
    if (h.lastFoldedEmpty) h.number(jp);
    if (deferred) return deferred.parts.add(halves.hi, halves.lo, h.hi, h.lo, jp, deps.fileIndex, r.row, r.at);
    if (b !== batchBuf) {
      flush();
      batchBuf = b;
    }
    const k = batch.n++;
    batch.nipHi[k] = halves.hi;
    batch.nipLo[k] = halves.lo;
    batch.keyHi[k] = h.hi;
    batch.keyLo[k] = h.lo;
    batch.jp[k] = jp;
    batch.row[k] = r.row;
    batch.at[k] = r.at;
    if (iTraining >= 0) {
      nameStart[k] = r.starts[iTraining]!;
      nameEnd[k] = r.ends[iTraining]!;
      nameQuoted[k] = r.quoted[iTraining]!;
    }
    if (batch.n === RecordBatch.SIZE) flush();
  };

  // The kernel takes the plain records of each chunk; the others come back here, one at a time.
  const kernel =
    headerFirst !== null && headerFirst.length <= 64 && kernelEnabled()
      ? new TrainingKernel({ delimiter: delim, nip: iNip, jp: iJp, start: iStart, end: iEnd, training: iTraining, later, yearField: iYear, need, order, year: audit.year, asOf: audit.asOf, headerFirst })
      : undefined;
  // Records the kernel found repeating the record it wrote before them (the top bit of their
  // offset), noted as `Repeats`: each one's duplicate without reading either again. `lastAt`: the
  // offset of the kernel's last record in the chunk (the one a run's first record may repeat).
  let lastAt = 0;
  const markRepeats = (k: TrainingKernel, buf: Buffer, base: number) => {
    const n = k.written;
    if (n === 0) return;
    const u = k.u32;
    if (k.repeated > 0) {
      const repeats = deferred!.parts.repeats;
      for (let j = 0, w = 0; j < n && !repeats.full; j++, w += 10) {
        if (u[w + 5]! >>> 31 === 0) continue;
        const at = u[w + 5]! & 0x7fffffff;
        const before = j === 0 ? lastAt : u[w - 5]! & 0x7fffffff;
        const name = iTraining < 0 ? '' : cellText(bytesText(buf, u[w + 6]!, u[w + 7]! & 0x7fffffff, u[w + 7]! >>> 31 === 1));
        repeats.add(deps.fileIndex, base + at, base + before, name);
      }
    }
    lastAt = u[(n - 1) * 10 + 5]! & 0x7fffffff;
  };
  /** The kernel's output after a run: accounts, then each record counted or kept as `onRecord` would. */
  const take = (k: TrainingKernel, buf: Buffer, base: number) => {
    acc.rows += k.taken;
    acc.accepted += k.taken;
    acc.outsidePeriod += k.outside;
    if (deps.onProgress && Math.floor(acc.rows / PROGRESS_EVERY) !== Math.floor((acc.rows - k.taken) / PROGRESS_EVERY)) deps.onProgress({ file: sheet.info.file, rows: acc.rows, bytesRead, size });
    if (deferred) {
      markRepeats(k, buf, base);
      // Sorted by partition in the kernel: each partition's records copied at once.
      k.partition(deps.fileIndex, base);
      deferred.parts.addSorted(k.sorted, k.starts, deps.fileIndex);
      return;
    }
    const u = k.u32;
    const f = k.f64;
    if (buf !== batchBuf) {
      flush();
      batchBuf = buf;
    }
    for (let j = 0, w = 0; j < k.written; j++, w += 10) {
      const b = batch.n++;
      batch.nipHi[b] = u[w]!;
      batch.nipLo[b] = u[w + 1]!;
      batch.keyHi[b] = u[w + 2]!;
      batch.keyLo[b] = u[w + 3]!;
      batch.row[b] = u[w + 4]!;
      batch.jp[b] = f[(w >> 1) + 4]!;
      batch.at[b] = base + (u[w + 5]! & 0x7fffffff);
      nameStart[b] = u[w + 6]!;
      nameEnd[b] = u[w + 7]! & 0x7fffffff;
      nameQuoted[b] = u[w + 7]! >>> 31;
      if (batch.n === RecordBatch.SIZE) flush();
    }
  };
  const onChunk = kernel && kernelChunks(kernel, headerRows, delim, onRecord, (buf, base) => take(kernel, buf, base));

  const scan = await scanSheet(path, sheet, acc, onRecord, deps.onProgress, (n) => (bytesRead = n), part, flush, onChunk);
  deps.onScanned?.(scan);
  return true;
}

/**
 * Reads a chunk with a kernel (`ChunkKernel`): the kernel takes the plain records from where the
 * last one left (`take` is given what it wrote), and the others come to `onRecord` one at a time
 * (a header row, a record the kernel leaves, the last record of the file without a line end).
 */
function kernelChunks(kernel: ChunkKernel, headerRows: number, delim: number, onRecord: (r: ScannedRecord) => void, take: (buf: Buffer, base: number) => void): ChunkReader {
  return (buf, rec, atEnd) => {
    kernel.load(buf);
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (rec.row >= headerRows) {
        i = kernel.run(i, n, rec.row);
        rec.row = kernel.row;
        take(buf, rec.base);
        if (kernel.stopped === STOP.full) continue;
        if (i >= n || (kernel.stopped === STOP.done && !atEnd)) return i;
      }
      const next = scanOne(buf, i, delim, rec, onRecord, atEnd);
      if (next === i) return i;
      i = next;
    }
    return i;
  };
}

export interface FastStaffDeps {
  findings: Findings;
  /** A recap roster: the JP column is the year's total (empty is 0). */
  totals: boolean;
  slowRow(row: number, cells: string[]): void;
  /** Told about how many rows the file holds, before reading. */
  expectRows?(n: number): void;
  /** What the general reader does with a valid row. */
  accept(e: StaffRow & { jp?: number }, row: number, raw: Record<string, unknown>): void;
  /**
   * `accept` for a batch of plain rows of a roster without service or status columns (`n` rows of
   * `rows`, names in `buf`; see `Audit.addRows`), and each row's total for a recap (`jp`): no
   * object or string a row.
   */
  acceptRows?(rows: PlainRows, n: number, buf: Uint8Array, jp: ReadonlyArray<number | undefined>): void;
  /** The number of an OPD name (see `Audit.opdId`), which `acceptRows` takes: needed with it. */
  opdId?(opd: string): number;
  /** Told the NIPs of the next `n` rows given to `acceptRows`, before them (see `Audit.touchNips`). */
  ahead?(hi: Uint32Array, lo: Uint32Array, n: number): void;
  onProgress?: OnProgress;
}


/**
 * `cellText` of a field of an ASCII record: the bytes as they are when they need no folding (no
 * space at either end, no control character, no two spaces together, not quoted); else the
 * general way.
 */
function textOf(r: ScannedRecord, k: number): string {
  const b = r.buf;
  const s = r.starts[k]!;
  const e = r.ends[k]!;
  if (r.quoted[k] || !plainBytes(b, s, e)) return cellText(fieldText(r, k));
  return b.toString('latin1', s, e);
}

/**
 * Are the bytes `b[s..e)` of an unquoted field (ASCII) its text exactly, as `cellText` gives it?
 * Not empty, no space at either end, no control character, no two spaces in a row.
 */
function plainBytes(b: Uint8Array, s: number, e: number): boolean {
  if (e === s || b[s] === 0x20 || b[e - 1] === 0x20) return false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x20 || (c === 0x20 && b[i + 1] === 0x20)) return false;
  }
  return true;
}

/**
 * OPD names by their bytes in the file (of unquoted ASCII fields that are the name exactly, see
 * `plainBytes`): a roster of a million rows names a few hundred OPDs, so most rows find theirs
 * by hashing and comparing bytes, without making a string. The first time, `make` gives the
 * name's number from its text.
 */
class OpdBytes {
  private slots = new Int32Array(1024).fill(-1);
  private readonly keys: Uint8Array[] = [];
  private readonly ids: number[] = [];

  constructor(private readonly make: (opd: string) => number) {}

  /** The number of the OPD named by `b[s..e)`; -1 if those bytes are not its name exactly. */
  id(b: Uint8Array, s: number, e: number): number {
    return plainBytes(b, s, e) ? this.hashed(b, s, e, fnv(b, s, e)) : -1;
  }

  /** `id` of bytes known to be the OPD's name exactly, their FNV-1a hash `h` given (the roster kernel's). */
  hashed(b: Uint8Array, s: number, e: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let at = (h ^ (h >>> 15)) & mask; ; at = (at + 1) & mask) {
      const k = this.slots[at]!;
      if (k < 0) break;
      const key = this.keys[k]!;
      if (key.length === e - s && same(key, b, s)) return this.ids[k]!;
    }
    // A copy: the chunk's bytes are reused.
    const key = new Uint8Array(b.subarray(s, e));
    const id = this.make(Buffer.from(key.buffer, key.byteOffset, key.length).toString('latin1'));
    this.keys.push(key);
    this.ids.push(id);
    if (this.keys.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.keys.length - 1, h);
    return id;
  }

  private place(k: number, h: number): void {
    const mask = this.slots.length - 1;
    let at = (h ^ (h >>> 15)) & mask;
    while (this.slots[at]! >= 0) at = (at + 1) & mask;
    this.slots[at] = k;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let k = 0; k < this.keys.length; k++) this.place(k, fnv(this.keys[k]!, 0, this.keys[k]!.length));
  }
}

/** The FNV-1a hash of `b[s..e)` (the roster kernel's too). */
function fnv(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h;
}

/** Are `key`'s bytes those of `b` from `s`? */
function same(key: Uint8Array, b: Uint8Array, s: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== b[s + i]) return false;
  return true;
}

const EMPTY = new Uint8Array(0);

/** The plain type words, folded to upper case; anything else (`PNS Daerah`) takes the general path. */
function typeFromBytes(b: Uint8Array, s: number, e: number): EmployeeType | undefined {
  let w = '';
  for (let i = s; i < e && i - s < 5; i++) {
    const c = b[i]!;
    w += String.fromCharCode(c >= 0x61 && c <= 0x7a ? c - 32 : c);
  }
  if (e - s > 4) return undefined;
  return w === 'PNS' ? 'PNS' : w === 'PPPK' || w === 'P3K' ? 'PPPK' : w === 'CPNS' ? 'CPNS' : undefined;
}

/**
 * Reads a roster CSV with the byte scanner; rows that are not plainly valid ASCII with a plain type
 * word go through `slowRow`, so every row ends as the general reader would end it.
 */
export async function readStaffFast(path: string, sheet: Sheet, acc: InputAccount, deps: FastStaffDeps): Promise<boolean> {
  const delim = sheet.info.delimiter!.charCodeAt(0);
  if (!(await scannable(path, delim))) return false;
  await sheet.rows.return?.(undefined);
  const c = sheet.mapping.columns;
  const at = (f: Field) => c.get(f)?.index ?? -1;
  const iNip = at('nip');
  const iType = at('type');
  const iOpd = at('opd');
  const iName = at('name');
  const iJp = deps.totals ? at('jp') : -1;
  const extras = (['serviceStart', 'serviceEnd', 'status'] as const).map((f) => [f, at(f)] as const).filter(([, i]) => i >= 0);
  const need = Math.max(iNip, iType, iOpd, iName, iJp, ...extras.map(([, i]) => i));
  const headerFirst = /^[a-z0-9]*$/.test(sheet.headerFirst) ? sheet.headerFirst : null;
  const halves = { hi: 0, lo: 0 };
  let bytesRead = 0;
  deps.expectRows?.(await estimateRecords(path));

  // Plain rows wait in a batch, so that the roster table's slots of all of them are read ahead
  // at once; any other row (which may add an employee too) flushes the batch first. A batch is
  // flushed at the latest when its chunk ends: its names are still in the chunk's bytes then.
  const plain = deps.acceptRows && deps.opdId && extras.length === 0;
  const opds = plain ? new OpdBytes(deps.opdId!.bind(deps)) : undefined;
  const SIZE = 256;
  const rows = new PlainRows(SIZE);
  const jpOf: Array<number | undefined> = [];
  let batchBuf: Uint8Array = EMPTY;
  let n = 0;
  const flush = () => {
    if (n === 0) return;
    deps.ahead?.(rows.hi, rows.lo, n);
    deps.acceptRows!(rows, n, batchBuf, jpOf);
    n = 0;
  };

  const onRecord = (r: ScannedRecord) => {
    if (r.row <= sheet.lastHeaderRow) return;
    const slow = () => {
      flush();
      const cells = recordCells(r);
      if (admitRow(cells, r.row, sheet, acc, deps.findings)) deps.slowRow(r.row, cells);
    };
    if (r.nonAscii || r.count <= need || headerFirst === null || mayBeHeader(r, headerFirst)) return slow();
    if (isBlankRecord(r)) {
      acc.blankRows++;
      return;
    }
    const b = r.buf;
    const type = typeFromBytes(b, r.starts[iType]!, r.ends[iType]!);
    if (type === undefined || !nipHalvesFromBytes(b, r.starts[iNip]!, r.ends[iNip]!, halves)) return slow();
    // The OPD by its bytes, when they are its name exactly: no string made for a known one.
    const opdId = opds && !r.quoted[iOpd] ? opds.id(b, r.starts[iOpd]!, r.ends[iOpd]!) : -1;
    const opd = opdId < 0 ? textOf(r, iOpd) : '';
    if (opdId < 0 && opd === '') return slow();
    let jp: number | undefined;
    if (iJp >= 0) {
      const s = r.starts[iJp]!;
      const e = r.ends[iJp]!;
      // An empty total goes the general way, which counts it (`total-jp-blank`).
      jp = e - s === 1 && b[s] === 0x30 ? 0 : e === s ? undefined : amountFromBytes(b, s, e);
      if (jp === undefined) return slow();
    }
    acc.rows++;
    if (deps.onProgress && acc.rows % PROGRESS_EVERY === 0) deps.onProgress({ file: sheet.info.file, rows: acc.rows, bytesRead, size: sheet.info.size ?? 0 });
    if (plain) {
      if (b !== batchBuf) {
        flush();
        batchBuf = b;
      }
      rows.hi[n] = halves.hi;
      rows.lo[n] = halves.lo;
      rows.row[n] = r.row;
      rows.type[n] = TYPE_CODES.indexOf(type);
      rows.opd[n] = opdId < 0 ? deps.opdId!(opd) : opdId;
      if (iName < 0) rows.name[n] = '';
      else if (!r.quoted[iName] && plainBytes(b, r.starts[iName]!, r.ends[iName]!)) {
        rows.name[n] = undefined;
        rows.nameStart[n] = r.starts[iName]!;
        rows.nameEnd[n] = r.ends[iName]!;
      } else rows.name[n] = textOf(r, iName);
      jpOf[n] = jp;
      if (++n === SIZE) flush();
      return;
    }
    const name = iName >= 0 ? textOf(r, iName) : '';
    let raw: Record<string, unknown> = NO_CELLS;
    if (extras.length) {
      raw = Object.create(null) as Record<string, unknown>;
      for (const [f, i] of extras) raw[f] = fieldText(r, i);
    }
    const e: StaffRow & { jp?: number } = { nip: nipText(halves.hi, halves.lo), name, type, typeSource: 'column', opd: opdId < 0 ? opd : textOf(r, iOpd) };
    if (jp !== undefined) e.jp = jp;
    deps.accept(e, r.row, raw);
  };

  // The kernel takes the plain rows of each chunk (a roster without a JP column); the others come
  // back here, one at a time.
  const kernel =
    opds && iJp < 0 && headerFirst !== null && headerFirst.length <= 64 && kernelEnabled()
      ? new RosterKernel({ delimiter: delim, nip: iNip, type: iType, opd: iOpd, name: iName, need, headerFirst })
      : undefined;
  /** The kernel's rows after a run, into the batch as `onRecord` puts them. */
  const take = (k: RosterKernel, buf: Buffer) => {
    acc.rows += k.written;
    if (deps.onProgress && Math.floor(acc.rows / PROGRESS_EVERY) !== Math.floor((acc.rows - k.written) / PROGRESS_EVERY)) deps.onProgress({ file: sheet.info.file, rows: acc.rows, bytesRead, size: sheet.info.size ?? 0 });
    if (buf !== batchBuf) {
      flush();
      batchBuf = buf;
    }
    const u = k.u32;
    for (let j = 0, w = 0; j < k.written; j++, w += 10) {
      rows.hi[n] = u[w]!;
      rows.lo[n] = u[w + 1]!;
      rows.row[n] = u[w + 2]!;
      rows.type[n] = u[w + 3]!;
      const flags = u[w + 6]!;
      rows.nameStart[n] = u[w + 4]!;
      rows.nameEnd[n] = u[w + 5]!;
      rows.name[n] = (flags & 2) !== 0 ? undefined : cellText(bytesText(buf, u[w + 4]!, u[w + 5]!, (flags & 1) === 1));
      rows.opd[n] = opds!.hashed(buf, u[w + 7]!, u[w + 8]!, u[w + 9]!);
      jpOf[n] = undefined;
      if (++n === SIZE) flush();
    }
  };
  const onChunk = kernel && kernelChunks(kernel, sheet.lastHeaderRow, delim, onRecord, (buf) => take(kernel, buf));

  await scanSheet(path, sheet, acc, onRecord, deps.onProgress, (n) => (bytesRead = n), undefined, flush, onChunk);
  return true;
}
