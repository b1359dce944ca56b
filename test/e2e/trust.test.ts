import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

// Issue 20: figures a user can trust, and a tool that speaks their language. Each test here
// fails on the behaviour the issue reports.

const STAFF = 'NIP,Nama,Jenis Pegawai,Unit Kerja\n198503152010011001,Budi,PNS,Dinas A\n199001012015032002,Siti,PNS,Dinas A\n';
const MAIN = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv'];

function files(entries: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('1. the January trap: the year without --year', () => {
  it('audits the year in which most training records end, and says which and why', async () => {
    // The fixtures' records end in 2025 (one in 2024); the run is in a later year, as in early January.
    const r = await run([...MAIN, '-f', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2025, asOf: '2025-12-31', summary: { compliant: 7, nonCompliant: 5 } });
    expect(r.stderr.split('\n')[0]).toBe('jp-audit: tahun yang diaudit: 2025, karena 22 dari 23 catatan diklat berakhir pada tahun itu (pilih tahun lain dengan --year)');
    const en = await run([...MAIN, '--lang', 'en']);
    expect(en.stderr.split('\n')[0]).toBe('jp-audit: year audited: 2025, as 22 of 23 training records end in it (choose another with --year)');
  });

  it('a tie goes to the later year; no dated record: the current year; both said', async () => {
    const dir = files({
      'staff.csv': STAFF,
      'training.csv': 'NIP,Nama Pelatihan,Tanggal Selesai,JP\n198503152010011001,A,10/03/2023,20\n199001012015032002,B,11/03/2024,20\n',
      'rekap.csv': 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n198503152010011001,Budi,PNS,Dinas A,20\n',
    });
    const tie = await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '-f', 'json']);
    expect(JSON.parse(tie.stdout).year).toBe(2024);
    expect(tie.stderr).toContain('jp-audit: tahun yang diaudit: 2024; catatan diklat sama banyaknya (1) pada tahun ini dan tahun yang lebih awal, jadi dipilih tahun yang lebih akhir');
    const recap = await run(['check', join(dir, 'rekap.csv'), '-f', 'json']);
    expect(JSON.parse(recap.stdout).year).toBe(new Date().getFullYear());
    expect(recap.stderr).toContain(`jp-audit: tahun yang diaudit: ${new Date().getFullYear()} (tahun berjalan), karena tidak ada catatan diklat yang bertanggal`);
  });

  it('reads the year from training records on stdin, then audits them', async () => {
    const r = await run(['check', 'fixtures/pegawai.csv', '-t', '-', '-f', 'json'], { input: readFileSync('fixtures/diklat.csv') });
    const report = JSON.parse(r.stdout);
    expect(report.year).toBe(2025);
    expect(report.inputs[1]).toMatchObject({ file: '-', counted: 11 });
  });

  it('warns (most-records-outside-year) when most dated records fall outside the audited year', async () => {
    const r = await run([...MAIN, '--year', '2024', '-f', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.findings[0]).toMatchObject({ code: 'most-records-outside-year', severity: 'warning', file: 'fixtures/diklat.csv, fixtures/lms-simpeg-1252.csv' });
    expect(report.findings[0].message).toBe('18 dari 19 catatan diklat berakhir di luar tahun 2024 dan tidak dihitung; bila tahunnya keliru, sebutkan dengan --year');
    const right = JSON.parse((await run([...MAIN, '--year', '2025', '-f', 'json'])).stdout);
    expect(right.findingCounts['most-records-outside-year']).toBeUndefined();
  });

  it('says "all comply" only when every audited employee complies; during the year, how many are on track', async () => {
    const dir = files({
      'staff.csv': STAFF,
      'training.csv': 'NIP,Nama Pelatihan,Tanggal Selesai,JP\n198503152010011001,A,10/03/2025,20\n199001012015032002,B,11/03/2025,5\n',
    });
    const during = await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '--as-of', '31/03/2025']);
    expect(during.code).toBe(0);
    expect(during.stdout).not.toContain('Semua pegawai memenuhi kewajiban JP.');
    expect(during.stdout).toContain('Tidak ada pegawai yang berisiko: 1 dari 2 pegawai sudah memenuhi kewajiban JP, 1 lainnya sesuai target sampai tanggal acuan.');
    // Records after the as-of date are not "outside the year".
    expect(during.stdout).toContain('di luar tahun audit atau setelah tanggal acuan 0');
    const end = await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '-y', '2025']);
    expect(end.code).toBe(1);
    expect(end.stdout).not.toContain('Semua pegawai memenuhi');
  });
});

describe('2. a training file with no usable row', () => {
  it('stops with exit 2 and the first cause, not a report of nobody complying', async () => {
    const dir = files({
      'staff.csv': STAFF,
      'training.csv': 'NIP,Nama Pelatihan,Tanggal Selesai,JP\n1.98503E+17,A,10/03/2025,20\n1.99001E+17,B,11/03/2025,20\n',
    });
    const r = await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '-y', '2025']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `jp-audit: ${join(dir, 'training.csv')}: tidak ada satu pun baris diklat yang sah (2 baris ditolak); baris pertama yang ditolak: baris 2, kolom NIP = 1.98503E+17: Excel mengubah kolom NIP menjadi angka dan digit terakhirnya hilang; di Excel format kolom NIP sebagai Text (atau ekspor ulang dari SIASN/SIMPEG sebagai CSV) lalu ulangi\n`,
    );
  });

  it('a header-only training file is a warning, and the run goes on', async () => {
    const dir = files({ 'staff.csv': STAFF, 'kosong.csv': 'NIP,Nama Pelatihan,Tanggal Selesai,JP\n', 'training.csv': 'NIP,Nama Pelatihan,Tanggal Selesai,JP\n198503152010011001,A,10/03/2025,20\n' });
    const r = await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '-t', join(dir, 'kosong.csv'), '-y', '2025', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toContainEqual(expect.objectContaining({ code: 'no-training-rows', severity: 'warning', file: join(dir, 'kosong.csv') }));
  });
});

describe('3. OPD names that differ in case or spaces', () => {
  const roster = 'NIP,Nama,Jenis Pegawai,Unit Kerja\n198503152010011001,Budi,PNS,Dinas Perhubungan\n199001012015032002,Siti,PNS,DINAS PERHUBUNGAN\n198712202012121003,Andi,PNS,dinas  perhubungan\n199205102019032004,Rina,PNS,Dinas Perhubungan\n';
  const training = 'NIP,Nama Pelatihan,Tanggal Selesai,JP\n198503152010011001,A,10/03/2025,20\n';

  it('are one OPD under the most frequent spelling, with a finding that lists the variants', async () => {
    const dir = files({ 'staff.csv': roster, 'training.csv': training });
    const r = await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '-y', '2025', '-f', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.byOpd).toEqual([expect.objectContaining({ opd: 'Dinas Perhubungan', employees: 4, compliant: 1 })]);
    expect(new Set(report.employees.map((e: { opd: string }) => e.opd))).toEqual(new Set(['Dinas Perhubungan']));
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'opd-spellings', severity: 'info', value: 'Dinas Perhubungan', message: 'nama OPD "Dinas Perhubungan" ditulis dalam 3 cara ("Dinas Perhubungan" 2, "DINAS PERHUBUNGAN" 1, "dinas perhubungan" 1); semuanya dihitung sebagai satu OPD dengan tulisan yang paling sering dipakai' }),
    );
  });

  it('make one --by opd file', async () => {
    const dir = files({ 'staff.csv': roster, 'training.csv': training });
    const out = join(dir, 'per-opd');
    expect((await run(['check', join(dir, 'staff.csv'), '-t', join(dir, 'training.csv'), '-y', '2025', '--by', 'opd', '--out-dir', out, '-f', 'csv'])).code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['_ringkasan.csv', 'dinas-perhubungan.csv']);
  });
});

describe('4. exempt and not-applicable apart, in every format', () => {
  const TMT = ['check', 'fixtures/tahunan/pegawai-tmt.csv', '-t', 'fixtures/tahunan/diklat-menit.csv', '-e', 'fixtures/tahunan/pengecualian.csv', '-y', '2025'];

  it('the table counts them apart; a rate with nobody audited is "–"', async () => {
    const r = await run([...TMT, '-f', 'table'], { env: { COLUMNS: '200' } });
    expect(r.stdout).toContain('Pegawai: 7 · Diaudit: 5 · Memenuhi: 3 · Belum memenuhi: 2 · Persentase memenuhi: 60%');
    expect(r.stdout).toContain('Dikecualikan: 1 · Tidak berlaku: 1');
    // Type, employees, compliant, short, exempt, not applicable, rate.
    expect(r.stdout).toMatch(/│ PPPK\s+│\s+1 │\s+0 │\s+0 │\s+0 │\s+1 │\s+– │/);
    expect(r.stdout).toMatch(/│ Dinas A\s+│\s+4 │\s+2 │\s+1 │\s+0 │\s+1 │\s+66,7% │/);
    // Why the duty is what it is, in "Keterangan".
    expect(r.stdout).toMatch(/│ 199507172024211001 │ Fajar Nugroho\s+│ Dinas A │ tidak berlaku\s+│ tidak ada satu bulan penuh masa kerja pada tahun ini/);
    expect(r.stdout).toMatch(/│ 198712202012121003 │ Andi Pratama │ PNS\s+│\s+8 │\s+10 │\s+2 │ CLTN; wajib JP dihitung sebanding 6 bulan masa kerja/);
  });

  it('the HTML cards, bars and type table say the same', async () => {
    const dir = tempDir();
    await run([...TMT, '--out', join(dir, 'r.html')]);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<div class="card " data-key="Dikecualikan"><span class="n">1</span>');
    expect(html).toContain('<div class="card " data-key="Tidak berlaku"><span class="n">1</span>');
    // Compliant over audited: Dinas A has 2 of 3 audited (the fourth is not applicable).
    expect(html).toContain('66,7% (2/3)');
    expect(html).not.toContain('66,7% (2/4)');
    // The histogram counts the 5 audited only.
    const bars = [...html.matchAll(/class="hist" data-from="[^"]+" data-count="(\d+)"/g)].map((m) => Number(m[1]));
    expect(bars.reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe('5. --out and --format', () => {
  it.each([
    [['--out', 'laporan.pdf'], /--out laporan\.pdf: akhiran nama berkas \.pdf bukan format laporan; pakai salah satu: \.txt \(table\), \.csv, \.xlsx, \.html, \.json$/],
    [['--out', 'laporan.xls'], /akhiran nama berkas \.xls bukan format laporan/],
    [['--out', 'x.csv', '-f', 'xlsx'], /--format xlsx bertentangan dengan nama berkas --out x\.csv \(akhiran \.csv berarti csv\); samakan keduanya atau hapus --format$/],
  ])('%j: exit 2, naming the formats, nothing written', async (args) => {
    const dir = tempDir();
    const r = await run([...MAIN, ...args], { cwd: undefined });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('6. the headline says how many roster rows were rejected', () => {
  it('beside the number of employees', async () => {
    const r = await run([...MAIN, '-y', '2025']);
    expect(r.stdout.split('\n')[1]).toBe('Pegawai: 12 (1 baris pegawai ditolak) · Memenuhi: 7 · Belum memenuhi: 5 · Persentase memenuhi: 58,3%');
  });
});

describe('conventions', () => {
  it('the table by default in a pipe, fitted to COLUMNS (80 when unknown), long OPD names wrapped', async () => {
    for (const [env, width] of [[{}, 80], [{ COLUMNS: '72' }, 72]] as const) {
      const r = await run([...MAIN, '-y', '2025'], { env });
      expect(r.stdout.startsWith('Audit JP pengembangan kompetensi tahun 2025\n')).toBe(true);
      const tableLines = r.stdout.split('\n').filter((l) => /^[┌│└]/.test(l));
      expect(tableLines.length).toBeGreaterThan(10);
      for (const l of tableLines) expect([...l].length).toBeLessThanOrEqual(width);
    }
    const wide = await run([...MAIN, '-y', '2025'], { env: { COLUMNS: '200' } });
    expect(wide.stdout).toMatch(/│ Badan Kepegawaian dan Pengembangan Sumber Daya Manusia │/);
  });

  it('a run that writes a file ends with one summary line, in the chosen language', async () => {
    const dir = tempDir();
    const r = await run([...MAIN, '-y', '2025', '--out', join(dir, 'laporan.xlsx'), '--lang', 'en']);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`jp-audit: 5 of 12 employees fall short (58.3% compliant); 10 data findings (5 errors, 5 warnings); report: ${join(dir, 'laporan.xlsx')}`);
  });

  it('--help of each command shows examples and exit codes, in the chosen language', async () => {
    for (const cmd of ['check', 'latsar', 'validate', 'init', 'policy', 'explain', 'diff']) {
      const id = await run([cmd, '--help']);
      expect(id.code).toBe(0);
      expect(id.stdout).toMatch(/^Pemakaian: jp-audit /);
      expect(id.stdout).toContain('\nContoh:\n  jp-audit ');
      expect(id.stdout).toMatch(/\nKode keluar: 0 /);
      const en = await run([cmd, '--help', '--lang', 'en']);
      expect(en.stdout).toContain('\nExamples:\n  jp-audit ');
      expect(en.stdout).toMatch(/\nExit codes: 0 /);
    }
    expect((await run(['check', '--help'])).stdout).toContain('-t, --training <file>     berkas data diklat (boleh diulang)\n');
  });

  it('latsar takes -y: attendance of other years does not count', async () => {
    const all = JSON.parse((await run(['latsar', 'fixtures/latsar/cpns.csv', '-t', 'fixtures/latsar/presensi-latsar.xlsx', '-f', 'json'])).stdout);
    const none = JSON.parse((await run(['latsar', 'fixtures/latsar/cpns.csv', '-t', 'fixtures/latsar/presensi-latsar.xlsx', '-y', '2020', '-f', 'json'])).stdout);
    expect(all.summary.complete).toBeGreaterThan(0);
    expect(none.summary.complete).toBe(0);
    expect(none.inputs[1].outsidePeriod).toBe(none.inputs[1].accepted);
  });

  it('validate: --out, --no-color, each file reported when one is unusable, Latsar attendance read as latsar reads it', async () => {
    const dir = tempDir();
    const r = await run(['validate', 'fixtures/diklat.csv', 'tidak-ada.csv', 'fixtures/latsar/presensi-latsar.xlsx', '--no-color', '--out', join(dir, 'periksa.txt')], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.code).toBe(2);
    const text = readFileSync(join(dir, 'periksa.txt'), 'utf8');
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toContain('- fixtures/diklat.csv (diklat): 19 baris: 15 diterima, 4 ditolak, 1 duplikat');
    expect(text).toMatch(/- fixtures\/latsar\/presensi-latsar\.xlsx \(presensi Latsar\): \d+ baris/);
    expect(text).toContain('- tidak-ada.csv: tidak bisa dipakai: berkas tidak ditemukan; periksa nama dan foldernya');
    expect(r.stderr).toContain('jp-audit: tidak-ada.csv: berkas tidak ditemukan');
    const json = JSON.parse((await run(['validate', 'fixtures/latsar/presensi-latsar.xlsx', '-f', 'json'])).stdout);
    expect(json.inputs[0].role).toBe('attendance');
    // Its phase findings, as latsar makes them.
    expect(json.findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['invalid-phase']));
  });

  it('init says what it wrote and what to do next; the config points to docs/rules.md', async () => {
    const dir = tempDir();
    const r = await run(['init'], { cwd: dir });
    expect(r.stderr).toContain('berkas konfigurasi ditulis:');
    expect(r.stderr).toContain('jp-audit check pegawai.csv -t diklat.csv');
    const config = readFileSync(join(dir, 'jp-audit.config.yaml'), 'utf8');
    expect(config).toContain('docs/rules.md');
    expect(config).not.toContain('shared/domain.md');
  });

  it('tables give finding codes labels in the run\'s language; JSON keeps the code', async () => {
    const r = await run([...MAIN, '-y', '2025']);
    expect(r.stdout).toContain('- kesalahan: JP tidak sah fixtures/diklat.csv:13 [Jumlah JP = dua]');
    expect(r.stdout).not.toContain('galat');
    const en = await run([...MAIN, '-y', '2025', '--lang', 'en']);
    expect(en.stdout).toContain('- error: invalid JP fixtures/diklat.csv:13 [Jumlah JP = dua]');
    expect(en.stdout).toContain('1 duplicate;');
  });
});
