export type JpResult = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-a-number' | 'zero' | 'negative' };

const DECIMAL = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

/**
 * Reads a JP amount: `2,5` and `2.5` are both two and a half; a trailing `JP` unit is allowed.
 * `allowZero` is for yearly totals, where 0 is a real value; a training of 0 JP is not.
 */
export function parseJp(raw: unknown, allowZero = false): JpResult {
  let n: number;
  if (typeof raw === 'number') {
    n = raw;
    if (!Number.isFinite(n)) return { ok: false, reason: 'not-a-number' };
  } else {
    const s = (typeof raw === 'string' ? raw : raw == null ? '' : String(raw))
      .trim()
      .replace(/\s*jp$/i, '');
    if (s === '') return { ok: false, reason: 'empty' };
    const m = DECIMAL.exec(s);
    if (!m) return { ok: false, reason: 'not-a-number' };
    n = Number(`${m[1]}${m[2]}.${m[3] ?? '0'}`);
  }
  if (n < 0) return { ok: false, reason: 'negative' };
  if (n === 0 && !allowZero) return { ok: false, reason: 'zero' };
  return { ok: true, value: n };
}

/** Rounds a JP sum for display and comparison, so 0.1 + 0.2 JP compares as 0.3. */
export function roundJp(n: number): number {
  return Math.round(n * 1000) / 1000;
}
