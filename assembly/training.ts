// The training kernel: the byte scanner's common case in WebAssembly (AssemblyScript).
//
// It reads the complete records of a chunk of a training CSV that are plainly valid ASCII and
// does for each what `readTrainingFast` (src/engine/fast/fastpath.ts) does in JavaScript: the NIP as two
// halves, JP, dates, the period check, and the duplicate key's hash (`KeyHasher`, src/engine/fast/dedup.ts).
// It stops at the first record it does not take plainly (quotes around a line end, a lone CR, a
// byte above ASCII, a field that is not plain, a header repeated), and the JavaScript reader
// takes that record the general way, so every record ends as it would without the kernel. The
// differential tests in test/io/kernel.test.ts hold the two to the same results.
//
// Memory is laid out by the caller (src/engine/fast/kernel.ts) past `__heap_base`; no allocator is used.

import { countsToStarts, partOf } from './parts';
import { daysInMonth, DONE, fieldEnd, fieldStart, FULL, GO, HEADER, nipHi, nipLo, OTHER, QUOTE_V, QUOTED, record, recordEnd, shape } from './records';

const POW10 = memory.data<f64>([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]);

let iNip: i32 = 0;
let iJp: i32 = 0;
let iStart: i32 = -1;
let iEnd: i32 = -1;
let iTraining: i32 = -1;
/** The amount columns after JP (minutes, hours; -1 when absent): each empty or an amount, or the record is the general reader's. */
let iLater0: i32 = -1;
let iLater1: i32 = -1;
/** The year column (-1 when absent): empty or a plain year (`yearFromBytes`), else the general reader's. */
let iYear: i32 = -1;
let dmy: bool = true;
let year: i32 = 0;
let asOf: i32 = 0;

/** After `run`: why it stopped, the records written, the rows it took, and how many were outside the period. */
export let stopped: i32 = DONE;
export let written: i32 = 0;
export let taken: i32 = 0;
export let outside: i32 = 0;
/** The row number of the last record taken (the caller sets it before `run`). */
export let row: i32 = 0;
/** After `run`: the records written that repeat the record written before them (see below). */
export let repeated: i32 = 0;

// The last record written since the chunk was loaded (`forget`): where it starts, its NIP halves
// and key hash. A record with the same NIP and hash whose bytes repeat it (the bytes from it up to
// this record, again from this record) has its bytes, so its cells and exact key: its offset's
// top bit says so (src/engine/fast/repeats.ts).
let prevValid = false;
let prevAt: usize = 0;
let prevHi: u32 = 0;
let prevLo: u32 = 0;
let prevKeyHi: u32 = 0;
let prevKeyLo: u32 = 0;

/** A new chunk is loaded: no record before the next one to compare it with. */
export function forget(): void {
  prevValid = false;
}

export function heapBase(): usize {
  return __heap_base;
}

export function headerAt(): usize {
  return HEADER;
}

export function configure(delimiter: u32, nip: i32, jp: i32, start: i32, end: i32, training: i32, fieldsNeeded: i32, dayFirst: bool, y: i32, asOfDate: i32, header: i32, later0: i32, later1: i32, yearField: i32): void {
  shape(delimiter, fieldsNeeded, header);
  iLater0 = later0;
  iLater1 = later1;
  iYear = yearField;
  iNip = nip;
  iJp = jp;
  iStart = start;
  iEnd = end;
  iTraining = training;
  dmy = dayFirst;
  year = y;
  asOf = asOfDate;
}

// The key hash's bits kept (`KEY_MASK` of src/engine/fast/dedup.ts): all, unless a test narrows them.
let keyMaskHi: u32 = 0xffffffff;
let keyMaskLo: u32 = 0xffffffff;

export function setKeyMask(hi: u32, lo: u32): void {
  keyMaskHi = hi;
  keyMaskLo = lo;
}

export function setRow(r: i32): void {
  row = r;
}

// ---- KeyHasher, word for word ----
let ha: u32 = 0;
let hb: u32 = 0;

@inline function word(k: u32): void {
  let m = k * 0xcc9e2d51;
  m = rotl<u32>(m, 15);
  let b = hb ^ (m * 0x1b873593);
  b = rotl<u32>(b, 13);
  hb = b * 5 + 0xe6546b64;
  const a = ha + k * 0x85ebca77;
  ha = rotl<u32>(a, 13) * 0x9e3779b1;
}

@inline function number(x: f64): void {
  const bits = reinterpret<u64>(x);
  word(<u32>bits);
  word(<u32>(bits >>> 32));
}

@inline function fmix(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >>> 16);
}

const SPACE_V = i8x16.splat(0x20);
const TAB_V = i8x16.splat(0x09);
const FIVE_V = i8x16.splat(5);

/** ASCII letters of four bytes in lower case (no byte above ASCII). */
@inline function lower4(w: u32): u32 {
  const upper = (w + 0x3f3f3f3f) & ~(w + 0x25252525) & 0x80808080;
  return w + (upper >>> 2);
}

/**
 * `folded` when folding changes nothing but the case: no space at either end, no two together,
 * no other white space, and no quote in a quoted field. Then the folded bytes are the field's in
 * lower case, hashed four at a time. False (nothing hashed) when the field is not like that.
 */
function foldedPlain(s: usize, e: usize, quoted: bool): bool {
  const len = <i32>(e - s);
  if (len == 0 || load<u8>(s) == 0x20 || load<u8>(e - 1) == 0x20) return false;
  let prevSpace: i32 = 0;
  for (let p = s; p < e; p += 16) {
    const v = v128.load(p);
    const rest = <i32>(e - p);
    const valid = rest >= 16 ? 0xffff : (1 << rest) - 1;
    const space = i8x16.bitmask(i8x16.eq(v, SPACE_V)) & valid;
    // 0x09..0x0d, and in a quoted field a quote (doubled ones would have to be undone).
    let other = i8x16.bitmask(i8x16.lt_u(i8x16.sub(v, TAB_V), FIVE_V));
    if (quoted) other |= i8x16.bitmask(i8x16.eq(v, QUOTE_V));
    if ((other & valid) != 0 || (space & ((space << 1) | prevSpace)) != 0) return false;
    prevSpace = (space >>> 15) & 1;
  }
  let p = s;
  for (; p + 4 <= e; p += 4) word(lower4(load<u32>(p)));
  const r = <u32>(e - p);
  if (r > 0) word(lower4(load<u32>(p) & ((1 << (r << 3)) - 1)));
  word(<u32>len | 0x80000000);
  return true;
}

/** `foldedAscii`: lower case, spaces at the ends dropped, inner runs as one; returns whether it was empty. */
function folded(s: usize, e: usize, quoted: bool): bool {
  if (foldedPlain(s, e, quoted)) return false;
  let pending = false;
  let started = false;
  let w: u32 = 0;
  let n: u32 = 0;
  let len: u32 = 0;
  for (let i = s; i < e; i++) {
    let c = <u32>load<u8>(i);
    if (c == 0x20 || c - 0x09 < 5) {
      if (started) pending = true;
      continue;
    }
    if (pending) {
      w |= 0x20 << (n << 3);
      len++;
      if (++n == 4) {
        word(w);
        w = 0;
        n = 0;
      }
      pending = false;
    }
    started = true;
    if (quoted && c == 0x22 && i + 1 < e && load<u8>(i + 1) == 0x22) i++;
    if (c - 0x41 < 26) c += 32;
    w |= c << (n << 3);
    len++;
    if (++n == 4) {
      word(w);
      w = 0;
      n = 0;
    }
  }
  if (n > 0) word(w);
  word(len | 0x80000000);
  return !started;
}

// ---- parsers: normalize/bytes.ts ----
@inline function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

@inline function num(s: usize, e: usize): i32 {
  let n = 0;
  for (let i = s; i < e; i++) n = n * 10 + (<i32>load<u8>(i) - 0x30);
  return n;
}

/** `civil`: yyyymmdd, or -1. */
@inline function civil(y: i32, m: i32, d: i32): i32 {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

/** `dateFromBytes`, -1 for undefined. */
function date(s: usize, e: usize): i32 {
  const len = e - s;
  if (len < 8 || len > 10) return -1;
  if (isDigit(load<u8>(s)) && isDigit(load<u8>(s + 1)) && isDigit(load<u8>(s + 2)) && isDigit(load<u8>(s + 3)) && load<u8>(s + 4) == 0x2d) {
    let i = s + 5;
    const m0 = i;
    while (i < e && isDigit(load<u8>(i))) i++;
    if (i - m0 < 1 || i - m0 > 2 || i >= e || load<u8>(i) != 0x2d) return -1;
    const m = num(m0, i);
    const d0 = ++i;
    while (i < e && isDigit(load<u8>(i))) i++;
    if (i != e || i - d0 < 1 || i - d0 > 2) return -1;
    return civil(num(s, s + 4), m, num(d0, e));
  }
  let i = s;
  while (i < e && isDigit(load<u8>(i))) i++;
  if (i >= e) return -1;
  const aLen = i - s;
  const sep = <u32>load<u8>(i);
  if (aLen < 1 || aLen > 2 || (sep != 0x2f && sep != 0x2d && sep != 0x2e)) return -1;
  const a = num(s, i);
  const b0 = ++i;
  while (i < e && isDigit(load<u8>(i))) i++;
  if (i - b0 < 1 || i - b0 > 2 || i >= e || <u32>load<u8>(i) != sep) return -1;
  const bb = num(b0, i);
  const y0 = ++i;
  while (i < e && isDigit(load<u8>(i))) i++;
  if (i != e || e - y0 != 4) return -1;
  const y = num(y0, e);
  return dmy ? civil(y, bb, a) : civil(y, a, bb);
}

/** `yearFromBytes` is defined: four digits, 1900-2099. */
function plainYear(s: usize, e: usize): bool {
  if (e - s != 4 || !isDigit(load<u8>(s)) || !isDigit(load<u8>(s + 1)) || !isDigit(load<u8>(s + 2)) || !isDigit(load<u8>(s + 3))) return false;
  const y = num(s, e);
  return y >= 1900 && y <= 2099;
}

/** `amountFromBytes` for up to 15 digits in all (more go the general way), -1 for undefined. */
function amount(s: usize, e: usize): f64 {
  let i = s;
  while (i < e && isDigit(load<u8>(i))) i++;
  const intLen = <i32>(i - s);
  if (intLen < 1 || intLen > 15) return -1;
  let value: i64 = 0;
  for (let k = s; k < i; k++) value = value * 10 + (<i64>load<u8>(k) - 0x30);
  if (i == e) return value > 0 ? <f64>value : -1;
  const c = load<u8>(i);
  if (c != 0x2e && c != 0x2c) return -1;
  const f0 = ++i;
  while (i < e && isDigit(load<u8>(i))) i++;
  const fLen = <i32>(i - f0);
  if (i != e || fLen < 1 || intLen + fLen > 15) return -1;
  for (let k = f0; k < e; k++) value = value * 10 + (<i64>load<u8>(k) - 0x30);
  // Below 10^15 the integer is exact, and so is its quotient by an exact power of ten: the same
  // double as JavaScript's `(int * 10 ** fLen + frac) / 10 ** fLen`.
  const x = <f64>value / load<f64>(POW10 + (<usize>fLen << 3));
  return x > 0 ? x : -1;
}

/**
 * Takes the records of bytes [from, n) of the chunk at `buf` (offsets from `buf`) and writes one
 * 40-byte record for each in the period to `out` (at most `cap`): NIP halves, key halves, row,
 * the record's offset, the name's offsets (u32 each, the end's top bit for a quoted name), then JP (f64). Returns the offset it
 * stopped at, and why in `stopped`.
 */
export function run(buf: usize, from: i32, n: i32, out: usize, cap: i32): i32 {
  let i = buf + <usize>from;
  const end = buf + <usize>n;
  written = 0;
  taken = 0;
  outside = 0;
  repeated = 0;
  while (i < end) {
    const why = record(i, end, iNip);
    if (why != GO) {
      stopped = why;
      return <i32>(i - buf);
    }
    const next = recordEnd;
    const hi = nipHi;
    const lo = nipLo;
    const jp = amount(fieldStart(iJp), fieldEnd(iJp));
    if (jp < 0) break;
    // An amount column the JP is not taken from: empty, or read as an amount; anything else is
    // a warning the general reader gives (`rowAmount`).
    if (iLater0 >= 0 && fieldEnd(iLater0) > fieldStart(iLater0) && amount(fieldStart(iLater0), fieldEnd(iLater0)) < 0) break;
    if (iLater1 >= 0 && fieldEnd(iLater1) > fieldStart(iLater1) && amount(fieldStart(iLater1), fieldEnd(iLater1)) < 0) break;
    if (iYear >= 0 && fieldEnd(iYear) > fieldStart(iYear) && !plainYear(fieldStart(iYear), fieldEnd(iYear))) break;
    const hasStart = iStart >= 0 && fieldEnd(iStart) > fieldStart(iStart);
    const hasEnd = iEnd >= 0 && fieldEnd(iEnd) > fieldStart(iEnd);
    if (!hasStart && !hasEnd) break;
    const sd = hasStart ? date(fieldStart(iStart), fieldEnd(iStart)) : 0;
    const ed = hasEnd ? date(fieldStart(iEnd), fieldEnd(iEnd)) : 0;
    if (sd < 0 || ed < 0) break;
    const s = hasStart ? sd : ed;
    const e = hasEnd ? ed : sd;
    if (e < s) break;

    row++;
    taken++;
    const at = i;
    i = <usize>next;
    if (e / 10000 != year || e > asOf) {
      outside++;
      continue;
    }
    ha = 0x165667b1;
    hb = 0x9747b28c;
    word(hi);
    word(lo);
    let nameStart: usize = buf;
    let nameEnd: usize = buf;
    let quotedName: u8 = 0;
    let empty = true;
    if (iTraining >= 0) {
      nameStart = fieldStart(iTraining);
      nameEnd = fieldEnd(iTraining);
      quotedName = load<u8>(QUOTED + iTraining);
      empty = folded(nameStart, nameEnd, quotedName == 1);
    } else folded(0, 0, false);
    number(<f64>s);
    number(<f64>e);
    if (empty) number(jp);
    const o = out + (<usize>written) * 40;
    const keyHi = fmix(ha ^ 0x2545f491) & keyMaskHi;
    const keyLo = fmix(hb) & keyMaskLo;
    let repeats: u32 = 0;
    if (prevValid && keyHi == prevKeyHi && keyLo == prevKeyLo && hi == prevHi && lo == prevLo) {
      const len = at - prevAt;
      if (len > 0 && at + len <= end && memory.compare(at, prevAt, len) == 0) {
        repeats = 1;
        repeated++;
      }
    }
    prevValid = true;
    prevAt = at;
    prevHi = hi;
    prevLo = lo;
    prevKeyHi = keyHi;
    prevKeyLo = keyLo;
    store<u32>(o, hi);
    store<u32>(o, lo, 4);
    store<u32>(o, keyHi, 8);
    store<u32>(o, keyLo, 12);
    store<i32>(o, row, 16);
    // The record's offset in the chunk, its top bit set when it repeats the record before.
    store<u32>(o, <u32>(at - buf) | (repeats << 31), 20);
    store<u32>(o, <u32>(nameStart - buf), 24);
    // The name's end, its top bit set when the name was quoted (its doubled quotes to undo).
    store<u32>(o, <u32>(nameEnd - buf) | (<u32>quotedName << 31), 28);
    store<f64>(o, jp, 32);
    written++;
    if (written == cap) {
      stopped = FULL;
      return <i32>(i - buf);
    }
  }
  // Left the loop by `break`: the record at `i` is not plain.
  stopped = i < end ? OTHER : DONE;
  return <i32>(i - buf);
}

/**
 * The `n` records `run` wrote at `out`, sorted by partition (`partOf`; stable) to `sorted` in the
 * layout of the kept records (src/engine/fast/partitions.ts: NIP halves, key halves, file, row, JP, and
 * the record's byte offset in its file, `base` plus its offset in the chunk; 40 bytes), so that
 * JavaScript copies each partition's records at once (`Partitions.addSorted`). At `starts`, 257
 * u32: where each partition's records start, then the end; `next` is 256 u32 of scratch.
 */
export function partition(out: usize, n: i32, file: u32, base: f64, sorted: usize, starts: usize, next: usize): void {
  memory.fill(starts, 0, 257 * 4);
  for (let k = 0; k < n; k++) {
    const r = out + <usize>k * 40;
    const s = starts + ((<usize>partOf(load<u32>(r), load<u32>(r, 4)) + 1) << 2);
    store<u32>(s, load<u32>(s) + 1);
  }
  countsToStarts(starts, next);
  for (let k = 0; k < n; k++) {
    const r = out + <usize>k * 40;
    const hi = load<u32>(r);
    const lo = load<u32>(r, 4);
    const x = next + (<usize>partOf(hi, lo) << 2);
    const j = load<u32>(x);
    store<u32>(x, j + 1);
    const d = sorted + <usize>j * 40;
    store<u32>(d, hi);
    store<u32>(d, lo, 4);
    store<u64>(d, load<u64>(r, 8), 8);
    store<u32>(d, file, 16);
    store<u32>(d, load<u32>(r, 16), 20);
    store<f64>(d, load<f64>(r, 32), 24);
    store<f64>(d, base + <f64>(load<u32>(r, 20) & 0x7fffffff), 32);
  }
}
