import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { tempDir } from '../helpers/cli.js';

// Values whose meaning the test knows without calling the code under test.
const NIPS = ['198503152010011001', '199001012015032002', '199507172024211001', '200001012025011006', '199909092020121010'];
const NIP_FORMS = (nip: string) => [nip, `'${nip}`, `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`];
const TYPES: Array<[string, 'PNS' | 'PPPK' | 'CPNS']> = [['PNS', 'PNS'], ['PNS Daerah', 'PNS'], ['P3K', 'PPPK'], ['Pegawai Pemerintah dengan Perjanjian Kerja', 'PPPK'], ['CPNS', 'CPNS']];
const REQUIRED = { PNS: 20, PPPK: 24, CPNS: 20 };
const OPDS = ['Dinas A', 'Dinas B', 'Kecamatan C'];
const NAMES = ['Pelatihan A', 'pelatihan  a', 'Bimtek B', ''];
const DAYS: Array<[number, (d: [number, number, number]) => string]> = [
  [0, ([y, m, d]) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`],
  [1, ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`],
  [2, ([y, m, d]) => `${d} ${['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][m - 1]} ${y}`],
];
const DATES: Array<[number, number, number]> = [[2024, 12, 20], [2025, 1, 5], [2025, 6, 30], [2025, 12, 31], [2026, 1, 2]];

type StaffGen = { kind: 'ok'; nip: number; form: number; type: number; opd: number } | { kind: 'bad'; nip: number; cell: 'nip' | 'type' | 'opd' };
type RecGen =
  | { kind: 'ok'; nip: number; form: number; name: number; start: number; end: number; fmt: number; jp: number; comma: boolean }
  | { kind: 'bad'; nip: number; cell: 'jp' | 'date' | 'nip' | 'order' };

const staffGen: fc.Arbitrary<StaffGen> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('ok' as const), nip: fc.nat(NIPS.length - 2), form: fc.nat(2), type: fc.nat(TYPES.length - 1), opd: fc.nat(OPDS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad' as const), nip: fc.nat(NIPS.length - 2), cell: fc.constantFrom('nip' as const, 'type' as const, 'opd' as const) }) },
);
const recGen: fc.Arbitrary<RecGen> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('ok' as const),
      // Biased towards a few employees and dates, so that duplicates really occur.
      nip: fc.oneof(fc.constant(0), fc.nat(NIPS.length - 1)),
      form: fc.nat(2),
      name: fc.nat(NAMES.length - 1),
      start: fc.oneof(fc.constant(2), fc.nat(DATES.length - 1)),
      end: fc.oneof(fc.constant(2), fc.nat(DATES.length - 1)),
      fmt: fc.nat(DAYS.length - 1),
      jp: fc.integer({ min: 1, max: 80 }),
      comma: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad' as const), nip: fc.nat(NIPS.length - 1), cell: fc.constantFrom('jp' as const, 'date' as const, 'nip' as const, 'order' as const) }) },
);

describe('nothing is lost (property)', () => {
  it('every row is accepted or rejected, every accepted record counted, duplicate, outside the year or unknown; JP adds up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(staffGen, { minLength: 1, maxLength: 8 }),
        fc.array(recGen, { minLength: 5, maxLength: 40, size: 'medium' }),
        fc.constantFrom(',', ';', '\t'),
        async (staff, recs, delimiter) => {
          const dir = tempDir();
          const staffRows = staff.map((s) =>
            s.kind === 'ok'
              ? [NIP_FORMS(NIPS[s.nip]!)[s.form]!, 'Nama, S.E.', TYPES[s.type]![0], OPDS[s.opd]!]
              : [s.cell === 'nip' ? '1.98503E+17' : NIPS[s.nip]!, 'Nama', s.cell === 'type' ? 'Honorer' : 'PNS', s.cell === 'opd' ? '' : 'Dinas A'],
          );
          const fmt = (i: number, f: number) => DAYS[f]![1](DATES[i]!);
          const recRows = recs.map((r) => {
            if (r.kind === 'ok') {
              const [start, end] = r.start <= r.end ? [r.start, r.end] : [r.end, r.start];
              const jp = r.comma ? `${r.jp / 2}`.replace('.', ',') : String(r.jp);
              return [NIP_FORMS(NIPS[r.nip]!)[r.form]!, NAMES[r.name]!, fmt(start, r.fmt), fmt(end, r.fmt), jp];
            }
            return [
              r.cell === 'nip' ? '19850315201001100' : NIPS[r.nip]!,
              'X',
              r.cell === 'date' ? '31/02/2025' : '01/06/2025',
              r.cell === 'order' ? '01/05/2025' : '01/06/2025',
              r.cell === 'jp' ? 'nol' : '2',
            ];
          });
          writeFileSync(join(dir, 's.csv'), stringify([['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja'], ...staffRows], { delimiter }));
          writeFileSync(join(dir, 't.csv'), stringify([['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP'], ...recRows], { delimiter }));

          // The reference model, written from the rules in domain.md.
          const roster = new Map<string, 'PNS' | 'PPPK' | 'CPNS'>();
          let staffRejected = 0;
          let staffDup = 0;
          for (const s of staff) {
            if (s.kind === 'bad') staffRejected++;
            else if (roster.has(NIPS[s.nip]!)) staffDup++;
            else roster.set(NIPS[s.nip]!, TYPES[s.type]![1]);
          }
          const jp = new Map<string, number>();
          const seen = new Set<string>();
          const acc = { rejected: 0, counted: 0, dup: 0, outside: 0, unknown: 0, jp: 0 };
          for (const r of recs) {
            if (r.kind === 'bad') {
              acc.rejected++;
              continue;
            }
            const [start, end] = r.start <= r.end ? [r.start, r.end] : [r.end, r.start];
            const nip = NIPS[r.nip]!;
            const value = r.comma ? r.jp / 2 : r.jp;
            const name = NAMES[r.name]!.toLowerCase().replace(/\s+/g, ' ');
            const key = `${nip}|${name}|${start}|${end}|${name === '' ? value : ''}`;
            if (DATES[end]![0] !== 2025) acc.outside++;
            else if (!roster.has(nip)) acc.unknown++;
            else if (seen.has(key)) acc.dup++;
            else {
              seen.add(key);
              acc.counted++;
              acc.jp += value;
              jp.set(nip, (jp.get(nip) ?? 0) + value);
            }
          }

          if (roster.size === 0) {
            // Nobody to audit is not a success: the run stops and says why.
            await expect(runCheck({ staff: join(dir, 's.csv'), training: [join(dir, 't.csv')], year: 2025 })).rejects.toMatchObject({ code: 'no-valid-rows' });
            return;
          }
          const result = await runCheck({ staff: join(dir, 's.csv'), training: [join(dir, 't.csv')], year: 2025 });
          const [s, t] = result.inputs;
          expect(s).toMatchObject({ rows: staff.length, accepted: staff.length - staffRejected, rejected: staffRejected, duplicates: staffDup });
          expect(t).toMatchObject({ rows: recs.length, accepted: recs.length - acc.rejected, rejected: acc.rejected, counted: acc.counted, duplicates: acc.dup, outsidePeriod: acc.outside, unknownNip: acc.unknown });
          expect(t!.accepted).toBe(t!.counted + t!.duplicates + t!.outsidePeriod + t!.unknownNip);
          expect(result.audit.summary.totalJp).toBeCloseTo(acc.jp, 6);
          expect(result.audit.summary.employees).toBe(roster.size);
          for (const e of result.audit.employees) {
            const got = jp.get(e.nip) ?? 0;
            expect(e.jp).toBeCloseTo(got, 6);
            expect(e.status).toBe(got >= REQUIRED[roster.get(e.nip)!] ? 'compliant' : 'non-compliant');
          }
          // Every rejected row has at least one finding that names its row.
          const rejectedRows = new Set(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.row}`));
          expect(rejectedRows.size).toBe(staffRejected + acc.rejected);
        },
      ),
      { numRuns: 80 },
    );
  });
});
