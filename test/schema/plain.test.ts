import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/io/types.js';
import type { Field } from '../../src/normalize/header.js';
import type { Sheet } from '../../src/normalize/sheet.js';
import { plainTrainingColumns, plainTrainingRow } from '../../src/schema/plain.js';
import { rowSchemas } from '../../src/schema/rows.js';
import { Findings } from '../../src/audit/findings.js';
import { type InputAccount, validRow } from '../../src/ingest.js';

/** A sheet with these fields in these columns (only the mapping matters here). */
function sheetWith(fields: Field[]): Sheet {
  return { info: { file: 'diklat.xlsx' }, mapping: { columns: new Map(fields.map((f, i) => [f, { index: i, header: f }])), headers: fields } } as unknown as Sheet;
}

const nip = fc.oneof(
  fc.constantFrom<Cell>('198503152010011002', "'199001012015032002", '19850315 201001 1 001', '1.98503E+17', '198503152010011000', '12345', '', null, 198503152010011000, '200012312024211001'),
  fc.string({ maxLength: 20 }),
);
const date = fc.oneof(
  fc.constantFrom<Cell>('01/03/2025', '2025-03-01', '45717', ' 45717', '45717.5', '7 Juli 2025', '31/02/2025', '03/01/25', '', null, 45717, 0, -5, 'x', new Date(Date.UTC(2025, 2, 1)), new Date(Date.UTC(2024, 11, 31)), new Date(Number.NaN)),
  fc.integer({ min: 44000, max: 47000 }),
  fc.date({ min: new Date(Date.UTC(1890, 0, 1)), max: new Date(Date.UTC(2110, 0, 1)), noInvalidDate: true }),
);
const jp = fc.oneof(fc.constantFrom<Cell>('2,5', '2.5', '21 JP', '0', '-3', 'x', '', null, ' ', true), fc.double({ min: -10, max: 100, noNaN: true }), fc.integer({ min: -5, max: 50 }));
const text = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom<Cell>(null, 5, true, new Date(Date.UTC(2025, 0, 1))));

describe('plainTrainingRow: the training schema without Zod, for the rows it plainly accepts', () => {
  it.each([undefined, 2025])('is either undefined or exactly what the schema gives (undated year %s)', (undatedYear) => {
    const options = { minutesPerJp: 45, ...(undatedYear === undefined ? {} : { undatedYear }) };
    const schemas = rowSchemas({ order: 'dmy', ...options });
    let taken = 0;
    fc.assert(
      fc.property(fc.subarray(['training', 'start', 'end'] as Field[]), nip, text, date, date, jp, fc.constantFrom<'dmy' | 'mdy'>('dmy', 'mdy'), (optional, n, t, s, e, j, order) => {
        const fields: Field[] = ['nip', 'jp', ...optional];
        const values: Record<string, Cell> = { nip: n, jp: j, training: t, start: s, end: e };
        const cells = fields.map((f) => values[f]!);
        const at = plainTrainingColumns(sheetWith(fields))!;
        const raw = Object.fromEntries(['nip', 'training', 'start', 'end', 'year', 'jp', 'minutes', 'hours'].map((f) => [f, fields.includes(f as Field) ? values[f] : undefined]));
        const sheet = sheetWith(fields);
        const findings = new Findings();
        const acc = { rejected: 0 } as InputAccount;
        // The general reader's own step: the schema, and the findings of a row it accepts (a serial date written as text).
        const zod = validRow((order === 'dmy' ? schemas : rowSchemas({ order, ...options })).training, raw, sheet, 2, acc, findings);
        const plain = plainTrainingRow(cells, at, order);
        if (plain !== undefined) {
          taken++;
          expect(plain).toEqual(zod);
          expect(findings.list).toEqual([]);
        }
      }),
      { numRuns: 3000, seed: 25 },
    );
    // The shortcut is taken often enough to matter (valid rows are common in the generator).
    expect(taken).toBeGreaterThan(100);
  });

  it('is not used when minutes or hours columns exist (their rule is the schema alone), or no JP column', () => {
    expect(plainTrainingColumns(sheetWith(['nip', 'jp', 'end', 'minutes']))).toBeUndefined();
    expect(plainTrainingColumns(sheetWith(['nip', 'hours', 'end']))).toBeUndefined();
    expect(plainTrainingColumns(sheetWith(['nip', 'minutes', 'end']))).toBeUndefined();
    expect(plainTrainingColumns(sheetWith(['nip', 'jp', 'end', 'year']))).toBeUndefined();
    expect(plainTrainingColumns(sheetWith(['nip', 'jp', 'end']))).toEqual({ nip: 0, jp: 1, end: 2, start: -1, training: -1 });
  });
});
