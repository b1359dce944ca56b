import { describe, expect, it } from 'vitest';
import { rowAmount, unusedYear } from '../../src/normalize/amount.js';
import { yearFromBytes } from '../../src/normalize/bytes.js';
import { parseYear } from '../../src/normalize/year.js';
import { rowSchemas } from '../../src/schema/rows.js';

type Cells = { jp?: string | number; minutes?: string | number; hours?: string | number };

describe('rowAmount: which column gives a training row its JP', () => {
  // [cells, JP, from, unreadable cells it did not use]
  it.each<[Cells, number, string, Array<[string, string]>]>([
    [{ jp: '2' }, 2, 'jp', []],
    [{ jp: '2', minutes: '90', hours: '1,5' }, 2, 'jp', []],
    // Junk beside a JP: the row counts by its JP, each unreadable cell is returned to warn of.
    [{ jp: '2', minutes: 'x' }, 2, 'jp', [['minutes', 'not-a-number']]],
    [{ jp: '2', minutes: '0' }, 2, 'jp', [['minutes', 'zero']]],
    [{ jp: '2', minutes: '-45' }, 2, 'jp', [['minutes', 'negative']]],
    [{ jp: '2', minutes: '90 menit' }, 2, 'jp', [['minutes', 'not-a-number']]],
    [{ jp: '2', hours: 'x', minutes: '-45' }, 2, 'jp', [['minutes', 'negative'], ['hours', 'not-a-number']]],
    [{ jp: 3, hours: 0 }, 3, 'jp', [['hours', 'zero']]],
    // An empty JP cell: minutes, then hours, converted with minutesPerJp.
    [{ jp: '', minutes: '90' }, 2, 'minutes', []],
    [{ jp: ' ', minutes: '90', hours: 'x' }, 2, 'minutes', [['hours', 'not-a-number']]],
    [{ minutes: '', hours: '1,5' }, 2, 'hours', []],
    [{ hours: 3 }, 4, 'hours', []],
  ])('%j gives %d JP from %s', (cells, jp, from, unused) => {
    const r = rowAmount(cells, 45);
    expect(r).toEqual({ ok: true, jp, from, unused: unused.map(([field, reason]) => ({ field, reason, from })) });
  });

  // The deciding cell must be an amount: the row is rejected on it, never read from a later column.
  it.each<[Cells, string, string]>([
    [{}, 'jp', 'empty'],
    [{ jp: '', minutes: ' ', hours: '' }, 'jp', 'empty'],
    [{ jp: 'x', minutes: '90' }, 'jp', 'not-a-number'],
    [{ jp: '0' }, 'jp', 'zero'],
    [{ jp: '-2' }, 'jp', 'negative'],
    [{ jp: '', minutes: 'x', hours: '2' }, 'minutes', 'not-a-number'],
    [{ jp: '', minutes: '', hours: '-1' }, 'hours', 'negative'],
  ])('%j is rejected on %s (%s)', (cells, field, reason) => {
    expect(rowAmount(cells, 45)).toEqual({ ok: false, field, reason });
  });
});

describe('the training schema applies rowAmount', () => {
  const { training, attendance } = rowSchemas({ order: 'dmy', minutesPerJp: 45 });
  const row = { nip: '198503152010011001', training: 'Bimtek', start: '', end: '03/03/2025', year: '' };

  it('counts a row with junk beside its JP, and lists the junk', () => {
    const r = training.parse({ ...row, jp: '2', minutes: 'x', hours: '-45' });
    expect(r.jp).toBe(2);
    expect(r.unused).toEqual([
      { field: 'minutes', reason: 'not-a-number', from: 'jp' },
      { field: 'hours', reason: 'negative', from: 'jp' },
    ]);
    expect(attendance.parse({ nip: row.nip, phase: 'aktualisasi', start: '', end: '03/03/2025', jp: '2', minutes: '0' }).unused).toEqual([{ field: 'minutes', reason: 'zero', from: 'jp' }]);
  });

  it('rejects on the deciding column, with its field and reason', () => {
    const r = training.safeParse({ ...row, jp: '', minutes: '90 menit', hours: '2' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => (i as { params?: unknown }).params)).toEqual([{ finding: 'invalid-jp', reason: 'not-a-number', field: 'minutes' }]);
  });

  it('reports an empty amount as before: only when the rest of the row is valid', () => {
    const empty = training.safeParse({ ...row, jp: '', minutes: '' });
    expect(empty.error!.issues.map((i) => [i.path, i.message])).toEqual([[['jp'], 'invalid-jp']]);
    const badNip = training.safeParse({ ...row, nip: '123', jp: '', minutes: 'x' });
    expect(badNip.error!.issues.map((i) => i.message)).toEqual(['invalid-nip', 'invalid-jp']);
  });
});

describe('unusedYear: a dated row does not use its year cell', () => {
  it.each<[{ start?: string; end?: string; year?: string }, ReturnType<typeof unusedYear>]>([
    [{ end: '03/03/2025', year: 'x' }, { field: 'year', reason: 'year', from: 'end' }],
    [{ start: '03/03/2025', year: '25' }, { field: 'year', reason: 'year', from: 'start' }],
    [{ end: '03/03/2025', year: '2024' }, undefined],
    [{ end: '03/03/2025', year: '' }, undefined],
    // No date: the year is used (and its problems reject the row), not passed over.
    [{ end: '', year: 'x' }, undefined],
  ])('%j: %j', (cells, unused) => {
    expect(unusedYear(cells)).toEqual(unused);
  });

  it('reads a year from bytes only where parseYear reads the same year', () => {
    for (const text of ['2025', '1900', '2099', '1899', '2100', '2025,0', ' 2025', '25', 'x', '202a', '20250']) {
      const b = Buffer.from(text);
      const fast = yearFromBytes(b, 0, b.length);
      const slow = parseYear(text);
      if (fast !== undefined) expect(slow).toEqual({ ok: true, year: fast });
      else if (/^\d{4}$/.test(text)) expect(slow.ok).toBe(false);
    }
  });
});
