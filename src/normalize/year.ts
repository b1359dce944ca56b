import { cellText } from './text.js';

/** The year of an undated training record (`Tahun`, `tahunKursus`): four digits, 1900-2099 (`2025,0` as Excel may write it). */
export function parseYear(v: unknown): { ok: true; year: number } | { ok: false } {
  if (v instanceof Date) return { ok: false };
  const m = /^(\d{4})(?:[.,]0+)?$/.exec(cellText(v));
  const y = m ? Number(m[1]) : NaN;
  return y >= 1900 && y <= 2099 ? { ok: true, year: y } : { ok: false };
}
