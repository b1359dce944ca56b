/**
 * Neutralises a cell that a spreadsheet would run as a formula (OWASP CSV injection): one that
 * starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe.
 */
export function safeCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
