// The roster kernel: the byte scanner's common case for a roster CSV in WebAssembly (AssemblyScript).
//
// It reads the complete records of a chunk of a roster CSV that are plainly valid ASCII and does
// for each what `readStaffFast` (src/fastpath.ts) does in JavaScript before adding the employee:
// the NIP as two halves, the type word, where the name and the OPD are, whether each is its text
// exactly, and the OPD's hash (`OpdBytes`). It stops at the first record it does not take plainly
// (quotes around a line end, a lone CR, a byte above ASCII, too few fields, a NIP or type that is
// not plain, an OPD that is not its text exactly, a header repeated), and the JavaScript reader
// takes that record the general way, so every row ends as it would without the kernel. The
// differential tests in test/fastpath.test.ts hold the two to the same audit.
//
// Memory is laid out by the caller (src/io/kernel.ts) past `__heap_base`; no allocator is used.
// The splitting of records is the training kernel's (assembly/training.ts), for the roster's fields.

const DONE: i32 = 0; // every complete record of the chunk is taken; what is left is incomplete
const FULL: i32 = 1; // the output is full
const OTHER: i32 = 2; // the record at the returned offset is for the general reader

const MAX_FIELDS: i32 = 64;
const STARTS = memory.data(MAX_FIELDS * 4, 16);
const ENDS = memory.data(MAX_FIELDS * 4, 16);
const QUOTED = memory.data(MAX_FIELDS, 16);
/** The header's first cell, folded (see `mayBeHeader`). */
const HEADER = memory.data(64, 16);

let delim: u32 = 44;
const LF_V = i8x16.splat(0x0a);
const CR_V = i8x16.splat(0x0d);
const QUOTE_V = i8x16.splat(0x22);
let delimV: v128 = i8x16.splat(44);
let iNip: i32 = 0;
let iType: i32 = 0;
let iOpd: i32 = 0;
let iName: i32 = -1;
let need: i32 = 0;
let headerLen: i32 = 0;

/** After `run`: why it stopped, the records written (one a row taken), the last row number. */
export let stopped: i32 = DONE;
export let written: i32 = 0;
/** The row number of the last record taken (the caller sets it before `run`). */
export let row: i32 = 0;

export function heapBase(): usize {
  return __heap_base;
}

export function headerAt(): usize {
  return HEADER;
}

export function configure(delimiter: u32, nip: i32, type: i32, opd: i32, name: i32, fieldsNeeded: i32, header: i32): void {
  delim = delimiter;
  delimV = i8x16.splat(<i8>delimiter);
  iNip = nip;
  iType = type;
  iOpd = opd;
  iName = name;
  need = fieldsNeeded;
  headerLen = header;
}

export function setRow(r: i32): void {
  row = r;
}

@inline function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** `mayBeHeader`: the first field's ASCII letters and digits, folded, are the header's first cell. */
function mayBeHeader(): bool {
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

@inline function fieldStart(k: i32): usize {
  return <usize>load<i32>(STARTS + (k << 2));
}

@inline function fieldEnd(k: i32): usize {
  return <usize>load<i32>(ENDS + (k << 2));
}

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
 */
function split(i: usize, n: usize): isize {
  let count = 0;
  for (;;) {
    if (count == MAX_FIELDS) return -1;
    let start = i;
    let end = i;
    let quoted: u8 = 0;
    if (i < n && load<u8>(i) == 0x22) {
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
      if (i >= n) return 0;
      continue;
    }
    if (c == 0x0a) {
      if (count <= need) return -1;
      return i + 1;
    }
    if (c == 0x0d) {
      if (i + 1 >= n) return 0;
      if (load<u8>(i + 1) != 0x0a) return -1;
      if (count <= need) return -1;
      return i + 2;
    }
    return -1;
  }
}

/**
 * Are the bytes [s, e) the field's text exactly (what `cellText` gives): not empty, no space at
 * either end, no control character, no two spaces in a row, and no quote (a quoted field's
 * doubled quotes would have to be undone)? `plainBytes` in src/fastpath.ts, quotes aside.
 */
function plain(s: usize, e: usize): bool {
  if (e == s || load<u8>(s) == 0x20 || load<u8>(e - 1) == 0x20) return false;
  for (let i = s; i < e; i++) {
    const c = <u32>load<u8>(i);
    if (c < 0x20 || c == 0x22 || (c == 0x20 && load<u8>(i + 1) == 0x20)) return false;
  }
  return true;
}

/** `typeFromBytes`: 0 PNS, 1 PPPK (also P3K), 2 CPNS; -1 for anything else. */
function typeCode(s: usize, e: usize): i32 {
  const len = <i32>(e - s);
  if (len < 3 || len > 4) return -1;
  let w: u32 = 0;
  for (let i: i32 = 0; i < len; i++) {
    let c = <u32>load<u8>(s + i);
    if (c - 0x61 < 26) c -= 32;
    w |= c << (i << 3);
  }
  if (len == 3) {
    if (w == 0x534e50) return 0; // PNS
    if (w == 0x4b3350) return 1; // P3K
    return -1;
  }
  if (w == 0x4b505050) return 1; // PPPK
  if (w == 0x534e5043) return 2; // CPNS
  return -1;
}

/**
 * Takes the records of bytes [from, n) of the chunk at `buf` (offsets from `buf`) and writes one
 * 40-byte record for each to `out` (at most `cap`), ten u32: NIP halves, row, type code, the
 * name's start and end, the name's flags (1: quoted, 2: its bytes are its text), the OPD's start
 * and end (its bytes are its text), and the OPD's FNV-1a hash. Returns the offset it stopped at,
 * and why in `stopped`.
 */
export function run(buf: usize, from: i32, n: i32, out: usize, cap: i32): i32 {
  let i = buf + <usize>from;
  const end = buf + <usize>n;
  written = 0;
  while (i < end) {
    const next = split(i, end);
    if (next == 0) {
      stopped = DONE;
      return <i32>(i - buf);
    }
    if (next < 0 || mayBeHeader()) {
      stopped = OTHER;
      return <i32>(i - buf);
    }
    // The NIP: 18 digits, a birth date, a serial other than 000 (`nipHalvesFromBytes`).
    const ns = fieldStart(iNip);
    if (fieldEnd(iNip) - ns != 18) break;
    let hi: u32 = 0;
    let lo: u32 = 0;
    let bad: u32 = 0;
    for (let p = ns; p < ns + 9; p++) {
      const d = <u32>load<u8>(p) - 0x30;
      bad |= <u32>(d > 9);
      hi = hi * 10 + d;
    }
    for (let p = ns + 9; p < ns + 18; p++) {
      const d = <u32>load<u8>(p) - 0x30;
      bad |= <u32>(d > 9);
      lo = lo * 10 + d;
    }
    if (bad || lo % 1000 == 0) break;
    const by = <i32>(hi / 100000);
    const bm = <i32>(hi / 1000) % 100;
    const bd = <i32>(hi / 10) % 100;
    if (by < 1900 || by > 2099 || bm < 1 || bm > 12 || bd < 1 || bd > daysInMonth(by, bm)) break;
    const type = typeCode(fieldStart(iType), fieldEnd(iType));
    if (type < 0) break;
    const os = fieldStart(iOpd);
    const oe = fieldEnd(iOpd);
    if (!plain(os, oe)) break;
    let h: u32 = 0x811c9dc5;
    for (let p = os; p < oe; p++) h = (h ^ <u32>load<u8>(p)) * 0x01000193;
    let nameStart: usize = buf;
    let nameEnd: usize = buf;
    let nameFlags: u32 = 2;
    if (iName >= 0) {
      nameStart = fieldStart(iName);
      nameEnd = fieldEnd(iName);
      nameFlags = <u32>load<u8>(QUOTED + iName) | (plain(nameStart, nameEnd) ? 2 : 0);
    }
    row++;
    i = <usize>next;
    const o = out + (<usize>written) * 40;
    store<u32>(o, hi);
    store<u32>(o, lo, 4);
    store<i32>(o, row, 8);
    store<i32>(o, type, 12);
    store<u32>(o, <u32>(nameStart - buf), 16);
    store<u32>(o, <u32>(nameEnd - buf), 20);
    store<u32>(o, nameFlags, 24);
    store<u32>(o, <u32>(os - buf), 28);
    store<u32>(o, <u32>(oe - buf), 32);
    store<u32>(o, h, 36);
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
