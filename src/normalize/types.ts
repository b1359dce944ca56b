/** The employee types the policy knows. */
export const EMPLOYEE_TYPES = ['PNS', 'PPPK', 'CPNS'] as const;
export type EmployeeType = (typeof EMPLOYEE_TYPES)[number];

/** A type label read: its one type, or why it has none. */
export type TypeLabel = { ok: true; type: EmployeeType } | { ok: false; reason: 'empty' | 'unknown' | 'ambiguous' };

/**
 * Phrases that name a type, longest first so that `calon pegawai negeri sipil` is not read as
 * `pegawai negeri sipil`; each is taken out of the label once found.
 */
const PHRASES: ReadonlyArray<[RegExp, EmployeeType]> = [
  [/\bcalon pegawai negeri sipil\b/g, 'CPNS'],
  [/\bpegawai pemerintah dengan perjanjian kerja\b/g, 'PPPK'],
  [/\bpegawai negeri sipil\b/g, 'PNS'],
  [/\bcalon pns\b/g, 'CPNS'],
];

const WORDS: ReadonlyMap<string, EmployeeType> = new Map([
  ['pns', 'PNS'],
  ['cpns', 'CPNS'],
  ['pppk', 'PPPK'],
  ['p3k', 'PPPK'],
]);

/** Words that deny the type word after them: `Non PNS`, `Bukan ASN`, `Eks PNS`. */
const NEGATIONS = new Set(['non', 'bukan', 'eks', 'ex', 'mantan']);

/** Folds a label as the config file's aliases are folded: lower case, runs of spaces as one. */
export function foldLabel(raw: unknown): string {
  return (typeof raw === 'string' ? raw : raw == null ? '' : String(raw))
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/**
 * Reads an employee type label as SIASN, SIMPEG and OPD sheets write it: `PNS Daerah`, `CPNS
 * DAERAH`, `PPPK Paruh Waktu`, `Pegawai Pemerintah dengan Perjanjian Kerja`, or a position first
 * (`PELAKSANA - PNS`, `Administrator / PNS`, `JF - PPPK PENUH WAKTU`): the one type word the label
 * holds decides. A label with none (`ASN`, `Honorer`, `Non PNS`) is unknown; one with two types
 * (`PNS/PPPK`) is ambiguous. `aliases` (from the config file) map whole labels first.
 */
export function parseEmployeeType(raw: unknown, aliases?: ReadonlyMap<string, EmployeeType>): TypeLabel {
  let s = foldLabel(raw);
  if (s === '') return { ok: false, reason: 'empty' };
  const alias = aliases?.get(s);
  if (alias) return { ok: true, type: alias };
  const found = new Set<EmployeeType>();
  let negated = false;
  for (const [re, type] of PHRASES) {
    s = s.replace(re, (_m, offset: number) => {
      if (NEGATIONS.has(lastWord(s.slice(0, offset)))) negated = true;
      else found.add(type);
      return ' ';
    });
  }
  const words = s.split(/[^a-z0-9]+/).filter(Boolean);
  words.forEach((w, i) => {
    const type = WORDS.get(w);
    if (type === undefined) return;
    if (i > 0 && NEGATIONS.has(words[i - 1]!)) negated = true;
    else found.add(type);
  });
  if (found.size === 1) return negated ? { ok: false, reason: 'ambiguous' } : { ok: true, type: [...found][0]! };
  return { ok: false, reason: found.size === 0 ? 'unknown' : 'ambiguous' };
}

function lastWord(s: string): string {
  return /([a-z0-9]+)[^a-z0-9]*$/.exec(s)?.[1] ?? '';
}
