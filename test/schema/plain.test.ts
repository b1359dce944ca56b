import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/io/types.js';
import type { Field } from '../../src/normalize/header.js';
import type { Sheet } from '../../src/normalize/sheet.js';
import { PlainStaffReader, plainTrainingColumns, plainTrainingRow } from '../../src/schema/plain.js';
import { typeRulesOf } from '../../src/schema/staff-rules.js';
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

/** A roster sheet with these fields in these columns (only the mapping matters here). */
const STAFF_FIELDS: Field[] = ['nip', 'name', 'type', 'cpnsStatus', 'opd', 'serviceStart', 'serviceEnd', 'status'];

// Type labels as rosters write them, messy ones included: qualified, position first, negated,
// two types, unknown, case and space variants, an alias's label, numbers and dates in the column.
const typeLabel = fc.oneof(
  fc.constantFrom<Cell>(
    'PNS', 'pns', ' P N S ', 'PNS Daerah', 'PNS Pusat DPK', 'CPNS', 'Calon PNS', 'CPNS DAERAH', 'PPPK', 'P3K', 'PPPK Paruh Waktu',
    'Pegawai Negeri Sipil', 'Calon Pegawai Negeri Sipil', 'Pegawai Pemerintah dengan Perjanjian Kerja', 'PELAKSANA - PNS', 'Administrator / PNS',
    'JF - PPPK PENUH WAKTU', 'Non PNS', 'Bukan ASN', 'PNS/PPPK', 'ASN', 'Honorer', 'Tenaga Kontrak', '', ' ', '\u00a0PNS\u00a0', null, 5, true,
    new Date(Date.UTC(2025, 0, 1)),
  ),
  fc.string({ maxLength: 12 }),
);
const cpnsStatus = fc.oneof(fc.constantFrom<Cell>('C', 'P', 'c', ' p ', 'CPNS', 'PNS', 'PPPK', 'P3K', 'X', '', null, 1), fc.string({ maxLength: 4 }));
const total = fc.oneof(
  fc.constantFrom<Cell>('-', '\u2013', '\u2014', '', ' ', null, '0', '2,5', '2.5', '21 JP', '-3', 'x', '1e3', 0, true, new Date(Date.UTC(2025, 0, 1))),
  fc.double({ min: -10, max: 500, noNaN: true }),
  fc.integer({ min: -5, max: 200 }),
  fc.constant(Number.POSITIVE_INFINITY),
);
const staffNip = fc.oneof(nip, fc.constantFrom<Cell>('199507172024211001', '199608082025212002', '196608011988031001', " '196608011988031001"));

describe('PlainStaffReader: the staff schemas without Zod, for the roster rows they plainly accept', () => {
  const options: Array<[string, { defaultType?: 'PNS' | 'PPPK' | 'CPNS'; typeAliases?: ReadonlyMap<string, 'PNS' | 'PPPK' | 'CPNS'> }]> = [
    ['default options', {}],
    ['defaultType PPPK and an alias', { defaultType: 'PPPK', typeAliases: new Map([['tenaga kontrak', 'PPPK']]) }],
    ['defaultType CPNS', { defaultType: 'CPNS' }],
  ];
  it.each(options.flatMap(([name, o]) => [[`${name}, roster`, o, false] as const, [`${name}, recap`, o, true] as const]))(
    'is either undefined or exactly what the schema gives, and never undefined where the schema accepts (%s)',
    (_name, o, totals) => {
      const schemas = rowSchemas({ order: 'dmy', minutesPerJp: 45, typeAliases: o.typeAliases ?? new Map(), ...(o.defaultType ? { defaultType: o.defaultType } : {}) });
      const schema = totals ? schemas.staffTotal : schemas.staff;
      let taken = 0;
      let refused = 0;
      fc.assert(
        fc.property(
          // Which optional columns the sheet has, and in which order all its columns stand.
          fc.subarray(['name', 'type', 'cpnsStatus', 'serviceStart', 'status'] as Field[]),
          fc.boolean(),
          staffNip,
          text,
          typeLabel,
          cpnsStatus,
          fc.oneof(text, fc.constantFrom<Cell>('Dinas Pendidikan', ' Dinas  Kesehatan ', '', ' ', null)),
          total,
          // The row may stop short of its last columns (a spreadsheet's trailing empty cells).
          fc.integer({ min: 0, max: 3 }),
          (optional, reversed, n, name, type, status, opd, jp, cut) => {
            let fields: Field[] = ['nip', ...optional, 'opd', ...(totals ? (['jp'] as Field[]) : [])];
            if (reversed) fields = [...fields].reverse();
            const values: Record<string, Cell> = { nip: n, name, type, cpnsStatus: status, opd, jp, serviceStart: '01/01/2020', status: 'Aktif' };
            const cells = fields.map((f) => values[f]!).slice(0, Math.max(1, fields.length - cut));
            const sheet = sheetWith(fields);
            // The general reader's own steps: the cells picked by field, then the schema.
            const raw = Object.fromEntries([...STAFF_FIELDS, ...(totals ? ['jp'] : [])].map((f) => [f, fields.includes(f as Field) ? cells[fields.indexOf(f as Field)] : undefined]));
            const acc = { rejected: 0 } as InputAccount;
            const findings = new Findings();
            const zod = validRow(schema, raw, sheet, 2, acc, findings);
            const reader = new PlainStaffReader(sheet, typeRulesOf(o), totals);
            expect(reader.usable).toBe(true);
            const plain = reader.row(cells);
            // Asked twice: a type decision remembered gives the same row.
            expect(reader.row(cells)).toEqual(plain);
            if (plain !== undefined) {
              taken++;
              expect(plain).toEqual(zod);
              expect(findings.list).toEqual([]);
            } else {
              refused++;
              // Every row the plain reader leaves goes through the schema: here it must refuse it too,
              // or the plain reader would be a slower path for a valid row (not wrong, but a gap).
              expect(zod).toBeUndefined();
            }
          },
        ),
        { numRuns: 4000, seed: 24 },
      );
      // Both outcomes are common in the generator: the test compares real work.
      expect(taken).toBeGreaterThan(200);
      expect(refused).toBeGreaterThan(200);
    },
  );

  it('cannot read a sheet without its NIP or OPD column, or a recap without its JP column', () => {
    const rules = typeRulesOf({});
    expect(new PlainStaffReader(sheetWith(['nip', 'name']), rules, false).usable).toBe(false);
    expect(new PlainStaffReader(sheetWith(['name', 'opd']), rules, false).usable).toBe(false);
    expect(new PlainStaffReader(sheetWith(['nip', 'opd']), rules, true).usable).toBe(false);
    expect(new PlainStaffReader(sheetWith(['nip', 'opd', 'jp']), rules, true).usable).toBe(true);
  });

  it('keeps a label and a status apart in what it remembers (no pair reads as another)', () => {
    const rules = typeRulesOf({});
    const reader = new PlainStaffReader(sheetWith(['nip', 'type', 'cpnsStatus', 'opd']), rules, false);
    // `PNS` with status `C` is a CPNS; the label `PNSC` alone, or `3:PNSC`, names no type.
    expect(reader.row(['196608011988031001', 'PNS', 'C', 'Dinas A'])?.type).toBe('CPNS');
    expect(reader.row(['196608011988031001', 'PNSC', '', 'Dinas A'])).toBeUndefined();
    const alone = new PlainStaffReader(sheetWith(['nip', 'type', 'opd']), rules, false);
    expect(alone.row(['196608011988031001', '3:PNSC', 'Dinas A'])).toBeUndefined();
    expect(alone.row(['196608011988031001', 'PNS', 'Dinas A'])?.type).toBe('PNS');
  });
});
