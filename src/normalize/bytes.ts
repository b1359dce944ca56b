import { type CivilDate, civil, type DateOrder } from './dates.js';
import { daysInMonth } from './nip.js';

/**
 * Parsers over the bytes of a CSV field for the byte scanner. Each accepts only the plain forms
 * on which it gives exactly what its text counterpart (`parseNip`, `parseDate`, `parseJp`) gives,
 * and returns undefined for anything else, so the row goes through the general path and gets the
 * same value or the same finding.
 */

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/**
 * A plain 18-digit NIP with a valid birth date and a serial other than 000, as its two halves
 * (first and last nine digits, see `NipTable`); -1 in `hi` when it is not plain.
 */
export function nipHalvesFromBytes(b: Uint8Array, s: number, e: number, out: { hi: number; lo: number }): boolean {
  if (e - s !== 18) return false;
  let hi = 0;
  for (let i = s; i < s + 9; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) return false;
    hi = hi * 10 + d;
  }
  let lo = 0;
  for (let i = s + 9; i < e; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) return false;
    lo = lo * 10 + d;
  }
  if (lo % 1000 === 0) return false;
  // Nine digits fit an int32, so `| 0` is the floor.
  const y = (hi / 100000) | 0;
  const m = ((hi / 1000) | 0) % 100;
  const day = ((hi / 10) | 0) % 100;
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return false;
  out.hi = hi;
  out.lo = lo;
  return true;
}

/** The NIP text of two halves. */
export function nipText(hi: number, lo: number): string {
  return String(hi).padStart(9, '0') + String(lo).padStart(9, '0');
}

function num(b: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) n = n * 10 + (b[i]! - 0x30);
  return n;
}

/** `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (one separator twice) or `yyyy-mm-dd`, nothing around it. */
export function dateFromBytes(b: Uint8Array, s: number, e: number, order: DateOrder): CivilDate | undefined {
  const len = e - s;
  if (len < 8 || len > 10) return undefined;
  // yyyy-mm-dd
  if (isDigit(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2]) && isDigit(b[s + 3]) && b[s + 4] === 0x2d) {
    let i = s + 5;
    const m0 = i;
    while (i < e && isDigit(b[i])) i++;
    if (i - m0 < 1 || i - m0 > 2 || b[i] !== 0x2d) return undefined;
    const m = num(b, m0, i);
    const d0 = ++i;
    while (i < e && isDigit(b[i])) i++;
    if (i !== e || i - d0 < 1 || i - d0 > 2) return undefined;
    return civil(num(b, s, s + 4), m, num(b, d0, e));
  }
  let i = s;
  while (i < e && isDigit(b[i])) i++;
  const aLen = i - s;
  const sep = b[i];
  if (aLen < 1 || aLen > 2 || (sep !== 0x2f && sep !== 0x2d && sep !== 0x2e)) return undefined;
  const a = num(b, s, i);
  const b0 = ++i;
  while (i < e && isDigit(b[i])) i++;
  if (i - b0 < 1 || i - b0 > 2 || b[i] !== sep) return undefined;
  const bb = num(b, b0, i);
  const y0 = ++i;
  while (i < e && isDigit(b[i])) i++;
  if (i !== e || e - y0 !== 4) return undefined;
  const y = num(b, y0, e);
  return order === 'dmy' ? civil(y, bb, a) : civil(y, a, bb);
}

/** A positive amount written `12`, `2.5` or `2,5`; undefined for 0 and every other form. */
export function amountFromBytes(b: Uint8Array, s: number, e: number): number | undefined {
  let i = s;
  while (i < e && isDigit(b[i])) i++;
  const intLen = i - s;
  if (intLen < 1 || intLen > 15) return undefined;
  let value = num(b, s, i);
  if (i < e) {
    if (b[i] !== 0x2e && b[i] !== 0x2c) return undefined;
    const f0 = ++i;
    while (i < e && isDigit(b[i])) i++;
    const fLen = i - f0;
    if (i !== e || fLen < 1 || fLen > 15) return undefined;
    // The integer over a power of ten rounds to the same double as Number("12.345").
    value = (value * 10 ** fLen + num(b, f0, e)) / 10 ** fLen;
    if (!Number.isSafeInteger(num(b, s, f0 - 1) * 10 ** fLen + num(b, f0, e))) return undefined;
  }
  return value > 0 ? value : undefined;
}

/**
 * `parseYear` from bytes, for four digits exactly (1900-2099); undefined for anything else, which
 * the general reader then reads.
 */
export function yearFromBytes(b: Uint8Array, s: number, e: number): number | undefined {
  if (e - s !== 4 || !isDigit(b[s]) || !isDigit(b[s + 1]) || !isDigit(b[s + 2]) || !isDigit(b[s + 3])) return undefined;
  const y = num(b, s, e);
  return y >= 1900 && y <= 2099 ? y : undefined;
}
