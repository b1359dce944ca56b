import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { tools } from '../helpers/tools.js';

const MAIN = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025'];

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sofficePath(): string | undefined {
  return tools().find((t) => t.name === 'LibreOffice')!.path;
}

describe('Excel report', () => {
  it('has an overview, a sheet per OPD, findings and inputs, built as the issue asks', async () => {
    const dir = tempDir();
    const out = join(dir, 'laporan.xlsx');
    const r = await run([...MAIN, '--out', out]);
    expect(r.code).toBe(1);
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Badan Kepegawaian dan Pengemban',
      'Dinas Kesehatan',
      'Dinas Pendidikan dan Kebudayaan',
      'Kecamatan Pontianak Kota',
      'Temuan Data',
      'Berkas Input',
    ]);
    // Document properties name the year and the policy.
    expect(wb.title).toBe('Audit JP pengembangan kompetensi tahun 2025');
    expect(wb.keywords).toBe('jp-audit year=2025 PNS=20 PPPK=24 CPNS=20');
    expect(wb.description).toBe('Wajib JP per tahun: PNS 20, PPPK 24, CPNS 20');
    expect(wb.created).toBeInstanceOf(Date);

    // Each sheet: a title block (the audit and year, what it holds, period and policy), then its table.
    const ov = wb.getWorksheet('Ringkasan')!;
    expect(ov.getCell('A1').value).toBe('Audit JP pengembangan kompetensi tahun 2025');
    expect(ov.getCell('A2').value).toBe('Ringkasan');
    expect(ov.getCell('A3').value).toBe('Periode: 1 Januari 2025 – 31 Desember 2025 · Wajib JP per tahun: PNS 20, PPPK 24, CPNS 20');
    expect(ov.getCell('B5').value).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(ov.getCell('C5').value).toEqual(new Date(Date.UTC(2025, 11, 31)));
    expect(ov.getCell('B5').numFmt).toBe('dd/mm/yyyy');
    expect(ov.getColumn(1).values.slice(7, 15)).toEqual(['Pegawai', 'Diaudit', 'Memenuhi', 'Belum memenuhi', 'Dikecualikan', 'Tidak berlaku', 'Persentase memenuhi', 'Total JP']);
    expect(ov.getCell('B13').value).toBe(0.5833);
    expect(ov.getCell('B13').numFmt).toBe('0.0%');
    expect(ov.getCell('B14').value).toBe(830.5);
    expect(ov.getCell('B14').numFmt).toBe('#,##0.0##');
    expect(ov.getRow(16).values).toEqual([undefined, 'OPD', 'Pegawai', 'Diaudit', 'Memenuhi', 'Belum memenuhi', 'Dikecualikan', 'Tidak berlaku', 'Persentase memenuhi', 'Total JP', 'Rata-rata JP']);
    expect(ov.getRow(18).values).toEqual([undefined, 'Dinas Kesehatan', 3, 3, 2, 1, 0, 0, 0.6667, 55.5, 18.5]);
    expect(ov.views[0]).toMatchObject({ state: 'frozen', ySplit: 16 });
    expect(ov.autoFilter).toBe('A16:J20');

    // Every sheet: landscape A4, one page wide and as many high as needed, its header row on every page.
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddHeader).toContain('Audit JP pengembangan kompetensi tahun 2025');
    }
    expect(ov.pageSetup.printTitlesRow).toBe('16:16');

    const badan = wb.getWorksheet('Badan Kepegawaian dan Pengemban')!;
    // The tab is cut to 31 characters; the title block names the OPD in full.
    expect(badan.getCell('A2').value).toBe('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia');
    expect(badan.pageSetup.printTitlesRow).toBe('5:5');

    const dinkes = wb.getWorksheet('Dinas Kesehatan')!;
    expect(dinkes.getCell('A1').value).toBe('Audit JP pengembangan kompetensi tahun 2025');
    expect(dinkes.getCell('A2').value).toBe('Dinas Kesehatan');
    expect(dinkes.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(dinkes.autoFilter).toBe('A5:I8');
    // A closed year where everyone served all twelve months: no expected-JP and months columns.
    expect(dinkes.getRow(5).values).toEqual([undefined, 'NIP', 'Nama', 'Jenis', 'Status', 'JP', 'Wajib JP', 'Kurang JP', 'Jumlah diklat', 'Keterangan']);
    // Those short of the duty first (Andi), then the others by NIP (Budi, Siti).
    expect(dinkes.getColumn(1).values.slice(6)).toEqual(['198712202012121003', '198503152010011001', '199001012015032002']);
    const andi = dinkes.getRow(6);
    expect(andi.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(andi.getCell(1).numFmt).toBe('@');
    expect(andi.getCell(4).value).toBe('belum memenuhi');
    // JP: whole numbers without decimals (`10`), others with theirs (`21,5` in an Indonesian Excel).
    expect(andi.getCell(5).value).toBe(10);
    expect(andi.getCell(5).numFmt).toBe('#,##0');
    expect(andi.getCell(2).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFDE2E1' } });
    const siti = dinkes.getRow(8);
    expect(siti.getCell(5).value).toBe(21.5);
    expect(siti.getCell(5).numFmt).toBe('#,##0.0##');
    const budi = dinkes.getRow(7);
    expect(budi.getCell(4).value).toBe('memenuhi');
    expect(budi.getCell(2).fill).toBeUndefined();
    expect(dinkes.getColumn(2).width).toBeGreaterThanOrEqual(20);

    const findings = wb.getWorksheet('Temuan Data')!;
    expect(findings.rowCount).toBe(15);
    // The finding's name to read, its code beside it to filter on.
    expect(findings.getRow(5).values).toEqual([undefined, 'Temuan', 'Kode', 'Tingkat', 'Berkas', 'Baris', 'Kolom', 'Nilai', 'Keterangan']);
    expect(findings.getRow(14).values).toEqual([undefined, 'NIP dirusak Excel', 'nip-excel-mangled', 'kesalahan', 'fixtures/diklat.csv', 20, 'NIP', '1.98503E+17', expect.stringContaining('Excel')]);
    const inputs = wb.getWorksheet('Berkas Input')!;
    expect(inputs.getRow(7).values).toEqual([undefined, 'fixtures/diklat.csv', 'diklat', 'csv', 'utf-8', 1, 19, 15, 4, 1, 1, 2, 11, 2]);
  });

  it('counts exempt, not applicable and (during the year) at-risk employees apart on the overview', async () => {
    const dir = tempDir();
    const t = (f: string) => join('fixtures', 'tahunan', f);
    await run(['check', t('pegawai-tmt.csv'), '-t', t('diklat-menit.csv'), '-e', t('pengecualian.csv'), '-y', '2025', '--as-of', '30/06/2025', '--out', join(dir, 'r.xlsx')]);
    const wb = await readBack(join(dir, 'r.xlsx'));
    const ov = wb.getWorksheet('Ringkasan')!;
    const labels = ov.getColumn(1).values.slice(7, 16);
    const values = ov.getColumn(2).values.slice(7, 16);
    expect(Object.fromEntries(labels.map((k, i) => [k, values[i]]))).toMatchObject({ Pegawai: 7, Diaudit: 5, Memenuhi: 2, 'Sesuai target': 2, Berisiko: 1, Dikecualikan: 1, 'Tidak berlaku': 1 });
    expect(ov.getRow(17).values).toEqual([undefined, 'OPD', 'Pegawai', 'Diaudit', 'Memenuhi', 'Sesuai target', 'Berisiko', 'Dikecualikan', 'Tidak berlaku', 'Persentase memenuhi', 'Total JP', 'Rata-rata JP']);
    const dinasB = wb.getWorksheet('Dinas B')!;
    const exemptRow = dinasB.getRow(dinasB.getColumn(1).values.indexOf('199001012015032002')).values as unknown[];
    expect(exemptRow.slice(1, 3)).toEqual(['199001012015032002', 'dr. Siti Aminah']);
    expect(exemptRow.slice(4, 5)).toEqual(['dikecualikan']);
    // During the year: the JP expected by then and the months served, beside the year's duty.
    expect(dinasB.getRow(5).values).toEqual([undefined, 'NIP', 'Nama', 'Jenis', 'Status', 'JP', 'Wajib JP', 'Kurang JP', 'JP seharusnya', 'Bulan', 'Jumlah diklat', 'Keterangan']);
    expect(exemptRow.at(-1)).toBe('Tugas Belajar');
  });

  it('neutralises formula-like text, unless --raw-cells', async () => {
    const dir = tempDir();
    await run(['check', 'fixtures/hostile/pegawai-jahat.csv', '-y', '2025', '--out', join(dir, 'a.xlsx')]);
    const wb = await readBack(join(dir, 'a.xlsx'));
    const names = wb.worksheets.flatMap((ws) => ws.getColumn(2).values.filter((v): v is string => typeof v === 'string'));
    expect(names).toContain(`'=HYPERLINK("http://example.invalid","klik")`);
    expect(names).toContain("'+62 812");
    expect(names).toContain("'@SUM(1+1)");
    expect(names).toContain("'-Siti");
    const ov = wb.getWorksheet('Ringkasan')!;
    expect(ov.getColumn(1).values).toContain("'=cmd|' /C calc'!A0");
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));

    await run(['check', 'fixtures/hostile/pegawai-jahat.csv', '-y', '2025', '--out', join(dir, 'b.xlsx'), '--raw-cells']);
    const raw = await readBack(join(dir, 'b.xlsx'));
    expect(raw.worksheets.flatMap((ws) => ws.getColumn(2).values)).toContain('-Siti');
  });

  it('opens cleanly in LibreOffice (converted headless to CSV)', async (ctx) => {
    const soffice = sofficePath();
    if (!soffice) {
      // CI installs LibreOffice in .ci/run; there its absence is a failure, not a skip.
      expect(process.env.CI, 'LibreOffice (soffice) is missing in CI').toBeFalsy();
      ctx.skip();
      return;
    }
    const dir = tempDir();
    const out = join(dir, 'laporan.xlsx');
    await run([...MAIN, '--out', out, '--lang', 'en']);
    mkdirSync(join(dir, 'lo'));
    execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv', '--outdir', join(dir, 'lo'), out], { timeout: 120_000, stdio: 'pipe' });
    const csv = readFileSync(join(dir, 'lo', 'laporan.csv'), 'utf8');
    expect(csv).toContain('Competency development JP audit 2025');
    expect(csv).toContain('OPD,Employees,Audited,Compliant,Non-compliant,Exempt,Not applicable,Compliance rate,Total JP,Average JP');
    // LibreOffice's CSV filter writes percentages with its own number of decimals.
    expect(csv).toMatch(/Dinas Kesehatan,3,3,2,1,0,0,66\.\d+%,55\.5,18\.5/);
  }, 180_000);
});
