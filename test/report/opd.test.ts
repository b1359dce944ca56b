import { describe, expect, it } from 'vitest';
import { attentionFirst, opdAccount } from '../../src/report/opd.js';

describe('attentionFirst: how a per-OPD report lists its staff', () => {
  it.each([
    ['those short first, the largest shortfall first, the rest in their order', [['a', 'compliant', 0], ['b', 'non-compliant', 4], ['c', 'exempt', 0], ['d', 'non-compliant', 12], ['e', 'compliant', 0]], 'dbace'],
    ['at risk during the year counts as short; on track does not', [['a', 'on-track', 0], ['b', 'at-risk', 3], ['c', 'not-applicable', 0]], 'bac'],
    ['equal shortfalls keep their order (by NIP)', [['a', 'non-compliant', 5], ['b', 'non-compliant', 5], ['c', 'non-compliant', 5]], 'abc'],
    ['nobody', [], ''],
  ] as const)('%s', (_, rows, expected) => {
    const list = rows.map(([nip, status, shortfallJp]) => ({ nip, status, shortfallJp }));
    expect(attentionFirst(list).map((e) => e.nip).join('')).toBe(expected);
  });
});

describe('opdAccount', () => {
  it('counts its roster rows, the records counted for its staff, its JP and findings', () => {
    const employees = [{ records: 2 }, { records: 0 }, { records: 5 }] as never;
    expect(opdAccount({ employees, findings: [{}, {}] as never, summary: { totalJp: 41.5 } as never })).toEqual({ rosterRows: 3, recordsCounted: 7, totalJp: 41.5, findings: 2 });
  });
});
