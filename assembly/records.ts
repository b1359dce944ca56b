// What the chunk kernels (training.ts, roster.ts) share: a record split into fields, the header
// row recognised, the NIP parsed (`record`). Each kernel calls `shape` from its `configure`.

/** Why a kernel's `run` stopped (its `stopped`), or that the record is for it to go on with. */
export const DONE: i32 = 0; // every complete record of the chunk is taken; what is left is incomplete
export const FULL: i32 = 1; // the output is full
export const OTHER: i32 = 2; // the record at the returned offset is for the general reader
export const GO: i32 = -1;

export const MAX_FIELDS: i32 = 64;
export const STARTS = memory.data(MAX_FIELDS * 4, 16);
export const ENDS = memory.data(MAX_FIELDS * 4, 16);
export const QUOTED = memory.data(MAX_FIELDS, 16);
/** The header's first cell, folded (see `mayBeHeader`). */
export const HEADER = memory.data(64, 16);

let delim: u32 = 44;
const LF_V = i8x16.splat(0x0a);
const CR_V = i8x16.splat(0x0d);
export const QUOTE_V = i8x16.splat(0x22);
let delimV: v128 = i8x16.splat(44);
let need: i32 = 0;
let headerLen: i32 = 0;

/** The separator, how many fields a record must have more than (`need`), the header cell's length. */
export function shape(delimiter: u32, fieldsNeeded: i32, header: i32): void {
  delim = delimiter;
  delimV = i8x16.splat(<i8>delimiter);
  need = fieldsNeeded;
  headerLen = header;
}

@inline export function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** `mayBeHeader`: the first field's ASCII letters and digits, folded, are the header's first cell. */
export function mayBeHeader(): bool {
  const s = <usize>load<i32>(STARTS);
  const e = <usize>load<i32>(ENDS);
  let k = 0;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(i);
    if (c - 0x41 < 26) c += 32;
    else if (!(c - 0x61 < 26 || c - 0x30 < 10)) continue;
    if (k >= headerLen || <u32>load<u8>(HEADER + k) != c) return false;
    k++;
  }
  return k == headerLen;
}

@inline export function fieldStart(k: i32): usize {
  return <usize>load<i32>(STARTS + (k << 2));
}

@inline export function fieldEnd(k: i32): usize {
  return <usize>load<i32>(ENDS + (k << 2));
}

// ---- the next byte that ends a field, sixteen at a time ----
/**
 * The first byte at or after `i` that is `a`, `b`, LF, CR or above ASCII (its high bit); `n` or
 * more when there is none before `n`. Reads up to 15 bytes past `n` (the caller leaves room).
 */
@inline function nextSpecial(i: usize, n: usize, a: v128, b: v128): usize {
  for (;;) {
    const v = v128.load(i);
    const hit = v128.or(v128.or(i8x16.eq(v, a), i8x16.eq(v, b)), v128.or(v128.or(i8x16.eq(v, LF_V), i8x16.eq(v, CR_V)), v));
    const m = i8x16.bitmask(hit);
    if (m != 0) return i + <usize>ctz<i32>(m);
    i += 16;
    if (i >= n) return i;
  }
  return n;
}

/**
 * Splits the record at `i` into fields (STARTS, ENDS, QUOTED); returns where the next record
 * starts, 0 when the record is not complete in [i, n), or -1 when it is for the general reader.
 * Offsets are addresses; `i` > 0 always (the chunk is past the heap base).
 */
export function split(i: usize, n: usize): isize {
  let count = 0;
  for (;;) {
    if (count == MAX_FIELDS) return -1;
    let start = i;
    let end = i;
    let quoted: u8 = 0;
    if (i < n && load<u8>(i) == 0x22) {
      // Quoted: to the closing quote, doubled quotes inside; a line end inside is the general reader's.
      start = ++i;
      for (;;) {
        i = nextSpecial(i, n, QUOTE_V, QUOTE_V);
        if (i >= n) return 0;
        const c = load<u8>(i);
        if (c == 0x22) {
          if (i + 1 >= n) return 0;
          if (load<u8>(i + 1) == 0x22) {
            i += 2;
            continue;
          }
          break;
        }
        if (c == 0x0a || c == 0x0d || c >= 0x80) return -1;
        i++;
      }
      end = i++;
      quoted = 1;
      if (i >= n) return 0;
    } else {
      i = nextSpecial(i, n, delimV, delimV);
      if (i >= n) return 0;
      if (load<u8>(i) >= 0x80) return -1;
      end = i;
    }
    store<i32>(STARTS + (count << 2), <i32>start);
    store<i32>(ENDS + (count << 2), <i32>end);
    store<u8>(QUOTED + count, quoted);
    count++;
    const c = <u32>load<u8>(i);
    if (c == delim) {
      i++;
      // A separator at the end of the chunk: the record may be complete or not; let it wait.
      if (i >= n) return 0;
      continue;
    }
    if (c == 0x0a) {
      if (count <= need) return -1;
      return i + 1;
    }
    if (c == 0x0d) {
      if (i + 1 >= n) return 0;
      // A lone CR ends a record too; the general reader counts it.
      if (load<u8>(i + 1) != 0x0a) return -1;
      if (count <= need) return -1;
      return i + 2;
    }
    // After a closing quote, something else.
    return -1;
  }
}

/**
 * The NIP of the 18 bytes at `s` (`nipHalvesFromBytes`): 18 digits, a birth date, a serial other
 * than 000; its halves as `hi << 32 | lo`, or -1.
 */
@inline function nipAt(s: usize): i64 {
  let hi: u32 = 0;
  let lo: u32 = 0;
  let bad: u32 = 0;
  for (let p = s; p < s + 9; p++) {
    const d = <u32>load<u8>(p) - 0x30;
    bad |= <u32>(d > 9);
    hi = hi * 10 + d;
  }
  for (let p = s + 9; p < s + 18; p++) {
    const d = <u32>load<u8>(p) - 0x30;
    bad |= <u32>(d > 9);
    lo = lo * 10 + d;
  }
  if (bad || lo % 1000 == 0) return -1;
  const by = <i32>(hi / 100000);
  const bm = <i32>(hi / 1000) % 100;
  const bd = <i32>(hi / 10) % 100;
  if (by < 1900 || by > 2099 || bm < 1 || bm > 12 || bd < 1 || bd > daysInMonth(by, bm)) return -1;
  return (<i64>hi << 32) | <i64>lo;
}

/** After `record` said GO: where the next record starts, and the NIP's halves. */
export let recordEnd: usize = 0;
export let nipHi: u32 = 0;
export let nipLo: u32 = 0;

/**
 * The record at `i` of a chunk ending at `n`: split into fields, and its NIP (field `iNip`) read.
 * GO when both are plain (see `recordEnd`, `nipHi`, `nipLo`); DONE when the record is not
 * complete; OTHER when it is for the general reader (not plain, a header row, the NIP not plain).
 */
export function record(i: usize, n: usize, iNip: i32): i32 {
  const next = split(i, n);
  if (next == 0) return DONE;
  if (next < 0 || mayBeHeader()) return OTHER;
  const ns = fieldStart(iNip);
  if (fieldEnd(iNip) - ns != 18) return OTHER;
  const nip = nipAt(ns);
  if (nip < 0) return OTHER;
  recordEnd = <usize>next;
  nipHi = <u32>(nip >>> 32);
  nipLo = <u32>nip;
  return GO;
}
