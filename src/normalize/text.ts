/** Cell value to trimmed text; dates and numbers as their plain string. */
export function cellText(raw: unknown): string {
  if (raw == null) return '';
  if (typeof raw === 'string') return isFolded(raw) ? raw : foldSpaces(raw);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw).trim();
}

/** The rule: every run of white space (NBSP too) one space, none at either end. */
export function foldSpaces(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Is `s` already as `foldSpaces` gives it? True only for printable ASCII with single inner
 * spaces, which most cells are (a NIP, a name, an OPD): they skip the regular expression.
 * Anything else (any other white space, any character past ASCII) takes the rule itself.
 */
function isFolded(s: string): boolean {
  const n = s.length;
  let prev = 0x20; // a space first would be trimmed
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && prev === 0x20)) return false;
    prev = c;
  }
  return prev !== 0x20 || n === 0;
}
