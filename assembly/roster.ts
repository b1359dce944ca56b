// The roster kernel: the byte scanner's common case for a roster CSV in WebAssembly (AssemblyScript).
//
// It reads the complete records of a chunk of a roster CSV that are plainly valid ASCII and does
// for each what `readStaffFast` (src/engine/fast/fastpath.ts) does in JavaScript before adding the employee:
// the NIP as two halves, the type word, where the name and the OPD are, whether each is its text
// exactly, and the OPD's hash (`OpdBytes`). It stops at the first record it does not take plainly
// (quotes around a line end, a lone CR, a byte above ASCII, too few fields, a NIP or type that is
// not plain, an OPD that is not its text exactly, a header repeated), and the JavaScript reader
// takes that record the general way, so every row ends as it would without the kernel. The
// differential tests in test/fastpath.test.ts hold the two to the same audit.
//
// Memory is laid out by the caller (src/engine/fast/kernel.ts) past `__heap_base`; no allocator is used.
// Records are split as the training kernel splits them (assembly/records.ts).

import { DONE, fieldEnd, fieldStart, FULL, GO, HEADER, nipHi, nipLo, OTHER, QUOTED, record, recordEnd, shape } from './records';


let iNip: i32 = 0;
let iType: i32 = 0;
let iOpd: i32 = 0;
let iName: i32 = -1;

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
  shape(delimiter, fieldsNeeded, header);
  iNip = nip;
  iType = type;
  iOpd = opd;
  iName = name;
}

export function setRow(r: i32): void {
  row = r;
}

/**
 * Are the bytes [s, e) the field's text exactly (what `cellText` gives): not empty, no space at
 * either end, no control character, no two spaces in a row, and no quote (a quoted field's
 * doubled quotes would have to be undone)? `plainBytes` in src/engine/fast/fastpath.ts, quotes aside.
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
    const why = record(i, end, iNip);
    if (why != GO) {
      stopped = why;
      return <i32>(i - buf);
    }
    const next = recordEnd;
    const hi = nipHi;
    const lo = nipLo;
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
