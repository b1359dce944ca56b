import type { CivilDate } from '../../normalize/dates.js';
import { type CountIn, inPeriod, recordShare } from '../../rules/record-period.js';
import { roundJp } from '../../normalize/numbers.js';
import { nipText } from '../../normalize/bytes.js';
import type { EmployeeType } from '../../normalize/types.js';
import type { Policy } from '../../policy/policy.js';
import { ExactMatches, hashRecord, KeyHasher, KeySet, NipTable } from './dedup.js';
import { sameTrainingKey } from '../../rules/same-training.js';
import { type EmployeeColumns, TYPE_CODES, withEmployees } from '../../audit/employees.js';
import { columnsSource } from './columns.js';
import { NameColumn } from './names.js';
import { groupOpds, type OpdGroups } from '../../audit/opds.js';
import { rosterParts } from './partitions.js';
import type { Exemption, Status } from '../../rules/duty.js';
import { rate } from '../../audit/counts.js';
import { type AuditResult, compareText, type Counts, type Employee, type EmployeeOutcome, type Extras, grown, type OpdResult, type RecordOutcome, type RowRef, type TrainingRecord } from '../../audit/types.js';
import type { RosterIndex } from './partitions.js';
import type { AuditEngine } from '../engine.js';

// Outcomes without data are shared: ten million records make no garbage for them.
const COUNTED: RecordOutcome = Object.freeze({ kind: 'counted' });
const OUTSIDE: RecordOutcome = Object.freeze({ kind: 'outside-period' });
const ADDED: EmployeeOutcome = Object.freeze({ kind: 'added' });


export interface AuditOptions {
  /** The day the audit looks at (default: the year's last day); records ending after it do not count yet. */
  asOf?: CivilDate;
  /** Pro-rate duties by months of service. */
  prorate?: boolean;
}

/**
 * The training side of the audit: which records count, which are duplicates (found by the 64-bit
 * hash of `hashRecord`, confirmed by the exact key of `sameTrainingKey`), and each employee's JP
 * and record count, in typed arrays by roster index. It is the part a worker thread runs over its
 * share of the NIPs (see `RosterIndex`); the `Audit` has one for the records it reads itself.
 */
export class RecordCounter {
  jp = new Float64Array(1024);
  records = new Uint32Array(1024);
  private seen: KeySet;
  private closed = false;
  private readonly hasher = new KeyHasher();
  /** Hash matches confirmed or refused by exact keys. */
  private readonly exact = new ExactMatches();
  /**
   * How to find the exact key of each record first with its hash (by its place in `seen`), should
   * a later record match it: its byte offset plus one in a file a reader can read again (`keysOf`),
   * or else minus one minus where what its key is made from is kept in `kept`. Records of
   * re-readable files cost 8 bytes here; the others about 40 more (and each name once).
   */
  private offsets = new Float64Array(1024);
  private kept = new KeptRecords();
  private readonly keysOf = new Map<number, ExactKeyReader>();
  /** What `touch` read, kept only so that its reads are not optimised away. */
  private sink = 0;

  constructor(
    readonly year: number,
    readonly asOf: CivilDate,
    private readonly index: NipTable,
    private readonly rejectedStaff: Map<string, RowRef>,
    /** The policy's `countIn`; other than `end`, only `addRecord` counts (the byte scanner and the threads do not run). */
    private readonly countIn: CountIn = 'end',
  ) {
    this.seen = new KeySet();
  }

  /** Rebuilds the counter of a roster index made by `Audit.rosterIndex` (in a worker thread). */
  static fromIndex(year: number, asOf: CivilDate, ix: RosterIndex): RecordCounter {
    const c = new RecordCounter(year, asOf, NipTable.fromData(ix.table), new Map(ix.rejected));
    c.ensure(ix.employees);
    return c;
  }

  /** Makes room for `n` employees. */
  ensure(n: number): void {
    this.jp = grown(this.jp, n);
    this.records = grown(this.records, n);
  }

  /** Frees the duplicate set; a record added after this is a programming error. */
  close(): void {
    this.seen = new KeySet(0);
    this.offsets = new Float64Array(0);
    this.kept = new KeptRecords(0);
    this.exact.clear();
    for (const reader of this.keysOf.values()) reader.release();
    this.keysOf.clear();
    this.closed = true;
  }

  /**
   * Says that the records of file `file` can be read again at their byte offsets (`reader`): a
   * record given with its offset then keeps only the offset, read when its key must be compared
   * (a later file's record may match it). The counter releases the reader when it closes.
   */
  readsAgain(file: number, reader: ExactKeyReader): void {
    this.keysOf.set(file, reader);
  }

  /** The exact key of the record first seen at `place` of the duplicate set. */
  private firstKey(place: number): string {
    const v = this.offsets[place] ?? 0;
    if (v < 0) return this.kept.key(-v - 1);
    const { file } = this.seen.refOf(place);
    const reader = this.keysOf.get(file);
    if (reader === undefined || v === 0) throw new Error(`RecordCounter: no exact key for place ${place}`);
    return reader.keyAt(v - 1);
  }

  /** Remembers how to find the key of a record new to the duplicate set, at `place`. */
  private remember(place: number, file: number, at: number | undefined, r: TrainingRecord, hi: number, lo: number): void {
    if (place >= this.offsets.length) this.offsets = grown(this.offsets, place + 1);
    this.offsets[place] = at !== undefined && this.keysOf.has(file) ? at + 1 : -1 - this.kept.add(r, hi, lo);
  }

  /** Makes room in the duplicate set for about `n` more records (a reader's estimate). */
  expectRecords(n: number): void {
    this.seen.reserve(n);
  }

  /** Is a record ending on `end` inside the audited period? */
  inPeriod(end: CivilDate): boolean {
    return inPeriod(end, this.year, this.asOf);
  }

  /**
   * Classifies and counts one record (the general reader's way; the byte scanner uses `addBatch`);
   * `at`: where the record starts in its file, if that file can be read again (`readsAgain`).
   */
  addRecord(r: TrainingRecord, ref: RowRef, at?: number): RecordOutcome {
    const share = recordShare(r, this.year, this.asOf, this.countIn);
    if (share.period !== 'in') return OUTSIDE;
    if (this.closed) throw new Error('RecordCounter: a record after close()');
    const [nh, nl] = NipTable.split(r.nip);
    const i = this.index.get(nh, nl);
    if (i < 0) return this.unknown(r.nip);
    const h = hashRecord(r, this.hasher);
    const o = this.seen.insert(h.hi, h.lo, ref.file, ref.row);
    const place = this.seen.lastPlace;
    if (o < 0) this.remember(place, ref.file, at, r, nh, nl);
    else {
      const same = this.exact.resolve(o, () => this.firstKey(o), sameTrainingKey(r), place);
      if (same >= 0) return { kind: 'duplicate', first: this.seen.refOf(same) };
    }
    this.jp[i]! += share.jp;
    this.records[i]!++;
    return share.jp === r.jp ? COUNTED : { kind: 'counted', jp: share.jp };
  }

  private unknown(nip: string): RecordOutcome {
    const rejectedAt = this.rejectedStaff.get(nip);
    return rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' };
  }

  /**
   * `addRecord` for a batch of records in the period, in row order, all of file `file`: the same
   * rules, run as three loops (roster look-ups, duplicate look-ups, sums) so that the memory reads
   * of one record do not wait for those of the one before.
   */
  addBatch(b: RecordBatch, file: number): void {
    if (this.closed) throw new Error('RecordCounter: a record after close()');
    const n = b.n;
    const { index, outcomes } = b;
    // Each look-up is read ahead first (`touch`), so that the batch's cache misses overlap.
    this.sink ^= this.index.touch(b.nipHi, b.nipLo, n);
    for (let k = 0; k < n; k++) index[k] = this.index.get(b.nipHi[k]!, b.nipLo[k]!);
    this.sink ^= this.seen.touch(b.keyHi, b.keyLo, n);
    const { seen } = this;
    for (let k = 0; k < n; k++) {
      if (index[k]! < 0) {
        outcomes[k] = RecordBatch.UNKNOWN;
        continue;
      }
      const o = seen.insert(b.keyHi[k]!, b.keyLo[k]!, file, b.row[k]!);
      const place = seen.lastPlace;
      if (o >= 0) {
        outcomes[k] = this.confirm(o, file, b.at[k]!, place);
        continue;
      }
      outcomes[k] = RecordBatch.COUNTED;
      if (place >= this.offsets.length) this.offsets = grown(this.offsets, place + 1);
      this.offsets[place] = b.at[k]! + 1;
    }
    const { jp, records } = this;
    for (let k = 0; k < n; k++) {
      if (outcomes[k] !== RecordBatch.COUNTED) continue;
      const i = index[k]!;
      jp[i]! += b.jp[k]!;
      records[i]!++;
    }
  }

  /**
   * A batch record's hash matched the record at `first`: the place of the record it repeats, or
   * COUNTED when its exact key is new (read again at `at` of `file`, which the reader of a batch
   * always allows: see `readsAgain`).
   */
  private confirm(first: number, file: number, at: number, place: number): number {
    const reader = this.keysOf.get(file);
    if (reader === undefined) throw new Error(`RecordCounter: file ${file} cannot be read again`);
    const same = this.exact.resolve(first, () => this.firstKey(first), reader.keyAt(at), place);
    return same >= 0 ? same : RecordBatch.COUNTED;
  }

  /** The outcome of record `k` of a batch after `addBatch`, as `addRecord` gives it. */
  outcomeOf(b: RecordBatch, k: number, nip: string): RecordOutcome {
    const o = b.outcomes[k]!;
    if (o === RecordBatch.COUNTED) return COUNTED;
    if (o === RecordBatch.UNKNOWN) return this.unknown(nip);
    return { kind: 'duplicate', first: this.seen.refOf(o) };
  }
}

/** An NIP its halves (`NipTable.split`) give back exactly (`nipText`). */
const NIP_DIGITS = /^\d{18}$/;

/**
 * What the exact key (`sameTrainingKey`) of a record that cannot be read again is made from: its
 * NIP halves, dates and JP in columns, its training name by number (each text kept once: names
 * repeat down a sheet). The key is made only when a later record's hash matches; nothing is folded
 * or copied for the others (packing every key's characters was a sixth of reading an .xlsx).
 */
class KeptRecords {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private name: Uint32Array;
  private start: Float64Array;
  private end: Float64Array;
  private jp: Float64Array;
  private n = 0;
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Keys of records whose NIP the halves do not give back exactly (none, for an NIP of 18 digits). */
  private readonly texts = new Map<number, string>();

  constructor(size = 1024) {
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.name = new Uint32Array(size);
    this.start = new Float64Array(size);
    this.end = new Float64Array(size);
    this.jp = new Float64Array(size);
  }

  /** Keeps what `r`'s key is made from (`hi`, `lo`: its NIP's halves); returns where (for `key`). */
  add(r: TrainingRecord, hi: number, lo: number): number {
    const k = this.n++;
    if (k === this.hi.length) this.grow(k + 1);
    let id = this.ids.get(r.training);
    if (id === undefined) {
      // A copy of its own: a name cut from a file's text may hold the whole chunk it came from.
      const own = Buffer.from(r.training, 'utf16le').toString('utf16le');
      id = this.names.length;
      this.names.push(own);
      this.ids.set(own, id);
    }
    this.hi[k] = hi;
    this.lo[k] = lo;
    this.name[k] = id;
    this.start[k] = r.start;
    this.end[k] = r.end;
    this.jp[k] = r.jp;
    if (!NIP_DIGITS.test(r.nip)) this.texts.set(k, sameTrainingKey(r));
    return k;
  }

  /** The columns doubled (`grown`). */
  private grow(n: number): void {
    this.hi = grown(this.hi, n);
    this.lo = grown(this.lo, n);
    this.name = grown(this.name, n);
    this.start = grown(this.start, n);
    this.end = grown(this.end, n);
    this.jp = grown(this.jp, n);
  }

  /** The exact key of the record kept at `k`. */
  key(k: number): string {
    return this.texts.get(k) ?? sameTrainingKey({ nip: nipText(this.hi[k]!, this.lo[k]!), training: this.names[this.name[k]!]!, start: this.start[k]!, end: this.end[k]!, jp: this.jp[k]! });
  }
}

/** Reads the exact duplicate key (`sameTrainingKey`) of the record at a byte offset of one file. */
export interface ExactKeyReader {
  keyAt(at: number): string;
  /** Closes what it opened (the counter calls it once every record is counted). */
  release(): void;
}

/**
 * Records waiting to be counted together (see `RecordCounter.addBatch`): their NIPs as halves, key
 * hashes, JP and rows, and after `addBatch` their outcomes.
 */
export class RecordBatch {
  static readonly SIZE = 256;
  /** Outcome: counted. */
  static readonly COUNTED = -1;
  /** Outcome: NIP not on the roster. Any other outcome is a duplicate: the first copy's ordinal. */
  static readonly UNKNOWN = -2;
  n = 0;
  readonly nipHi = new Uint32Array(RecordBatch.SIZE);
  readonly nipLo = new Uint32Array(RecordBatch.SIZE);
  readonly keyHi = new Uint32Array(RecordBatch.SIZE);
  readonly keyLo = new Uint32Array(RecordBatch.SIZE);
  readonly jp = new Float64Array(RecordBatch.SIZE);
  readonly row = new Uint32Array(RecordBatch.SIZE);
  /** Where each record starts in its file (to read its exact key again, see `RecordCounter.readsAgain`). */
  readonly at = new Float64Array(RecordBatch.SIZE);
  readonly index = new Int32Array(RecordBatch.SIZE);
  readonly outcomes = new Float64Array(RecordBatch.SIZE);
}

/**
 * The audit of one year, fed one employee and one record at a time so that memory follows the
 * number of employees and distinct trainings, never the file sizes. Pure: no I/O, no clock.
 *
 * The roster is kept in columns (typed arrays by roster index, OPD names interned, NIPs as two
 * numbers), about 100 bytes an employee, so a national roster of a million fits in 100 MB.
 *
 * A record is classified in this order: outside the year (by its end date), NIP not on the roster,
 * duplicate of an earlier record (same NIP, training name, start and end), counted.
 */
export class Audit implements AuditEngine {
  private readonly byHalves = new NipTable();
  private readonly rejectedStaff = new Map<string, RowRef>();
  private nipHi = new Uint32Array(1024);
  private nipLo = new Uint32Array(1024);
  private types = new Uint8Array(1024);
  private opdOf = new Uint32Array(1024);
  private refFile = new Uint16Array(1024);
  private refRow = new Uint32Array(1024);
  private readonly names = new NameColumn();
  private readonly opds: string[] = [];
  private readonly opdIndex = new Map<string, number>();
  private readonly extras = new Map<number, Extras>();
  /** `order()`, once asked for. */
  private sorted: Uint32Array | undefined;
  /** The OPDs the spellings name (`groupOpds`), once the roster is read; with the roster size it was made for. */
  private grouped: { n: number; groups: OpdGroups } | undefined;
  /** Records read in this thread. */
  readonly counter: RecordCounter;
  readonly asOf: CivilDate;
  private readonly prorate: boolean;

  constructor(
    readonly year: number,
    readonly policy: Policy,
    options: AuditOptions = {},
  ) {
    this.asOf = options.asOf ?? year * 10000 + 1231;
    this.prorate = options.prorate ?? false;
    this.counter = new RecordCounter(year, this.asOf, this.byHalves, this.rejectedStaff, policy.countIn);
  }

  /** Adds a roster row; a NIP already on the roster keeps its first row. */
  addEmployee(e: Employee, ref: RowRef): EmployeeOutcome {
    const [hi, lo] = NipTable.split(e.nip);
    return this.addByHalves(hi, lo, e.name, e.type, e.opd, ref, e);
  }

  /**
   * `addEmployee` with the NIP as halves (as the byte scanner reads it), and the service dates and
   * exemptions of `x` if it has any.
   */
  addByHalves(hi: number, lo: number, name: string, type: EmployeeType, opd: string, ref: RowRef, x?: Extras): EmployeeOutcome {
    const existing = this.byHalves.getOrSet(hi, lo, this.names.length);
    if (existing >= 0) return { kind: 'duplicate', first: { file: this.refFile[existing]!, row: this.refRow[existing]! } };
    const i = this.place(hi, lo, TYPE_CODES.indexOf(type), this.opdId(opd), ref.file, ref.row);
    this.names.push(name);
    if (x?.service !== undefined || x?.exemptions !== undefined) {
      const kept: Extras = {};
      if (x.service !== undefined) kept.service = x.service;
      if (x.exemptions !== undefined) kept.exemptions = [...x.exemptions];
      this.extras.set(i, kept);
    }
    return ADDED;
  }

  /**
   * Adds a batch of plain roster rows of the byte scanner (`PlainRows`, rows [0, n) of file
   * `file`), as `addByHalves` adds each in turn, without an object or a string a row: each
   * name as the ASCII bytes `buf[nameStart..nameEnd)` that are its text exactly, or as text
   * (`name[k]` not undefined); each OPD by its `opdId`. A NIP already on the roster keeps its first
   * row: `duplicates` is given the batch index of each such row and its first row, in pairs.
   */
  addRows(r: PlainRows, n: number, file: number, buf: Uint8Array, duplicates: number[]): void {
    for (let k = 0; k < n; k++) {
      const hi = r.hi[k]!;
      const lo = r.lo[k]!;
      // Looked up and, when new, entered at once (one probe of the table).
      const existing = this.byHalves.getOrSet(hi, lo, this.names.length);
      if (existing >= 0) {
        duplicates.push(k, this.refRow[existing]!);
        continue;
      }
      this.place(hi, lo, r.type[k]!, r.opd[k]!, file, r.row[k]!);
      const name = r.name[k];
      if (name === undefined) this.names.pushBytes(buf, r.nameStart[k]!, r.nameEnd[k]!);
      else this.names.push(name);
    }
  }

  /**
   * The OPDs the roster's spellings name (see `groupOpds`): made once the roster is read (by
   * `order` or `result`), from how many employees have each spelling.
   */
  opdGroups(): OpdGroups {
    const n = this.names.length;
    if (this.grouped?.n === n) return this.grouped.groups;
    const employees = new Uint32Array(this.opds.length);
    for (let i = 0; i < n; i++) employees[this.opdOf[i]!]!++;
    const groups = groupOpds(this.opds, employees);
    this.grouped = { n, groups };
    return groups;
  }

  /** The number of an OPD name (each name once: `opds`), given the first time it is asked for. */
  opdId(opd: string): number {
    let o = this.opdIndex.get(opd);
    if (o === undefined) {
      o = this.opds.length;
      this.opds.push(opd);
      this.opdIndex.set(opd, o);
    }
    return o;
  }

  /**
   * A new employee's columns but the name (the caller adds it next), its type as a code (see
   * `TYPE_CODES`) and its OPD by `opdId`: its roster index (the caller has entered the NIP in the
   * table, `getOrSet`, with this index).
   */
  private place(hi: number, lo: number, type: number, opd: number, file: number, row: number): number {
    const i = this.names.length;
    if (i >= this.nipHi.length) this.grow(i + 1);
    this.counter.ensure(i + 1);
    this.nipHi[i] = hi;
    this.nipLo[i] = lo;
    this.types[i] = type;
    this.opdOf[i] = opd;
    this.refFile[i] = file;
    this.refRow[i] = row;
    return i;
  }

  /**
   * Reads ahead the roster table's slots of `n` NIPs about to be added (`NipTable.touch`): a
   * reader that adds rows a batch at a time calls it first, so that the batch's cache misses
   * overlap instead of following one another.
   */
  touchNips(hi: Uint32Array, lo: Uint32Array, n: number): number {
    return this.byHalves.touch(hi, lo, n);
  }

  /** Makes room for about `n` employees at once (a reader's estimate of the roster). */
  expectEmployees(n: number): void {
    this.byHalves.reserve(n);
    this.grow(n);
    this.counter.ensure(n);
    this.names.reserve(n);
  }

  private grow(m: number): void {
    this.nipHi = grown(this.nipHi, m);
    this.nipLo = grown(this.nipLo, m);
    this.types = grown(this.types, m);
    this.opdOf = grown(this.opdOf, m);
    this.refFile = grown(this.refFile, m);
    this.refRow = grown(this.refRow, m);
  }

  private indexOf(nip: string): number {
    const [hi, lo] = NipTable.split(nip);
    return this.byHalves.get(hi, lo);
  }

  /** How many employees are on the roster. */
  get employeeCount(): number {
    return this.names.length;
  }

  /** The roster row of a NIP, if on the roster. */
  employee(nip: string): Employee | undefined {
    const i = this.indexOf(nip);
    if (i < 0) return undefined;
    const e: Employee = { nip, name: this.names.get(i), type: TYPE_CODES[this.types[i]!]!, opd: this.opds[this.opdOf[i]!]! };
    const x = this.extras.get(i);
    if (x?.service) e.service = x.service;
    if (x?.exemptions) e.exemptions = x.exemptions;
    return e;
  }

  /** Remembers a roster row refused for its other cells, so its records say why they do not count. */
  noteRejectedEmployee(nip: string, ref: RowRef): void {
    if (!this.rejectedStaff.has(nip)) this.rejectedStaff.set(nip, ref);
  }

  /** Adds an exemption (from an exemptions file) to an employee on the roster; false if not on it. */
  addExemption(nip: string, exemption: Exemption): boolean {
    const i = this.indexOf(nip);
    if (i < 0) return false;
    let x = this.extras.get(i);
    if (!x) this.extras.set(i, (x = {}));
    (x.exemptions ??= []).push(exemption);
    return true;
  }

  /** Sets the year's total from a recap roster (shape "totals"). */
  setTotal(nip: string, jp: number): void {
    const [hi, lo] = NipTable.split(nip);
    this.setTotalByHalves(hi, lo, jp);
  }

  setTotalByHalves(hi: number, lo: number, jp: number): void {
    const i = this.byHalves.get(hi, lo);
    if (i >= 0) this.counter.jp[i] = jp;
  }

  /** The roster as threads that count records need it (plain data for postMessage). */
  rosterIndex(): RosterIndex {
    // The table and the partitions are in shared memory: every worker thread reads the one copy.
    const n = this.names.length;
    return { table: this.byHalves.toData(), parts: rosterParts(this.nipHi, this.nipLo, n), employees: n, rejected: [...this.rejectedStaff] };
  }

  /** Roster rows rejected, by NIP (the first of each): a training record's unknown NIP may be one. */
  get rejectedRows(): ReadonlyMap<string, RowRef> {
    return this.rejectedStaff;
  }

  /**
   * Forgets what other threads' counts added (`addCounts`), to add them again as corrected. Worker
   * threads count every record of a run that uses them: nothing counted here is lost.
   */
  clearCounts(): void {
    const n = this.names.length;
    this.counter.jp.fill(0, 0, n);
    this.counter.records.fill(0, 0, n);
  }

  /** Adds what counters in other threads counted (JP and records by roster index). */
  addCounts(jp: Float64Array, records: Uint32Array): void {
    const c = this.counter;
    const n = this.names.length;
    if (isZero(c.jp, n) && isZero(c.records, n)) {
      // Nothing counted here yet (worker threads count every record): copied at native speed,
      // where the loop below would run cold, once, over every employee.
      c.jp.set(jp.subarray(0, n));
      c.records.set(records.subarray(0, n));
      return;
    }
    for (let i = 0; i < n; i++) {
      if (records[i] === 0) continue;
      c.jp[i]! += jp[i]!;
      c.records[i]! += records[i]!;
    }
  }

  addRecord(r: TrainingRecord, ref: RowRef, at?: number): RecordOutcome {
    return this.counter.addRecord(r, ref, at);
  }

  /** No more records: the duplicate set (the largest structure of a big run) can go before the report. */
  closeRecords(): void {
    this.counter.close();
  }

  /**
   * The roster indexes in the result's order: sorted by (OPD rank, NIP as numbers), which is the
   * order of (OPD, NIP text) for 18-digit NIPs. It depends on the roster only, so a caller with
   * time to spare (waiting for worker threads) may ask for it before `result`, which reuses it.
   */
  order(): Uint32Array {
    const n = this.names.length;
    if (this.sorted?.length === n) return this.sorted;
    // Spellings of one OPD share its rank: its employees come together, by NIP.
    const { groupOf, names } = this.opdGroups();
    const groupOrder = names.map((_, g) => g).sort((x, y) => compareText(names[x]!, names[y]!));
    const groupRank = new Uint32Array(names.length);
    groupOrder.forEach((g, r) => (groupRank[g] = r));
    const rank = new Uint32Array(this.opds.length);
    for (let k = 0; k < rank.length; k++) rank[k] = groupRank[groupOf[k]!]!;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const { opdOf, nipHi, nipLo } = this;
    order.sort((x, y) => rank[opdOf[x]!]! - rank[opdOf[y]!]! || nipHi[x]! - nipHi[y]! || nipLo[x]! - nipLo[y]!);
    this.sorted = order;
    return order;
  }

  result(): AuditResult {
    const n = this.names.length;
    const order = this.order();
    const groups = this.opdGroups();
    const { opdOf, nipHi, nipLo } = this;

    const columns: EmployeeColumns = {
      order,
      nipHi,
      nipLo,
      types: this.types,
      opdOf,
      names: this.names.columns(),
      opds: groups.display,
      jp: this.counter.jp,
      records: this.counter.records,
      extras: this.extras,
      policy: this.policy,
      year: this.year,
      asOf: this.asOf,
      prorate: this.prorate,
    };
    const source = columnsSource(columns);
    const { types } = this;
    const opds = groups.names;
    const jpOf = this.counter.jp;

    // The figures, straight from the columns: no employee object is made for them. Counts by
    // status code (STATUSES) in typed arrays by OPD and by type; sums in the result's order.
    const S = STATUSES.length;
    const opdCounts = new Uint32Array(opds.length * S);
    const opdJp = new Float64Array(opds.length);
    const opdAuditedJp = new Float64Array(opds.length);
    const typeCounts = new Uint32Array(TYPE_CODES.length * S);
    const allCounts = new Uint32Array(S);
    /** OPDs in the order they first come (the result's order, so by OPD name). */
    const opdList: number[] = [];
    const opdSeen = new Uint8Array(opds.length);
    let totalJp = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const jp = roundJp(jpOf[i]!);
      const s = statusCode(source.status(i));
      const o = groups.groupOf[opdOf[i]!]!;
      if (opdSeen[o] === 0) {
        opdSeen[o] = 1;
        opdList.push(o);
      }
      opdCounts[o * S + s]!++;
      typeCounts[types[i]! * S + s]!++;
      allCounts[s]!++;
      opdJp[o]! += jp;
      if (s < AUDITED_CODES) opdAuditedJp[o]! += jp;
      totalJp += jp;
    }
    const countsOf = (c: Uint32Array, at: number): Counts => {
      let employees = 0;
      let audited = 0;
      for (let s = 0; s < S; s++) {
        employees += c[at + s]!;
        if (s < AUDITED_CODES) audited += c[at + s]!;
      }
      return { employees, audited, compliant: c[at]!, nonCompliant: c[at + 1]!, onTrack: c[at + 2]!, atRisk: c[at + 3]!, exempt: c[at + 4]!, notApplicable: c[at + 5]! };
    };
    const byOpd: OpdResult[] = opdList.map((o) => {
      const c = countsOf(opdCounts, o * S);
      return { opd: opds[o]!, ...c, complianceRate: rate(c.compliant, c.audited), totalJp: roundJp(opdJp[o]!), averageJp: c.audited ? roundJp(opdAuditedJp[o]! / c.audited) : null };
    });
    const byType = TYPE_CODES.flatMap((type, t) => {
      const c = countsOf(typeCounts, t * S);
      return c.employees > 0 ? [{ type, ...c, complianceRate: rate(c.compliant, c.audited) }] : [];
    });
    const all = countsOf(allCounts, 0);

    // The employees themselves are made when asked for, a range at a time (see `employeeSource`):
    // the source keeps the columns, not the audit (its NIP index and duplicate set can go).
    return withEmployees(
      {
        year: this.year,
        asOf: this.asOf,
        summary: { ...all, complianceRate: rate(all.compliant, all.audited), totalJp: roundJp(totalJp) },
        byType,
        byOpd,
        employees: [],
      },
      source,
    );
  }
}

/**
 * A batch of plain roster rows for `Audit.addRows`, by batch index: NIP halves, type code (see
 * `TYPE_CODES`), OPD number (`Audit.opdId`), row, and the name: its bytes' start and end in the
 * chunk, or its text (`name`, undefined when the bytes are the text).
 */
export class PlainRows {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly type: Uint8Array;
  readonly opd: Uint32Array;
  readonly row: Uint32Array;
  readonly nameStart: Uint32Array;
  readonly nameEnd: Uint32Array;
  readonly name: Array<string | undefined>;

  constructor(readonly size: number) {
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.type = new Uint8Array(size);
    this.opd = new Uint32Array(size);
    this.row = new Uint32Array(size);
    this.nameStart = new Uint32Array(size);
    this.nameEnd = new Uint32Array(size);
    this.name = new Array<string | undefined>(size).fill(undefined);
  }
}

/** Are the first `n` elements of `a` all zero bits? Compared natively with zeros. */
function isZero(a: Float64Array | Uint32Array, n: number): boolean {
  const bytes = Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
  return bytes.equals(Buffer.alloc(bytes.length));
}


/** Statuses by code for the figures: the audited first (codes below AUDITED_CODES), in `Counts` order. */
const STATUSES: readonly Status[] = ['compliant', 'non-compliant', 'on-track', 'at-risk', 'exempt', 'not-applicable'];
const AUDITED_CODES = 4;

function statusCode(s: Status): number {
  return s === 'compliant' ? 0 : s === 'non-compliant' ? 1 : s === 'on-track' ? 2 : s === 'at-risk' ? 3 : s === 'exempt' ? 4 : 5;
}
