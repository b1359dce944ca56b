import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const MAIN = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025'];

describe('--by opd --out-dir', () => {
  it('writes an overview and one workbook per OPD, creating the folder, and says where', async () => {
    const dir = join(tempDir(), 'laporan', '2025');
    const r = await run([...MAIN, '--by', 'opd', '--out-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      '_ringkasan.xlsx',
      'badan-kepegawaian-dan-pengembangan-sumber-daya-manusia.xlsx',
      'dinas-kesehatan.xlsx',
      'dinas-pendidikan-dan-kebudayaan.xlsx',
      'kecamatan-pontianak-kota.xlsx',
    ]);
    for (const f of files) expect(r.stderr).toContain(`laporan ditulis ke ${join(dir, f)}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'dinas-kesehatan.xlsx'));
    expect(wb.title).toBe('Laporan JP Dinas Kesehatan tahun 2025');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Dinas Kesehatan', 'Temuan Data', 'Berkas Input']);
    // Every employee of the OPD, those short of the duty first (the largest shortfall first).
    expect(wb.getWorksheet('Dinas Kesehatan')!.getColumn(1).values.slice(6)).toEqual(['199001012015032002', '198712202012121003', '198503152010011001']);
    const ov1 = wb.getWorksheet('Ringkasan')!;
    expect(ov1.getCell('A2').value).toBe('Dinas Kesehatan');
    expect(ov1.getCell('B7').value).toBe(3);
    // Its own rows' accounting, not the whole run's: 3 roster rows, 4 records counted, 38.5 JP, 1 finding.
    const accounting = Object.fromEntries(ov1.getColumn(1).values.map((k, r) => [k, ov1.getCell(r, 2).value]).filter(([k]) => typeof k === 'string'));
    expect(accounting).toMatchObject({ 'Baris daftar pegawai': 3, 'Catatan diklat dihitung': 4, 'Total JP': 38.5, 'Temuan tentang pegawainya': 1 });

    const ov = new ExcelJS.Workbook();
    await ov.xlsx.readFile(join(dir, '_ringkasan.xlsx'));
    expect(ov.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Temuan Data', 'Berkas Input']);
    expect(ov.getWorksheet('Ringkasan')!.getColumn(1).values).toEqual(expect.arrayContaining(['Dinas Kesehatan', 'Kecamatan Pontianak Kota']));
  });

  it.each([
    ['csv', 'OPD,Pegawai,Diaudit,Memenuhi,Belum memenuhi,Sesuai target,Berisiko,Dikecualikan,Tidak berlaku,Persentase memenuhi,Total JP,Rata-rata JP', 'NIP,Nama,Jenis,OPD,JP,Wajib JP,JP seharusnya,Kurang JP,Status,Jumlah diklat,Bulan,Keterangan'],
    ['html', '<h1>Audit JP pengembangan kompetensi tahun 2025</h1>', '<h1>Laporan JP Dinas Kesehatan tahun 2025</h1>'],
    ['json', '"schemaVersion": 1', '"opd": "Dinas Kesehatan"'],
  ])('writes %s too', async (format, overview, opd) => {
    const dir = tempDir();
    expect((await run([...MAIN, '--by', 'opd', '--out-dir', dir, '--format', format])).code).toBe(1);
    expect(readFileSync(join(dir, `_ringkasan.${format}`), 'utf8')).toContain(overview);
    const one = readFileSync(join(dir, `dinas-kesehatan.${format}`), 'utf8');
    expect(one).toContain(opd);
    expect(one).not.toContain('Kecamatan Pontianak Kota');
    if (format === 'csv') {
      // Every employee with status, JP, duty and shortfall, those short of the duty first.
      expect(one.trim().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(['199001012015032002', '198712202012121003', '198503152010011001']);
    }
    if (format === 'html') {
      // The whole staff, not only those short; no chart comparing OPDs; its own accounting.
      expect(one.match(/<table class="sortable staff">.*?<\/table><\/div><\/section>/s)![0].match(/<tr><td>/g)).toHaveLength(3);
      expect(one).toContain('Budi Santoso');
      expect(one).not.toContain('class="chart bars"');
      expect(one).toContain('Perhitungan baris OPD ini');
    }
    if (format === 'json') {
      expect(JSON.parse(one).summary).toEqual({ employees: 3, audited: 3, compliant: 1, nonCompliant: 2, onTrack: 0, atRisk: 0, exempt: 0, notApplicable: 0, complianceRate: 0.3333, totalJp: 38.5 });
    }
  });

  it('keeps hostile OPD names inside --out-dir, one file each', async () => {
    const base = tempDir();
    const dir = join(base, 'out');
    const r = await run(['check', 'fixtures/hostile/pegawai-jahat.csv', '-y', '2025', '--by', 'opd', '--out-dir', dir, '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(readdirSync(base)).toEqual(['out']);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(7);
    for (const f of files) expect(f).toMatch(/^[a-z0-9_][a-z0-9-]*\.csv$/);
    expect(files).toEqual(expect.arrayContaining(['_ringkasan.csv', 'etc.csv', 'con-opd.csv', 'img-src-x-onerror-alert-1.csv', 'cmd-c-calc-a0.csv']));
    // "Dinas A/B" and "Dinas A\B" make the same stem: both get a stable suffix.
    expect(files.filter((f) => f.startsWith('dinas-a-b-'))).toHaveLength(2);
    expect(existsSync(join(base, 'etc'))).toBe(false);
  });

  it('stops before writing anything when a file exists, and replaces with --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dinas-kesehatan.xlsx'), 'old');
    const r = await run([...MAIN, '--by', 'opd', '--out-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1 berkas laporan sudah ada \(dinas-kesehatan\.xlsx\); pakai --force/);
    expect(readdirSync(dir)).toEqual(['dinas-kesehatan.xlsx']);
    expect(readFileSync(join(dir, 'dinas-kesehatan.xlsx'), 'utf8')).toBe('old');
    const forced = await run([...MAIN, '--by', 'opd', '--out-dir', dir, '--force']);
    expect(forced.code).toBe(1);
    expect(readdirSync(dir)).toHaveLength(5);
    expect(readFileSync(join(dir, 'dinas-kesehatan.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it.each([
    [['--by', 'opd'], /--by opd menulis satu berkas per OPD; sebutkan foldernya dengan --out-dir/],
    [['--out-dir', 'x'], /--out-dir dipakai bersama --by opd/],
    [['--by', 'opd', '--out-dir', 'x', '--format', 'table'], /format table tidak bisa dipecah per OPD/],
    [['--by', 'unit'], /--by "unit" tidak sah; yang boleh: opd/],
  ])('refuses %j', async (args, pattern) => {
    const r = await run([...MAIN, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(pattern);
  });
});
