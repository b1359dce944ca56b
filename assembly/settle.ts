// The settle kernel: counts one partition's kept training records (see `settle` in
// src/engine/fast/partitions.ts, which it replaces unless JP_AUDIT_KERNEL=js) in WebAssembly.
//
// For each record of a block, in the order given: NIP not in the partition's roster table ->
// "unknown"; key seen before in the partition -> "duplicate" of its first copy; else its JP and
// one record are added to the employee's totals, and the file's count. The JavaScript `settle`
// decides the same, record by record, with the same float additions in the same order; the
// differential test in test/audit/partitions.test.ts holds the two to the same results.
//
// Memory is laid out by the caller (src/engine/fast/kernel.ts) past `__heap_base`; no allocator is used.

import { countsToStarts, partOf } from './parts';

let jpAt: usize = 0; // f64 by roster index
let recordsAt: usize = 0; // u32 by roster index
let countedAt: usize = 0; // f64 by file index
let nipsAt: usize = 0; // [hi, lo, index + 1] u32 slots
let nipMask: u32 = 0;
let keysAt: usize = 0; // [hi, lo, file, row] u32 and the record's offset f64: 24-byte slots, (0, 0) empty
let keyMask: u32 = 0;
let blockAt: usize = 0; // the block's records, 40 bytes each (partitions.ts: RECORD_BYTES)
let outAt: usize = 0; // outcomes, 40 bytes each: kind, file, row, a, b, (pad), at f64, the first copy's at f64

export function heapBase(): usize {
  return __heap_base;
}

export function layout(jp: usize, records: usize, counted: usize, nips: usize, keys: usize, block: usize, out: usize): void {
  jpAt = jp;
  recordsAt = records;
  countedAt = counted;
  nipsAt = nips;
  keysAt = keys;
  blockAt = block;
  outAt = out;
}

@inline function nipSlot(hi: u32, lo: u32): u32 {
  // NipTable.start's mix (any mix would do: the table is this kernel's own).
  let h = hi ^ (lo * 0x85ebca6b);
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h & nipMask;
}

/**
 * Starts a partition: the roster's NIPs of it (`n` triples hi, lo, index at `roster`) into a
 * table of `nipSlots` slots, and an empty duplicate set of `keySlots` slots (both powers of two).
 */
export function beginPart(roster: usize, n: i32, nipSlots: u32, keySlots: u32): void {
  nipMask = nipSlots - 1;
  keyMask = keySlots - 1;
  memory.fill(nipsAt, 0, <usize>nipSlots * 12);
  memory.fill(keysAt, 0, <usize>keySlots * 24);
  for (let k = 0; k < n; k++) {
    const r = roster + <usize>k * 12;
    const hi = load<u32>(r);
    const lo = load<u32>(r, 4);
    let s = nipSlot(hi, lo);
    for (;;) {
      const at = nipsAt + <usize>s * 12;
      if (load<u32>(at, 8) == 0) {
        store<u32>(at, hi);
        store<u32>(at, lo, 4);
        store<u32>(at, load<u32>(r, 8) + 1, 8);
        break;
      }
      s = (s + 1) & nipMask;
    }
  }
}

/** Counts the `m` records of the block; returns how many outcomes (unknown, duplicate) it wrote. */
export function countBlock(m: i32): i32 {
  let outs = 0;
  for (let r = 0; r < m; r++) {
    const rec = blockAt + <usize>r * 40;
    const hi = load<u32>(rec);
    const lo = load<u32>(rec, 4);
    const file = load<u32>(rec, 16);
    const row = load<u32>(rec, 20);
    // The roster index, or -1.
    let index: i32 = -1;
    for (let s = nipSlot(hi, lo); ; s = (s + 1) & nipMask) {
      const at = nipsAt + <usize>s * 12;
      const v = load<u32>(at, 8);
      if (v == 0) break;
      if (load<u32>(at) == hi && load<u32>(at, 4) == lo) {
        index = <i32>v - 1;
        break;
      }
    }
    if (index < 0) {
      const o = outAt + <usize>(outs++) * 40;
      store<u32>(o, 0);
      store<u32>(o, file, 4);
      store<u32>(o, row, 8);
      store<u32>(o, hi, 12);
      store<u32>(o, lo, 16);
      store<f64>(o, load<f64>(rec, 32), 24);
      store<f64>(o, 0, 32);
      continue;
    }
    // The duplicate set: (0, 0) marks an empty slot, so a key that hashes to it is (0, 1), as in KeySet.
    const khi = load<u32>(rec, 8);
    let klo = load<u32>(rec, 12);
    if (khi == 0 && klo == 0) klo = 1;
    let dup = false;
    for (let s = (klo ^ (khi * 0x9e3779b1)) & keyMask; ; s = (s + 1) & keyMask) {
      const at = keysAt + <usize>s * 24;
      const h = load<u32>(at);
      const l = load<u32>(at, 4);
      if (h == 0 && l == 0) {
        store<u32>(at, khi);
        store<u32>(at, klo, 4);
        store<u32>(at, file, 8);
        store<u32>(at, row, 12);
        store<f64>(at, load<f64>(rec, 32), 16);
        break;
      }
      if (h == khi && l == klo) {
        const o = outAt + <usize>(outs++) * 40;
        store<u32>(o, 1);
        store<u32>(o, file, 4);
        store<u32>(o, row, 8);
        store<u32>(o, load<u32>(at, 8), 12);
        store<u32>(o, load<u32>(at, 12), 16);
        store<f64>(o, load<f64>(rec, 32), 24);
        // Where the first copy starts, to read its key again (see `settle`'s confirmation).
        store<f64>(o, load<f64>(at, 16), 32);
        dup = true;
        break;
      }
    }
    if (dup) continue;
    const j = jpAt + (<usize>index << 3);
    store<f64>(j, load<f64>(j) + load<f64>(rec, 24));
    const c = recordsAt + (<usize>index << 2);
    store<u32>(c, load<u32>(c) + 1);
    const f = countedAt + (<usize>file << 3);
    store<f64>(f, load<f64>(f) + 1);
  }
  return outs;
}

/**
 * The roster grouped by partition (see `rosterParts` in src/engine/fast/partitions.ts): the `n` NIPs
 * (u32 halves at `hi` and `lo`, by roster index) as (hi, lo, index) triples at `out`, partition by
 * partition, each in roster order; at `start`, 257 u32: where each partition's triples start (in
 * triples), then the end. Scratch: a byte an employee at `parts`, 256 u32 at `next`.
 */
export function groupRoster(hi: usize, lo: usize, n: i32, parts: usize, start: usize, next: usize, out: usize): void {
  memory.fill(start, 0, 257 * 4);
  for (let i = 0; i < n; i++) {
    const p = partOf(load<u32>(hi + (<usize>i << 2)), load<u32>(lo + (<usize>i << 2)));
    store<u8>(parts + <usize>i, <u8>p);
    const s = start + ((<usize>p + 1) << 2);
    store<u32>(s, load<u32>(s) + 1);
  }
  countsToStarts(start, next);
  for (let i = 0; i < n; i++) {
    const x = next + (<usize>load<u8>(parts + <usize>i) << 2);
    const k = load<u32>(x);
    store<u32>(x, k + 1);
    const o = out + <usize>k * 12;
    store<u32>(o, load<u32>(hi + (<usize>i << 2)));
    store<u32>(o, load<u32>(lo + (<usize>i << 2)), 4);
    store<u32>(o, <u32>i, 8);
  }
}
