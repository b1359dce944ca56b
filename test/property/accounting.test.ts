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
// In order; the year's edges on both sides (31 Dec and 1 Jan of 2024/2025 and 2025/2026) on purpose.
const DATES: Array<[number, number, number]> = [[2024, 12, 20], [2024, 12, 31], [2025, 1, 1], [2025, 1, 5], [2025, 6, 30], [2025, 12, 31], [2026, 1, 1], [2026, 1, 2]];
const D = { dec31Before: 1, jan1: 2, mid: 4, dec31: 5, jan1After: 6 } as const;
/**
 * Employees whose year's total lands on the compliance threshold or half a JP either side (19.5,
 * 20, 20.5 for a PNS; 23.5, 24, 24.5 for a PPPK), made of records on the year's first and last
 * days, with a repeat and records just outside the year that must not count: a wrong comparison
 * (`>` for `>=`) or a record put in the wrong year changes their status.
 */
const EDGE_NIPS = ['198001012005011003', '198202022006042004'];
type EdgeGen = { pppk: boolean; delta: number; split: number; startBefore: boolean; repeat: boolean; outside: boolean };
const edgeGen: fc.Arbitrary<EdgeGen> = fc.record({
  pppk: fc.boolean(),
  delta: fc.constantFrom(0, -0.5, 0.5),
  split: fc.nat(1000),
  startBefore: fc.boolean(),
  repeat: fc.boolean(),
  outside: fc.boolean(),
});

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
      start: fc.oneof(fc.constant(D.mid), fc.nat(DATES.length - 1)),
      end: fc.oneof(fc.constant(D.mid), fc.nat(DATES.length - 1)),
      fmt: fc.nat(DAYS.length - 1),
      jp: fc.integer({ min: 1, max: 80 }),
      comma: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad' as const), nip: fc.nat(NIPS.length - 1), cell: fc.constantFrom('jp' as const, 'date' as const, 'nip' as const, 'order' as const) }) },
);

/** An accepted record as written: NIP form, name, dates (indexes into DATES, in order), date format, JP and how it is written. */
interface Written {
  nip: string;
  form: number;
  name: string;
  start: number;
  end: number;
  fmt: number;
  value: number;
  text: string;
}

/** The records of a threshold employee (see `edgeGen`): two parts adding up to the total, and the decoys. */
function edgeRecords(nip: string, e: EdgeGen, k: number): { written: Written[]; type: 'PNS' | 'PPPK' } {
  const type = e.pppk ? 'PPPK' : 'PNS';
  const total = REQUIRED[type] + e.delta;
  // The first part in half JP from 0.5 to total - 0.5, the second the rest.
  const halves = total * 2;
  const first = ((e.split % (halves - 1)) + 1) / 2;
  const jp = (value: number) => ({ value, text: String(value).replace('.', ',') });
  const rec = (name: string, start: number, end: number, value: number, fmt = 0): Written => ({ nip, form: 0, name, start, end, fmt, ...jp(value) });
  // From 31 Dec of the year before to 1 Jan: counts in the year of its end.
  const written = [rec(`Kuota ${k} Satu`, e.startBefore ? D.dec31Before : D.jan1, D.jan1, first), rec(`Kuota ${k} Dua`, D.dec31, D.dec31, total - first, 1)];
  if (e.repeat) written.push(rec(`KUOTA ${k}  satu`, e.startBefore ? D.dec31Before : D.jan1, D.jan1, first, 2));
  if (e.outside) written.push(rec(`Kuota ${k} Lalu`, D.dec31Before, D.dec31Before, 5), rec(`Kuota ${k} Depan`, D.dec31, D.jan1After, 5, 2));
  return { written, type };
}

describe('nothing is lost (property)', () => {
  it('every row is accepted or rejected, every accepted record counted, duplicate, outside the year or unknown; JP adds up; statuses at the threshold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(staffGen, { minLength: 1, maxLength: 8 }),
        fc.array(recGen, { minLength: 5, maxLength: 40, size: 'medium' }),
        fc.tuple(edgeGen, edgeGen),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        async (staff, recs, edges, delimiter, kernel) => {
          const dir = tempDir();
          const staffRows = staff.map((s) =>
            s.kind === 'ok'
              ? [NIP_FORMS(NIPS[s.nip]!)[s.form]!, 'Nama, S.E.', TYPES[s.type]![0], OPDS[s.opd]!]
              : [s.cell === 'nip' ? '1.98503E+17' : NIPS[s.nip]!, 'Nama', s.cell === 'type' ? 'Honorer' : 'PNS', s.cell === 'opd' ? '' : 'Dinas A'],
          );
          const fmt = (i: number, f: number) => DAYS[f]![1](DATES[i]!);
          // Generated records as written, then the threshold employees' records among them.
          const written: Array<Written | Extract<RecGen, { kind: 'bad' }>> = recs.map((r) => {
            if (r.kind === 'bad') return r;
            const [start, end] = r.start <= r.end ? [r.start, r.end] : [r.end, r.start];
            const value = r.comma ? r.jp / 2 : r.jp;
            return { nip: NIPS[r.nip]!, form: r.form, name: NAMES[r.name]!, start, end, fmt: r.fmt, value, text: r.comma ? `${value}`.replace('.', ',') : String(value) };
          });
          const edgeTypes = new Map<string, 'PNS' | 'PPPK'>();
          edges.forEach((e, k) => {
            const { written: w, type } = edgeRecords(EDGE_NIPS[k]!, e, k);
            edgeTypes.set(EDGE_NIPS[k]!, type);
            staffRows.push([EDGE_NIPS[k]!, `Pegawai Batas ${k}`, type === 'PPPK' ? 'P3K' : 'PNS', OPDS[k]!]);
            // Spread among the others: the order of rows is not what makes them count.
            w.forEach((x, j) => written.splice(((e.split >> j) + j) % (written.length + 1), 0, x));
          });
          const recRows = written.map((r) => {
            if (!('kind' in r)) return [NIP_FORMS(r.nip)[r.form]!, r.name, fmt(r.start, r.fmt), fmt(r.end, r.fmt), r.text];
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
          for (const [nip, type] of edgeTypes) roster.set(nip, type);
          const jp = new Map<string, number>();
          const seen = new Set<string>();
          const acc = { rejected: 0, counted: 0, dup: 0, outside: 0, unknown: 0, jp: 0 };
          for (const w of written) {
            if ('kind' in w) {
              acc.rejected++;
              continue;
            }
            const name = w.name.toLowerCase().replace(/\s+/g, ' ').trim();
            const key = `${w.nip}|${name}|${w.start}|${w.end}|${name === '' ? w.value : ''}`;
            // A record counts in the year of its end date.
            if (DATES[w.end]![0] !== 2025) acc.outside++;
            else if (!roster.has(w.nip)) acc.unknown++;
            else if (seen.has(key)) acc.dup++;
            else {
              seen.add(key);
              acc.counted++;
              acc.jp += w.value;
              jp.set(w.nip, (jp.get(w.nip) ?? 0) + w.value);
            }
          }

          const options = { staff: join(dir, 's.csv'), training: [join(dir, 't.csv')], year: 2025 };
          // Half the runs with the WebAssembly kernels off (the year test is in the kernel too).
          const before = process.env.JP_AUDIT_KERNEL;
          if (kernel) delete process.env.JP_AUDIT_KERNEL;
          else process.env.JP_AUDIT_KERNEL = 'js';
          let result: Awaited<ReturnType<typeof runCheck>>;
          try {
            result = await runCheck(options);
          } finally {
            if (before === undefined) delete process.env.JP_AUDIT_KERNEL;
            else process.env.JP_AUDIT_KERNEL = before;
          }
          const [s, t] = result.inputs;
          expect(s).toMatchObject({ rows: staffRows.length, accepted: staffRows.length - staffRejected, rejected: staffRejected, duplicates: staffDup });
          expect(t).toMatchObject({ rows: written.length, accepted: written.length - acc.rejected, rejected: acc.rejected, counted: acc.counted, duplicates: acc.dup, outsidePeriod: acc.outside, unknownNip: acc.unknown });
          expect(t!.accepted).toBe(t!.counted + t!.duplicates + t!.outsidePeriod + t!.unknownNip);
          expect(result.audit.summary.totalJp).toBeCloseTo(acc.jp, 6);
          expect(result.audit.summary.employees).toBe(roster.size);
          for (const e of result.audit.employees) {
            const got = jp.get(e.nip) ?? 0;
            expect(e.jp).toBeCloseTo(got, 6);
            // Compliant from exactly the required JP (20 for a PNS or CPNS, 24 for a PPPK).
            expect(e.status).toBe(got >= REQUIRED[roster.get(e.nip)!] ? 'compliant' : 'non-compliant');
          }
          // The threshold employees' totals are exact (halves add up exactly in binary).
          edges.forEach((e, k) => expect(jp.get(EDGE_NIPS[k]!)).toBe(REQUIRED[edgeTypes.get(EDGE_NIPS[k]!)!] + e.delta));
          // Every rejected row has at least one finding that names its row.
          const rejectedRows = new Set(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.row}`));
          expect(rejectedRows.size).toBe(staffRejected + acc.rejected);
        },
      ),
      { numRuns: 80 },
    );
  });
});
