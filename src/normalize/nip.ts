/** Result of reading a NIP cell: the canonical 18-digit string, or why it was refused. */
export type NipResult =
  | { ok: true; nip: string }
  | { ok: false; code: 'invalid-nip' | 'nip-excel-mangled' | 'missing-value'; reason: NipProblem };

export type NipProblem =
  | 'empty'
  | 'scientific'
  | 'numeric-cell'
  | 'zeroed-tail'
  | 'length'
  | 'characters'
  | 'birth-date';

const SCIENTIFIC = /^[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+$/;

/**
 * Reads a NIP / NI PPPK as real exports carry it: plain, with Excel's leading apostrophe, or spaced
 * (`19850315 201001 1 001`). Numbers that Excel made of the column cannot be recovered and are
 * reported as `nip-excel-mangled`.
 */
export function parseNip(raw: unknown): NipResult {
  if (typeof raw === 'number' || typeof raw === 'bigint') {
    // Every 18-digit number is beyond 2^53: a numeric cell has already lost its last digits.
    return { ok: false, code: 'nip-excel-mangled', reason: 'numeric-cell' };
  }
  // Eighteen plain digits (most cells) have nothing to trim, unmark or unspace: straight to the checks.
  if (typeof raw === 'string' && raw.length === 18 && allDigits(raw)) return checkDigits(raw);
  let s = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  s = s.trim();
  if (s.startsWith("'")) s = s.slice(1);
  s = s.replace(/[\s\u00a0]+/g, '');
  if (s === '') return { ok: false, code: 'missing-value', reason: 'empty' };
  if (SCIENTIFIC.test(s)) return { ok: false, code: 'nip-excel-mangled', reason: 'scientific' };
  if (!/^[0-9]+$/.test(s)) return { ok: false, code: 'invalid-nip', reason: 'characters' };
  if (s.length !== 18) return { ok: false, code: 'invalid-nip', reason: 'length' };
  return checkDigits(s);
}

/** The checks of an 18-digit NIP, once its cell is reduced to the digits. */
function checkDigits(s: string): NipResult {
  // Excel keeps 15 significant digits; the serial (last three digits) starts at 001, so 000 is Excel's.
  if (s.endsWith('000')) return { ok: false, code: 'nip-excel-mangled', reason: 'zeroed-tail' };
  if (!isBirthDate(s)) return { ok: false, code: 'invalid-nip', reason: 'birth-date' };
  return { ok: true, nip: s };
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether the first eight digits of `nip` (all digits) are a birth date, 1900-2099. */
function isBirthDate(nip: string): boolean {
  const y = digitsAt(nip, 0, 4);
  const m = digitsAt(nip, 4, 6);
  const d = digitsAt(nip, 6, 8);
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** The number that the digits `s[from..to)` write (all digits), without a substring. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 0x30);
  return n;
}

/**
 * Half of a valid NIP as a number: its first nine digits (`from` 0) or its last nine (`from` 9),
 * as `NipTable.split` gives them, without the substrings.
 */
export function nipHalf(nip: string, from: 0 | 9): number {
  return digitsAt(nip, from, from + 9);
}

/** Days in month `m` (1-12) of year `y`, Gregorian. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
