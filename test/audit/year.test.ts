import { describe, expect, it } from 'vitest';
import { chooseYear, mostOutside } from '../../src/audit/year.js';

describe('the year audited without --year (chooseYear)', () => {
  it.each([
    ['most records end in one year', [[2025, 812], [2026, 3], [2024, 15]], 2026, { year: 2025, reason: 'most-records', inYear: 812, dated: 830 }],
    ['a tie: the later year', [[2024, 5], [2025, 5]], 2026, { year: 2025, reason: 'tie', inYear: 5, dated: 10 }],
    ['a tie below a larger count is no tie', [[2023, 5], [2024, 5], [2025, 9]], 2026, { year: 2025, reason: 'most-records', inYear: 9, dated: 19 }],
    ['no dated record: the current year', [], 2026, { year: 2026, reason: 'no-dated-records', inYear: 0, dated: 0 }],
    ['records after the current year do not choose', [[2027, 50], [2026, 2]], 2026, { year: 2026, reason: 'most-records', inYear: 2, dated: 52 }],
    ['only records after the current year: the current year', [[2027, 50]], 2026, { year: 2026, reason: 'only-future-records', inYear: 0, dated: 50 }],
  ] as const)('%s', (_, counts, current, want) => {
    expect(chooseYear(new Map(counts as ReadonlyArray<[number, number]>), current)).toEqual(want);
  });
});

describe('most records outside the audited period (mostOutside)', () => {
  it.each([
    [0, 0, false],
    [5, 10, false],
    [6, 10, true],
    [1, 1, true],
  ])('%i of %i outside: %s', (outside, dated, want) => {
    expect(mostOutside(outside, dated)).toBe(want);
  });
});
