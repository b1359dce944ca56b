import { nipHalf } from '../../normalize/nip.js';
import type { RowRef, TrainingRecord } from '../../audit/types.js';

/**
 * A set of 64-bit record keys with the place each key was first seen, in one typed array of 12
 * bytes a slot ([hi, lo, ordinal]) instead of a string and an object per record. The place is kept
 * as one ordinal over all files (a file's rows follow the rows of the files before it), so ten
 * million distinct records take 13.3 million slots, 160 MB. Open addressing with linear probing; the
 * first slot is the hash scaled to the capacity, so the capacity need not be a power of two. Sized
 * 75% full for the expected count (the constructor's or `reserve`'s), it grows (doubling) only past
 * 80%, so a reader's estimate a little short costs nothing. A key found here is only a
 * candidate: two different records may share a hash, so the counters confirm each match by the
 * records' exact keys (`ExactMatches`) before calling a record a duplicate.
 *
 * Files must come one after another: once a row of a later file was added, an earlier file may not
 * add again (every reader reads its files in turn).
 */
export class KeySet {
  private slots: Uint32Array;
  private capacity = 0;
  /** The capacity over 2³²: a 32-bit hash times this is its first slot. */
  private scale = 0;
  /** Past this many keys the set grows. */
  private limit = 0;
  private count = 0;
  /** File indexes in the order they came, and the ordinal before each file's row 0. */
  private readonly files: number[] = [];
  private readonly bases: number[] = [];
  private base = 0;
  private maxOrdinal = 0;
  private file = -1;
  /** The place (ordinal) of the record `insert` was last given. */
  lastPlace = 0;

  constructor(expected = 1024) {
    this.slots = this.allocate(KeySet.capacityFor(expected));
  }

  /** Slots for `n` keys 75% full (at least 16). */
  static capacityFor(n: number): number {
    return Math.max(16, Math.ceil((n * 4) / 3));
  }

  private allocate(capacity: number): Uint32Array {
    this.capacity = capacity;
    this.scale = capacity / 2 ** 32;
    this.limit = Math.floor(capacity * 0.8);
    return new Uint32Array(3 * capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Slots held (12 bytes each). */
  get slotCount(): number {
    return this.capacity;
  }

  /** Empties the set, keeping its slots (for the next partition of `DeferredCounter.settle`). */
  clear(): this {
    this.slots.fill(0);
    this.count = 0;
    this.files.length = 0;
    this.bases.length = 0;
    this.base = 0;
    this.maxOrdinal = 0;
    this.file = -1;
    return this;
  }

  /** Makes room for `more` keys beyond those held, at once (one rehash instead of several). */
  reserve(more: number): void {
    const want = KeySet.capacityFor(this.count + more);
    if (want > this.capacity) this.rehash(want);
  }

  /** Adds the key (two unsigned 32-bit halves); returns where it was first seen if it was there already. */
  addOrGet(hi: number, lo: number, file: number, row: number): RowRef | undefined {
    const found = this.insert(hi, lo, file, row);
    return found < 0 ? undefined : this.refOf(found);
  }

  /** `addOrGet` without an object: -1 when the key is new, else the ordinal of its first place (see `refOf`). */
  insert(hi: number, lo: number, file: number, row: number): number {
    if (file !== this.file) this.enterFile(file);
    const ordinal = this.base + row;
    this.lastPlace = ordinal;
    if (ordinal > this.maxOrdinal) this.maxOrdinal = ordinal;
    // (0, 0) marks an empty slot; a key that hashes to it is stored as (0, 1).
    if (hi === 0 && lo === 0) lo = 1;
    if (this.count >= this.limit) this.grow();
    return this.probe(hi, lo, ordinal);
  }

  /**
   * Reads the first slot of each of `n` keys and returns nothing of use: loads that do not wait on
   * one another, so that their cache misses overlap, before `insert` needs the same slots one by
   * one (JavaScript has no prefetch). The caller keeps the result, so the loads are not dropped.
   */
  touch(hi: Uint32Array, lo: Uint32Array, n: number): number {
    const t = this.slots;
    const scale = this.scale;
    let x = 0;
    for (let k = 0; k < n; k++) x ^= t[((((lo[k]! ^ Math.imul(hi[k]!, 0x9e3779b1)) >>> 0) * scale) | 0) * 3]!;
    return x;
  }

  /** Inserts or finds: the stored ordinal when the key was there, else -1 (and it is stored). */
  private probe(hi: number, lo: number, ordinal: number): number {
    const t = this.slots;
    const last = this.capacity - 1;
    // The high bits of the mixed hash pick the slot (a multiply, not a mask): any capacity works.
    for (let i = (((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) * this.scale) | 0; ; i = i === last ? 0 : i + 1) {
      const at = i * 3;
      const h = t[at]!;
      const l = t[at + 1]!;
      if (h === 0 && l === 0) {
        t[at] = hi;
        t[at + 1] = lo;
        t[at + 2] = ordinal;
        this.count++;
        return -1;
      }
      if (h === hi && l === lo) return t[at + 2]!;
    }
  }

  private enterFile(file: number): void {
    if (this.files.includes(file)) throw new Error(`KeySet: file ${file} came back after file ${this.file}`);
    this.base = this.files.length === 0 ? 0 : this.maxOrdinal + 1;
    if (!Number.isSafeInteger(this.base) || this.base > 0x7fffffff) throw new Error('KeySet: too many rows');
    this.files.push(file);
    this.bases.push(this.base);
    this.file = file;
  }

  /** The file and row of an ordinal that `insert` returned. */
  refOf(ordinal: number): RowRef {
    let k = this.bases.length - 1;
    while (k > 0 && this.bases[k]! > ordinal) k--;
    return { file: this.files[k]!, row: ordinal - this.bases[k]! };
  }

  private grow(): void {
    this.rehash(this.capacity * 2);
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = this.allocate(capacity);
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.probe(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}

/**
 * NIPs as two numbers (the first and last nine digits) mapped to an index, in typed arrays: the
 * byte scanner finds an employee without making a string. The slots are in shared memory, so
 * worker threads read the one copy (`toData`), which no one changes once the roster is read.
 */
export class NipTable {
  /** Slots of [hi, lo, index + 1] (0 marks an empty slot). */
  private slots: Uint32Array;
  private count: number;

  constructor(slots?: Uint32Array, count = 0) {
    this.slots = slots ?? NipTable.allocate(1024);
    this.count = count;
  }

  private static allocate(capacity: number): Uint32Array {
    return new Uint32Array(new SharedArrayBuffer(capacity * 3 * Uint32Array.BYTES_PER_ELEMENT));
  }

  /** The two halves of an 18-digit NIP string. */
  static split(nip: string): [number, number] {
    return [nipHalf(nip, 0), nipHalf(nip, 9)];
  }

  /** The table as plain data (for a worker thread, which rebuilds it with `fromData`). */
  toData(): { slots: Uint32Array; count: number } {
    return { slots: this.slots, count: this.count };
  }

  static fromData(d: { slots: Uint32Array; count: number }): NipTable {
    return new NipTable(d.slots, d.count);
  }

  /** The first slot to probe: both halves fully mixed, since NIP digits leave low bits uneven. */
  private static start(hi: number, lo: number, mask: number): number {
    return fmix(hi ^ Math.imul(lo, 0x85ebca6b)) & mask;
  }

  /** Makes room for `n` NIPs in all at once (one rehash instead of several). */
  reserve(n: number): void {
    let capacity = this.slots.length / 3;
    while (n * 2 > capacity) capacity *= 2;
    if (capacity * 3 > this.slots.length) this.rehash(capacity);
  }

  /** `KeySet.touch` for NIPs: the first slot of each of `n`, read ahead of `get`. */
  touch(hi: Uint32Array, lo: Uint32Array, n: number): number {
    const mask = this.slots.length / 3 - 1;
    const t = this.slots;
    let x = 0;
    for (let k = 0; k < n; k++) x ^= t[NipTable.start(hi[k]!, lo[k]!, mask) * 3 + 2]!;
    return x;
  }

  /**
   * Stores `index` for a NIP not in the table, and returns -1; for a NIP already there, returns
   * the index stored before and changes nothing (a roster keeps a NIP's first row). One probe for
   * the look-up and the entry.
   */
  getOrSet(hi: number, lo: number, index: number): number {
    if ((this.count + 1) * 2 > this.slots.length / 3) this.grow();
    const mask = this.slots.length / 3 - 1;
    const t = this.slots;
    for (let i = NipTable.start(hi, lo, mask); ; i = (i + 1) & mask) {
      const at = i * 3;
      const v = t[at + 2]!;
      if (v === 0) {
        t[at] = hi;
        t[at + 1] = lo;
        t[at + 2] = index + 1;
        this.count++;
        return -1;
      }
      if (t[at] === hi && t[at + 1] === lo) return v - 1;
    }
  }

  /** The index stored for a NIP, or -1. */
  get(hi: number, lo: number): number {
    const mask = this.slots.length / 3 - 1;
    const t = this.slots;
    for (let i = NipTable.start(hi, lo, mask); ; i = (i + 1) & mask) {
      const at = i * 3;
      const v = t[at + 2]!;
      if (v === 0) return -1;
      if (t[at] === hi && t[at + 1] === lo) return v - 1;
    }
  }

  private grow(): void {
    this.rehash((this.slots.length / 3) * 2);
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = NipTable.allocate(capacity);
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.getOrSet(old[at]!, old[at + 1]!, old[at + 2]! - 1);
  }
}

/** The white space of JavaScript's `\s` (and so of `String.prototype.trim`). */
function isSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/**
 * A 64-bit hash of a record key, as two independent 32-bit lanes (a Murmur3 and an xxHash32
 * round) over 32-bit words: bytes are packed four to a word, so a byte costs a shift and an or,
 * and numbers go in as words, never as strings. Training names are folded as the duplicate rule
 * wants (case-insensitive, runs of spaces collapsed) on the fly, without building the folded
 * string. A UTF-16 code unit above ASCII goes in as three bytes of 0x80 and up, so ASCII text
 * gives the same hash from a string and from its bytes.
 */
export class KeyHasher {
  private a = 0x165667b1;
  private b = 0x9747b28c;
  private w = 0;
  private n = 0;
  private len = 0;
  /** Whether the last `folded` string was empty once folded. */
  lastFoldedEmpty = true;

  reset(): this {
    this.a = 0x165667b1;
    this.b = 0x9747b28c;
    this.w = 0;
    this.n = 0;
    return this;
  }

  private word(k: number): void {
    let m = Math.imul(k, 0xcc9e2d51);
    m = (m << 15) | (m >>> 17);
    let b = this.b ^ Math.imul(m, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    this.b = (Math.imul(b, 5) + 0xe6546b64) | 0;
    const a = (this.a + Math.imul(k, 0x85ebca77)) | 0;
    this.a = Math.imul((a << 13) | (a >>> 19), 0x9e3779b1);
  }

  private byte(c: number): void {
    this.w |= c << (this.n << 3);
    this.len++;
    if (++this.n === 4) {
      this.word(this.w);
      this.w = 0;
      this.n = 0;
    }
  }

  /** A code unit: ASCII as itself, anything else as three bytes that ASCII never gives. */
  private unit(c: number): void {
    if (c < 0x80) this.byte(c);
    else {
      this.byte(0x80 | (c >>> 9));
      this.byte(0x80 | ((c >>> 2) & 0x7f));
      this.byte(0x80 | (c & 3));
    }
  }

  /** Ends a text field: the last partial word, then the length, so padding cannot be mistaken. */
  private endText(): void {
    if (this.n > 0) this.word(this.w);
    this.word(this.len | 0x80000000);
    this.w = 0;
    this.n = 0;
    this.len = 0;
  }

  /** Adds a NIP as its two halves (see `NipTable`). */
  nip(hi: number, lo: number): this {
    this.word(hi);
    this.word(lo);
    return this;
  }

  /** Adds a training name folded: lower case, leading/trailing space dropped, inner runs as one. */
  folded(s: string): this {
    let pendingSpace = false;
    let started = false;
    this.len = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (isSpace(c)) {
        if (started) pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        this.byte(0x20);
        pendingSpace = false;
      }
      started = true;
      if (c >= 0x41 && c <= 0x5a) this.byte(c + 32);
      else if (c < 0x80) this.byte(c);
      else {
        // Non-ASCII: fold with the same rules as String.prototype.toLowerCase.
        const lower = String.fromCharCode(c).toLowerCase();
        for (let j = 0; j < lower.length; j++) this.unit(lower.charCodeAt(j));
      }
    }
    this.lastFoldedEmpty = !started;
    this.endText();
    return this;
  }

  /**
   * `folded` over ASCII bytes of a CSV field (a quoted field's doubled quotes read as one), giving
   * the same hash as `folded` over the field's text.
   */
  foldedAscii(buf: Uint8Array, start: number, end: number, quoted: boolean): this {
    // `byte` with the partial word kept in locals: this runs for every training record.
    let pendingSpace = false;
    let started = false;
    let w = this.w;
    let n = this.n;
    let len = 0;
    for (let i = start; i < end; i++) {
      let c = buf[i]!;
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        if (started) pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        w |= 0x20 << (n << 3);
        len++;
        if (++n === 4) {
          this.word(w);
          w = 0;
          n = 0;
        }
        pendingSpace = false;
      }
      started = true;
      if (quoted && c === 0x22 && buf[i + 1] === 0x22) i++;
      if (c >= 0x41 && c <= 0x5a) c += 32;
      w |= c << (n << 3);
      len++;
      if (++n === 4) {
        this.word(w);
        w = 0;
        n = 0;
      }
    }
    this.w = w;
    this.n = n;
    this.len = len;
    this.lastFoldedEmpty = !started;
    this.endText();
    return this;
  }

  /** Adds a number exactly (its 64 bits). */
  number(x: number): this {
    F64[0] = x;
    this.word(U32[0]!);
    this.word(U32[1]!);
    return this;
  }

  /** The first 32 bits of the hash (after a final mix). */
  get hi(): number {
    return (fmix(this.a ^ 0x2545f491) & KEY_MASK.hi) >>> 0;
  }

  get lo(): number {
    return (fmix(this.b) & KEY_MASK.lo) >>> 0;
  }
}

/**
 * The bits of the 64-bit key hash kept: all of them, unless a test sets JP_AUDIT_TEST_HASH_BITS
 * (1 to 63) to make different trainings share hashes on purpose, which shows that matches are
 * confirmed by exact keys (`ExactMatches`). Read here only; the training kernel is given it.
 */
export const KEY_MASK: { readonly hi: number; readonly lo: number } = keyMask(process.env.JP_AUDIT_TEST_HASH_BITS);

function keyMask(bits: string | undefined): { hi: number; lo: number } {
  const n = bits !== undefined && /^\d{1,2}$/.test(bits) ? Number(bits) : 64;
  if (n < 1 || n >= 64) return { hi: 0xffffffff, lo: 0xffffffff };
  return n >= 32 ? { hi: n === 32 ? 0 : (0xffffffff >>> (64 - n)) >>> 0, lo: 0xffffffff } : { hi: 0, lo: (0xffffffff >>> (32 - n)) >>> 0 };
}

/**
 * Confirms the duplicate set's hash matches by exact keys (`sameTrainingKey`): a record whose hash
 * matches an earlier record's but whose key does not is no duplicate of it. Such records are kept
 * here by the earlier record's place, with their keys, so that a later record equal to one of them
 * is called a duplicate of it, not of the first. Only hash matches come here, so it stays small.
 */
export class ExactMatches {
  private readonly others = new Map<number, Array<{ key: string; place: number }>>();

  /**
   * The place of the record `key` repeats, given the place `first` of the first record with its
   * hash and that record's key (asked for only when needed): `first`, another place of the same
   * hash, or -1 when `key` is new (then it is remembered at `place`).
   */
  resolve(first: number, firstKey: () => string, key: string, place: number): number {
    if (firstKey() === key) return first;
    const list = this.others.get(first);
    if (list) for (const o of list) if (o.key === key) return o.place;
    if (list) list.push({ key, place });
    else this.others.set(first, [{ key, place }]);
    return -1;
  }

  clear(): void {
    this.others.clear();
  }
}

/** Murmur3's finaliser: every input bit moves every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The 64-bit hash of a record's duplicate key (`sameTrainingKey` of rules/same-training.ts, whose
 * equal keys it gives equal hashes): NIP, training name (case and runs of spaces folded), start
 * and end, and the JP when there is no name. Equal hashes only make a candidate (see `KeySet`).
 */
export function hashRecord(r: TrainingRecord, h: KeyHasher = new KeyHasher()): KeyHasher {
  const [hi, lo] = NipTable.split(r.nip);
  h.reset().nip(hi, lo).folded(r.training).number(r.start).number(r.end);
  // Without a training name, the JP must agree too.
  if (h.lastFoldedEmpty) h.number(r.jp);
  return h;
}

