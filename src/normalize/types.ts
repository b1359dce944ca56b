/** The employee types the policy knows. */
export const EMPLOYEE_TYPES = ['PNS', 'PPPK', 'CPNS'] as const;
export type EmployeeType = (typeof EMPLOYEE_TYPES)[number];

const PHRASES: ReadonlyArray<[RegExp, EmployeeType]> = [
  [/^calon pegawai negeri sipil\b/, 'CPNS'],
  [/^calon pns\b/, 'CPNS'],
  [/^pegawai pemerintah dengan perjanjian kerja\b/, 'PPPK'],
  [/^pegawai negeri sipil\b/, 'PNS'],
];

const LEADING_WORD: ReadonlyMap<string, EmployeeType> = new Map([
  ['pns', 'PNS'],
  ['cpns', 'CPNS'],
  ['pppk', 'PPPK'],
  ['p3k', 'PPPK'],
]);

/**
 * Reads an employee type as SIASN and SIMPEG write it (`PNS Daerah`, `CPNS Daerah`,
 * `PPPK Paruh Waktu`, `Pegawai Pemerintah dengan Perjanjian Kerja`): the leading word decides.
 * `aliases` (from the config file) map other values, matched ignoring case and runs of spaces.
 */
export function parseEmployeeType(raw: unknown, aliases?: ReadonlyMap<string, EmployeeType>): EmployeeType | undefined {
  const s = (typeof raw === 'string' ? raw : raw == null ? '' : String(raw))
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  if (s === '') return undefined;
  // The config file's aliases (keys folded the same way) come first.
  const alias = aliases?.get(s);
  if (alias) return alias;
  for (const [re, type] of PHRASES) if (re.test(s)) return type;
  const word = /^[a-z0-9]+/.exec(s)?.[0];
  return word === undefined ? undefined : LEADING_WORD.get(word);
}
