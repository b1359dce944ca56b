import type { RowRef } from './audit.js';

/**
 * A set of 64-bit record keys with the row each key was first seen at, in one typed array: 16
 * bytes a slot, interleaved so a probe touches one cache line, instead of a string and an object
 * per record. Open addressing with linear probing; grows at 75% load, so ten million distinct
 * records take 16.8M slots, about 270 MB. Two different records share a key only
 * if their 64-bit hashes collide: for n records the odds are about n² / 2⁶⁵ (2.7 × 10⁻⁶ at 10 million).
 */
export class KeySet {
  /** Slots of four words, [hi, lo, row, file]: one cache line a probe. */
  private slots: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.slots = new Uint32Array(4 << Math.ceil(Math.log2(Math.max(16, (capacity * 4) / 3))));
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key; returns where it was first seen if it was there already. */
  addOrGet(hi: number, lo: number, file: number, row: number): RowRef | undefined {
    // (0, 0) marks an empty slot; a key that hashes to it is stored as (0, 1).
    if (hi === 0 && lo === 0) lo = 1;
    const capacity = this.slots.length >> 2;
    if ((this.count + 1) * 4 > capacity * 3) return this.grow(), this.addOrGet(hi, lo, file, row);
    const mask = capacity - 1;
    const t = this.slots;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const at = i << 2;
      const h = t[at]!;
      const l = t[at + 1]!;
      if (h === 0 && l === 0) {
        t[at] = hi;
        t[at + 1] = lo;
        t[at + 2] = row;
        t[at + 3] = file;
        this.count++;
        return undefined;
      }
      if (h === hi && l === lo) return { file: t[at + 3]!, row: t[at + 2]! };
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.addOrGet(old[at]!, old[at + 1]!, old[at + 3]!, old[at + 2]!);
    }
  }
}

/**
 * NIPs as two numbers (the first and last nine digits) mapped to an index, in typed arrays: the
 * byte scanner finds an employee without making a string.
 */
export class NipTable {
  /** Slots of [hi, lo, index + 1] (0 marks an empty slot). */
  private slots = new Uint32Array(3 * 1024);
  private count = 0;

  /** The two halves of an 18-digit NIP string. */
  static split(nip: string): [number, number] {
    return [Number(nip.slice(0, 9)), Number(nip.slice(9))];
  }

  private static start(hi: number, lo: number, mask: number): number {
    return (Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) >>> 0) & mask;
  }

  set(hi: number, lo: number, index: number): void {
    if ((this.count + 1) * 2 > this.slots.length / 3) this.grow();
    const mask = this.slots.length / 3 - 1;
    const t = this.slots;
    for (let i = NipTable.start(hi, lo, mask); ; i = (i + 1) & mask) {
      const at = i * 3;
      if (t[at + 2] === 0) {
        t[at] = hi;
        t[at + 1] = lo;
        t[at + 2] = index + 1;
        this.count++;
        return;
      }
      if (t[at] === hi && t[at + 1] === lo) {
        t[at + 2] = index + 1;
        return;
      }
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
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.set(old[at]!, old[at + 1]!, old[at + 2]! - 1);
  }
}

/** The white space of JavaScript's `\s` (and so of `String.prototype.trim`). */
function isSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
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
      if (isSpace(c)) {
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
