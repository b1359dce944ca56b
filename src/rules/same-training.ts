import type { Cell } from '../io/types.js';
import { cellText } from '../normalize/text.js';

/**
 * What makes two records the same training (docs/rules.md): the same NIP, the same name (case and
 * runs of spaces aside) and the same start and end dates; with no name, the same JP too: equal
 * `sameTrainingKey`s. The fast engine hashes the same fields (`KeyHasher` in `engine/fast/dedup.ts`).
 *
 * A record with no date (placed by its `Tahun`, or by `--undated-year`) has no dates to tell two
 * trainings of the same name apart (two `Pelatihan Teknis` of 32 JP from two organisers): it is the
 * same training as another only when its whole row is the same. This gives the text that stands for
 * its name in the key: the row's cells, joined by a character no cell holds once folded.
 */
function undatedKeyName(training: string, cells: readonly Cell[], headers: readonly string[]): string {
  // A row number (`No`, `ID`) differs on every row: it is left out, or no repeat would ever match.
  const kept = cells.filter((_, i) => !ROW_NUMBER.has((headers[i] ?? '').toLowerCase().replace(/[^a-z]/g, '')));
  return `${training}\u0001${kept.map((c) => cellText(c)).join('\u0001')}`;
}

const ROW_NUMBER = new Set(['no', 'nomor', 'nourut', 'id']);

/**
 * The record as the duplicate key sees it: a dated record as it is; an undated one with its whole
 * row standing for its name (`undatedKeyName`). Every reader hashes what this gives.
 */
export function keyedRecord<R extends { training: string; dated: boolean }>(record: R, cells: readonly Cell[], headers: readonly string[]): R {
  return record.dated ? record : { ...record, training: undatedKeyName(record.training, cells, headers) };
}

/** White space as the duplicate rule folds it (what `String.prototype.trim` drops, less U+0085). */
export function isFoldSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * A training name as the duplicate rule compares it: each character in lower case (one UTF-16 unit
 * at a time, as `String.prototype.toLowerCase` lowers it alone), white space at either end dropped
 * and each inner run of it one space. `Diklat  PIM`, ` diklat pim` and `DIKLAT PIM` are one name.
 */
export function foldTrainingName(s: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isFoldSpace(c)) {
      if (out !== '') pendingSpace = true;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += String.fromCharCode(c).toLowerCase();
  }
  return out;
}

/**
 * The exact key of the duplicate rule: two records are the same training when their keys are equal.
 * NIP, folded name, start and end; with no name, the JP too. The fast engine hashes the same fields
 * (`KeyHasher` in `engine/fast/dedup.ts`); `test/rules/same-training.test.ts` ties the two.
 */
export function sameTrainingKey(r: { nip: string; training: string; start: number; end: number; jp: number }): string {
  const name = foldTrainingName(r.training);
  const key = `${r.nip}\u0000${name}\u0000${r.start}\u0000${r.end}`;
  return name === '' ? `${key}\u0000${r.jp}` : key;
}
