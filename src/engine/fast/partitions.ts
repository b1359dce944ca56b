import { RepeatLookup, Repeats, type RepeatsData } from './repeats.js';
import { trace } from '../../trace.js';
import type { BlockStore } from '../../io/tempfile.js';
import type { CivilDate } from '../../normalize/dates.js';
import { inPeriod } from '../../rules/record-period.js';
import { grown, type RowRef, type TrainingRecord } from '../../audit/types.js';
import { ExactMatches, hashRecord, KeyHasher, KeySet, NipTable } from './dedup.js';
import { groupRoster, kernelEnabled, SettleKernel } from './kernel.js';

/** Partitions of the deferred records (by NIP): each one's tables stay small enough for the cache. */
export const PARTS = 256;
/** A deferred record: NIP halves, key halves, file, row (six 32-bit words), then JP and its byte offset (two doubles). */
const WORDS = 10;
export const RECORD_BYTES = WORDS * 4;
/** Records of a partition's first block (see `Partitions.limit`). */
const FIRST_BLOCK = 4;

/** The partition of a NIP: a mix of both halves unlike `NipTable`'s, so that a partition's table fills evenly too. */
export function partOf(hi: number, lo: number): number {
  let h = hi ^ Math.imul(lo, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h >>> 24) & (PARTS - 1);
}

/** Where a thread's blocks are, in the order written: each block's partition, place, records and file. */
export interface BlockIndex {
  part: Uint16Array;
  at: Float64Array;
  n: Uint32Array;
  file: Uint32Array;
  /** The records found repeating the record before them, as they were read (see `Repeats`). */
  repeats?: RepeatsData;
}

/** A thread's blocks, to be counted by any thread (the store is a file all threads can read). */
export interface SpillSource {
  store: BlockStore;
  index: BlockIndex;
}

/**
 * Training records kept for later, in partitions by NIP: each partition fills a block in memory,
 * and a full block is written to a `BlockStore` (a temporary file), as is every partial block when
 * a file ends (`endFile`), so that a block holds the records of one file. Memory stays at the
 * blocks' (10 MB) however many records come; the records of a partition come back in the order
 * they were added. Adding and later counting a record this way costs less than looking it up in
 * tables sized for all records, whose every look-up misses the cache (the comparison:
 * scripts/experiments/partitioned-count.mjs).
 */
export class Partitions {
  private readonly u32: Uint32Array[];
  private readonly f64: Float64Array[];
  private readonly fill = new Int32Array(PARTS);
  /**
   * Records a partition's block holds before it is written: a few for its first block, then
   * `blockRecords`. So the write in `add` runs within the first thousands of records: compiled
   * without ever having run, it was a deoptimisation of the reader's hot loop when the first
   * block filled (about 260,000 records in), and a second compile of it, in every thread.
   */
  private readonly limit: Int32Array;
  private spilled = 0;
  private added = 0;
  /** Records found repeating the record just before them (by the reader that adds them). */
  readonly repeats = new Repeats();
  /** The file of the records in the blocks being filled. */
  private file = -1;
  private blocks = 0;
  /** The blocks written so far: `blocks` of the index's entries (its columns grow by doubling). */
  private index: BlockIndex = { part: new Uint16Array(1024), at: new Float64Array(1024), n: new Uint32Array(1024), file: new Uint32Array(1024) };

  constructor(
    private readonly store: BlockStore,
    readonly blockRecords = 1024,
  ) {
    this.limit = new Int32Array(PARTS).fill(Math.min(FIRST_BLOCK, blockRecords));
    const buffers = Array.from({ length: PARTS }, () => new ArrayBuffer(blockRecords * RECORD_BYTES));
    this.u32 = buffers.map((b) => new Uint32Array(b));
    this.f64 = buffers.map((b) => new Float64Array(b));
  }

  /** Records added in all. */
  get size(): number {
    return this.added;
  }

  /** Bytes written to the store. */
  get bytesSpilled(): number {
    return this.spilled;
  }

  add(nipHi: number, nipLo: number, keyHi: number, keyLo: number, jp: number, file: number, row: number, at: number): void {
    if (file !== this.file) {
      this.endFile();
      this.file = file;
    }
    const p = partOf(nipHi, nipLo);
    let n = this.fill[p]!;
    if (n === this.limit[p]) {
      this.write(p);
      n = 0;
    }
    const u = this.u32[p]!;
    const w = n * WORDS;
    u[w] = nipHi;
    u[w + 1] = nipLo;
    u[w + 2] = keyHi;
    u[w + 3] = keyLo;
    u[w + 4] = file;
    u[w + 5] = row;
    const f = this.f64[p]!;
    f[(w >> 1) + 3] = jp;
    f[(w >> 1) + 4] = at;
    this.fill[p] = n + 1;
    this.added++;
  }

  /**
   * Adds records already in this layout (ten words each) and sorted by partition, all of file
   * `file` (the training kernel's, see `TrainingKernel.partition`): partition p's are records
   * `starts[p]` to `starts[p + 1]` of `src`. The same as `add` of each in turn: a partition's
   * records in the same order, its blocks written at the same records (the blocks of different
   * partitions may be written in another order, which no one reads by).
   */
  addSorted(src: Uint32Array, starts: Uint32Array, file: number): void {
    if (file !== this.file) {
      this.endFile();
      this.file = file;
    }
    for (let p = 0; p < PARTS; p++) {
      let from = starts[p]!;
      const to = starts[p + 1]!;
      while (from < to) {
        let n = this.fill[p]!;
        if (n === this.limit[p]) {
          this.write(p);
          n = 0;
        }
        const m = Math.min(this.limit[p]! - n, to - from);
        this.u32[p]!.set(src.subarray(from * WORDS, (from + m) * WORDS), n * WORDS);
        this.fill[p] = n + m;
        from += m;
      }
    }
    this.added += starts[PARTS]!;
  }

  /** Writes partition `p`'s block (as full as it is) to the store. */
  private write(p: number): void {
    const n = this.fill[p]!;
    this.store.write(new Uint8Array(this.u32[p]!.buffer, 0, n * RECORD_BYTES), this.spilled);
    const k = this.blocks++;
    const x = this.index;
    if (k === x.part.length) this.index = { part: grown(x.part, k + 1), at: grown(x.at, k + 1), n: grown(x.n, k + 1), file: grown(x.file, k + 1) };
    this.index.part[k] = p;
    this.index.at[k] = this.spilled;
    this.index.n[k] = n;
    this.index.file[k] = this.file;
    this.spilled += n * RECORD_BYTES;
    this.fill[p] = 0;
    this.limit[p] = this.blockRecords;
  }

  /** The file's records are all added: every partial block is written, so blocks hold one file each. */
  endFile(): void {
    for (let p = 0; p < PARTS; p++) if (this.fill[p]! > 0) this.write(p);
  }

  /**
   * Forgets the records of `file`, the last file added (after its `endFile`): a file read again
   * (see `speculativeParts`) must not count twice. Its bytes stay in the store, unused.
   */
  dropFile(file: number): void {
    while (this.blocks > 0 && this.index.file[this.blocks - 1] === file) this.blocks--;
    this.repeats.dropFile(file);
    this.file = -1;
  }

  /** Where the blocks are (after `endFile`), and the repeats found, as plain data for another thread. */
  blockIndex(): BlockIndex {
    const { part, at, n, file } = this.index;
    const k = this.blocks;
    const index: BlockIndex = { part: part.slice(0, k), at: at.slice(0, k), n: n.slice(0, k), file: file.slice(0, k) };
    if (this.repeats.size > 0) index.repeats = this.repeats.data();
    return index;
  }
}

/**
 * Every partition's blocks over all sources, in the order their records were read: by file, then
 * by source (the threads read a file's parts in order), then as written.
 */
function blocksByPart(sources: readonly SpillSource[]): Array<Array<{ source: number; block: number; file: number }>> {
  const byPart = Array.from({ length: PARTS }, () => [] as Array<{ source: number; block: number; file: number }>);
  sources.forEach(({ index }, source) => {
    for (let block = 0; block < index.part.length; block++) byPart[index.part[block]!]!.push({ source, block, file: index.file[block]! });
  });
  // Stable: a source's blocks of one file stay in the order written.
  for (const list of byPart) list.sort((a, b) => a.file - b.file || a.source - b.source);
  return byPart;
}

/** Outcomes of `settle` other than counted, in partition order (`ordered` sorts them by file and row). */
export class Deferred {
  static readonly UNKNOWN = 0;
  static readonly DUPLICATE = 1;
  n = 0;
  kind = new Uint8Array(256);
  file = new Uint32Array(256);
  row = new Uint32Array(256);
  /** NIP halves of an unknown NIP; file and row of a duplicate's first copy. */
  a = new Uint32Array(256);
  b = new Uint32Array(256);
  /** Byte offset of the record in its file. */
  at = new Float64Array(256);
  /** Byte offset of a duplicate's first copy in its file (to read its key again). */
  firstAt = new Float64Array(256);
  /** A duplicate's training name, when its key was read (see `confirmDuplicates`). */
  name: Array<string | undefined> = [];
  /** Records counted, by file index. */
  readonly counted = new Map<number, number>();

  push(kind: number, file: number, row: number, a: number, b: number, at: number, firstAt = 0): void {
    if (this.n === this.kind.length) this.grow();
    const k = this.n++;
    this.kind[k] = kind;
    this.file[k] = file;
    this.row[k] = row;
    this.a[k] = a;
    this.b[k] = b;
    this.at[k] = at;
    this.firstAt[k] = firstAt;
    this.name[k] = undefined;
  }

  /** The columns doubled (`grown`, as the audit's own columns grow). */
  private grow(): void {
    const n = this.n + 1;
    this.kind = grown(this.kind, n);
    this.file = grown(this.file, n);
    this.row = grown(this.row, n);
    this.a = grown(this.a, n);
    this.b = grown(this.b, n);
    this.at = grown(this.at, n);
    this.firstAt = grown(this.firstAt, n);
  }

  /** Keeps only the outcomes `keep` accepts, in their order. */
  retain(keep: (k: number) => boolean): void {
    let m = 0;
    for (let k = 0; k < this.n; k++) {
      if (!keep(k)) continue;
      this.kind[m] = this.kind[k]!;
      this.file[m] = this.file[k]!;
      this.row[m] = this.row[k]!;
      this.a[m] = this.a[k]!;
      this.b[m] = this.b[k]!;
      this.at[m] = this.at[k]!;
      this.firstAt[m] = this.firstAt[k]!;
      this.name[m] = this.name[k];
      m++;
    }
    this.n = m;
    this.name.length = m;
  }

  /** Indexes of the outcomes by file, then row (one record a row, so no ties). */
  ordered(): Uint32Array {
    const order = new Uint32Array(this.n);
    for (let k = 0; k < this.n; k++) order[k] = k;
    const { file, row } = this;
    return order.sort((x, y) => file[x]! - file[y]! || row[x]! - row[y]!);
  }
}

/**
 * The training records of a worker thread kept for later (see `Partitions`), counted once every
 * file was read and the roster is known (`settle`, over every thread's blocks). What
 * `RecordCounter` decides for each record is decided in the same order with the same rules:
 * outside the period (at once, by its end date), NIP not on the roster, duplicate of an earlier
 * record (file and row order), counted.
 */
export class DeferredCounter {
  private readonly hasher = new KeyHasher();
  readonly parts: Partitions;

  constructor(
    readonly year: number,
    readonly asOf: CivilDate,
    store: BlockStore,
    blockRecords?: number,
  ) {
    this.parts = new Partitions(store, blockRecords);
  }

  inPeriod(end: CivilDate): boolean {
    return inPeriod(end, this.year, this.asOf);
  }

  /** A record of the general reader: outside the period, or kept for `settle`. */
  addRecord(r: TrainingRecord, ref: RowRef, at: number): 'outside-period' | 'deferred' {
    if (!this.inPeriod(r.end)) return 'outside-period';
    const [hi, lo] = NipTable.split(r.nip);
    const h = hashRecord(r, this.hasher);
    this.parts.add(hi, lo, h.hi, h.lo, r.jp, ref.file, ref.row, at);
    return 'deferred';
  }
}

/**
 * Counts the kept records of every source (every thread's blocks), partition by partition: the
 * partitions `mine` accepts, each with a NIP table of the roster's NIPs in it and a duplicate set
 * of its own. JP and records by roster index go into `jp` and `records`; the other outcomes, and
 * how many records of each file counted, into `out`. A partition's records come in the order they
 * were read, so the outcomes, first copies and sums are those of counting at once.
 *
 * The duplicate set matches hashes; `keysAt` (the exact keys of the records at byte offsets of a
 * file, read again) then confirms each match (`confirmDuplicates`). Without it, as in the tests
 * that hold the kernel to the script, equal hashes decide.
 */
export function settle(sources: readonly SpillSource[], mine: (part: number) => boolean, roster: RosterIndex, jp: Float64Array, records: Uint32Array, out: Deferred, keysAt?: KeysAt): void {
  const settled = settleByHash(sources, mine, roster, jp, records, out);
  if (keysAt) settled.confirm(keysAt);
}

/** `settle`'s counting by hash done: `confirm` then checks its matches by exact keys. */
export interface Settled {
  /**
   * Confirms every hash match by the records' keys (`confirmDuplicates`), correcting `jp`,
   * `records` and `out` where a match was not a duplicate after all: `changed` when anything did
   * (the counts sent before are then to be replaced), and how many duplicates were repeats of the
   * row before (confirmed without reading, see `Repeats`).
   */
  confirm(keysAt: KeysAt): { changed: boolean; repeats: number };
}

/** `settle` by hash only, as the first step; see `Settled`. */
export function settleByHash(sources: readonly SpillSource[], mine: (part: number) => boolean, roster: RosterIndex, jp: Float64Array, records: Uint32Array, out: Deferred): Settled {
  const byPart = roster.parts;
  const blocks = blocksByPart(sources);
  const { maxFile, maxBlock } = blockSizes(sources);
  // Where each partition's outcomes start in `out`, to confirm its duplicates after.
  const starts: Array<[part: number, from: number]> = [];
  const begin = (p: number) => starts.push([p, out.n]);
  const counted = kernelEnabled() ? settleByKernel(sources, mine, byPart, blocks, maxFile, maxBlock, jp, records, out, begin) : settleByScript(sources, mine, byPart, blocks, maxFile, maxBlock, jp, records, out, begin);
  const addCounted = (c: Float64Array) =>
    c.forEach((n, file) => {
      if (n > 0) out.counted.set(file, (out.counted.get(file) ?? 0) + n);
    });
  addCounted(counted);
  return {
    confirm(keysAt) {
      trace('confirming duplicates by their keys');
      const more = new Float64Array(counted.length);
      const confirmed = confirmDuplicates(sources, blocks, starts, out, keysAt, { table: NipTable.fromData(roster.table), jp, records, counted: more });
      if (confirmed.changed) out.retain((k) => out.kind[k] !== NOT_DUPLICATE);
      addCounted(more);
      trace(`duplicates confirmed${confirmed.changed ? ': some were not' : ''}`);
      return confirmed;
    },
  };
}

/**
 * What `keysAt` reads of each record: the cells its key depends on as bytes (`raws`: equal bytes
 * make equal keys), its training name as a finding shows it, and its key, parsed when asked for.
 */
export interface KeysRead {
  raws: Uint8Array[];
  names: string[];
  key(i: number): string;
}

/** The exact duplicate keys (`sameTrainingKey`) of the records at byte offsets `ats` of a file, read again. */
export type KeysAt = (file: number, ats: readonly number[]) => KeysRead;

/** An outcome found no duplicate by its exact key, counted instead: dropped from the outcomes. */
const NOT_DUPLICATE = 255;

/**
 * Confirms the duplicates `settle` found by hash (`parts`: each partition counted and where its
 * outcomes start in `out`) by exact keys: the keys of each match and of its first copy are read
 * from the files at their offsets, each file's in the order of the offsets (`keysAt`); then each
 * partition's matches are decided in the order read. A record whose key differs from its first
 * copy's is counted as `settle` counts (its outcome marked `NOT_DUPLICATE`; its NIP and JP found
 * again in the partition's blocks); one equal to such a record is its duplicate.
 */
function confirmDuplicates(sources: readonly SpillSource[], blocks: BlocksByPart, parts: ReadonlyArray<[part: number, from: number]>, out: Deferred, keysAt: KeysAt, sums: { table: NipTable; jp: Float64Array; records: Uint32Array; counted: Float64Array }): { changed: boolean; repeats: number } {
  // The records of the matches, by file then row (small integers: quick keys), as slots.
  const slotOf = new Map<number, Map<number, number>>();
  const file: number[] = [];
  const row: number[] = [];
  const at: number[] = [];
  const want = (f: number, r: number, offset: number): number => {
    let rows = slotOf.get(f);
    if (rows === undefined) slotOf.set(f, (rows = new Map()));
    let s = rows.get(r);
    if (s === undefined) {
      rows.set(r, (s = file.length));
      file.push(f);
      row.push(r);
      at.push(offset);
    }
    return s;
  };
  /** Per partition with matches: each duplicate outcome (index into `out`), its record's slot and its first copy's. */
  const matches: Array<{ part: number; pairs: Array<[k: number, record: number, first: number]> }> = [];
  // A record with the bytes of its first copy (a row repeated under it) is its duplicate, named
  // when it was read: neither is read again.
  const repeats = new RepeatLookup(sources.map((s) => s.index.repeats));
  let repeated = 0;
  parts.forEach(([p, from], j) => {
    const to = parts[j + 1]?.[1] ?? out.n;
    const pairs: Array<[number, number, number]> = [];
    for (let k = from; k < to; k++) {
      if (out.kind[k] !== Deferred.DUPLICATE) continue;
      const name = repeats.empty ? undefined : repeats.sameAs(out.file[k]!, out.at[k]!, out.a[k]!, out.firstAt[k]!);
      if (name !== undefined) {
        out.name[k] = name;
        repeated++;
      } else pairs.push([k, want(out.file[k]!, out.row[k]!, out.at[k]!), want(out.a[k]!, out.b[k]!, out.firstAt[k]!)]);
    }
    if (pairs.length > 0) matches.push({ part: p, pairs });
  });
  trace(`duplicates: ${repeated} repeats of the row before, ${matches.reduce((n, m) => n + m.pairs.length, 0)} to read again`);
  if (matches.length === 0) return { changed: false, repeats: repeated };
  // Each file's records at once, read in the order of their offsets: the cells their keys depend
  // on, their names, and their keys when the cells alone cannot tell.
  const raw: Uint8Array[] = new Array<Uint8Array>(file.length);
  const name: string[] = new Array<string>(file.length);
  const parsed: Array<() => string> = new Array<() => string>(file.length);
  for (const [fileIndex, rows] of slotOf) {
    const slots = [...rows.values()];
    const read = keysAt(fileIndex, slots.map((s) => at[s]!));
    slots.forEach((s, i) => {
      raw[s] = read.raws[i]!;
      name[s] = read.names[i]!;
      parsed[s] = () => read.key(i);
    });
  }
  const keys = new Map<number, string>();
  const key = (s: number): string => {
    let k = keys.get(s);
    if (k === undefined) keys.set(s, (k = parsed[s]!()));
    return k;
  };
  const exact = new ExactMatches();
  let changed = false;
  const counting: Array<{ part: number; k: number; record: number }> = [];
  for (const { part, pairs } of matches) {
    for (const [k, record, first] of pairs) {
      // The same cells make the same key (a row repeated as it was): no key to parse.
      const same = Buffer.compare(raw[record]!, raw[first]!) === 0 ? first : exact.resolve(first, () => key(first), key(record), record);
      // Read with its key: the duplicate's finding needs its name, not read again.
      out.name[k] = name[record]!;
      if (same === first) continue;
      changed = true;
      if (same >= 0) {
        out.a[k] = file[same]!;
        out.b[k] = row[same]!;
      } else counting.push({ part, k, record });
    }
  }
  if (counting.length > 0) countAfterAll(sources, blocks, counting, out, (s) => [file[s]!, row[s]!], sums);
  return { changed, repeats: repeated };
}

/**
 * Counts the records `confirmDuplicates` found no duplicates after all, as `settle` counts: their
 * NIP and JP read again from their partitions' blocks. Only records whose hash matched another's
 * by chance come here.
 */
function countAfterAll(sources: readonly SpillSource[], blocks: BlocksByPart, counting: ReadonlyArray<{ part: number; k: number; record: number }>, out: Deferred, place: (slot: number) => [file: number, row: number], sums: { table: NipTable; jp: Float64Array; records: Uint32Array; counted: Float64Array }): void {
  const byPart = new Map<number, Map<string, number>>();
  for (const { part, k, record } of counting) {
    const [f, r] = place(record);
    let m = byPart.get(part);
    if (m === undefined) byPart.set(part, (m = new Map()));
    m.set(`${f}:${r}`, k);
  }
  for (const [part, wanted] of byPart) {
    let maxBlock = 1;
    for (const b of blocks[part]!) maxBlock = Math.max(maxBlock, sources[b.source]!.index.n[b.block]!);
    const buffer = new ArrayBuffer(maxBlock * RECORD_BYTES);
    const u = new Uint32Array(buffer);
    const f = new Float64Array(buffer);
    for (const b of blocks[part]!) {
      const { store, index } = sources[b.source]!;
      const m = index.n[b.block]!;
      store.read(new Uint8Array(buffer, 0, m * RECORD_BYTES), index.at[b.block]!);
      for (let r = 0, w = 0; r < m; r++, w += WORDS) {
        const k = wanted.get(`${u[w + 4]!}:${u[w + 5]!}`);
        if (k === undefined) continue;
        const i = sums.table.get(u[w]!, u[w + 1]!);
        sums.jp[i]! += f[(w >> 1) + 3]!;
        sums.records[i]!++;
        sums.counted[u[w + 4]!]!++;
        out.kind[k] = NOT_DUPLICATE;
        wanted.delete(`${u[w + 4]!}:${u[w + 5]!}`);
      }
    }
    if (wanted.size > 0) throw new Error(`settle: ${wanted.size} records of partition ${part} not found again`);
  }
}

/** The largest file index and block (in records) of the sources' blocks. */
function blockSizes(sources: readonly SpillSource[]): { maxFile: number; maxBlock: number } {
  let maxFile = 0;
  let maxBlock = 1;
  for (const { index } of sources) {
    for (let k = 0; k < index.n.length; k++) {
      maxFile = Math.max(maxFile, index.file[k]!);
      maxBlock = Math.max(maxBlock, index.n[k]!);
    }
  }
  return { maxFile, maxBlock };
}

type BlocksByPart = ReturnType<typeof blocksByPart>;

/** `settle`'s counting in JavaScript (the settle kernel's oracle); returns the records counted by file. */
function settleByScript(sources: readonly SpillSource[], mine: (part: number) => boolean, byPart: RosterParts, blocks: BlocksByPart, maxFile: number, maxBlock: number, jp: Float64Array, records: Uint32Array, out: Deferred, begin: (part: number) => void): Float64Array {
  const buffer = new ArrayBuffer(maxBlock * RECORD_BYTES);
  const bytes = new Uint8Array(buffer);
  const u = new Uint32Array(buffer);
  const f = new Float64Array(buffer);
  const counted = new Float64Array(maxFile + 1);
  let seen = new KeySet(0);
  // The partition's records in the duplicate set by their place in it (one "file", a row each),
  // with their file, row and offset here: a duplicate's first copy is found with its offset.
  let fileOf = new Uint32Array(0);
  let rowOf = new Uint32Array(0);
  let atOf = new Float64Array(0);
  for (let p = 0; p < PARTS; p++) {
    if (!mine(p) || blocks[p]!.length === 0) continue;
    let n = 0;
    for (const b of blocks[p]!) n += sources[b.source]!.index.n[b.block]!;
    fileOf = grown(fileOf, n);
    rowOf = grown(rowOf, n);
    atOf = grown(atOf, n);
    let places = 0;
    const from = byPart.start[p]!;
    const to = byPart.start[p + 1]!;
    let capacity = 16;
    while (capacity < (to - from) * 2) capacity *= 2;
    const nips = new NipTable(new Uint32Array(capacity * 3));
    for (let k = 3 * from; k < 3 * to; k += 3) nips.getOrSet(byPart.triples[k]!, byPart.triples[k + 1]!, byPart.triples[k + 2]!);
    seen = seen.slotCount >= KeySet.capacityFor(n) ? seen.clear() : new KeySet(n);
    begin(p);
    for (const b of blocks[p]!) {
      const { store, index } = sources[b.source]!;
      const m = index.n[b.block]!;
      store.read(bytes.subarray(0, m * RECORD_BYTES), index.at[b.block]!);
      for (let r = 0; r < m; r++) {
        const w = r * WORDS;
        const hi = u[w]!;
        const lo = u[w + 1]!;
        const file = u[w + 4]!;
        const row = u[w + 5]!;
        const i = nips.get(hi, lo);
        if (i < 0) {
          out.push(Deferred.UNKNOWN, file, row, hi, lo, f[(w >> 1) + 4]!);
          continue;
        }
        const o = seen.insert(u[w + 2]!, u[w + 3]!, 0, places);
        if (o >= 0) {
          out.push(Deferred.DUPLICATE, file, row, fileOf[o]!, rowOf[o]!, f[(w >> 1) + 4]!, atOf[o]!);
          continue;
        }
        fileOf[places] = file;
        rowOf[places] = row;
        atOf[places++] = f[(w >> 1) + 4]!;
        jp[i]! += f[(w >> 1) + 3]!;
        records[i]!++;
        counted[file]!++;
      }
    }
  }
  return counted;
}

/**
 * `settle` by the settle kernel (assembly/settle.ts): the same outcomes in the same order, and
 * the same sums (the same additions in the same order), without JavaScript's per-record cost.
 */
function settleByKernel(sources: readonly SpillSource[], mine: (part: number) => boolean, byPart: RosterParts, blocks: BlocksByPart, maxFile: number, maxBlock: number, jp: Float64Array, records: Uint32Array, out: Deferred, begin: (part: number) => void): Float64Array {
  const partRecords = (p: number) => blocks[p]!.reduce((n, b) => n + sources[b.source]!.index.n[b.block]!, 0);
  let maxRecords = 1;
  let maxRoster = 1;
  for (let p = 0; p < PARTS; p++) {
    if (!mine(p)) continue;
    maxRecords = Math.max(maxRecords, partRecords(p));
    maxRoster = Math.max(maxRoster, byPart.start[p + 1]! - byPart.start[p]!);
  }
  const k = new SettleKernel({ employees: jp.length, files: maxFile + 1, roster: maxRoster, records: maxRecords, block: maxBlock });
  // Added to what the arrays hold, as `settle` does (a thread's halves go into the same arrays).
  k.jp.set(jp);
  k.records.set(records);
  const push = out.push.bind(out);
  for (let p = 0; p < PARTS; p++) {
    if (!mine(p) || blocks[p]!.length === 0) continue;
    const from = byPart.start[p]!;
    const to = byPart.start[p + 1]!;
    k.roster.set(byPart.triples.subarray(3 * from, 3 * to));
    k.beginPart(to - from, partRecords(p));
    begin(p);
    for (const b of blocks[p]!) {
      const { store, index } = sources[b.source]!;
      const m = index.n[b.block]!;
      store.read(k.block(m), index.at[b.block]!);
      k.countBlock(m, push);
    }
  }
  jp.set(k.jp);
  records.set(k.records);
  return k.counted;
}

/**
 * The roster's NIPs grouped by partition: partition p's (hi, lo, roster index) triples are
 * `triples[3 * start[p]]` to `triples[3 * start[p + 1]]`, in roster order.
 */
export interface RosterParts {
  start: Uint32Array;
  triples: Uint32Array;
}

/**
 * The roster of `n` employees (NIP halves by roster index) grouped by partition, once, in shared
 * memory: every thread that counts reads the one copy. By the settle kernel unless
 * JP_AUDIT_KERNEL=js (this loop is its oracle).
 */
export function rosterParts(hi: Uint32Array, lo: Uint32Array, n: number): RosterParts {
  const start = new Uint32Array(new SharedArrayBuffer((PARTS + 1) * 4));
  const triples = new Uint32Array(new SharedArrayBuffer(n * 12));
  if (kernelEnabled()) {
    groupRoster(hi, lo, n, start, triples);
    return { start, triples };
  }
  const part = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = partOf(hi[i]!, lo[i]!);
    part[i] = p;
    start[p + 1]!++;
  }
  for (let p = 0; p < PARTS; p++) start[p + 1]! += start[p]!;
  const next = start.slice(0, PARTS);
  for (let i = 0; i < n; i++) {
    const k = next[part[i]!]!++;
    triples[3 * k] = hi[i]!;
    triples[3 * k + 1] = lo[i]!;
    triples[3 * k + 2] = i;
  }
  return { start, triples };
}

/**
 * The roster as threads that count records see it: NIP halves to roster index (a table, and the
 * same NIPs grouped by partition), and the rejected rows.
 */
export interface RosterIndex {
  table: { slots: Uint32Array; count: number };
  /** The NIPs grouped by partition, for the threads that count the kept records (`settle`). */
  parts: RosterParts;
  employees: number;
  rejected: Array<[string, RowRef]>;
}

