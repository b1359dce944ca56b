// The report kernel: the JSON report's employee items (see `jsonItems` in src/audit/employees.ts,
// which it replaces for ASCII names unless JP_AUDIT_KERNEL=js) written as bytes in WebAssembly.
//
// The caller (src/engine/fast/kernel.ts) gives, for each employee of a range (a slot), its NIP
// halves, type, OPD, record count and where its name's bytes are, the judgement's id and the JP in
// thousandths: this memory holds one range at a time, never a copy of the columns. Everything
// that depends on the policy or on JavaScript's number formatting (the judgement's fields, the
// OPD's JSON text) comes as fragments of bytes made by JavaScript once; this kernel copies them,
// writes NIP digits, JP and record counts, and escapes names as JSON.stringify does. An employee
// it cannot write (one with service dates or an exemption) stops it, and the caller writes that
// one in JavaScript. The JSON tests hold its text to JSON.stringify's, byte for byte.

let slotsAt: usize = 0; // SLOT u32 by position in the range: see SLOT_* below
let aidAt: usize = 0; // u32 judgement id by position in the range (OTHER: written by JavaScript)
let milliAt: usize = 0; // f64 JP in thousandths by position in the range
let fragAt: usize = 0; // fragment bytes
let fragEndsAt: usize = 0; // u32 end of each fragment in fragAt

// A slot: NIP's first and last nine digits, type, OPD, records, the name's start and end (addresses
// in this memory of its ASCII bytes).
const SLOT: usize = 7;
const SLOT_HI: usize = 0;
const SLOT_LO: usize = 1;
const SLOT_TYPE: usize = 2;
const SLOT_OPD: usize = 3;
const SLOT_RECORDS: usize = 4;
const SLOT_NAME_START: usize = 5;
const SLOT_NAME_END: usize = 6;

const OTHER: u32 = 0xffffffff;

/** After `write`: the bytes written, and the position it stopped at. */
export let written: i32 = 0;
export let stoppedAt: i32 = 0;

export function heapBase(): usize {
  return __heap_base;
}

export function layout(slots: usize, aid: usize, milli: usize, frag: usize, fragEnds: usize): void {
  slotsAt = slots;
  aidAt = aid;
  milliAt = milli;
  fragAt = frag;
  fragEndsAt = fragEnds;
}

/** Fragment `f` appended at `o`; returns the new end. */
@inline function frag(o: usize, f: u32): usize {
  const s = f == 0 ? 0 : load<u32>(fragEndsAt + ((<usize>f - 1) << 2));
  const e = load<u32>(fragEndsAt + (<usize>f << 2));
  memory.copy(o, fragAt + s, e - s);
  return o + e - s;
}

/** `n` (< 10^16) in decimal at `o`; returns the new end. */
function digits(o: usize, n: u64): usize {
  let len: usize = 1;
  for (let t = n; t >= 10; t /= 10) len++;
  let p = o + len;
  do {
    store<u8>(--p, <u8>(0x30 + n % 10));
    n /= 10;
  } while (n > 0);
  return o + len;
}

/** `n` padded to nine digits. */
@inline function nine(o: usize, n: u32): usize {
  for (let k: usize = 9; k > 0; k--) {
    store<u8>(o + k - 1, <u8>(0x30 + n % 10));
    n /= 10;
  }
  return o + 9;
}

const HEX = memory.data<u8>([0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66]);

/** An ASCII text as JSON.stringify writes it (quotes, backslashes and control characters escaped). */
function text(o: usize, s: usize, e: usize): usize {
  store<u8>(o++, 0x22);
  for (let i = s; i < e; i++) {
    const c = <u32>load<u8>(i);
    if (c >= 0x20 && c != 0x22 && c != 0x5c) {
      store<u8>(o++, <u8>c);
      continue;
    }
    store<u8>(o++, 0x5c);
    if (c == 0x22 || c == 0x5c) store<u8>(o++, <u8>c);
    else if (c == 0x08) store<u8>(o++, 0x62);
    else if (c == 0x0c) store<u8>(o++, 0x66);
    else if (c == 0x0a) store<u8>(o++, 0x6e);
    else if (c == 0x0d) store<u8>(o++, 0x72);
    else if (c == 0x09) store<u8>(o++, 0x74);
    else {
      store<u8>(o, 0x75);
      store<u8>(o + 1, 0x30);
      store<u8>(o + 2, 0x30);
      store<u8>(o + 3, load<u8>(HEX + (c >> 4)));
      store<u8>(o + 4, load<u8>(HEX + (c & 15)));
      o += 5;
    }
  }
  store<u8>(o++, 0x22);
  return o;
}

/**
 * Writes the items at positions [from, to) to `out` (at most `cap` bytes), separated by ",\n"
 * (the range's judgement ids and JPs are at its position minus `base`)
 * (`first`: no separator before the first). Fragments by id: 0 the item's start up to the NIP's
 * digits; 1 from there to the name; 2 the item's end (after the record count); 3 ",\n"; 4 + type
 * the type up to the OPD; 7 + opd the OPD's JSON and the JP's key; 7 + opds + aid a judgement's
 * fields up to the record count. Stops before an employee JavaScript must write (aid OTHER), or
 * when the next one may not fit; `stoppedAt` says where, `written` how many bytes.
 */
export function write(base: i32, from: i32, to: i32, first: bool, out: usize, cap: i32, opds: u32): void {
  let o = out;
  const end = out + <usize>cap;
  for (let k = from; k < to; k++) {
    const aid = load<u32>(aidAt + (<usize>(k - base) << 2));
    const slot = slotsAt + ((<usize>(k - base) * SLOT) << 2);
    const ns: usize = <usize>load<u32>(slot + (SLOT_NAME_START << 2));
    const ne: usize = <usize>load<u32>(slot + (SLOT_NAME_END << 2));
    const opd = load<u32>(slot + (SLOT_OPD << 2));
    // Room: the name escaped (6 bytes a character at most), the OPD's fragment, 1024 for the rest.
    const os = load<u32>(fragEndsAt + ((<usize>(6 + opd)) << 2));
    const oe = load<u32>(fragEndsAt + ((<usize>(7 + opd)) << 2));
    if (aid == OTHER || o + (ne - ns) * 6 + <usize>(oe - os) + 1024 > end) {
      written = <i32>(o - out);
      stoppedAt = k;
      return;
    }
    if (!first || k > from) o = frag(o, 3);
    o = frag(o, 0);
    o = nine(o, load<u32>(slot + (SLOT_HI << 2)));
    o = nine(o, load<u32>(slot + (SLOT_LO << 2)));
    o = frag(o, 1);
    o = text(o, ns, ne);
    o = frag(o, 4 + load<u32>(slot + (SLOT_TYPE << 2)));
    o = frag(o, 7 + opd);
    // JP from its thousandths: the shortest decimal, which is what Number#toString gives a JP
    // rounded to thousandths.
    const m = <u64>load<f64>(milliAt + (<usize>(k - base) << 3));
    o = digits(o, m / 1000);
    const f = <u32>(m % 1000);
    if (f != 0) {
      store<u8>(o++, 0x2e);
      store<u8>(o++, <u8>(0x30 + f / 100));
      if (f % 100 != 0) {
        store<u8>(o++, <u8>(0x30 + (f / 10) % 10));
        if (f % 10 != 0) store<u8>(o++, <u8>(0x30 + f % 10));
      }
    }
    o = frag(o, 7 + opds + aid);
    o = digits(o, <u64>load<u32>(slot + (SLOT_RECORDS << 2)));
    o = frag(o, 2);
  }
  written = <i32>(o - out);
  stoppedAt = to;
}
