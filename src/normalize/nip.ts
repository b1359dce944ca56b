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
  let s = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  s = s.trim();
  if (s.startsWith("'")) s = s.slice(1);
  s = s.replace(/[\s\u00a0]+/g, '');
  if (s === '') return { ok: false, code: 'missing-value', reason: 'empty' };
  if (SCIENTIFIC.test(s)) return { ok: false, code: 'nip-excel-mangled', reason: 'scientific' };
  if (!/^[0-9]+$/.test(s)) return { ok: false, code: 'invalid-nip', reason: 'characters' };
  if (s.length !== 18) return { ok: false, code: 'invalid-nip', reason: 'length' };
  // Excel keeps 15 significant digits; the serial (last three digits) starts at 001, so 000 is Excel's.
  if (s.endsWith('000')) return { ok: false, code: 'nip-excel-mangled', reason: 'zeroed-tail' };
  if (!isBirthDate(s.slice(0, 8))) return { ok: false, code: 'invalid-nip', reason: 'birth-date' };
  return { ok: true, nip: s };
}

function isBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** Days in month `m` (1-12) of year `y`, Gregorian. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
