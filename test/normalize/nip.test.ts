import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNip } from '../../src/normalize/nip.js';

describe('parseNip', () => {
  it.each([
    ['198503152010011001', '198503152010011001'],
    ["'198503152010011001", '198503152010011001'],
    ['19850315 201001 1 001', '198503152010011001'],
    ['  19850315\u00a0201001 1 001 ', '198503152010011001'],
    ['19660801 198803 1 001', '196608011988031001'],
    // NI PPPK: birth date, appointment year, digits that are not a month.
    ['200012312024211001', '200012312024211001'],
  ])('accepts %j as %s', (raw, nip) => {
    expect(parseNip(raw)).toEqual({ ok: true, nip });
  });

  it.each([
    ['1.98503E+17', 'nip-excel-mangled', 'scientific'],
    ['1,98503E+17', 'nip-excel-mangled', 'scientific'],
    ['1.98503152010011E+17', 'nip-excel-mangled', 'scientific'],
    ['198503152010011000', 'nip-excel-mangled', 'zeroed-tail'],
    [198503152010011000, 'nip-excel-mangled', 'numeric-cell'],
    ['', 'missing-value', 'empty'],
    [null, 'missing-value', 'empty'],
    ['19850315201001100', 'invalid-nip', 'length'],
    ['1985031520100110011', 'invalid-nip', 'length'],
    ['19850315-201001-1-001', 'invalid-nip', 'characters'],
    ['NIP198503152010011', 'invalid-nip', 'characters'],
    ['198513152010011001', 'invalid-nip', 'birth-date'],
    ['198502302010011001', 'invalid-nip', 'birth-date'],
    ['180001012010011001', 'invalid-nip', 'birth-date'],
  ])('rejects %j with %s (%s)', (raw, code, reason) => {
    expect(parseNip(raw)).toEqual({ ok: false, code, reason });
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parseNip('198802292010011001').ok).toBe(true);
    expect(parseNip('198702292010011001').ok).toBe(false);
  });

  it('never throws, whatever the cell', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.date(), fc.boolean()), (v) => {
        const r = parseNip(v);
        if (r.ok) expect(r.nip).toMatch(/^\d{18}$/);
      }),
    );
  });
});

describe('parseNip: eighteen plain digits take a shortcut to the checks', () => {
  it('gives what the full path gives (the same digits with a space or the Excel mark in front)', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }).map((d) => d.join(''));
    // Real NIPs too, so that accepted ones are compared, not only refusals.
    const nip = fc.oneof(digits, fc.constantFrom('198503152010011001', '200012312024211001', '196608011988031000', '202502302010011001', '190001012010011001'));
    fc.assert(
      fc.property(nip, (s) => {
        expect(parseNip(s)).toEqual(parseNip(` ${s}`));
        expect(parseNip(s)).toEqual(parseNip(`'${s}`));
      }),
      { numRuns: 3000, seed: 24 },
    );
  });
});

describe('nipHalf', () => {
  it('gives the halves NipTable.split gives (its first and last nine digits as numbers), for any valid NIP', async () => {
    const { NipTable } = await import('../../src/engine/fast/dedup.js');
    const { nipHalf } = await import('../../src/normalize/nip.js');
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.oneof(digits, fc.constantFrom('198503152010011001', '000000000000000001', '999999999999999999')), (nip) => {
        expect([nipHalf(nip, 0), nipHalf(nip, 9)]).toEqual(NipTable.split(nip));
        // The halves as numbers, nine digits each (split is made of nipHalf: this is the check).
        expect(NipTable.split(nip)).toEqual([Number(nip.slice(0, 9)), Number(nip.slice(9))]);
      }),
      { numRuns: 2000, seed: 24 },
    );
  });
});
