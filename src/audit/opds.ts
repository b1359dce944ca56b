import { compareText } from './types.js';

/**
 * OPD names as offices write them: `Dinas Perhubungan`, `DINAS PERHUBUNGAN` and `dinas
 * perhubungan` are one OPD. Names are matched without regard to letter case and white space; the
 * report names each OPD by the spelling most of its employees have.
 */

/** The key OPD names are matched by: letters folded to lower case, white space left out. */
export function opdKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/gu, '');
}

/** An OPD written more than one way, and how many employees have each spelling (most first). */
export interface OpdVariants {
  opd: string;
  variants: Array<{ spelling: string; employees: number }>;
}

export interface OpdGroups {
  /** For each spelling (by its number), the name the report gives its OPD. */
  display: string[];
  /** For each spelling, the number of its OPD (into `names`). */
  groupOf: Uint32Array;
  /** Each OPD's name, by its number. */
  names: string[];
  /** The OPDs written more than one way. */
  variants: OpdVariants[];
}

/**
 * Groups spellings (`spellings[k]`, with `employees[k]` employees each) into OPDs by `opdKey`.
 * Each OPD is named by its most frequent spelling; on a tie, one in mixed case (as a letter
 * writes it) before one in capitals, then the first in `compareText` order: the choice depends on
 * the counts alone, never on the order rows were read in (the fast and general readers agree).
 */
export function groupOpds(spellings: readonly string[], employees: ArrayLike<number>): OpdGroups {
  const byKey = new Map<string, number[]>();
  for (let k = 0; k < spellings.length; k++) {
    const key = opdKey(spellings[k]!);
    const list = byKey.get(key);
    if (list) list.push(k);
    else byKey.set(key, [k]);
  }
  const mixed = (s: string) => (s !== s.toUpperCase() && s !== s.toLowerCase() ? 0 : 1);
  const display = new Array<string>(spellings.length);
  const groupOf = new Uint32Array(spellings.length);
  const names: string[] = [];
  const variants: OpdVariants[] = [];
  for (const list of byKey.values()) {
    // Spellings of nobody (asked for, then the row was a repeated NIP) neither name nor count.
    const used = list.filter((k) => employees[k]! > 0);
    const ranked = (used.length ? used : list).sort((a, b) => employees[b]! - employees[a]! || mixed(spellings[a]!) - mixed(spellings[b]!) || compareText(spellings[a]!, spellings[b]!));
    const name = spellings[ranked[0]!]!;
    const g = names.length;
    names.push(name);
    for (const k of list) {
      display[k] = name;
      groupOf[k] = g;
    }
    if (used.length > 1) variants.push({ opd: name, variants: ranked.map((k) => ({ spelling: spellings[k]!, employees: employees[k]! })) });
  }
  variants.sort((a, b) => compareText(a.opd, b.opd));
  return { display, groupOf, names, variants };
}
