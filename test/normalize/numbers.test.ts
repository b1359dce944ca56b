import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJp, roundJp } from '../../src/normalize/numbers.js';

describe('parseJp', () => {
  it.each([
    ['2', 2],
    ['2,5', 2.5],
    ['2.5', 2.5],
    [' 24 ', 24],
    ['647', 647],
    ['3 JP', 3],
    ['3jp', 3],
    [2.5, 2.5],
    [24, 24],
  ])('reads %j as %d', (raw, value) => {
    expect(parseJp(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    [null, 'empty'],
    ['dua', 'not-a-number'],
    ['2,5,1', 'not-a-number'],
    ['1.000,5', 'not-a-number'],
    ['0', 'zero'],
    ['0,0', 'zero'],
    [0, 'zero'],
    ['-4', 'negative'],
    [-4, 'negative'],
    [Number.NaN, 'not-a-number'],
  ])('rejects %j (%s)', (raw, reason) => {
    expect(parseJp(raw)).toEqual({ ok: false, reason });
  });

  it('allows 0 for yearly totals', () => {
    expect(parseJp('0', true)).toEqual({ ok: true, value: 0 });
  });

  it('rounds sums of decimals', () => {
    expect(roundJp(0.1 + 0.2)).toBe(0.3);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double()), (v) => void parseJp(v)));
  });
});
