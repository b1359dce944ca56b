import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const MAIN = ['check', 'fixtures/pegawai.csv', '--training', 'fixtures/diklat.csv', '--training', 'fixtures/lms-simpeg-1252.csv', '--year', '2025'];
const ANSI = /\u001b\[/;

function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^jp-audit: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('jp-audit check (end to end)', () => {
  it('writes the table to a pipe by default, the JSON report with -f json, and exits 1 when someone does not comply', async () => {
    const table = await run(MAIN);
    expect(table.code).toBe(1);
    // Piped (cron mail, `> hasil.txt`): the table a person reads, not 400 lines of JSON.
    expect(table.stdout).toContain('Audit JP pengembangan kompetensi tahun 2025');
    expect(table.stdout).not.toMatch(/^\{/);
    const r = await run([...MAIN, '-f', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, year: 2025, shape: 'separate', summary: { employees: 12, compliant: 7, nonCompliant: 5, complianceRate: 0.5833 } });
    expect(report.policy.requirements).toEqual({ PNS: { min: 20 }, PPPK: { min: 24 }, CPNS: { min: 20 } });
    expect(report.byOpd.map((o: { opd: string; nonCompliant: number }) => [o.opd, o.nonCompliant])).toEqual([
      ['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 2],
      ['Dinas Kesehatan', 1],
      ['Dinas Pendidikan dan Kebudayaan', 1],
      ['Kecamatan Pontianak Kota', 1],
    ]);
    const andi = report.employees.find((e: { nip: string }) => e.nip === '198712202012121003');
    expect(andi).toEqual({ nip: '198712202012121003', name: 'Andi Pratama, S.E.', type: 'PNS', opd: 'Dinas Kesehatan', jp: 10, requiredJp: 20, expectedJp: 20, shortfallJp: 10, status: 'non-compliant', months: 12, exemptReason: null, records: 2 });
    expect(report).toMatchObject({ asOf: '2025-12-31', prorated: true });
    expect(report).not.toHaveProperty('generatedAt');
    expect(report.inputs[1]).toMatchObject({ file: 'fixtures/diklat.csv', role: 'training', delimiter: ';', rows: 19, accepted: 15, rejected: 4 });
    const mangled = report.findings.find((f: { code: string }) => f.code === 'nip-excel-mangled');
    expect(mangled).toMatchObject({ severity: 'error', file: 'fixtures/diklat.csv', row: 20, column: 'NIP', value: '1.98503E+17' });
    expect(mangled.message).toMatch(/Excel/);
    expect(mangled.message).toMatch(/Text/);
    expect(report.findingCounts).toMatchObject({ 'invalid-jp': 2, 'unknown-nip': 2, 'duplicate-record': 2 });
    expect(r.stderr).toBe('jp-audit: data dibaca sebagai data pegawai dan data diklat; tahun audit 2025\n');
  });

  it('prints the terminal table without colour when NO_COLOR is set', async () => {
    const r = await run([...MAIN, '--format', 'table']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout).toContain('Audit JP pengembangan kompetensi tahun 2025');
    expect(r.stdout).toContain('Pegawai: 12 (1 baris pegawai ditolak) · Memenuhi: 7 · Belum memenuhi: 5 · Persentase memenuhi: 58,3%');
    expect(r.stdout).toMatch(/│ Dinas Kesehatan\s+│\s+3 │\s+2 │\s+1 │\s+66,7% │\s+55,5 │/);
    expect(r.stdout).toMatch(/│ 199507172024211001 │ Fajar Nugroho, S.Pd. │ PPPK\s+│ 20 │\s+24 │\s+4 │/);
    expect(r.stdout).toContain('- fixtures/diklat.csv (diklat): 19 baris: 15 diterima, 4 ditolak, 1 duplikat; dihitung 11, di luar tahun audit 1, NIP tidak terdaftar 2; 2 baris kosong dilewati');
    // The code has an Indonesian label in the table; the JSON keeps the code.
    expect(r.stdout).toContain('kesalahan: NIP dirusak Excel fixtures/diklat.csv:20 [NIP = 1.98503E+17]');
  });

  it('colours the table only when asked (FORCE_COLOR) and never with --no-color', async () => {
    expect((await run([...MAIN, '-f', 'table'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await run([...MAIN, '-f', 'table', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await run([...MAIN, '-f', 'table'], { env: { NO_COLOR: undefined } })).stdout).not.toMatch(ANSI);
  });

  it('speaks English with --lang en', async () => {
    const r = await run([...MAIN, '-f', 'table', '--lang', 'en']);
    expect(r.stdout).toContain('Employees: 12 (1 roster row rejected) · Compliant: 7 · Non-compliant: 5 · Compliance rate: 58.3%');
    expect(r.stdout).toContain('Non-compliant employees (5)');
    expect(r.stderr).toBe('jp-audit: input shape: staff roster + training records; year 2025\n');
    const json = JSON.parse((await run([...MAIN, '--lang', 'en', '-f', 'json'])).stdout);
    expect(json.findings.find((f: { code: string }) => f.code === 'invalid-jp').message).toBe('JP is not a number (valid: 2, 2,5, 2.5); the row is not counted');
  });

  it('writes CSV, one row per employee, with formula-like cells neutralised', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'staff.csv'), 'NIP,Nama,Jenis Pegawai,Unit Kerja,JP\n198503152010011001,"=HYPERLINK(""http://x"",""klik"")",PNS,@Dinas,21\n199001012015032002,-Siti,PNS,Dinas B,3\n');
    const r = await run(['check', join(dir, 'staff.csv'), '-f', 'csv', '-y', '2025']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'NIP,Nama,Jenis,OPD,JP,Wajib JP,JP seharusnya,Kurang JP,Status,Jumlah diklat,Bulan,Keterangan',
      `198503152010011001,"'=HYPERLINK(""http://x"",""klik"")",PNS,'@Dinas,21,20,20,0,memenuhi,0,12,`,
      "199001012015032002,'-Siti,PNS,Dinas B,3,20,20,17,belum memenuhi,0,12,",
      '',
    ]);
    const raw = await run(['check', join(dir, 'staff.csv'), '-f', 'csv', '-y', '2025', '--raw-cells']);
    expect(raw.stdout).toContain('199001012015032002,-Siti,PNS');
  });

  it('--out writes the file atomically, infers the format, and prints nothing on stdout', async () => {
    const dir = tempDir();
    const out = join(dir, 'laporan.csv');
    writeFileSync(out, 'old');
    const r = await run([...MAIN, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`jp-audit: 5 dari 12 pegawai belum memenuhi (58,3% memenuhi); 10 temuan data (5 kesalahan, 5 peringatan); laporan: ${out}`);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(14);
    expect(readdirSync(dir)).toEqual(['laporan.csv']);
  });

  it('says in one line when the report cannot be written, and leaves no temporary file', async () => {
    const dir = tempDir();
    const r = await run([...MAIN, '-q', '--out', join(dir, 'tidak-ada', 'laporan.json')]);
    expectOneLineError(r, /laporan\.json: tidak bisa menulis laporan \(ENOENT\); periksa folder dan hak aksesnya$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to write the report over an input file', async () => {
    const dir = tempDir();
    const staff = join(dir, 'p.csv');
    writeFileSync(staff, readFileSync('fixtures/rekap-jp-2025.xlsx'));
    const before = readFileSync(staff);
    const r = await run(['check', staff, '--out', join(dir, '.', 'p.csv')]);
    expectOneLineError(r, /--out .*p\.csv sama dengan berkas input/);
    expect(readFileSync(staff).equals(before)).toBe(true);
  });

  it('--exit-zero exits 0 when the audit ran, and an all-compliant roster exits 0', async () => {
    expect((await run([...MAIN, '--exit-zero'])).code).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, 'rekap.csv'), 'NIP;Nama;Jenis Pegawai;OPD;Total JP\n198503152010011001;Budi;PNS;Dinas A;20\n199507172024211001;Fajar;P3K;Dinas A;24,5\n');
    const r = await run(['check', join(dir, 'rekap.csv'), '-y', '2025', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ compliant: 2, nonCompliant: 0, complianceRate: 1 });
  });

  it('reads training records from stdin with -', async () => {
    const r = await run(['check', 'fixtures/pegawai.csv', '-t', '-', '-y', '2025', '-q', '-f', 'json'], { input: readFileSync('fixtures/diklat.csv') });
    expect(r.code).toBe(1);
    // --quiet, and not clean: the one line for cron.
    expect(r.stderr).toBe('jp-audit: 7 dari 12 pegawai belum memenuhi (41,7% memenuhi); 9 temuan data (5 kesalahan, 4 peringatan)\n');
    const report = JSON.parse(r.stdout);
    expect(report.inputs[1]).toMatchObject({ file: '-', counted: 11 });
  });

  it('--verbose says which header row and columns were used', async () => {
    const r = await run(['check', 'fixtures/rekap-jp-2025.xlsx', '-y', '2025', '-v']);
    expect(r.stderr).toContain('jp-audit: fixtures/rekap-jp-2025.xlsx: judul kolom di baris 5; kolom: nip="NIP", name="Nama", type="Jenis Pegawai", opd="Unit Kerja", jp="Total JP"');
    expect(r.stderr).toContain('data dibaca sebagai data pegawai dengan total JP per orang');
  });

  it('--map, --delimiter, --encoding and --date-format change how a file is read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'staff.csv'), 'NIP,Nama,Jenis Pegawai,Unit Kerja\n198503152010011001,Budi,PNS,Dinas A\n');
    // Month-first dates, an unknown JP header, and a `;` inside a cell that must not split it.
    writeFileSync(join(dir, 'lms.csv'), Buffer.from('NIP,Course;Title,Completed,Credit Hours\n198503152010011001,Data;Science,12/31/2025,20\n', 'latin1'));
    const base = ['check', join(dir, 'staff.csv'), '-t', join(dir, 'lms.csv'), '-y', '2025', '-q', '-f', 'json'];
    const wrong = await run([...base, '--map', 'jp=Credit Hours', '--map', 'end=Completed', '--delimiter', ',']);
    // Its only row rejected, the file stops the run with the first cause (not "nobody trained").
    expectOneLineError(wrong, /lms\.csv: tidak ada satu pun baris diklat yang sah \(1 baris ditolak\); baris pertama yang ditolak: baris 2, kolom Completed = 12\/31\/2025: tanggal tidak ada di kalender/);
    const right = await run([...base, '--map', 'jp=Credit Hours', '--map', 'end=Completed', '--delimiter', ',', '--date-format', 'mdy', '--encoding', 'windows-1252']);
    expect(right.code).toBe(0);
    const report = JSON.parse(right.stdout);
    expect(report.employees[0]).toMatchObject({ jp: 20, status: 'compliant' });
    expect(report.inputs[1]).toMatchObject({ delimiter: ',', encoding: 'windows-1252', columns: { jp: 'Credit Hours', end: 'Completed' } });
  });

  it('--shape and --sheet are obeyed', async () => {
    expectOneLineError(await run(['check', 'fixtures/rekap-jp-2025.xlsx', '--shape', 'separate']), /--shape separate memerlukan sedikitnya satu --training/);
    expectOneLineError(await run(['check', 'fixtures/rekap-jp-2025.xlsx', '--sheet', 'Data']), /lembar "Data" tidak ada; lembar yang ada: Rekap JP 2025, Catatan/);
  });

  it.each([
    [['check', 'tidak-ada.csv', '-t', 'fixtures/diklat.csv'], /^jp-audit: tidak-ada\.csv: berkas tidak ditemukan; periksa nama dan foldernya$/],
    [['check', 'fixtures/pegawai.csv'], /fixtures\/pegawai\.csv: tidak ada data JP: .*"NIP_BARU".*; tambahkan --training diklat\.csv$/],
    [['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '--year', '25'], /--year "25" tidak sah; yang boleh: 1900 … 2099/],
    [['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '--format', 'pdf'], /--format "pdf" tidak sah; yang boleh: table, json, csv/],
    [['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '--map', 'gaji=Gaji'], /--map "gaji=Gaji" tidak sah/],
    [['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '--encoding', 'ascii'], /--encoding "ascii" tidak sah/],
    [['check', 'fixtures/pegawai.csv', '--bogus'], /^jp-audit: opsi '--bogus' tidak dikenal; lihat daftar opsi dengan --help$/],
    [['check'], /^jp-audit: argumen 'staff' wajib diisi; lihat contohnya dengan --help$/],
    [['check', 'fixtures/pegawai.csv', '--bogus', '--lang', 'en'], /^jp-audit: unknown option '--bogus'$/],
  ])('exits 2 with one line for unusable input: %j', async (args, pattern) => {
    expectOneLineError(await run(args), pattern);
  });

  it('names the missing column and lists the headers found', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'staff.csv'), 'NIP,Nama,Jabatan,Total JP\n198503152010011001,Budi,Analis,20\n');
    expectOneLineError(await run(['check', join(dir, 'staff.csv')]), /kolom OPD\/unit kerja tidak ditemukan \(kolom yang ada: "NIP", "Nama", "Jabatan", "Total JP"\); ganti nama kolomnya atau tambahkan --map opd="…"$/);
  });

  it('shows a stack trace only with --debug', async () => {
    const r = await run(['check', 'tidak-ada.csv', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('--quiet prints nothing on stderr when the run is clean, else the one summary line', async () => {
    const clean = tempDir();
    writeFileSync(join(clean, 'rekap.csv'), 'NIP;Nama;Jenis Pegawai;OPD;Total JP\n198503152010011001;Budi;PNS;Dinas A;20\n');
    const quiet = await run(['check', join(clean, 'rekap.csv'), '-y', '2025', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    const r = await run([...MAIN, '--quiet', '-f', 'table']);
    // Not clean: one line, for cron's mail, and nothing else.
    expect(r.stderr).toBe('jp-audit: 5 dari 12 pegawai belum memenuhi (58,3% memenuhi); 10 temuan data (5 kesalahan, 5 peringatan)\n');
    expect(r.stdout).toContain('Per OPD');
  });

  it('prints help and version', async () => {
    const help = await run(['check', '--help']);
    expect(help.code).toBe(0);
    for (const opt of ['--training', '--year', '--shape', '--format', '--out', '--map', '--delimiter', '--encoding', '--sheet', '--date-format', '--lang', '--exit-zero', '--raw-cells', '--verbose', '--quiet', '--debug']) {
      expect(help.stdout).toContain(opt);
    }
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('check');
  });

  it('reads the combined sheet and the recap without --training', async () => {
    const before = readFileSync('fixtures/rekap-jp-2025.xlsx');
    const combined = await run(['check', 'fixtures/gabungan-diskominfo.xlsx', '-y', '2025', '-f', 'json']);
    expect(JSON.parse(combined.stdout)).toMatchObject({ shape: 'combined', summary: { employees: 4, compliant: 2 } });
    const recap = await run(['check', 'fixtures/rekap-jp-2025.xlsx', '-y', '2025', '-f', 'json']);
    const report = JSON.parse(recap.stdout);
    expect(report).toMatchObject({ shape: 'totals', summary: { employees: 5, compliant: 2 } });
    expect(report.findings.map((f: { code: string; row: number }) => [f.code, f.row])).toEqual([
      ['nip-excel-mangled', 8],
      ['nip-excel-mangled', 11],
      // Hendra's total is not empty: a formula (F12+G12) whose cached value is 0. exceljs dropped a
      // cached 0 and showed the cell blank (total-jp-blank); the cell holds 0.
    ]);
    expect(existsSync('fixtures/rekap-jp-2025.xlsx')).toBe(true);
    // Reading never changes an input.
    expect(readFileSync('fixtures/rekap-jp-2025.xlsx').equals(before)).toBe(true);
  });
});
