import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashRecord } from '../../src/engine/fast/dedup.js';
import { foldTrainingName, sameTrainingKey } from '../../src/rules/same-training.js';
import type { TrainingRecord } from '../../src/audit/types.js';

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
  it('compares the JP only when the name is empty', () => {
    const nameless = { ...base, training: '  ' };
    expect(sameTrainingKey({ ...nameless, jp: 32 })).toBe(sameTrainingKey(nameless));
    expect(sameTrainingKey({ ...nameless, jp: 8 })).not.toBe(sameTrainingKey(nameless));
  });
});

describe("the fast engine's hash of the duplicate key (KeyHasher) follows the rule", () => {
  // Names from a small alphabet with case, white space and non-ASCII, so that equal keys are common.
  const name = fc.array(fc.constantFrom('a', 'A', 'b', 'B', ' ', '  ', '\t', '\u00a0', 'é', 'É', 'ß', 'İ', 'Σ', '-', '1'), { maxLength: 6 }).map((a) => a.join(''));
  const record = fc.record({
    nip: fc.constantFrom('198503152010011001', '198503152010011002'),
    training: name,
    start: fc.constantFrom(20250101, 20250102),
    end: fc.constantFrom(20251231, 20260101),
    jp: fc.constantFrom(0, 2, 32, 0.5),
  });
  it('equal keys give equal hashes, and different keys different hashes', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const ha = hashRecord(a);
        const [ahi, alo] = [ha.hi, ha.lo];
        const hb = hashRecord(b);
        expect(ahi === hb.hi && alo === hb.lo).toBe(sameTrainingKey(a) === sameTrainingKey(b));
      }),
      { seed: 20261206, numRuns: 4000 },
    );
  });
});
