import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir, type Run } from '../helpers/cli.js';

const BROKEN = 'fixtures/broken';

/** Either an exit 2 with one clear line and nothing on stdout, or a report whose accounting holds. */
function expectGraceful(r: Run): void {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
  expect([0, 1, 2]).toContain(r.code);
  if (r.code === 2) {
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^jp-audit: .+: .+; .+/);
  } else {
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.employees).toBeGreaterThan(0);
    for (const i of report.inputs) expect(i.rows).toBe(i.accepted + i.rejected);
  }
}

type Expect = { exit: 2; message: RegExp } | { exit: 0 | 1; findings: string[]; employees: number };

// Every file of the corpus, read as the roster (no --training), and what must come of it.
const AS_ROSTER: Record<string, Expect> = {
  'empty.csv': { exit: 2, message: /berkas kosong; ekspor ulang datanya/ },
  'header-only.csv': { exit: 2, message: /hanya berisi judul kolom, tanpa baris data/ },
  'blank-lines-only.csv': { exit: 2, message: /tidak berisi baris data/ },
  'binary-garbage.csv': { exit: 2, message: /bukan teks \(CSV\) atau Excel/ },
  'pdf-renamed.csv': { exit: 2, message: /ini berkas PDF, bukan data/ },
  'word-renamed.csv': { exit: 2, message: /berkas ini Word \(\.docx\), bukan Excel/ },
  'old-excel.xls': { exit: 2, message: /Excel lama \(\.xls\) rusak atau tidak terbaca \(broken compound file[^)]*\); buka di Excel lalu Simpan Sebagai \.xlsx atau CSV/ },
  'corrupt-sector-chain.xls': { exit: 2, message: /Excel lama \(\.xls\) rusak atau tidak terbaca \(broken compound file: directory: sector \d+ in two chains, or a loop\)/ },
  'billion-laughs.xml': { exit: 2, message: /berkas XML ini mendeklarasikan entitas \(<!ENTITY>\)/ },
  'other-xml.xml': { exit: 2, message: /bukan Excel 2003 XML \(SpreadsheetML\)/ },
  'page-without-table.xls': { exit: 2, message: /halaman HTML tanpa tabel/ },
  'truncated.json': { exit: 2, message: /baris 1: JSON tidak sah \(the file ends inside a string\)/ },
  'not-a-zip.xlsx': { exit: 2, message: /bernama \.xlsx tetapi isinya bukan Excel/ },
  'truncated.xlsx': { exit: 2, message: /\.xlsx terpotong atau rusak/ },
  'no-sheets.xlsx': { exit: 2, message: /tidak punya lembar kerja/ },
  'zip-bomb.xlsx': { exit: 2, message: /terlalu besar saat dibuka \(xl\/worksheets\/sheet1\.xml inflates \d+×, batas 500×\)/ },
  'unclosed-quote.csv': { exit: 2, message: /baris 4: tanda kutip \(\"\) dibuka tetapi tidak ditutup/ },
  'all-rows-invalid.csv': { exit: 2, message: /tidak ada baris pegawai yang sah \(2 ditolak; pertama: baris 2, nip-excel-mangled\)/ },
  'nip-numbers.xlsx': { exit: 2, message: /tidak ada baris pegawai yang sah \(2 ditolak; pertama: baris 2, nip-excel-mangled\)/ },
  'invalid-utf8.csv': { exit: 1, findings: ['encoding-replaced'], employees: 2 },
  'utf16le-bom.txt': { exit: 1, findings: [], employees: 2 },
  'utf16le-nobom.txt': { exit: 1, findings: [], employees: 2 },
  'mixed-line-endings.csv': { exit: 1, findings: [], employees: 3 },
  'header-repeated.csv': { exit: 1, findings: ['repeated-header'], employees: 3 },
  'ragged-rows.csv': { exit: 1, findings: ['missing-value'], employees: 1 },
  'proto-headers.csv': { exit: 0, findings: [], employees: 1 },
  'merged-header.xlsx': { exit: 1, findings: [], employees: 2 },
  // An external link to a URL, a formula using it, a macro project: the cached value is read.
  'external-link-macro.xlsx': { exit: 0, findings: [], employees: 1 },
};

describe('broken input: the corpus', () => {
  it('covers every file in fixtures/broken', () => {
    expect(readdirSync(BROKEN).sort()).toEqual(Object.keys(AS_ROSTER).sort());
  });

  it.each(Object.entries(AS_ROSTER))('check %s (as the roster)', async (file, want) => {
    const r = await run(['check', join(BROKEN, file), '-y', '2025', '-q', '-f', 'json']);
    expectGraceful(r);
    expect(r.code).toBe(want.exit);
    if (want.exit === 2) expect(r.stderr).toMatch(want.message);
    else {
      const report = JSON.parse(r.stdout);
      expect(report.findings.map((f: { code: string }) => f.code)).toEqual(want.findings);
      expect(report.summary.employees).toBe(want.employees);
    }
  });

  it.each(Object.keys(AS_ROSTER))('check %s (as a training file)', async (file) => {
    expectGraceful(await run(['check', 'fixtures/pegawai.csv', '-t', join(BROKEN, file), '-y', '2025', '-q', '-f', 'json']));
  });

  it.each(Object.keys(AS_ROSTER))('validate %s', async (file) => {
    const r = await run(['validate', join(BROKEN, file), '-q', '-f', 'json']);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
    if (r.code === 2) {
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    } else {
      const out = JSON.parse(r.stdout);
      for (const i of out.inputs) expect(i.rows).toBe(i.accepted + i.rejected);
      expect(r.code).toBe(out.findings.some((f: { severity: string }) => f.severity !== 'info') ? 1 : 0);
    }
  });

  it.each(Object.keys(AS_ROSTER))('latsar with %s as roster, then as attendance', async (file) => {
    for (const args of [
      ['latsar', join(BROKEN, file), '-t', 'fixtures/latsar/presensi-latsar.xlsx', '-q', '-f', 'json'],
      ['latsar', 'fixtures/latsar/cpns.csv', '-t', join(BROKEN, file), '-q', '-f', 'json'],
    ]) {
      const r = await run(args);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
      expect([0, 1, 2]).toContain(r.code);
      if (r.code === 2) {
        expect(r.stdout).toBe('');
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^jp-audit: .+; .+/);
      } else {
        const report = JSON.parse(r.stdout);
        expect(report.kind).toBe('latsar');
        for (const i of report.inputs) expect(i.rows).toBe(i.accepted + i.rejected);
      }
    }
  });

  it('the wrong way round: a roster given as training, training given as the roster', async () => {
    const a = await run(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/pegawai.csv', '-y', '2025']);
    expectGraceful(a);
    expect(a.stderr).toMatch(/fixtures\/pegawai\.csv: berkas ini tampaknya data pegawai, bukan data diklat/);
    const b = await run(['check', 'fixtures/diklat.csv', '-t', 'fixtures/diklat.csv', '-y', '2025']);
    expectGraceful(b);
    expect(b.stderr).toMatch(/fixtures\/diklat\.csv: berkas ini tampaknya data diklat, bukan data pegawai/);
  });

  it('a merged two-row header is read as one header', async () => {
    const r = await run(['check', join(BROKEN, 'merged-header.xlsx'), '-y', '2025', '-q', '-f', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.inputs[0]).toMatchObject({ headerRow: 1, rows: 2, accepted: 2, columns: { start: 'Tanggal Mulai', end: 'Tanggal Selesai' } });
  });

  it('an external link and a macro project are not followed or run: the cached value counts', async () => {
    const r = await run(['check', join(BROKEN, 'external-link-macro.xlsx'), '-y', '2025', '-q', '-f', 'json']);
    expect(JSON.parse(r.stdout).employees[0]).toMatchObject({ nip: '198503152010011001', jp: 21, status: 'compliant' });
  });

  it('header names like __proto__ neither crash nor pollute', async () => {
    const r = await run(['check', join(BROKEN, 'proto-headers.csv'), '-y', '2025', '-q', '-f', 'json']);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.inputs[0].columns).sort()).toEqual(['jp', 'name', 'nip', 'opd', 'type']);
    expect(report.employees[0]).toMatchObject({ nip: '198503152010011001', jp: 21 });
  });
});

describe('broken input: large cases (made here)', () => {
  const dir = tempDir();
  beforeAll(async () => {
    const head = 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n';
    writeFileSync(join(dir, 'huge-field.csv'), `${head}198503152010011001,"${'x'.repeat(10 * 1024 * 1024)}",PNS,Dinas A,21\n`);
    const cols = Array.from({ length: 10_000 }, (_, i) => `Kolom ${i}`);
    cols.splice(0, 5, 'NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP');
    const row = Array.from({ length: 10_000 }, () => '');
    row.splice(0, 5, '198503152010011001', 'Budi', 'PNS', 'Dinas A', '21');
    writeFileSync(join(dir, 'wide.csv'), `${cols.join(',')}\n${row.join(',')}\n`);
    // Half in one row (nothing is stored for an empty cell), half as 500 rows of 1000.
    const empty = '<td></td>'.repeat(1000);
    writeFileSync(
      join(dir, 'million-empty-cells.xls'),
      `<table><tr><th>NIP</th><th>Nama</th><th>Jenis Pegawai</th><th>Unit Kerja</th><th>Total JP</th></tr><tr><td>198503152010011001</td><td>Budi</td><td>PNS</td><td>Dinas A</td><td>21</td>${'<td></td>'.repeat(500_000)}</tr>${`<tr>${empty}</tr>`.repeat(500)}</table>`,
    );
    writeFileSync(join(dir, 'nested-100000.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    writeFileSync(join(dir, 'string-100mb.json'), `[{"nip": "198503152010011001", "nama": "${'x'.repeat(100 * 1024 * 1024)}"}]`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'million-empty-rows.xlsx') });
    const ws = wb.addWorksheet('Data');
    ws.addRow(['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP']).commit();
    ws.addRow(['198503152010011001', 'Budi', 'PNS', 'Dinas A', 21]).commit();
    for (let i = 3; i <= 1_048_576; i++) {
      const r = ws.getRow(i);
      r.height = 15;
      r.commit();
    }
    await ws.commit();
    await wb.commit();
  }, 60_000);

  it.each([
    ['huge-field.csv', 'a 10 MB field'],
    ['million-empty-cells.xls', 'an HTML table with a million empty cells'],
    ['wide.csv', '10,000 columns'],
    ['million-empty-rows.xlsx', 'a sheet with 1,048,576 rows, all but two empty'],
  ])('%s: %s', async (file) => {
    const r = await run(['check', join(dir, file), '-y', '2025', '-q', '-f', 'json']);
    expectGraceful(r);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ employees: 1, compliant: 1 });
  }, 60_000);

  // Under a 128 MB heap: the reader holds neither the nesting nor the string.
  it.each([
    ['nested-100000.json', /baris 1: JSON bersarang lebih dari 64 tingkat/],
    ['string-100mb.json', /baris 1: satu nilai JSON lebih dari 16 MB/],
  ])('%s ends in one line, exit 2, in bounded memory', async (file, message) => {
    const r = await run(['check', join(dir, file), '-y', '2025', '-q'], { env: { NODE_OPTIONS: '--max-old-space-size=128' } });
    expectGraceful(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);
});
