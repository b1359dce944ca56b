/** Cell value to trimmed text; dates and numbers as their plain string. */
export function cellText(raw: unknown): string {
  if (raw == null) return '';
  if (typeof raw === 'string') return raw.replace(/[\s\u00a0]+/g, ' ').trim();
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw).trim();
}
