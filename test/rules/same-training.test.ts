import { describe, expect, it } from 'vitest';
import { foldTrainingName, sameTrainingKey } from '../../src/rules/same-training.js';
import type { TrainingRecord } from '../../src/audit/types.js';

// The fast engine's hash is held to this rule in test/audit/dedup.test.ts (same key ⇔ same hash).
describe('foldTrainingName: case and runs of white space aside', () => {
  it.each<[string, string]>([
    ['Diklat PIM', 'diklat pim'],
    ['  DIKLAT   pim  ', 'diklat pim'],
    ['Diklat\tPIM\r\n', 'diklat pim'],
    ['Diklat\u00a0PIM', 'diklat pim'],
    ['Diklat\u3000\u2009PIM', 'diklat pim'],
    ['ÉTUDE Ⅳ', 'étude ⅳ'],
    ['', ''],
    ['   ', ''],
    ['a-b', 'a-b'],
    ['  Pelatihan   Kepemimpinan\t', 'pelatihan kepemimpinan'],
    ['PELATIHAN\u00a0\u00a0Kepemimpinan', 'pelatihan kepemimpinan'],
    ['\ufeffBimtek\u3000A\u205f', 'bimtek a'],
    ['Ölçme', 'ölçme'],
    // Each code unit on its own, as the hash folds it: a final sigma is not made of Σ.
    ['ΟΔΟΣ', 'οδοσ'],
  ])('%j folds to %j', (name, folded) => {
    expect(foldTrainingName(name)).toBe(folded);
  });
});

describe('sameTrainingKey: the duplicate rule', () => {
  const base: TrainingRecord = { nip: '198503152010011001', training: 'Diklat PIM', start: 20250301, end: 20250305, jp: 32 };
  it.each<[string, Partial<TrainingRecord>, boolean]>([
    ['the same record', {}, true],
    ['the name in capitals and with extra spaces', { training: ' DIKLAT  pim ' }, true],
    ['another JP for a named training (a data error, still one training)', { jp: 8 }, true],
    ['another NIP', { nip: '198503152010011002' }, false],
    ['another name', { training: 'Diklat PIM II' }, false],
    ['another start', { start: 20250302 }, false],
    ['another end', { end: 20250306 }, false],
  ])('%s: same training %s', (_, change, same) => {
    expect(sameTrainingKey({ ...base, ...change }) === sameTrainingKey(base)).toBe(same);
  });
  it('compares the JP only when the name is empty (blank or white space alike)', () => {
    const nameless = { ...base, training: '  ' };
    expect(sameTrainingKey({ ...nameless, jp: 32 })).toBe(sameTrainingKey(nameless));
    expect(sameTrainingKey({ ...nameless, jp: 8 })).not.toBe(sameTrainingKey(nameless));
    expect(sameTrainingKey({ ...nameless, training: '' })).toBe(sameTrainingKey(nameless));
  });
});
