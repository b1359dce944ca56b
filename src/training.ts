import { closeSync, fstatSync, openSync } from 'node:fs';
import { isRowNumber, keyedRecord, sameTrainingKey } from './rules/same-training.js';
import { type AuditObserver, rawTexts } from './audit/observer.js';
import { cellText } from './normalize/text.js';
import { type ExactKeyReader, RecordCounter } from './engine/fast/audit.js';
import type { RecordOutcome } from './audit/types.js';
import type { RecordSink } from './engine/engine.js';
import { DeferredCounter, type KeysRead } from './engine/fast/partitions.js';
import type { Findings } from './audit/findings.js';
import { type FastTrainingDeps, fastEligible, readTrainingFast } from './engine/fast/fastpath.js';
import { FieldReader, fieldText, type FilePart, type PartScan, type ScannedRecord } from './engine/fast/scan.js';
import { at, dataRows, hasDate, type InputAccount, noteUnusedCells, type OnProgress, pick, validRow } from './ingest.js';
import type { Cell, Encoding } from './io/types.js';
import type { DateOrder } from './normalize/dates.js';
import type { Field } from './normalize/header.js';
import type { Sheet } from './normalize/sheet.js';
import { plainTrainingColumns, plainTrainingRow } from './schema/plain.js';
import type { Schemas } from './schema/rows.js';

export const RECORD_FIELDS: Field[] = ['nip', 'training', 'start', 'end', 'year', 'jp', 'minutes', 'hours'];

/** What reading training files needs, in the main thread or in a worker thread. */
export interface TrainingContext {
  /** The audit's counter (either engine's); in a worker thread, a deferred counter (see `DeferredCounter`). */
  counter: RecordSink | DeferredCounter;
  findings: Findings;
  schemas: Schemas;
  order: DateOrder;
  /** Every input file, by file index (for "first seen in" of a duplicate). */
  files: readonly string[];
  /** Use the byte scanner where it applies (off: the general reader only). */
  fast: boolean;
  forcedEncoding: Encoding | undefined;
  onProgress?: OnProgress;
  /** In a worker thread: the part of the file this thread reads. */
  part?: FilePart;
  /** Told what reading an `unchecked` part found (see `scanFile`). */
  onScanned?(scan: PartScan): void;
  /** Told every record's outcome (a run for `explain`: the general reader only). */
  observer?: AuditObserver;
}

/** Can this training file go through the byte scanner (before `scannable`, which reads it)? */
export function trainingFastEligible(sheet: Sheet, path: string, forcedEncoding: Encoding | undefined): boolean {
  return fastEligible(sheet, path, forcedEncoding, ['nip', 'jp']) && hasDate(sheet);
}

/** Reads a training file: the byte scanner when it can, else the general reader; the same outcome. */
export async function readTraining(sheet: Sheet, acc: InputAccount, fileIndex: number, ctx: TrainingContext, path: string): Promise<void> {
  const { counter } = ctx;
  const plain = plainTrainingColumns(sheet);
  const slowRow = (row: number, cells: Cell[], at?: number) => {
    let valid = plain && plainTrainingRow(cells, plain, ctx.order);
    if (!valid) {
      const raw = pick(sheet, cells, RECORD_FIELDS);
      valid = validRow(ctx.schemas.training, raw, sheet, row, acc, ctx.findings);
      if (valid === undefined) {
        ctx.observer?.rejected({ file: fileIndex, row }, 'training', cellText(raw.nip), rawTexts(raw));
        return;
      }
      // Only the schema finds unused cells (the plain path never runs with minutes, hours or year columns).
      if (valid.unused.length) noteUnusedCells(valid.unused, sheet, row, raw, ctx.findings);
    }
    acc.accepted++;
    const r = keyedRecord(valid, cells, sheet.mapping.headers);
    const ref = { file: fileIndex, row };
    if (!(counter instanceof DeferredCounter)) {
      const outcome = counter.addRecord(r, ref, at);
      ctx.observer?.record(ref, valid, outcome);
      return classifyRecord(outcome, r.nip, () => valid.training, sheet, row, acc, ctx);
    }
    if (at === undefined) throw new Error(`${path}: a deferred counter needs the byte scanner`);
    if (counter.addRecord(r, ref, at) === 'outside-period') acc.outsidePeriod++;
  };
  // The byte scanner counts into the fast engine's counters only.
  const fastCounter = counter instanceof RecordCounter || counter instanceof DeferredCounter ? counter : undefined;
  if (ctx.fast && fastCounter && trainingFastEligible(sheet, path, ctx.forcedEncoding)) {
    // The byte scanner keeps no key but a record's offset: a hash match reads both records again.
    const keys = fastCounter instanceof RecordCounter ? trainingKeyReader(path, sheet, ctx) : undefined;
    if (keys && fastCounter instanceof RecordCounter) fastCounter.readsAgain(fileIndex, keys);
    const deps: FastTrainingDeps = {
      audit: fastCounter,
      findings: ctx.findings,
      order: ctx.order,
      fileIndex,
      slowRow,
      classified: (outcome, nip, training, row) => classifyRecord(outcome, nip, training, sheet, row, acc, ctx),
    };
    if (ctx.onProgress) deps.onProgress = ctx.onProgress;
    if (ctx.part) deps.part = ctx.part;
    if (ctx.onScanned) deps.onScanned = ctx.onScanned;
    try {
      if (await readTrainingFast(path, sheet, acc, deps)) return;
    } catch (e) {
      keys?.release();
      throw e;
    }
  }
  if (ctx.part) throw new Error(`${path}: a worker thread was given a file the byte scanner cannot read`);
  for await (const { row, cells } of dataRows(sheet, acc, ctx.findings, ctx.onProgress)) slowRow(row, cells);
}

/**
 * Reads the exact duplicate key of a record of a training CSV again, from its byte offset: its
 * cells read as the general reader reads them (`plainTrainingRow`, else the row schema), as
 * `keyedRecord` keys them. Used only when a record's hash matches another's. The file is opened
 * when first needed and stays open until `release` (when the counter closes: a later file's
 * record may match one of this file's).
 */
export function trainingKeyReader(path: string, sheet: Sheet, ctx: Pick<TrainingContext, 'schemas' | 'order'>): ExactKeyReader & { keysAt(ats: readonly number[]): KeysRead; release(): void } {
  const plain = plainTrainingColumns(sheet);
  const delimiter = sheet.info.delimiter!.charCodeAt(0);
  let open: { fd: number; reader: FieldReader } | undefined;
  /** The reader of `keysAt`, in large reads. */
  let many: { fd: number; reader: FieldReader } | undefined;
  // The cells a key may depend on: all but a row number no field is read from. Two records with
  // these cells equal have the same key, so a repeat of the record read just before (a duplicate
  // next to its first copy) is not parsed again.
  const { headers, columns } = sheet.mapping;
  const mapped = new Set([...columns.values()].map((c) => c.index));
  const keyCells = headers.map((h, i) => mapped.has(i) || !isRowNumber(h));
  const keyCell = (i: number) => keyCells[i] ?? true;
  const iName = columns.get('training')?.index;
  let last: { cells: string; key: string } | undefined;
  /** The cells a key depends on as one text, each with its length first: no two lists of cells join to the same text. */
  const rawOf = (cells: readonly string[]): string => {
    let raw = '';
    for (let i = 0; i < cells.length; i++) if (keyCell(i)) raw += `${cells[i]!.length}:${cells[i]}`;
    return raw;
  };
  /**
   * The bytes of the cells a key depends on, each with its length and whether it was quoted: equal
   * signatures are equal cells, so equal keys (a record repeated as it was needs no parsing).
   */
  const signature = (r: ScannedRecord): Uint8Array => {
    // A plain record whose cells all count: its bytes from the first cell to the last (one copy).
    // Its cells follow from them; the other form starts with a cell's length, so the two never meet
    // by chance (and if a record took both forms, the keys would be parsed: never a wrong answer).
    if (allKeyCells(r)) {
      const out = Buffer.allocUnsafe(1 + r.ends[r.count - 1]! - r.starts[0]!);
      out[0] = 0xfe;
      r.buf.copy(out, 1, r.starts[0]!, r.ends[r.count - 1]!);
      return out;
    }
    let size = 0;
    for (let k = 0; k < r.count; k++) if (keyCell(k)) size += 5 + r.ends[k]! - r.starts[k]!;
    const out = Buffer.allocUnsafe(size);
    let w = 0;
    for (let k = 0; k < r.count; k++) {
      if (!keyCell(k)) continue;
      const len = r.ends[k]! - r.starts[k]!;
      out.writeUInt32LE(len, w);
      out[w + 4] = r.quoted[k]!;
      r.buf.copy(out, w + 5, r.starts[k]!, r.ends[k]!);
      w += 5 + len;
    }
    return out;
  };
  /** No cell quoted, and every cell one a key depends on (no row number). */
  const allKeyCells = (r: ScannedRecord): boolean => {
    for (let k = 0; k < r.count; k++) if (r.quoted[k] !== 0 || !keyCell(k)) return false;
    return r.count > 0;
  };
  /** The key of the record at `at` (not parsed again when its cells are the last record's). */
  const read = (reader: FieldReader, at: number): string => {
    const cells = reader.cells(at);
    const raw = rawOf(cells);
    if (last?.cells !== raw) last = { cells: raw, key: parse(cells, at) };
    return last.key;
  };
  const parse = (cells: string[], at: number): string => {
    let valid = plain && plainTrainingRow(cells, plain, ctx.order);
    if (!valid) {
      const parsed = ctx.schemas.training.safeParse(pick(sheet, cells, RECORD_FIELDS));
      // The record was accepted when first read: the same bytes read the same way cannot fail.
      if (!parsed.success) throw new Error(`${path}: the record at byte ${at} no longer reads as it did`);
      valid = parsed.data;
    }
    return sameTrainingKey(keyedRecord(valid, cells, sheet.mapping.headers));
  };
  const openFile = (window?: number) => {
    const fd = openSync(path, 'r');
    return { fd, reader: new FieldReader(fd, fstatSync(fd).size, delimiter, window) };
  };
  return {
    keyAt(at) {
      return read((open ??= openFile()).reader, at);
    },
    /** The keys of the records at `ats` (any order), read in the order of the offsets, in large reads. */
    keysAt(ats) {
      const reader = (many ??= openFile(KEYS_WINDOW)).reader;
      const order = ats.map((_, i) => i).sort((x, y) => ats[x]! - ats[y]!);
      const raws = new Array<Uint8Array>(ats.length);
      const names = new Array<string>(ats.length);
      for (const i of order) {
        const read = reader.record(ats[i]!, (r) => {
          names[i] = iName === undefined || iName >= r.count ? '' : cellText(fieldText(r, iName));
          return signature(r);
        });
        raws[i] = read ?? NO_RECORD;
        names[i] ??= '';
      }
      // Parsed only when asked for (the file stays open until `release`): a repeat with the same
      // cells as its first copy needs no key.
      return { raws, names, key: (i) => read(reader, ats[i]!) };
    },
    release() {
      if (open) closeSync(open.fd);
      if (many) closeSync(many.fd);
      open = undefined;
      many = undefined;
    },
  };
}

/** The signature of an offset where no record starts (never equal to a record's). */
const NO_RECORD = new Uint8Array([0xff]);

/** Bytes read at a time when many keys are read in the order of their offsets (`keysAt`). */
const KEYS_WINDOW = 1 << 20;

/** Accounting and findings for a classified record, as every reader does them. */
export function classifyRecord(outcome: RecordOutcome, nip: string, training: () => string, sheet: Sheet, row: number, acc: InputAccount, ctx: Pick<TrainingContext, 'findings' | 'files'>): void {
  switch (outcome.kind) {
    case 'counted':
      acc.counted++;
      return;
    case 'outside-period':
      acc.outsidePeriod++;
      return;
    case 'unknown-nip':
      acc.unknownNip++;
      ctx.findings.add('unknown-nip', at(sheet, row, 'nip', nip), outcome.rejectedAt ? { nip, rejectedRow: outcome.rejectedAt.row } : { nip });
      return;
    case 'duplicate': {
      acc.duplicates++;
      const name = training();
      ctx.findings.add('duplicate-record', at(sheet, row, 'training', name || undefined), {
        firstFile: ctx.files[outcome.first.file] ?? sheet.info.file,
        firstRow: outcome.first.row,
      });
    }
  }
}
