import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

const F = 'fixtures/formats';
const COUNTS = ['rows', 'accepted', 'rejected', 'duplicates', 'outsidePeriod', 'unknownNip', 'counted'] as const;

interface Report {
  inputs: Array<Record<string, unknown> & { format: string; sheet: string | null; headerRow: number }>;
  employees: Array<{ nip: string; jp: number; status: string }>;
  participants: Array<{ nip: string; totalJp: number; status: string }>;
  findings: Array<{ code: string; file: string; row?: number }>;
  summary: Record<string, number>;
}

/** `--quiet` and not clean: one summary line on stderr (issue 20), nothing else. */
const QUIET_LINE = /^jp-audit: [^\n]+\n$/;

async function report(args: string[], exit = 1): Promise<Report> {
  const r = await run([...args, '-f', 'json']);
  if (exit === 1) expect(r.stderr).toMatch(QUIET_LINE);
  else expect(r.stderr).toMatch(/^(jp-audit: [^\n]+\n)?$/);
  expect(r.code).toBe(exit);
  return JSON.parse(r.stdout) as Report;
}

const jpOf = (r: Report) => Object.fromEntries(r.employees.map((e) => [e.nip, e.jp]));
const countsOf = (i: Record<string, unknown>) => Object.fromEntries(COUNTS.map((k) => [k, i[k]]));

// Every person's JP and the accounting of fixtures/diklat.csv, which each file below holds too.
const DIKLAT_JP = {
  '197905202005011008': 10,
  '198002142006042009': 0,
  '198503152010011001': 24,
  '198712202012121003': 8,
  '198811112014021005': 20,
  '199001012015032002': 6.5,
  '199103032022211003': 30,
  '199205102019032004': 24,
  '199507172024211001': 20,
  '199609092025012007': 0,
  '199812252024212002': 12,
  '200001012025011006': 647,
};
const DIKLAT_COUNTS = { rows: 19, accepted: 15, rejected: 4, duplicates: 1, outsidePeriod: 1, unknownNip: 2, counted: 11 };

describe('formats offices save (end to end)', () => {
  it('the CSV original: the figures every other format must give', async () => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '-q']);
    expect(jpOf(r)).toEqual(DIKLAT_JP);
    expect(countsOf(r.inputs[1]!)).toEqual(DIKLAT_COUNTS);
  });

  it.each([
    ['diklat-sidiklat.xls', 'html', 'table 2', 2, ['format-differs']],
    ['diklat-excel2003.xml', 'spreadsheetml', 'Diklat', 4, []],
    ['riwayat-kursus-siasn.json', 'json', null, 1, []],
    ['riwayat-kursus.ndjson', 'ndjson', null, 1, []],
  ])('check with %s as training: the same JP and accounting as the CSV', async (file, format, sheet, headerRow, extra) => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/${file}`, '-y', '2025', '-q']);
    expect(r.inputs[1]).toMatchObject({ format, sheet, headerRow });
    expect(jpOf(r)).toEqual(DIKLAT_JP);
    expect(countsOf(r.inputs[1]!)).toEqual(DIKLAT_COUNTS);
    const codes = r.findings.filter((f) => f.file.endsWith(file)).map((f) => f.code);
    expect(new Set(codes)).toEqual(new Set(['nip-excel-mangled', 'invalid-jp', 'end-before-start', 'duplicate-record', 'unknown-nip', ...extra]));
  });

  it('HTML: rowspan gives a person NIP on each of their rows; colspan/rowspan headers join; <br> and entities read', async () => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/diklat-sidiklat.xls`, '-y', '2025', '-q']);
    expect(r.inputs[1]!.columns).toEqual({ nip: 'NIP', name: 'Nama Pegawai', training: 'Nama Pelatihan', start: 'Tanggal Mulai', end: 'Tanggal Selesai', jp: 'Jumlah JP' });
    // Row 7 of the table is Andi's second training, whose NIP cell is the rowspan above it.
    expect(r.findings.find((f) => f.code === 'format-differs')).toMatchObject({ severity: 'info', message: expect.stringContaining('.xls') });
    const dup = r.findings.find((f) => f.code === 'duplicate-record') as unknown as { row: number; value?: string };
    expect(dup.row).toBe(5);
  });

  it("SIDIKLAT's own export: no NIP column, name<br />NIP in Pegawai (issue 18 reads the NIP from the cell)", async () => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/pelatihan-sidiklat.xls`, '-y', '2025', '-q']);
    expect(r.inputs[1]).toMatchObject({ format: 'html', headerRow: 1, columns: { nip: 'Pegawai', name: 'Pegawai', training: 'Nama Pelatihan' } });
    expect(jpOf(r)).toEqual(DIKLAT_JP);
    // The CSV's row with Excel's mangled NIP is not in this export.
    expect(countsOf(r.inputs[1]!)).toEqual({ ...DIKLAT_COUNTS, rows: 18, rejected: 3 });
  });

  it('SpreadsheetML: a NIP stored as a Number cell is the Excel-mangled case', async () => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/diklat-excel2003.xml`, '-y', '2025', '-q']);
    const mangled = r.findings.filter((f) => f.code === 'nip-excel-mangled') as unknown as Array<{ row: number; column: string }>;
    expect(mangled).toEqual([expect.objectContaining({ row: 23, column: 'NIP' })]);
  });

  it('JSON: an 18-digit NIP written as a number with all its digits counts; one that lost them is mangled', async () => {
    const text = readFileSync(`${F}/riwayat-kursus-siasn.json`, 'utf8');
    expect(text).toContain('"nipBaru": 198503152010011001,');
    expect(text).toContain('"nipBaru": 1.98503E+17,');
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/riwayat-kursus-siasn.json`, '-y', '2025', '-q']);
    expect(r.inputs[1]!.columns).toEqual({ nip: 'nipBaru', training: 'namaKursus', jp: 'jumlahJam', year: 'tahunKursus', start: 'tanggalKursus', end: 'tanggalSelesaiKursus' });
    expect(r.findings.filter((f) => f.code === 'nip-excel-mangled').map((f) => f.row)).toEqual([20]);
    expect(jpOf(r)['198503152010011001']).toBe(24);
  });

  it('JSON from stdin (-)', async () => {
    const r = await run(['check', 'fixtures/pegawai.csv', '-t', '-', '-y', '2025', '-q', '-f', 'json'], { input: readFileSync(`${F}/riwayat-kursus.ndjson`) });
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.inputs[1]).toMatchObject({ file: '-', format: 'ndjson' });
    expect(jpOf(rep)).toEqual(DIKLAT_JP);
  });

  it('a workbook or a page on stdin is refused with what to do', async () => {
    const r = await run(['check', 'fixtures/pegawai.csv', '-t', '-', '-y', '2025', '--lang', 'en'], { input: readFileSync(`${F}/diklat-sidiklat.xls`) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('jp-audit: -: standard input (-) holds an HTML table, which can only be read from a file; save it as a file and give its name\n');
  });

  it('a per-person recap with a nested list: one row a training, the person repeated; an empty list is one rejected row', async () => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/rekap-sidiklat.json`, '-y', '2025', '-q']);
    expect(jpOf(r)).toEqual(DIKLAT_JP);
    expect(r.inputs[1]).toMatchObject({ format: 'json', columns: { nip: 'nip', name: 'nama', training: 'nama pelatihan', start: 'tanggal_mulai', end: 'tanggal_selesai', jp: 'jp' } });
    expect(countsOf(r.inputs[1]!)).toEqual({ ...DIKLAT_COUNTS, rows: 20, rejected: 5 });
    // `jp` of each training is taken, not the person's `total_jp`.
    expect(r.findings.find((f) => f.code === 'column-choice')).toMatchObject({ column: 'jp' });
  });

  it('a real .xls (BIFF8, made by LibreOffice) as the roster: text NIPs, date cells, the same audit', async () => {
    const csv = await report(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '-q']);
    const xls = await report(['check', `${F}/pegawai-simpeg.xls`, '-t', 'fixtures/diklat.csv', '-y', '2025', '-q']);
    expect(xls.inputs[0]).toMatchObject({ format: 'xls', sheet: 'pegawai-simpeg', rows: 14, accepted: 13, rejected: 1, duplicates: 1 });
    expect(xls.employees).toEqual(csv.employees);
    expect(xls.summary).toEqual(csv.summary);
  });

  it('a .xls whose NIP column Calc made numbers: each such NIP is the Excel-mangled case, the text ones count', async () => {
    const r = await report(['check', `${F}/pegawai-nip-angka.xls`, '-t', 'fixtures/diklat.csv', '-y', '2025', '-q']);
    expect(r.inputs[0]).toMatchObject({ format: 'xls', rows: 14, accepted: 2, rejected: 12 });
    const mangled = r.findings.filter((f) => f.code === 'nip-excel-mangled' && f.file.endsWith('.xls'));
    expect(mangled.map((f) => f.row)).toEqual([2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    // The NIP written 'with an apostrophe and the spaced one stayed text in Calc.
    expect(r.employees.map((e) => e.nip).sort()).toEqual(['199001012015032002', '199205102019032004']);
  });

  it.each([
    ['fixtures/pegawai.csv', 'csv'],
    [`${F}/pegawai-simpeg.xls`, 'xls'],
    [`${F}/diklat-sidiklat.xls`, 'html'],
    [`${F}/diklat-excel2003.xml`, 'spreadsheetml'],
    [`${F}/riwayat-kursus-siasn.json`, 'json'],
    [`${F}/riwayat-kursus.ndjson`, 'ndjson'],
  ])('validate %s', async (file, format) => {
    const r = await run(['validate', file, '-q', '-f', 'json']);
    // --quiet: the one summary line when there are findings, nothing when clean.
    expect(r.stderr).toMatch(r.code === 0 ? /^$/ : QUIET_LINE);
    const out = JSON.parse(r.stdout) as { inputs: Array<{ format: string; rows: number; accepted: number; rejected: number }>; findings: Array<{ severity: string }> };
    expect(out.inputs[0]!.format).toBe(format);
    for (const i of out.inputs) expect(i.rows).toBe(i.accepted + i.rejected);
    expect(r.code).toBe(out.findings.some((f) => f.severity !== 'info') ? 1 : 0);
  });

  it.each([
    ['fixtures/latsar/presensi-latsar.xlsx', 'xlsx', 5],
    [`${F}/presensi-latsar.xls`, 'xls', 5],
    [`${F}/presensi-latsar-lms.xls`, 'html', 5],
    [`${F}/presensi-latsar.xml`, 'spreadsheetml', 5],
    [`${F}/presensi-latsar.json`, 'json', 1],
    [`${F}/presensi-latsar.ndjson`, 'ndjson', 1],
  ])('latsar with %s: each CPNS total and the accounting', async (file, format, headerRow) => {
    const r = await report(['latsar', 'fixtures/latsar/cpns.csv', '-t', file, '-q']);
    expect(r.inputs[1]).toMatchObject({ format, headerRow, rows: 191, accepted: 190, rejected: 1, duplicates: 1, counted: 189 });
    expect(Object.fromEntries(r.participants.map((p) => [p.nip, [p.totalJp, p.status]]))).toEqual({
      '199609092025012007': [0, 'incomplete'],
      '199811302025011003': [623, 'incomplete'],
      '199903152025012004': [647, 'complete'],
      '200001012025011006': [647, 'complete'],
    });
  });

  it('--lang en names what the file really is', async () => {
    const r = await report(['check', 'fixtures/pegawai.csv', '-t', `${F}/diklat-sidiklat.xls`, '-y', '2025', '-q', '--lang', 'en']);
    const f = r.findings.find((x) => x.code === 'format-differs') as unknown as { message: string };
    expect(f.message).toBe('this file is named .xls but is really an HTML table, and was read as such');
  });
});
