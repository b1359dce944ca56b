import type { RowRef } from './audit.js';

/**
 * A set of 64-bit record keys with the row each key was first seen at, in typed arrays: 14 bytes a
 * slot instead of a string and an object per record. Open addressing with linear probing; grows at
 * 75% load, so ten million distinct records take 16.8M slots, about 235 MB. Two different records share a key only
 * if their 64-bit hashes collide: for n records the odds are about n² / 2⁶⁵ (2.7 × 10⁻⁶ at 10 million).
 */
export class KeySet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Uint32Array;
  private files: Uint16Array;
  private count = 0;

  constructor(capacity = 1024) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, (capacity * 4) / 3)));
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.rows = new Uint32Array(n);
    this.files = new Uint16Array(n);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key; returns where it was first seen if it was there already. */
  addOrGet(hi: number, lo: number, ref: RowRef): RowRef | undefined {
    // (0, 0) marks an empty slot; a key that hashes to it is stored as (0, 1).
    if (hi === 0 && lo === 0) lo = 1;
    if ((this.count + 1) * 4 > this.rows.length * 3) this.grow();
    const mask = this.rows.length - 1;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const h = this.hi[i]!;
      const l = this.lo[i]!;
      if (h === 0 && l === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.rows[i] = ref.row;
        this.files[i] = ref.file;
        this.count++;
        return undefined;
      }
      if (h === hi && l === lo) return { file: this.files[i]!, row: this.rows[i]! };
    }
  }

  private grow(): void {
    const { hi, lo, rows, files } = this;
    const n = rows.length * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.rows = new Uint32Array(n);
    this.files = new Uint16Array(n);
    this.count = 0;
    for (let i = 0; i < rows.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.addOrGet(hi[i]!, lo[i]!, { file: files[i]!, row: rows[i]! });
  }
}

/**
 * NIPs as two numbers (the first and last nine digits) mapped to an index, in typed arrays: the
 * byte scanner finds an employee without making a string.
 */
export class NipTable {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private idx = new Int32Array(1024).fill(-1);
  private count = 0;

  /** The two halves of an 18-digit NIP string. */
  static split(nip: string): [number, number] {
    return [Number(nip.slice(0, 9)), Number(nip.slice(9))];
  }

  set(hi: number, lo: number, index: number): void {
    if ((this.count + 1) * 2 > this.idx.length) this.grow();
    const mask = this.idx.length - 1;
    for (let i = Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      if (this.idx[i] === -1) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.idx[i] = index;
        this.count++;
        return;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) {
        this.idx[i] = index;
        return;
      }
    }
  }

  /** The index stored for a NIP, or -1. */
  get(hi: number, lo: number): number {
    const mask = this.idx.length - 1;
    for (let i = Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      const v = this.idx[i]!;
      if (v === -1) return -1;
      if (this.hi[i] === hi && this.lo[i] === lo) return v;
    }
  }

  private grow(): void {
    const { hi, lo, idx } = this;
    const n = idx.length * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.idx = new Int32Array(n).fill(-1);
    this.count = 0;
    for (let i = 0; i < idx.length; i++) if (idx[i] !== -1) this.set(hi[i]!, lo[i]!, idx[i]!);
  }
}

/**
 * Two independent 32-bit hashes (FNV-1a and a Murmur-style mix) of a string, folded as the
 * duplicate rule wants: training names compared case-insensitively with runs of spaces collapsed,
 * done on the fly without building the folded string.
 */
export class KeyHasher {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;
  /** Whether the last `folded` string was empty once folded. */
  lastFoldedEmpty = true;

  reset(): this {
    this.a = 0x811c9dc5;
    this.b = 0x9747b28c;
    return this;
  }

  private unit(c: number): void {
    this.a = Math.imul(this.a ^ c, 0x01000193);
    let k = Math.imul(c, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    this.b ^= Math.imul(k, 0x1b873593);
    this.b = Math.imul((this.b << 13) | (this.b >>> 19), 5) + 0xe6546b64;
  }

  /** Adds ASCII bytes as `text` adds the same characters. */
  ascii(buf: Uint8Array, start: number, end: number): this {
    for (let i = start; i < end; i++) this.unit(buf[i]!);
    this.unit(0x1f);
    return this;
  }

  /** Adds a string as is. */
  text(s: string): this {
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
    this.unit(0x1f);
    return this;
  }

  /** Adds a training name folded: lower case, leading/trailing space dropped, inner runs as one. */
  folded(s: string): this {
    let pendingSpace = false;
    let started = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000) {
        if (started) pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        this.unit(0x20);
        pendingSpace = false;
      }
      started = true;
      if (c >= 0x41 && c <= 0x5a) this.unit(c + 32);
      else if (c < 0x80) this.unit(c);
      else {
        // Non-ASCII: fold with the same rules as String.prototype.toLowerCase.
        const lower = String.fromCharCode(c).toLowerCase();
        for (let j = 0; j < lower.length; j++) this.unit(lower.charCodeAt(j));
      }
    }
    this.lastFoldedEmpty = !started;
    this.unit(0x1f);
    return this;
  }

  /**
   * `folded` over ASCII bytes of a CSV field (a quoted field's doubled quotes read as one), giving
   * the same hash as `folded` over the field's text.
   */
  foldedAscii(buf: Uint8Array, start: number, end: number, quoted: boolean): this {
    let pendingSpace = false;
    let started = false;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c) {
        if (started) pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        this.unit(0x20);
        pendingSpace = false;
      }
      started = true;
      if (quoted && c === 0x22 && buf[i + 1] === 0x22) i++;
      this.unit(c >= 0x41 && c <= 0x5a ? c + 32 : c);
    }
    this.lastFoldedEmpty = !started;
    this.unit(0x1f);
    return this;
  }

  number(n: number): this {
    return this.text(String(n));
  }

  get hi(): number {
    return this.a >>> 0;
  }

  get lo(): number {
    return this.b >>> 0;
  }
}
