import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

// Files laid out exactly as the exports and import templates of public systems (S20JP of
// Pusdiklat BPS, SIASN's pegawai export and riwayat kursus/diklat, SIDIKLAT of Kota Banjarbaru),
// with fake people: fixtures/layouts/. Issue 18.
const L = 'fixtures/layouts';
const A = '198503152010011002'; // Budi, PNS
const B = '199001012015032001'; // Sari, PNS
const C = '199507172024211001'; // Rina, PPPK (NIP digits 13-14: 21)
const D = '199608082025212002'; // Dewi, PPPK Paruh Waktu
const E = '199811302025011003'; // Rizky, CPNS in SIASN (PNS Daerah + C)

interface Report {
  employees: Array<{ nip: string; name: string; type: string; jp: number; requiredJp: number; status: string }>;
  inputs: Array<{ file: string; role: string; rows: number; accepted: number; rejected: number; duplicates: number; counted: number; outsidePeriod: number; unknownNip: number; notApplicable?: number; delimiter: string | null; columns: Record<string, string> }>;
  findings: Array<{ code: string; file: string; row: number | null; column: string | null; value: string | null; message: string }>;
  findingCounts: Record<string, number>;
}

async function check(args: string[]): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await run(['check', ...args, '--year', '2025', '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

/** Each person's type, JP and status, by NIP. */
function people(report: Report): Record<string, [string, number, string]> {
  return Object.fromEntries(report.employees.map((e) => [e.nip, [e.type, e.jp, e.status]]));
}

/** Nothing is lost: every row is accepted or rejected; every accepted record counted, a duplicate, outside the year or unknown. */
function expectAccounting(report: Report): void {
  for (const i of report.inputs) {
    expect(i.rows, i.file).toBe(i.accepted + i.rejected);
    if (i.role === 'training') expect(i.accepted, i.file).toBe(i.counted + i.duplicates + i.outsidePeriod + i.unknownNip);
  }
}

describe('public layouts read as they come (end to end)', () => {
  it('S20JP: staff import without a type column, training import with Excel serials for dates', async () => {
    const { code, report } = await check([`${L}/s20jp-pegawai.csv`, '-t', `${L}/s20jp-diklat.csv`]);
    expect(code).toBe(1);
    expect(people(report)).toEqual({
      [A]: ['PNS', 20, 'compliant'],
      [B]: ['PNS', 10, 'non-compliant'],
      [C]: ['PPPK', 24, 'compliant'],
      [D]: ['PPPK', 6, 'non-compliant'],
      [E]: ['PNS', 4, 'non-compliant'],
    });
    expect(report.inputs[0]!.columns).toEqual({ nip: 'NIP', name: 'Nama', opd: 'Kode Unit Eselon 2' });
    const inferred = report.findings.find((f) => f.code === 'type-inferred')!;
    expect(inferred).toMatchObject({ file: `${L}/s20jp-pegawai.csv`, row: 1 });
    expect(inferred.message).toMatch(/2 pegawai dianggap dari NIP-nya .* 3 pegawai dianggap PNS/);
    const serials = report.findings.filter((f) => f.code === 'date-from-serial');
    expect(serials.map((f) => [f.row, f.column, f.value])).toEqual([
      [3, 'Tanggal Mulai', '45700'],
      [3, 'Tanggal Selesai', '45702'],
    ]);
    expect(serials[0]!.message).toContain('2025-02-12');
    expectAccounting(report);
  });

  it('S20JP recap: `NIP ` with a trailing space, `-` for a person with no JP counts as 0 and is said once', async () => {
    const { code, report } = await check([`${L}/s20jp-rekap.csv`]);
    expect(code).toBe(1);
    expect(people(report)).toEqual({
      [A]: ['PNS', 20, 'compliant'],
      [B]: ['PNS', 10, 'non-compliant'],
      [C]: ['PPPK', 24, 'compliant'],
      [D]: ['PPPK', 0, 'non-compliant'],
      [E]: ['PNS', 4, 'non-compliant'],
    });
    expect(report.inputs[0]).toMatchObject({ rows: 5, accepted: 5, rejected: 0 });
    expect(report.findingCounts).toEqual({ 'type-inferred': 1, 'total-jp-blank': 1 });
    expect(report.findings.find((f) => f.code === 'total-jp-blank')!.message).toMatch(/^1 pegawai bertotal JP kosong atau "-"/);
  });

  it('S20JP raw export: one row per training and no dates, counted only with --undated-year', async () => {
    const refused = await run(['check', `${L}/s20jp-mentah.csv`, '--year', '2025', '--format', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/tidak punya tanggal maupun tahun .* --undated-year/);

    const { code, report } = await check([`${L}/s20jp-mentah.csv`, '--undated-year', '2025']);
    expect(code).toBe(1);
    // Sari's 32 + 2 JP are two trainings, not a repeated person; Rina's identical row is one
    // training exported twice; Dewi's two webinars from two organisers are two trainings.
    expect(people(report)).toEqual({
      [A]: ['PNS', 20, 'compliant'],
      [B]: ['PNS', 34, 'compliant'],
      [C]: ['PPPK', 24, 'compliant'],
      [D]: ['PPPK', 12, 'non-compliant'],
    });
    expect(report.inputs[0]).toMatchObject({ role: 'combined', rows: 7, accepted: 7, rejected: 0, duplicates: 1, counted: 6 });
    expect(report.findings.filter((f) => f.code === 'duplicate-record').map((f) => f.row)).toEqual([6]);
    expect(report.findingCounts['duplicate-employee']).toBeUndefined();
  });

  it('SIASN pegawai export (64 columns): STATUS CPNS PNS = C makes a CPNS; riwayat kursus and diklat, a course in both counted once', async () => {
    const { code, report } = await check([`${L}/siasn-pegawai.csv`, '-t', `${L}/siasn-riwayat-kursus.csv`, '-t', `${L}/siasn-riwayat-diklat.csv`]);
    expect(code).toBe(1);
    // Rizky's TMT CPNS is 1 March 2025: 10 months, ceil(20 × 10 / 12) = 17 JP.
    expect(report.employees.map((e) => [e.nip, e.type, e.jp, e.requiredJp, e.status])).toEqual([
      [A, 'PNS', 20, 20, 'compliant'],
      [D, 'PPPK', 0, 24, 'non-compliant'],
      [E, 'CPNS', 12, 17, 'non-compliant'],
      [B, 'PNS', 4, 20, 'non-compliant'],
      [C, 'PPPK', 24, 24, 'compliant'],
    ]);
    expect(report.inputs[0]!.columns).toMatchObject({ nip: 'NIP BARU', type: 'JENIS PEGAWAI NAMA', cpnsStatus: 'STATUS CPNS PNS', opd: 'UNOR NAMA', serviceStart: 'TMT CPNS' });
    expect(report.inputs[1]!.columns).toEqual({ nip: 'nipBaru', jp: 'jumlahJam', training: 'namaKursus', year: 'tahunKursus', start: 'tanggalKursus', end: 'tanggalSelesaiKursus' });
    expect(report.inputs[2]!.columns).toEqual({ nip: 'nipBaru', training: 'latihanStrukturalNama', start: 'tanggal', end: 'tanggalSelesai', year: 'tahun', jp: 'jumlahJam' });
    // Sari's webinar has only tahunKursus 2025: it counts in 2025.
    expect(report.inputs[1]).toMatchObject({ rows: 6, accepted: 6, counted: 5, outsidePeriod: 1 });
    expect(report.inputs[2]).toMatchObject({ rows: 2, accepted: 2, duplicates: 1, outsidePeriod: 1, counted: 0 });
    const dup = report.findings.find((f) => f.code === 'duplicate-record')!;
    expect(dup).toMatchObject({ file: `${L}/siasn-riwayat-diklat.csv`, row: 2, value: 'Pelatihan Kepemimpinan Pengawas' });
    expect(dup.message).toContain('siasn-riwayat-kursus.csv');
    expectAccounting(report);
  });

  it('SIASN pegawai export separated by | gives the same audit, the separator detected', async () => {
    const pipe = await check([`${L}/siasn-pegawai-pipa.txt`, '-t', `${L}/siasn-riwayat-kursus.csv`, '-t', `${L}/siasn-riwayat-diklat.csv`]);
    const comma = await check([`${L}/siasn-pegawai.csv`, '-t', `${L}/siasn-riwayat-kursus.csv`, '-t', `${L}/siasn-riwayat-diklat.csv`]);
    expect(pipe.report.inputs[0]!.delimiter).toBe('|');
    expect(pipe.report.employees).toEqual(comma.report.employees);
    // --delimiter takes any single character (it applies to every file of the run).
    const forced = await run(['validate', `${L}/siasn-pegawai-pipa.txt`, '--delimiter', '|', '-f', 'json']);
    expect(JSON.parse(forced.stdout).inputs[0]).toMatchObject({ delimiter: '|', rows: 5, accepted: 5 });
  });

  it('a header read as one column names its separator and the option', async () => {
    const r = await run(['check', `${L}/siasn-pegawai-pipa.txt`, '--delimiter', ';', '-t', `${L}/siasn-riwayat-kursus.csv`, '-y', '2025']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/satu kolom yang memuat "\|"; .*--delimiter "\|"/);
  });

  it('latsar on the SIASN export audits its CPNS (STATUS CPNS PNS = C)', async () => {
    const r = await run(['latsar', `${L}/siasn-pegawai.csv`, '-t', 'fixtures/latsar/presensi-latsar.xlsx', '-f', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { participants: Array<{ nip: string }>; inputs: Array<{ notApplicable?: number }> };
    expect(report.participants.map((p) => p.nip)).toEqual([E]);
    expect(report.inputs[0]!.notApplicable).toBe(4);
  });

  it('SIDIKLAT export: no NIP column, the NIP inside `Pegawai` (name - NIP), the report says which column it took', async () => {
    const { code, report } = await check([`${L}/s20jp-pegawai.csv`, '-t', `${L}/sidiklat-ekspor.csv`]);
    expect(code).toBe(1);
    expect(people(report)).toEqual({
      [A]: ['PNS', 20, 'compliant'],
      [B]: ['PNS', 10, 'non-compliant'],
      [C]: ['PPPK', 24, 'compliant'],
      [D]: ['PPPK', 6, 'non-compliant'],
      [E]: ['PNS', 0, 'non-compliant'],
    });
    const taken = report.findings.find((f) => f.code === 'nip-from-cell')!;
    expect(taken).toMatchObject({ file: `${L}/sidiklat-ekspor.csv`, column: 'Pegawai' });
    expect(report.inputs[1]).toMatchObject({ rows: 5, accepted: 5, counted: 5, columns: { nip: 'Pegawai', training: 'Nama Pelatihan', start: 'Tanggal Mulai', end: 'Tanggal Selesai', jp: 'JP' } });
    expectAccounting(report);
  });

  it('SIDIKLAT import layout: one sheet, no type column, an employee without training', async () => {
    const { code, report } = await check([`${L}/sidiklat-impor.csv`]);
    expect(code).toBe(1);
    expect(people(report)).toEqual({
      [A]: ['PNS', 20, 'compliant'],
      [B]: ['PNS', 10, 'non-compliant'],
      [C]: ['PPPK', 24, 'compliant'],
      [D]: ['PPPK', 0, 'non-compliant'],
    });
    expect(report.inputs[0]).toMatchObject({ role: 'combined', rows: 5, accepted: 5, rejected: 0, counted: 4 });
    expect(report.findingCounts['type-inferred']).toBe(1);
  });

  it('type labels written as positions: the one type word decides; none or two is a finding', async () => {
    const { report } = await check([`${L}/pegawai-label-jabatan.csv`, '-t', `${L}/s20jp-diklat.csv`]);
    expect(Object.fromEntries(report.employees.map((e) => [e.name, e.type]))).toEqual({
      'Budi Hartono': 'PNS',
      'Sari Dewi': 'PNS',
      'Rina Marlina': 'PPPK',
      'Dewi Anggraini': 'PPPK',
      'Rizky Ramadhan': 'CPNS',
      'Hendra Saputra': 'PNS',
    });
    expect(report.findings.filter((f) => f.code === 'invalid-type').map((f) => [f.row, f.value])).toEqual([
      [8, 'Honorer'],
      [9, 'PNS/PPPK'],
    ]);
    expect(report.inputs[0]).toMatchObject({ rows: 8, accepted: 6, rejected: 2 });
  });

  it('validate reads every layout, each file with its role and accounting', async () => {
    const files = ['s20jp-pegawai.csv', 's20jp-diklat.csv', 's20jp-rekap.csv', 'siasn-pegawai.csv', 'siasn-pegawai-pipa.txt', 'siasn-riwayat-kursus.csv', 'siasn-riwayat-diklat.csv', 'sidiklat-ekspor.csv', 'sidiklat-impor.csv'].map((f) => `${L}/${f}`);
    const r = await run(['validate', ...files, '-f', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Report;
    expect(out.inputs.map((i) => [i.file.split('/').pop(), i.role, i.rows, i.accepted, i.rejected])).toEqual([
      ['s20jp-pegawai.csv', 'staff', 5, 5, 0],
      ['s20jp-diklat.csv', 'training', 6, 6, 0],
      ['s20jp-rekap.csv', 'staff', 5, 5, 0],
      ['siasn-pegawai.csv', 'staff', 5, 5, 0],
      ['siasn-pegawai-pipa.txt', 'staff', 5, 5, 0],
      ['siasn-riwayat-kursus.csv', 'training', 6, 6, 0],
      ['siasn-riwayat-diklat.csv', 'training', 2, 2, 0],
      ['sidiklat-ekspor.csv', 'training', 5, 5, 0],
      ['sidiklat-impor.csv', 'combined', 5, 5, 0],
    ]);
    // Only notices: types inferred, serial dates, an NIP inside a cell, a dash total, the repeated course.
    expect(out.findings.filter((f) => f.code !== 'duplicate-record' && f.code !== 'duplicate-employee').every((f) => ['type-inferred', 'date-from-serial', 'nip-from-cell', 'total-jp-blank', 'column-choice', 'ignored-columns'].includes(f.code))).toBe(true);
  });

  it('--default-type sets the type the NIP cannot tell; the NIP still tells a PPPK', async () => {
    const { report } = await check([`${L}/s20jp-pegawai.csv`, '-t', `${L}/s20jp-diklat.csv`, '--default-type', 'CPNS']);
    expect(Object.fromEntries(report.employees.map((e) => [e.nip, e.type]))).toEqual({ [A]: 'CPNS', [B]: 'CPNS', [C]: 'PPPK', [D]: 'PPPK', [E]: 'CPNS' });
  });
});

describe('missing columns, all at once', () => {
  it('names every missing field, the closest header for each, and the --map options to paste', async () => {
    const dir = tempDir();
    const file = join(dir, 'staff.csv');
    writeFileSync(file, 'NIP,Nama,Unit,Jabatan\n198503152010011002,Budi,Dinas A,Staf\n');
    const training = join(dir, 'training.csv');
    writeFileSync(training, 'NIP,Nama Pelatihan,Waktu,Lama\n198503152010011002,A,01/03/2025,2\n');
    const r = await run(['check', file, '-t', training, '-y', '2025']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/OPD\/unit kerja \(paling mirip: "Unit"\) tidak ditemukan/);
    expect(r.stderr).toContain('--map opd="Unit"');
  });

  it('a training file missing its JP and date names both', async () => {
    const dir = tempDir();
    const training = join(dir, 'training.csv');
    writeFileSync(training, 'NIP,Nama Pelatihan,Tgl,Jumlah\n198503152010011002,A,01/03/2025,2\n');
    const r = await run(['check', 'fixtures/pegawai.csv', '-t', training, '-y', '2025']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/kolom JP \(paling mirip: "Jumlah"\) dan tanggal selesai \(paling mirip: "Tgl"\) tidak ditemukan/);
    expect(r.stderr).toContain('--map jp="Jumlah" --map end="Tgl"');
    expect(readFileSync(training, 'utf8')).toContain('Jumlah');
  });
});

describe('nothing dropped without a finding', () => {
  it('a person twice in a recap: the second total is not counted, and the finding names its JP', async () => {
    const dir = tempDir();
    const file = join(dir, 'rekap.csv');
    writeFileSync(file, `NIP,Nama,Unit Kerja,Total JP\n${A},Budi,Dinas A,12\n${B},Sari,Dinas A,20\n${A},Budi,Dinas A,8\n`);
    const { report } = await check([file]);
    expect(people(report)[A]).toEqual(['PNS', 12, 'non-compliant']);
    const dup = report.findings.find((f) => f.code === 'duplicate-employee')!;
    expect(dup).toMatchObject({ row: 4, value: A });
    expect(dup.message).toContain('total 8 JP di baris ini tidak dihitung');
    expect(report.inputs[0]).toMatchObject({ rows: 3, accepted: 3, duplicates: 1 });
  });

  it('Excel serials in TMT and exemption dates are read as dates, each with a finding', async () => {
    const dir = tempDir();
    const staff = join(dir, 'pegawai.csv');
    // 45839 is 1 July 2025: six months of service, 10 JP owed.
    writeFileSync(staff, `NIP,Nama,Jenis Pegawai,Unit Kerja,TMT PNS\n${A},Budi,PNS,Dinas A,45839\n${B},Sari,PNS,Dinas A,01/01/2010\n`);
    const training = join(dir, 'diklat.csv');
    writeFileSync(training, `NIP,Nama Pelatihan,Tanggal,JP\n${A},Bimtek,01/08/2025,10\n`);
    const exemptions = join(dir, 'pengecualian.csv');
    // Sari exempt from 1 January to 30 June 2025 (45658 .. 45838): six months owed.
    writeFileSync(exemptions, `NIP,Alasan,Tanggal Mulai,Tanggal Selesai\n${B},CLTN,45658,45838\n`);
    const { report } = await check([staff, '-t', training, '-e', exemptions]);
    expect(report.employees.map((e) => [e.nip, e.requiredJp, e.status])).toEqual([
      [A, 10, 'compliant'],
      [B, 10, 'non-compliant'],
    ]);
    expect(report.findings.filter((f) => f.code === 'date-from-serial').map((f) => [f.file.split('/').pop(), f.row, f.value])).toEqual([
      ['pegawai.csv', 2, '45839'],
      ['pengecualian.csv', 2, '45658'],
      ['pengecualian.csv', 2, '45838'],
    ]);
  });

  it('a five-digit number outside 1990-2099 is not a date', async () => {
    const dir = tempDir();
    const training = join(dir, 'diklat.csv');
    writeFileSync(training, `NIP,Nama Pelatihan,Tanggal,JP\n${A},Bimtek,12345,10\n${B},Seminar,01/03/2025,2\n`);
    const r = await run(['check', `${L}/s20jp-pegawai.csv`, '-t', training, '-y', '2025', '-f', 'json']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.find((f) => f.code === 'invalid-date')).toMatchObject({ row: 2, value: '12345' });
  });
});
