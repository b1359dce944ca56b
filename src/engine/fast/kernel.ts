import { readFileSync } from 'node:fs';
import { KEY_MASK } from './dedup.js';
import { built } from '../../workers.js';
import type { CivilDate, DateOrder } from '../../normalize/dates.js';

/**
 * The WebAssembly kernels (assembly/*.ts, built to dist/*.wasm by `npm run build`) and what each
 * needs of JavaScript: memory laid out, inputs copied in, outputs read back.
 *
 * The training kernel: the byte scanner's common case. `run` takes the plainly valid ASCII records
 * of a chunk, from an offset, until the chunk's complete records end, its output is full, or a
 * record needs the general reader; the caller then reads that one record in JavaScript and runs
 * the kernel on. A record costs the kernel a fraction of what it costs the JavaScript reader, which
 * stays as the kernel's oracle and for `JP_AUDIT_KERNEL=js`.
 */

/** What the chunk kernels (training and roster) have in common. */
interface ChunkExports {
  memory: WebAssembly.Memory;
  stopped: WebAssembly.Global;
  written: WebAssembly.Global;
  row: WebAssembly.Global;
  heapBase(): number;
  headerAt(): number;
  setRow(row: number): void;
  run(buf: number, from: number, n: number, out: number, cap: number): number;
}

interface Exports extends ChunkExports {
  taken: WebAssembly.Global;
  outside: WebAssembly.Global;
  repeated: WebAssembly.Global;
  forget(): void;
  partition(out: number, n: number, file: number, base: number, sorted: number, starts: number, next: number): void;
  configure(delimiter: number, nip: number, jp: number, start: number, end: number, training: number, need: number, dayFirst: number, year: number, asOf: number, headerLen: number, later0: number, later1: number, yearField: number): void;
  setKeyMask(hi: number, lo: number): void;
}

interface RosterExports extends ChunkExports {
  configure(delimiter: number, nip: number, type: number, opd: number, name: number, need: number, headerLen: number): void;
}

/**
 * Why `run` stopped: every complete record was taken (the rest of the chunk is an incomplete
 * record); the output is full (take the records and run again from the offset returned); the
 * record at the offset returned is for the general reader.
 */
export const STOP = { done: 0, full: 1, other: 2 } as const;
export type Stop = (typeof STOP)[keyof typeof STOP];

export interface KernelConfig {
  delimiter: number;
  /** Field indexes; -1 when the file has no such column (nip and jp always have one). */
  nip: number;
  jp: number;
  start: number;
  end: number;
  training: number;
  /**
   * The amount columns after JP (`AMOUNT_FIELDS`: minutes, hours), at most two: a record with one
   * of them neither empty nor an amount goes to the general reader (`rowAmount` warns of it).
   */
  later?: readonly number[];
  /** The year column (-1 or absent: none): a record with a year cell neither empty nor a plain year goes to the general reader. */
  yearField?: number;
  /** Records with this many fields or fewer go to the general reader (more than every column above). */
  need: number;
  order: DateOrder;
  year: number;
  asOf: CivilDate;
  /** The header's first cell, folded to ASCII lower-case letters and digits. */
  headerFirst: string;
}

const modules = new Map<string, WebAssembly.Module>();

/** A new instance (its own memory) of a built kernel, the module compiled once per thread. */
function instantiate<T>(file: 'training.wasm' | 'roster.wasm' | 'settle.wasm' | 'report.wasm'): T {
  let m = modules.get(file);
  if (m === undefined) modules.set(file, (m = new WebAssembly.Module(readFileSync(built(file)))));
  return new WebAssembly.Instance(m, {}).exports as unknown as T;
}

/** Whether the kernel may be used: not when `JP_AUDIT_KERNEL=js` (tests and comparisons use it). */
export function kernelEnabled(): boolean {
  return process.env.JP_AUDIT_KERNEL !== 'js';
}

/** Output records (see `run` in assembly/training.ts): 40 bytes each. */
const OUT_BYTES = 40;
const OUT_CAP = 4096;
/** The training kernel's room for its records sorted by partition, their starts and scratch. */
const PARTITION_BYTES = OUT_CAP * 40 + 257 * 4 + 256 * 4;
const PAGE = 65536;

/**
 * One instance (its own memory) of a kernel that takes the records of a chunk of a CSV: the chunk
 * copied in (`load`), then `run` from an offset, the records it took written out, 40 bytes each.
 */
export abstract class ChunkKernel<X extends ChunkExports = ChunkExports> {
  protected readonly out: number;
  /** Where the `extra` bytes a kernel asked for start (between its output and its input). */
  protected readonly extraAt: number;
  private readonly in: number;
  private inCap = 0;
  /** Views of the output, made anew when the memory grows. */
  u32!: Uint32Array;
  f64!: Float64Array;
  /** After `run`: records written, the last row number, why it stopped. */
  written = 0;
  row = 0;
  stopped: Stop = STOP.done;

  constructor(
    protected readonly x: X,
    headerFirst: string,
    extra = 0,
  ) {
    if (headerFirst.length > 64) throw new Error('kernel: header cell too long');
    new Uint8Array(this.x.memory.buffer).set(Buffer.from(headerFirst, 'latin1'), this.x.headerAt());
    this.out = (this.x.heapBase() + 15) & ~15;
    this.extraAt = this.out + OUT_CAP * OUT_BYTES;
    this.in = this.extraAt + ((extra + 15) & ~15);
    this.reserve(4 * 1024 * 1024 + 64 * 1024);
  }

  /** Views of the memory made anew when it grows (a subclass's own too). */
  protected views(buffer: ArrayBuffer): void {
    this.u32 = new Uint32Array(buffer, this.out, OUT_CAP * (OUT_BYTES / 4));
    this.f64 = new Float64Array(buffer, this.out, OUT_CAP * (OUT_BYTES / 8));
  }

  private reserve(bytes: number): void {
    // The kernel reads up to 15 bytes past the chunk's end (sixteen at a time).
    const needed = this.in + bytes + 16;
    const have = this.x.memory.buffer.byteLength;
    if (needed > have) this.x.memory.grow(Math.ceil((needed - have) / PAGE));
    this.inCap = bytes;
    this.views(this.x.memory.buffer);
  }

  /** Copies a chunk into the kernel's memory (each `run` reads from it until the next `load`). */
  load(chunk: Uint8Array): void {
    if (chunk.length > this.inCap) this.reserve(chunk.length);
    new Uint8Array(this.x.memory.buffer, this.in, chunk.length).set(chunk);
  }

  /** Takes records from offset `from` of the chunk loaded (`n` bytes), the first numbered `row + 1`; returns the offset it stopped at. */
  run(from: number, n: number, row: number): number {
    const x = this.x;
    x.setRow(row);
    const at = x.run(this.in, from, n, this.out, OUT_CAP);
    this.written = x.written.value as number;
    this.row = x.row.value as number;
    this.stopped = x.stopped.value as Stop;
    return at;
  }
}

/**
 * The training kernel, one instance for one reader. Record k of the output: `u32[k*10 ..]` NIP
 * halves, key halves, row, offset of the record (its top bit: it repeats the record before, see
 * `repeated`), offsets of the name's start and end; `f64[k*5 + 4]` JP.
 */
export class TrainingKernel extends ChunkKernel<Exports> {
  /** After `run`: rows taken, of them outside the period. */
  taken = 0;
  outside = 0;
  /**
   * After `run`: the records written that repeat the record written before them (since the chunk
   * was loaded): their offset's top bit is set (see `Repeats`).
   */
  repeated = 0;
  /**
   * After `partition`: the records written, sorted by partition in the kept records' layout (ten
   * words each, see `Partitions.addSorted`); where each partition's start (257 entries). Set
   * by `views` (from the base constructor: `declare`, so no field initialiser resets them).
   */
  declare sorted: Uint32Array;
  declare starts: Uint32Array;

  constructor(c: KernelConfig) {
    super(instantiate<Exports>('training.wasm'), c.headerFirst, PARTITION_BYTES);
    const later = c.later ?? [];
    const yearField = c.yearField ?? -1;
    if (later.length > 2 || later.some((i) => i > c.need) || yearField > c.need) throw new Error('kernel: columns past the fields needed');
    this.x.configure(c.delimiter, c.nip, c.jp, c.start, c.end, c.training, c.need, c.order === 'dmy' ? 1 : 0, c.year, c.asOf, c.headerFirst.length, later[0] ?? -1, later[1] ?? -1, yearField);
    this.x.setKeyMask(KEY_MASK.hi, KEY_MASK.lo);
  }

  protected override views(buffer: ArrayBuffer): void {
    super.views(buffer);
    this.sorted = new Uint32Array(buffer, this.extraAt, OUT_CAP * 10);
    this.starts = new Uint32Array(buffer, this.extraAt + OUT_CAP * 40, 257);
  }

  /** Sorts the records the last `run` wrote by partition (into `sorted` and `starts`), as of file `file`, the chunk at byte `base` of it. */
  partition(file: number, base: number): void {
    this.x.partition(this.out, this.written, file, base, this.extraAt, this.extraAt + OUT_CAP * 40, this.extraAt + OUT_CAP * 40 + 257 * 4);
  }

  override load(chunk: Uint8Array): void {
    super.load(chunk);
    this.x.forget();
  }

  override run(from: number, n: number, row: number): number {
    const at = super.run(from, n, row);
    this.taken = this.x.taken.value as number;
    this.outside = this.x.outside.value as number;
    this.repeated = this.x.repeated.value as number;
    return at;
  }
}

/**
 * The roster kernel (assembly/roster.ts), one instance for one reader: a row taken is an employee
 * to add. Record k of the output, `u32[k*10 ..]`: NIP halves, row, type code (see `TYPE_CODES`),
 * the name's start and end, its flags (1 quoted, 2 its bytes are its text), the OPD's start and
 * end (its bytes are its text) and the OPD's FNV-1a hash (see `OpdBytes` in src/engine/fast/fastpath.ts).
 */
export class RosterKernel extends ChunkKernel<RosterExports> {
  constructor(c: { delimiter: number; nip: number; type: number; opd: number; name: number; need: number; headerFirst: string }) {
    super(instantiate<RosterExports>('roster.wasm'), c.headerFirst);
    this.x.configure(c.delimiter, c.nip, c.type, c.opd, c.name, c.need, c.headerFirst.length);
  }
}

interface SettleExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  layout(jp: number, records: number, counted: number, nips: number, keys: number, block: number, out: number): void;
  beginPart(roster: number, n: number, nipSlots: number, keySlots: number): void;
  countBlock(m: number): number;
  groupRoster(hi: number, lo: number, n: number, parts: number, start: number, next: number, out: number): void;
}

/**
 * Places in a kernel's memory past its static data, 16-byte aligned: `take` reserves bytes and
 * returns where they start; `grow` then makes the memory large enough for all of them.
 */
function layoutOf(x: { memory: WebAssembly.Memory; heapBase(): number }) {
  const align = (n: number) => (n + 15) & ~15;
  let at = align(x.heapBase());
  return {
    take(bytes: number): number {
      const here = at;
      at = align(at + bytes);
      return here;
    },
    grow(): void {
      const have = x.memory.buffer.byteLength;
      if (at > have) x.memory.grow(Math.ceil((at - have) / PAGE));
    },
  };
}

/** The least power of two of at least `n` (and 16). */
const pow2 = (n: number) => 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(1, n))));

/**
 * The settle kernel (assembly/settle.ts, built to dist/settle.wasm): counts a partition's kept
 * records a block at a time, as `settle` in src/engine/fast/partitions.ts does in JavaScript. Its memory
 * holds the totals by roster index and by file, the partition's roster table and duplicate set,
 * one block and its outcomes; every size is fixed when it is made.
 */
export class SettleKernel {
  private readonly x: SettleExports;
  readonly jp: Float64Array;
  readonly records: Uint32Array;
  readonly counted: Float64Array;
  /** The partition's roster, as (hi, lo, index) triples, for `beginPart`. */
  readonly roster: Uint32Array;
  private readonly blockAt: number;
  private readonly outU32: Uint32Array;
  private readonly outF64: Float64Array;

  constructor(size: { employees: number; files: number; roster: number; records: number; block: number }) {
    this.x = instantiate<SettleExports>('settle.wasm');
    const place = layoutOf(this.x);
    const take = place.take;
    const jp = take(size.employees * 8);
    const records = take(size.employees * 4);
    const counted = take(size.files * 8);
    const roster = take(size.roster * 12);
    const nips = take(pow2(size.roster * 2) * 12);
    const keys = take(pow2(Math.ceil((size.records * 4) / 3)) * 24);
    this.blockAt = take(size.block * 40);
    const out = take(size.block * 40);
    place.grow();
    this.x.layout(jp, records, counted, nips, keys, this.blockAt, out);
    const buf = this.x.memory.buffer;
    this.jp = new Float64Array(buf, jp, size.employees);
    this.records = new Uint32Array(buf, records, size.employees);
    this.counted = new Float64Array(buf, counted, size.files);
    this.roster = new Uint32Array(buf, roster, size.roster * 3);
    this.outU32 = new Uint32Array(buf, out, size.block * 10);
    this.outF64 = new Float64Array(buf, out, size.block * 5);
    this.rosterAt = roster;
  }

  private readonly rosterAt: number;

  /** Starts a partition of `rosterCount` roster NIPs (in `roster`) and `records` records. */
  beginPart(rosterCount: number, records: number): void {
    this.x.beginPart(this.rosterAt, rosterCount, pow2(rosterCount * 2), pow2(Math.ceil((records * 4) / 3)));
  }

  /** Where the next block's `m` records go (read them there, then `countBlock`). */
  block(m: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, this.blockAt, m * 40);
  }

  /**
   * Counts the block's `m` records; calls `outcome` for each not counted, in order: kind (0
   * unknown NIP, 1 duplicate), file, row, a and b (NIP halves, or the first copy's file and row),
   * the record's byte offset, and the first copy's (0 for an unknown NIP).
   */
  countBlock(m: number, outcome: (kind: number, file: number, row: number, a: number, b: number, at: number, firstAt: number) => void): void {
    const n = this.x.countBlock(m);
    const u = this.outU32;
    const f = this.outF64;
    for (let k = 0; k < n; k++) outcome(u[k * 10]!, u[k * 10 + 1]!, u[k * 10 + 2]!, u[k * 10 + 3]!, u[k * 10 + 4]!, f[k * 5 + 3]!, f[k * 5 + 4]!);
  }
}

/**
 * The roster grouped by partition by the settle kernel (see `rosterParts` in
 * src/engine/fast/partitions.ts, which it replaces unless JP_AUDIT_KERNEL=js): the `n` NIPs of `hi` and
 * `lo` as (hi, lo, index) triples into `triples`, where each partition's start into `start`: a
 * pass that runs once, so JavaScript would run it cold, before it is compiled.
 */
export function groupRoster(hi: Uint32Array, lo: Uint32Array, n: number, start: Uint32Array, triples: Uint32Array): void {
  const x = instantiate<SettleExports>('settle.wasm');
  const place = layoutOf(x);
  const at = { hi: place.take(n * 4), lo: place.take(n * 4), parts: place.take(n), start: place.take(257 * 4), next: place.take(256 * 4), out: place.take(n * 12) };
  place.grow();
  const buf = x.memory.buffer;
  new Uint32Array(buf, at.hi, n).set(hi.subarray(0, n));
  new Uint32Array(buf, at.lo, n).set(lo.subarray(0, n));
  x.groupRoster(at.hi, at.lo, n, at.parts, at.start, at.next, at.out);
  start.set(new Uint32Array(buf, at.start, 257));
  triples.set(new Uint32Array(buf, at.out, n * 3));
}

interface ReportExports {
  memory: WebAssembly.Memory;
  written: WebAssembly.Global;
  stoppedAt: WebAssembly.Global;
  heapBase(): number;
  layout(slots: number, aid: number, milli: number, frag: number, fragEnds: number): void;
  write(base: number, from: number, to: number, first: number, out: number, cap: number, opds: number): void;
}

/** The columns the report kernel reads: ASCII names as bytes. */
export interface ReportColumns {
  order: Uint32Array;
  nipHi: Uint32Array;
  nipLo: Uint32Array;
  types: Uint8Array;
  opdOf: Uint32Array;
  records: Uint32Array;
  names: { bytes: Uint8Array; ends: Uint32Array } | AsciiNames;
}

/** Names as strings, each known to be ASCII (see `asciiNames`). */
export interface AsciiNames {
  strings: readonly string[];
}

/** Names joined and checked this many at a time: a small string each time, soon collected. */
const NAMES_AT_ONCE = 4096;

/**
 * The first `n` names as `AsciiNames`, or undefined when any is not ASCII. Checked by UTF-8 length
 * (one byte a character only for ASCII): Latin-1 bytes cannot tell, since they keep only a
 * character's low byte ('Ł', U+0141, would pass as 'A'; '’', U+2019, as a control character).
 */
export function asciiNames(strings: readonly string[], n: number): AsciiNames | undefined {
  for (let k = 0; k < n; k += NAMES_AT_ONCE) {
    const s = strings.slice(k, Math.min(n, k + NAMES_AT_ONCE)).join('');
    if (Buffer.byteLength(s, 'utf8') !== s.length) return undefined;
  }
  return { strings };
}

/** Numbers a slot of the report kernel holds (see `SLOT` in assembly/report.ts). */
const SLOT = 7;

/** Judgements the report kernel keeps fragments of; an employee with another is written by JavaScript. */
const JUDGEMENTS = 16_384;
/** A judgement id that says: this employee is written by JavaScript. */
export const REPORT_OTHER = 0xffffffff;
const FRAGMENT_BYTES = 4 * 1024 * 1024;
const REPORT_OUT = 1024 * 1024;

/** Bytes for a range's names to start with (a range of `piece` names of 64 characters); more when needed. */
const NAME_ROOM = 64;

/**
 * The report kernel (assembly/report.ts, built to dist/report.wasm): the JSON report's employee
 * items as UTF-8 bytes, for a thread that writes many of them. Its memory holds one range of
 * employees at a time (their fields and names, put there by `items`), never a copy of the columns,
 * and the fragments of text that JavaScript makes once: the fixed parts of an item, each OPD's
 * JSON and each judgement's fields (by `judgementId`).
 */
export class ReportKernel {
  private readonly x: ReportExports;
  private readonly c: ReportColumns;
  private readonly piece: number;
  private readonly at: { slots: number; aid: number; milli: number; frag: number; fragEnds: number; names: number };
  /** Views of the memory, made anew when it grows (for a range's names). */
  private buf!: ArrayBuffer;
  private slots!: Uint32Array;
  private aid!: Uint32Array;
  private milli!: Float64Array;
  private fragBytes!: Uint8Array;
  private fragEnds!: Uint32Array;
  private names!: Buffer;
  private frags = 0;
  private readonly judgements = new Map<unknown, number>();
  private readonly out: number;
  private readonly opds: number;
  private readonly fragCount: number;
  /** ASCII names as strings: the range's, joined, are written at once. */
  private readonly rangeNames: string[] = [];

  constructor(c: ReportColumns, opdJson: readonly string[], typeNames: readonly string[], piece: number) {
    this.x = instantiate<ReportExports>('report.wasm');
    this.c = c;
    this.piece = piece;
    const place = layoutOf(this.x);
    const take = place.take;
    const fragEnds = (this.fragCount = 8 + opdJson.length + JUDGEMENTS);
    const slots = take(piece * SLOT * 4);
    const aid = take(piece * 4);
    const milli = take(piece * 8);
    const frag = take(FRAGMENT_BYTES);
    const ends = take(fragEnds * 4);
    this.out = take(REPORT_OUT);
    // The names last, where the memory grows.
    const names = take(piece * NAME_ROOM);
    this.at = { slots, aid, milli, frag, fragEnds: ends, names };
    place.grow();
    this.views();
    this.x.layout(slots, aid, milli, frag, ends);
    // The fixed fragments, by id (see `write` in assembly/report.ts).
    const i6 = '      ';
    this.fragment(`    {\n${i6}"nip": "`);
    this.fragment(`",\n${i6}"name": `);
    this.fragment(`,\n${i6}"exemptReason": null\n    }`);
    this.fragment(',\n');
    for (let t = 0; t < 3; t++) this.fragment(`,\n${i6}"type": ${JSON.stringify(typeNames[t] ?? '')},\n${i6}"opd": `);
    for (const opd of opdJson) this.fragment(`${opd},\n${i6}"jp": `);
    this.opds = opdJson.length;
  }

  /** Views of the memory as it is now. */
  private views(): void {
    const buf = this.x.memory.buffer;
    if (buf === this.buf) return;
    this.buf = buf;
    const at = this.at;
    this.slots = new Uint32Array(buf, at.slots, this.piece * SLOT);
    this.aid = new Uint32Array(buf, at.aid, this.piece);
    this.milli = new Float64Array(buf, at.milli, this.piece);
    this.fragBytes = new Uint8Array(buf, at.frag, FRAGMENT_BYTES);
    this.fragEnds = new Uint32Array(buf, at.fragEnds, this.fragCount);
    this.names = Buffer.from(buf, at.names, buf.byteLength - at.names);
  }

  /** Appends a fragment; false when there is no room (the caller then writes in JavaScript). */
  private fragment(s: string): boolean {
    const start = this.frags === 0 ? 0 : this.fragEnds[this.frags - 1]!;
    if (this.frags === this.fragEnds.length || start + s.length * 3 > this.fragBytes.length) return false;
    const { written } = new TextEncoder().encodeInto(s, this.fragBytes.subarray(start));
    this.fragEnds[this.frags++] = start + written;
    return true;
  }

  /**
   * The id of a judgement's fragment (its fields, as JSON.stringify writes them, up to the record
   * count), made the first time; REPORT_OTHER when the table is full.
   */
  judgementId(key: unknown, fields: { requiredJp: number; expectedJp: number; shortfallJp: number; status: string; months: number }): number {
    let id = this.judgements.get(key);
    if (id !== undefined) return id;
    if (this.judgements.size >= JUDGEMENTS) return REPORT_OTHER;
    const i6 = '      ';
    const j = JSON.stringify;
    const ok = this.fragment(`,\n${i6}"requiredJp": ${j(fields.requiredJp)},\n${i6}"expectedJp": ${j(fields.expectedJp)},\n${i6}"shortfallJp": ${j(fields.shortfallJp)},\n${i6}"status": ${j(fields.status)},\n${i6}"months": ${j(fields.months)},\n${i6}"records": `);
    if (!ok) return REPORT_OTHER;
    id = this.judgements.size;
    this.judgements.set(key, id);
    return id;
  }

  /**
   * The items at positions [from, to) (at most `piece`), as bytes: `prepare(k, slot)` sets
   * `aid[slot]` and `milli[slot]` for position k (REPORT_OTHER for one that `other(k)` writes as text).
   * `view`: when the kernel wrote them all at once, the bytes in its memory, valid until the next
   * call (not copied); else, and by default, bytes of their own.
   */
  items(from: number, to: number, prepare: (k: number, aid: Uint32Array, milli: Float64Array, slot: number) => void, other: (k: number) => string, view = false): Uint8Array {
    const c = this.c;
    const { order } = c;
    // The names as strings (the range's joined and written at once), or as bytes and their ends.
    const strings = 'strings' in c.names ? c.names.strings : undefined;
    const { bytes, ends } = 'strings' in c.names ? { bytes: undefined, ends: undefined } : c.names;
    // Room for the range's names: the memory grows, at its end, when they do not fit.
    let room = 0;
    const list = this.rangeNames;
    list.length = 0;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      if (strings) {
        list.push(strings[i]!);
        room += strings[i]!.length;
      } else room += ends![i]! - (i === 0 ? 0 : ends![i - 1]!);
    }
    if (room > this.names.length) {
      this.x.memory.grow(Math.ceil((room - this.names.length) / PAGE));
      this.views();
    }
    const slots = this.slots;
    let at = this.at.names;
    if (strings) this.names.write(list.join(''), 0, 'latin1');
    for (let k = from; k < to; k++) {
      const slot = k - from;
      prepare(k, this.aid, this.milli, slot);
      const i = order[k]!;
      const p = slot * SLOT;
      slots[p] = c.nipHi[i]!;
      slots[p + 1] = c.nipLo[i]!;
      slots[p + 2] = c.types[i]!;
      slots[p + 3] = c.opdOf[i]!;
      slots[p + 4] = c.records[i]!;
      slots[p + 5] = at;
      if (strings) at += list[slot]!.length;
      else {
        // Byte by byte: a name is a few dozen bytes, for which a native copy's call costs more.
        const dst = this.names;
        let o = at - this.at.names;
        for (let b = i === 0 ? 0 : ends![i - 1]!, e = ends![i]!; b < e; b++) dst[o++] = bytes![b]!;
        at = this.at.names + o;
      }
      slots[p + 6] = at;
    }
    list.length = 0;
    const chunks: Uint8Array[] = [];
    let k = from;
    let first = true;
    while (k < to) {
      this.x.write(from, k, to, first ? 1 : 0, this.out, REPORT_OUT, this.opds);
      const written = this.x.written.value as number;
      const stopped = this.x.stoppedAt.value as number;
      const bytes = new Uint8Array(this.x.memory.buffer, this.out, written);
      if (view && written > 0 && k === from && stopped >= to) return bytes;
      if (written > 0) chunks.push(bytes.slice());
      if (stopped > k) first = false;
      // An employee the kernel leaves (or one too large for its output) is written here.
      if (stopped < to && (this.aid[stopped - from] === REPORT_OTHER || stopped === k)) {
        chunks.push(Buffer.from(`${first ? '' : ',\n'}${other(stopped)}`, 'utf8'));
        first = false;
        k = stopped + 1;
      } else k = stopped;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
}
