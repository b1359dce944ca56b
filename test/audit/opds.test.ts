import { describe, expect, it } from 'vitest';
import { groupOpds, opdKey } from '../../src/audit/opds.js';

describe('OPD names are matched without regard to case and spaces (opdKey)', () => {
  it.each([
    ['Dinas Perhubungan', 'DINAS PERHUBUNGAN'],
    ['Dinas Perhubungan', 'dinas  perhubungan'],
    ['Dinas Perhubungan', ' Dinas\u00a0Perhubungan '],
    ['Dinas Perhubungan', 'DinasPerhubungan'],
  ])('%j is %j', (a, b) => expect(opdKey(a)).toBe(opdKey(b)));

  it.each([
    ['Dinas Perhubungan', 'Dinas Perhubungan dan Pertanahan'],
    ['Dinas A', 'Dinas B'],
  ])('%j is not %j', (a, b) => expect(opdKey(a)).not.toBe(opdKey(b)));
});

describe('groupOpds: one OPD per key, named by its most frequent spelling', () => {
  it('names each OPD by the spelling most employees have, and lists the variants', () => {
    const g = groupOpds(['DINAS A', 'Dinas A', 'Dinas B', 'dinas a'], [1, 5, 2, 1]);
    expect(g.names).toEqual(['Dinas A', 'Dinas B']);
    expect(g.display).toEqual(['Dinas A', 'Dinas A', 'Dinas B', 'Dinas A']);
    expect([...g.groupOf]).toEqual([0, 0, 1, 0]);
    expect(g.variants).toEqual([{ opd: 'Dinas A', variants: [{ spelling: 'Dinas A', employees: 5 }, { spelling: 'DINAS A', employees: 1 }, { spelling: 'dinas a', employees: 1 }] }]);
  });

  it.each([
    // A tie: mixed case (as a letter writes it) before capitals or lower case, then text order.
    [['DINAS A', 'Dinas A'], [2, 2], 'Dinas A'],
    [['dinas a', 'DINAS A'], [1, 1], 'DINAS A'],
    [['Dinas a', 'Dinas A'], [1, 1], 'Dinas A'],
    // The order the spellings came in does not matter (the fast and general readers may differ).
    [['Dinas A', 'DINAS A'], [2, 2], 'Dinas A'],
  ] as const)('a tie in %j (%j) is named %j', (spellings, employees, name) => {
    expect(groupOpds(spellings, employees).names).toEqual([name]);
  });

  it('a spelling of nobody (its only row a repeated NIP) neither names nor counts as a variant', () => {
    const g = groupOpds(['DINAS A', 'Dinas A'], [0, 3]);
    expect(g.names).toEqual(['Dinas A']);
    expect(g.variants).toEqual([]);
  });
});
