import { createHash } from 'node:crypto';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_STEM = 80;

/**
 * A file name stem from an OPD name that is safe on every system: lower case ASCII letters, digits
 * and dashes (`Dinas Kesehatan` → `dinas-kesehatan`); never empty, never `..`, never a path, never
 * a name Windows reserves.
 */
export function slugify(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/, '');
  if (stem === '') return 'opd';
  return WINDOWS_RESERVED.test(stem) ? `${stem}-opd` : stem;
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 6);
}

/**
 * One file name per OPD, in the given order, with no two alike (case-insensitively, for Windows and
 * macOS): a clash gets a short suffix made from the OPD's full name, so it is stable between runs.
 * `reserved` holds names already taken (the overview file).
 */
export function opdFileNames(opds: readonly string[], ext: string, reserved: readonly string[] = []): Map<string, string> {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  const stems = new Map<string, number>();
  for (const opd of opds) stems.set(slugify(opd), (stems.get(slugify(opd)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const opd of opds) {
    const stem = slugify(opd);
    let name = stems.get(stem)! > 1 ? `${stem}-${shortHash(opd)}.${ext}` : `${stem}.${ext}`;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${stem}-${shortHash(`${opd}\u0000${i}`)}.${ext}`;
    taken.add(name.toLowerCase());
    out.set(opd, name);
  }
  return out;
}
