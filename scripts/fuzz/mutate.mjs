// Seeded mutations of input files: the fuzzer's half that decides what an input is. Everything
// here is a pure function of the seed, so a failing seed remakes its input exactly.
import { inflateRawSync } from 'node:zlib';
// Mutated parts are zipped again with honest sizes and CRCs: the reader then meets the damage inside.
import { zip } from '../lib/zip.mjs';

/** mulberry32: a small seeded PRNG, enough to pick mutations (not for anything secret). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

/**
 * Byte strings that matter to the readers: separators, quotes and line ends, a byte order mark,
 * bytes that are not UTF-8, NUL, the junk the issue names (in amount columns: `x`, `0`, `-45`,
 * `90 menit`), numbers Excel broke, formula text, and XML that an .xlsx part may hold.
 */
const TOKENS = [
  '"', '""', ',', ';', '\t', '|', '\n', '\r', '\r\n', '\ufeff', '\u0000', 'é', '’', '€', '\u2028',
  'x', '0', '-45', '90 menit', '2,5', '2.5', ' ', '  ', '-', '1e400', 'NaN', '99999999999999999999',
  '1.98503E+17', '198503152010011000', '198503152010011001', '19850315 201001 1 001', "'198503152010011001",
  '=1+1', '+1', '@x', '31/02/2025', '2025-13-01', '45700', '7 Juli 2025', '1 Maret 2025', '29/02/2024', '00/00/0000',
  'NIP', 'JP', 'Durasi (menit)', 'Jam', 'Tanggal Selesai', 'Jenis Pegawai', 'Unit Kerja', 'PNS', 'PPPK', 'CPNS',
  '__proto__', 'constructor', '<', '>', '&amp;', '&#0;', '&#xD800;', ']]>', '<![CDATA[', '<c r="A1" t="s"><v>99999</v></c>',
  '<c t="inlineStr"><is><t>x</t></is></c>', '<row>', '</row>', 't="d"', 't="e"', 't="b"', 't="str"', 'r="XFD1048576"',
  'date1904="1"', '<f>A1</f>', 's="9999"', '<v></v>', '<v>1e308</v>', '<v>-1</v>',
].map((s) => Buffer.from(s, 'utf8'));
const RAW = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0x80])];

/** A chunk to insert: a token, raw bytes, a piece of the input itself, or a long run (big fields). */
function chunk(r, data) {
  const k = r.int(10);
  if (k < 5) return r.pick(TOKENS);
  if (k < 6) return r.pick(RAW);
  if (k < 8 && data.length > 0) {
    const a = r.int(data.length);
    return data.subarray(a, a + 1 + r.int(Math.min(256, data.length - a)));
  }
  if (k < 9) return Buffer.from(Array.from({ length: 1 + r.int(16) }, () => r.int(256)));
  // A long run: a field of many bytes, or many fields (separators), to reach size limits.
  const unit = r.pick([Buffer.from('a'), Buffer.from(','), Buffer.from(';'), Buffer.from('"'), Buffer.from('\n'), Buffer.from('é')]);
  return Buffer.alloc(unit.length * (1 + r.int(r.chance(0.1) ? 1 << 16 : 512)), unit);
}

export const KINDS = ['flip', 'insert', 'delete', 'truncate', 'duplicate', 'replace'];

/** One mutation of `data` (a Buffer), chosen by `r`; returns the new bytes and what was done. */
export function mutateOnce(r, data) {
  const kind = r.pick(KINDS);
  const n = data.length;
  const at = r.int(n + 1);
  switch (kind) {
    case 'flip': {
      const out = Buffer.from(data);
      const flips = 1 + r.int(4);
      for (let k = 0; k < flips && n > 0; k++) out[r.int(n)] ^= 1 << r.int(8);
      return { data: out, what: `flip ${flips}` };
    }
    case 'insert': {
      const c = chunk(r, data);
      return { data: Buffer.concat([data.subarray(0, at), c, data.subarray(at)]), what: `insert ${c.length}@${at}` };
    }
    case 'delete': {
      const len = 1 + r.int(Math.max(1, Math.min(64, n - at)));
      return { data: Buffer.concat([data.subarray(0, at), data.subarray(at + len)]), what: `delete ${len}@${at}` };
    }
    case 'truncate':
      return { data: data.subarray(0, at), what: `truncate @${at}` };
    case 'duplicate': {
      const len = 1 + r.int(Math.max(1, Math.min(512, n - at)));
      const to = r.int(n + 1);
      const piece = data.subarray(at, at + len);
      const times = r.chance(0.1) ? 2 + r.int(200) : 1;
      const pieces = Array.from({ length: times }, () => piece);
      return { data: Buffer.concat([data.subarray(0, to), ...pieces, data.subarray(to)]), what: `duplicate ${len}x${times}@${at}->${to}` };
    }
    default: {
      const c = chunk(r, data);
      const len = Math.min(n - at, c.length);
      return { data: Buffer.concat([data.subarray(0, at), c, data.subarray(at + len)]), what: `replace ${len}@${at}` };
    }
  }
}

/** The entries of a zip (name, data inflated), or undefined when it cannot be taken apart. */
export function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  try {
    for (let k = 0; k < count; k++) {
      if (buf.readUInt32LE(p) !== 0x02014b50) return undefined;
      const method = buf.readUInt16LE(p + 10);
      const csize = buf.readUInt32LE(p + 20);
      const nlen = buf.readUInt16LE(p + 28);
      const xlen = buf.readUInt16LE(p + 30);
      const clen = buf.readUInt16LE(p + 32);
      const local = buf.readUInt32LE(p + 42);
      const name = buf.toString('utf8', p + 46, p + 46 + nlen);
      const lnlen = buf.readUInt16LE(local + 26);
      const lxlen = buf.readUInt16LE(local + 28);
      const body = buf.subarray(local + 30 + lnlen + lxlen, local + 30 + lnlen + lxlen + csize);
      const data = method === 8 ? inflateRawSync(body, { maxOutputLength: 64 << 20 }) : Buffer.from(body);
      out.push({ name, data });
      p += 46 + nlen + xlen + clen;
    }
  } catch {
    return undefined;
  }
  return out;
}

/**
 * A mutant of `data` for `seed`: 1 to 4 mutations of its bytes; for a zip, half the time of one
 * of its parts (a sheet, the shared strings, styles, the workbook) zipped again with honest sizes,
 * so the damage reaches the XML instead of stopping at the zip's checks.
 */
export function mutant(seed, data, isZip) {
  const r = prng(seed);
  const steps = [];
  if (isZip && r.chance(0.5)) {
    const entries = unzip(data);
    if (entries && entries.length > 0) {
      const xml = entries.filter((e) => /\.xml$/.test(e.name) && !e.name.startsWith('['));
      const target = r.pick(xml.length ? xml : entries);
      let part = target.data;
      const times = 1 + r.int(4);
      for (let k = 0; k < times; k++) {
        const m = mutateOnce(r, part);
        part = m.data;
        steps.push(`${target.name}: ${m.what}`);
      }
      const others = entries.map((e) => (e === target ? { name: e.name, data: part } : e));
      // Sometimes the parts in another order (a sheet last, after styles, as some writers store them).
      if (r.chance(0.2)) others.reverse();
      return { data: zip(others), steps };
    }
  }
  let out = data;
  const times = 1 + r.int(4);
  for (let k = 0; k < times; k++) {
    const m = mutateOnce(r, out);
    out = m.data;
    steps.push(m.what);
  }
  return { data: out, steps };
}
