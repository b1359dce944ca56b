import { isAscii, isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Encoding, SourceInfo } from './types.js';

/** Length of the valid-so-far prefix of `buf` that ends on a UTF-8 character boundary. */
function completeUtf8Prefix(buf: Buffer): number {
  const n = buf.length;
  // Walk back over at most three continuation bytes to the lead byte of the last character.
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Does the sample look like UTF-16LE without a BOM (ASCII text with a zero high byte)? */
export function looksUtf16le(sample: Buffer): boolean {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return false;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  return zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.1;
}

/** iconv-lite, loaded the first time a Windows-1252 file is met (most exports are UTF-8). */
type Iconv = typeof import('iconv-lite');
let iconv: Iconv | undefined;
async function win1252(): Promise<Iconv> {
  if (iconv === undefined) {
    // A CommonJS module: its exports are the default export of the namespace.
    const m = (await import('iconv-lite')) as Iconv & { default?: Iconv };
    iconv = m.default ?? m;
  }
  return iconv;
}

/**
 * Turns a byte stream into text. Without `forced`, UTF-8 is assumed (with or without BOM), a
 * UTF-16LE BOM or UTF-16LE-looking bytes select UTF-16LE, and the first byte sequence that is not
 * UTF-8 switches to Windows-1252, which old SIMPEG exports use. The switch is safe because
 * everything before it was ASCII, the same in both. A file that mixes real UTF-8 with other bytes
 * stays UTF-8 with the bad bytes replaced, and `info.replacedBytes` says how many.
 */
export async function* decodeStream(
  bytes: AsyncIterable<Buffer | string>,
  info: SourceInfo,
  forced?: Encoding,
): AsyncGenerator<string> {
  let mode: Encoding | undefined = forced;
  let sawNonAscii = false;
  let carry: Buffer = Buffer.alloc(0);
  let utf16: StringDecoder | undefined;
  let first = true;
  // Enough bytes to see a BOM and judge UTF-16 before deciding anything.
  async function* withHead(): AsyncGenerator<Buffer> {
    const head: Buffer[] = [];
    let headBytes = 0;
    let started = false;
    for await (const chunk of bytes) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (started) {
        yield b;
        continue;
      }
      head.push(b);
      headBytes += b.length;
      if (headBytes >= 4096) {
        started = true;
        yield Buffer.concat(head);
      }
    }
    if (!started && headBytes > 0) yield Buffer.concat(head);
  }

  for await (const piece of withHead()) {
    let buf = piece;
    if (first) {
      first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        info.bom = true;
        mode ??= 'utf-8';
        buf = buf.subarray(3);
      } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
        info.bom = true;
        mode ??= 'utf-16le';
        buf = buf.subarray(2);
      } else if (mode === undefined && looksUtf16le(buf)) {
        mode = 'utf-16le';
      }
      info.encoding = mode ?? 'utf-8';
    }

    if (mode === 'utf-16le') {
      utf16 ??= new StringDecoder('utf16le');
      const s = utf16.write(buf);
      if (s) yield s;
      continue;
    }
    if (mode === 'windows-1252') {
      const s = (await win1252()).decode(buf, 'win1252');
      if (s) yield s;
      continue;
    }

    const data = carry.length ? Buffer.concat([carry, buf]) : buf;
    const cut = completeUtf8Prefix(data);
    const body = data.subarray(0, cut);
    carry = Buffer.from(data.subarray(cut));
    if (isUtf8(body)) {
      if (!sawNonAscii && !isAscii(body)) sawNonAscii = true;
      const s = body.toString('utf8');
      if (s) yield s;
      continue;
    }
    if (!sawNonAscii && !isAscii(body.subarray(0, validUtf8Prefix(body)))) sawNonAscii = true;
    if (!sawNonAscii && forced === undefined) {
      // Not UTF-8 and all before was ASCII: this is a single-byte export.
      mode = 'windows-1252';
      info.encoding = 'windows-1252';
      const s = (await win1252()).decode(data, 'win1252');
      carry = Buffer.alloc(0);
      if (s) yield s;
      continue;
    }
    const s = body.toString('utf8');
    info.replacedBytes = (info.replacedBytes ?? 0) + countReplacements(s);
    if (s) yield s;
  }
  if (mode === 'utf-16le' && utf16) {
    const s = utf16.end();
    if (s) yield s;
  } else if (carry.length) {
    // A file cut inside a character.
    if (mode === 'windows-1252') yield (await win1252()).decode(carry, 'win1252');
    else {
      info.replacedBytes = (info.replacedBytes ?? 0) + 1;
      yield carry.toString('utf8');
    }
  }
}

/** Length of the longest prefix of `buf` that is valid UTF-8 (only called on a chunk that is not). */
function validUtf8Prefix(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  // isUtf8 is native and fast: binary search for the first bad byte.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const end = completeUtf8Prefix(buf.subarray(0, mid));
    if (isUtf8(buf.subarray(0, end))) lo = mid;
    else hi = mid - 1;
  }
  return completeUtf8Prefix(buf.subarray(0, lo));
}

function countReplacements(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\ufffd'); i >= 0; i = s.indexOf('\ufffd', i + 1)) n++;
  return n;
}
