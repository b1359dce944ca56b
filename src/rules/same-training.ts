import type { Cell } from '../io/types.js';
import { cellText, foldSpaces } from '../normalize/text.js';

/**
 * What makes two records the same training (docs/rules.md): the same NIP, the same name (case and
 * runs of spaces aside) and the same start and end dates; with no name, the same JP too. The
 * counters look keys up by a hash of them (`KeyHasher` in `engine/fast/dedup.ts`, which folds names the
 * way `foldTrainingName` does), and a hash match counts as the same training only once
 * `sameTrainingKey` of both records is equal.
 *
 * A record with no date (placed by its `Tahun`, or by `--undated-year`) has no dates to tell two
 * trainings of the same name apart (two `Pelatihan Teknis` of 32 JP from two organisers): it is the
 * same training as another only when its whole row is the same. This gives the text that stands for
 * its name in the key: the row's cells, joined by a character no cell holds once folded.
 */
function undatedKeyName(training: string, cells: readonly Cell[], headers: readonly string[]): string {
  // A row number (`No`, `ID`) differs on every row: it is left out, or no repeat would ever match.
  const kept = cells.filter((_, i) => !isRowNumber(headers[i]));
  return `${training}\u0001${kept.map((c) => cellText(c)).join('\u0001')}`;
}

const ROW_NUMBER = new Set(['no', 'nomor', 'nourut', 'id']);

/** Is this the header of a row number (`No`, `ID`), which the key of an undated record leaves out? */
export function isRowNumber(header: string | undefined): boolean {
  return ROW_NUMBER.has((header ?? '').toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * The record as the duplicate key sees it: a dated record as it is; an undated one with its whole
 * row standing for its name (`undatedKeyName`). Every reader hashes what this gives.
 */
export function keyedRecord<R extends { training: string; dated: boolean }>(record: R, cells: readonly Cell[], headers: readonly string[]): R {
  return record.dated ? record : { ...record, training: undatedKeyName(record.training, cells, headers) };
}

/**
 * A training name folded as the duplicate rule reads it: white space (JavaScript's `\s`) trimmed
 * and each inner run made one space, then each UTF-16 code unit in lower case on its own (as the
 * hash folds it, byte by byte, without building the string).
 */
export function foldTrainingName(name: string): string {
  const spaced = foldSpaces(name);
  if (/^[\x00-\x7f]*$/.test(spaced)) return spaced.toLowerCase();
  let out = '';
  for (let i = 0; i < spaced.length; i++) out += spaced[i]!.toLowerCase();
  return out;
}

/**
 * The exact duplicate key of a record (after `keyedRecord`): two records are the same training
 * exactly when their keys are equal. NIP, folded name, start and end; the JP too when the name is
 * empty.
 */
export function sameTrainingKey(r: { nip: string; training: string; start: number; end: number; jp: number }): string {
  const name = foldTrainingName(r.training);
  const key = `${r.nip}\u0000${name}\u0000${r.start}\u0000${r.end}`;
  return name === '' ? `${key}\u0000${r.jp}` : key;
}
