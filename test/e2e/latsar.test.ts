import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const BASE = ['latsar', 'fixtures/latsar/cpns.csv', '-t', 'fixtures/latsar/presensi-latsar.xlsx', '-q'];

describe('jp-audit latsar (end to end)', () => {
  it('JSON: curriculum, inputs, summary, byOpd, participants with phases, findings; exit 1', async () => {
    const r = await run([...BASE, '-f', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, kind: 'latsar', curriculum: { totalJp: 647 }, summary: { participants: 4, complete: 2, incomplete: 2 } });
    expect(report.curriculum.phases).toEqual([
      { id: 'mandiri', days: 9 },
      { id: 'daring-1', days: 21 },
      { id: 'aktualisasi', days: 30 },
      { id: 'daring-2', days: 1 },
      { id: 'klasikal', days: 3 },
    ]);
    expect(report.inputs[0]).toMatchObject({ role: 'staff', rows: 5, accepted: 5, notApplicable: 1 });
    expect(report.inputs[1]).toMatchObject({ format: 'xlsx', headerRow: 5, rows: 191, accepted: 190, rejected: 1, duplicates: 1, counted: 189, columns: { phase: 'Agenda Pembelajaran', end: 'Tanggal', jp: 'JP' } });
    const byNip = Object.fromEntries(report.participants.map((p: { nip: string }) => [p.nip, p]));
    expect(byNip['199811302025011003']).toMatchObject({ totalJp: 623, requiredJp: 647, status: 'incomplete' });
    expect(byNip['199811302025011003'].phases[2]).toEqual({ phase: 'aktualisasi', jp: 216, days: 27, requiredDays: 30, jpTarget: null });
    expect(byNip['199609092025012007']).toMatchObject({ totalJp: 0, status: 'incomplete' });
    expect(byNip['200001012025011006']).toMatchObject({ totalJp: 647, status: 'complete' });
    expect(byNip['199903152025012004']).toMatchObject({ totalJp: 647, status: 'complete' });
    // Incomplete first within each OPD.
    expect(report.participants.map((p: { status: string }) => p.status)).toEqual(['incomplete', 'complete', 'incomplete', 'complete']);
    expect(report.findings.map((f: { code: string; row: number }) => [f.code, f.row])).toEqual([
      ['ignored-columns', 5],
      ['duplicate-record', 195],
      ['invalid-phase', 196],
    ]);
    expect(report.findings[2]).toMatchObject({ column: 'Agenda Pembelajaran', value: 'Orientasi' });
    expect(report.findings[2].message).toMatch(/Pembelajaran Mandiri.*Tatap Muka/);
  });

  it('table: days and JP per phase as done/required, incomplete first, grouped by OPD', async () => {
    // Wide enough for a row on one line (the table fits COLUMNS; 80 in a pipe).
    const r = await run([...BASE, '-f', 'table'], { env: { COLUMNS: '200' } });
    expect(r.stdout).toContain('Peserta: 4 · Tuntas: 2 · Belum tuntas: 2 · Persentase tuntas: 50%');
    expect(r.stdout).toContain('1 pegawai bukan CPNS tidak diaudit');
    expect(r.stdout).toMatch(/│ 199811302025011003 │ Rizky Ramadhan, S\.Kom\.\s+│ 9\/9 hari │ 21\/21 hari │\s+27\/30 hari │ 1\/1 hari │ 3\/3 hari │\s+623\/647 │ belum tuntas │/);
    const lines = r.stdout.split('\n');
    expect(lines.findIndex((l) => l.includes('Lestari'))).toBeLessThan(lines.findIndex((l) => l.includes('Yoga')));
  });

  it('csv: one row per CPNS', async () => {
    const r = await run([...BASE, '-f', 'csv']);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('NIP,Nama,OPD,Mandiri (hari),Mandiri (JP),Daring 1 (hari),Daring 1 (JP),Aktualisasi (hari),Aktualisasi (JP),Daring 2 (hari),Daring 2 (JP),Klasikal (hari),Klasikal (JP),Total JP,Wajib JP,Status');
    expect(rows).toContain('199811302025011003,"Rizky Ramadhan, S.Kom.",Dinas Komunikasi dan Informatika,9,90,21,210,27,216,1,10,3,97,623,647,belum tuntas');
    expect(rows).toHaveLength(5);
  });

  it('xlsx and html, and --by opd', async () => {
    const dir = tempDir();
    await run([...BASE, '--out', join(dir, 'latsar.xlsx'), '--lang', 'en']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'latsar.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Overview', 'Badan Kepegawaian dan Pengemban', 'Dinas Komunikasi dan Informatik', 'Data Findings', 'Input Files']);
    const ws = wb.worksheets[2]!;
    expect(ws.getRow(1).getCell(7).value).toBe('Actualisation (days/30)');
    expect(ws.getRow(2).values).toEqual([undefined, '199811302025011003', 'Rizky Ramadhan, S.Kom.', 9, 90, 21, 210, 27, 216, 1, 10, 3, 97, 623, 647, 'incomplete']);
    expect(ws.getRow(2).getCell(1).numFmt).toBe('@');
    expect(ws.getRow(2).getCell(2).fill).toMatchObject({ fgColor: { argb: 'FFFDE2E1' } });

    await run([...BASE, '--out', join(dir, 'latsar.html')]);
    const html = readFileSync(join(dir, 'latsar.html'), 'utf8');
    expect(html).toContain('<h1>Progres Pelatihan Dasar (Latsar) CPNS</h1>');
    expect(html).toContain('27/30 hari, 216 JP');
    expect(html.match(/<rect class="bar /g)).toHaveLength(2);

    const out = join(dir, 'per-opd');
    const by = await run([...BASE, '--by', 'opd', '--out-dir', out, '--format', 'csv']);
    expect(by.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['_ringkasan.csv', 'badan-kepegawaian-dan-pengembangan-sumber-daya-manusia.csv', 'dinas-komunikasi-dan-informatika.csv']);
    expect(readFileSync(join(out, '_ringkasan.csv'), 'utf8').split('\n')[1]).toBe('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia,2,1,1,0.5,647');
  });

  it('a config curriculum and phase aliases apply; all complete exits 0', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'jp-audit.config.yaml'), 'latsar:\n  totalJp: 600\n  phases:\n    - { id: mandiri, days: 9 }\n    - { id: daring-1, days: 21 }\n    - { id: aktualisasi, days: 27 }\n    - { id: daring-2, days: 1 }\n    - { id: klasikal, days: 3 }\nphaseAliases:\n  Orientasi: mandiri\n');
    const cwd = process.cwd();
    const r = await run(['latsar', join(cwd, 'fixtures/latsar/cpns.csv'), '-t', join(cwd, 'fixtures/latsar/presensi-latsar.xlsx'), '-q', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report.curriculum.totalJp).toBe(600);
    expect(report.findings.map((f: { code: string }) => f.code)).not.toContain('invalid-phase');
    const rizky = report.participants.find((p: { nip: string }) => p.nip === '199811302025011003');
    expect(rizky.status).toBe('complete');
    expect(report.summary.incomplete).toBe(1);
    expect((await run(['latsar', join(cwd, 'fixtures/latsar/cpns.csv'), '-t', join(cwd, 'fixtures/latsar/presensi-latsar.xlsx'), '-q', '--exit-zero'], { cwd: dir })).code).toBe(0);
  });

  it.each([
    [['latsar', 'fixtures/latsar/cpns.csv'], /latsar memerlukan data presensi dengan --training/],
    [['latsar', 'fixtures/rekap-jp-2025.xlsx', '-t', 'fixtures/latsar/presensi-latsar.xlsx'], /^jp-audit: fixtures\/rekap-jp-2025\.xlsx: tidak ada CPNS di data pegawai \(5 baris diterima, 2 ditolak\)/],
    [['latsar', 'fixtures/latsar/cpns.csv', '-t', 'fixtures/diklat.csv'], /kolom tahap tidak ditemukan/],
  ])('refuses unusable input %j', async (args, pattern) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});
