// Issue 25, items 1-6 and 8: the .xlsx cases that gave silent wrong answers or no answer, each a
// small hand-written sheet zipped here, run through the built CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { run, tempDir, type Run } from '../helpers/cli.js';
import { type BookSpec, row, workbook } from '../helpers/xlsx.js';

const dir = tempDir();
const ROSTER = join(dir, 'pegawai.csv');
writeFileSync(ROSTER, 'NIP,Nama,Jenis Pegawai,Unit Kerja\n198503152010011002,Budi Santoso,PNS,Dinas A\n199001012015032002,Siti Aminah,PNS,Dinas B\n');
const TRAINING_HEAD = row(1, ['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP']);

function put(name: string, spec: BookSpec | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.isBuffer(spec) ? spec : workbook(spec));
  return path;
}

/** One clear line and exit 2: never a stack, an internal error's text, or Node's exit 13. */
function expectCleanExit2(r: Run): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^jp-audit: .+\.xlsx: .+; .+/);
  expect(r.stderr).not.toMatch(/TypeError|RangeError|Cannot read|internal error|\n\s+at /);
}

async function employees(training: string, extra: string[] = []): Promise<Array<{ nip: string; jp: number }>> {
  const r = await run(['check', ROSTER, '-t', training, '-y', '2025', '-f', 'json', '-q', ...extra]);
  // With -q and someone short, stderr holds only the one summary line for cron.
  expect(r.stderr).toMatch(/^jp-audit: \d+ dari \d+ pegawai belum memenuhi[^\n]*\n$/);
  return JSON.parse(r.stdout).employees;
}

describe('issue 25 (1): a damaged deflate stream ends with one line and exit 2', () => {
  const rows = Array.from({ length: 400 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>198503152010011002</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>Pelatihan ${i}</t></is></c><c r="C${i + 2}" s="1"><v>${45700 + (i % 200)}</v></c><c r="E${i + 2}"><v>2</v></c></row>`).join('');
  const spec: BookSpec = { sheets: [{ name: 'Diklat', rows: TRAINING_HEAD + rows }], styles: [0, 14] };
  const sheetLength = deflateRawSync(Buffer.from(rows)).length;

  // Flip one byte at several places in the sheet's deflate stream: each run is a clean exit 2 (or,
  // where the flip changes nothing the sheet says, the same report as the intact file).
  const places = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95].map((f) => Math.floor(sheetLength * f));
  const intact = put('intact.xlsx', spec);
  const argsFor = (file: string) => [['validate', file, '-q', '-f', 'json'], ['check', ROSTER, '-t', file, '-y', '2025', '-q', '-f', 'json']];
  const plain = (r: Run, file: string) => r.stdout.replaceAll(file, 'FILE');
  let damaged = 0;
  it.each(places)('flipped byte at %i: validate and check', async (at) => {
    const file = put(`flip-${at}.xlsx`, {
      ...spec,
      edit: (parts) =>
        parts.map((p) =>
          p.name === 'xl/worksheets/sheet1.xml'
            ? {
                ...p,
                body: (b) => {
                  const c = Buffer.from(b);
                  c[Math.min(at, c.length - 1)]! ^= 0x5a;
                  return c;
                },
              }
            : p,
        ),
    });
    const want = argsFor(intact);
    for (const [i, args] of argsFor(file).entries()) {
      const r = await run(args);
      expect(r.code).not.toBe(13);
      if (r.code === 2) {
        damaged++;
        expectCleanExit2(r);
        expect(r.stderr).toMatch(/lembar "Diklat"|xl\/worksheets\/sheet1\.xml/);
      } else {
        // Never a different answer: only a flip that changes nothing the sheet says may pass.
        const ok = await run(want[i]!);
        expect(plain(r, file)).toBe(plain(ok, intact));
      }
    }
  });

  it('most flips are caught (the CRC sees any change in what the sheet says)', () => {
    expect(damaged).toBeGreaterThanOrEqual(places.length * 2 - 2);
  });

  it('a sheet cut in the middle of its deflate stream', async () => {
    const file = put('cut.xlsx', { ...spec, edit: (parts) => parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, body: (b) => b.subarray(0, b.length >> 1) } : p)) });
    const r = await run(['check', ROSTER, '-t', file, '-y', '2025', '-q']);
    expectCleanExit2(r);
    expect(r.stderr).toMatch(/lembar "Diklat" \(xl\/worksheets\/sheet1\.xml\) tidak bisa dibaca setelah baris \d+/);
  });

  it('--debug shows the cause under the line', async () => {
    const file = put('cut-debug.xlsx', { ...spec, edit: (parts) => parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, body: (b) => b.subarray(0, b.length >> 1) } : p)) });
    const r = await run(['check', ROSTER, '-t', file, '-y', '2025', '-q', '--debug', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^jp-audit: .+cut-debug\.xlsx: the \.xlsx file is damaged: sheet "Diklat"/);
    expect(r.stderr).toMatch(/Caused by: EntryError/);
  });
});

describe('issue 25 (2): 1904 date system, formula date cells', () => {
  it('=DATE(2025,3,1) and =C2 with a date style count in 2025', async () => {
    const file = put('date1904.xlsx', {
      date1904: true,
      styles: [0, 14],
      sheets: [
        {
          name: 'Diklat',
          rows:
            TRAINING_HEAD +
            // 1 March 2025 is serial 44255 in the 1904 system (45717 in the 1900 system).
            '<row r="2"><c r="A2" t="inlineStr"><is><t>198503152010011002</t></is></c><c r="B2" t="inlineStr"><is><t>Pelatihan A</t></is></c><c r="C2" s="1"><f>DATE(2025,3,1)</f><v>44255</v></c><c r="D2" s="1"><f>C2</f><v>44255</v></c><c r="E2"><v>21</v></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><t>199001012015032002</t></is></c><c r="B3" t="inlineStr"><is><t>Pelatihan B</t></is></c><c r="C3" s="1"><v>44255</v></c><c r="D3" s="1"><v>44255</v></c><c r="E3"><v>8</v></c></row>',
        },
      ],
    });
    const list = await employees(file);
    expect(list.find((e) => e.nip === '198503152010011002')).toMatchObject({ jp: 21, status: 'compliant' });
    expect(list.find((e) => e.nip === '199001012015032002')).toMatchObject({ jp: 8 });
  });

  it('plain numbers in date columns (no date style) count days from 1904 too', async () => {
    const file = put('date1904-plain.xlsx', {
      date1904: true,
      sheets: [
        {
          name: 'Diklat',
          rows:
            TRAINING_HEAD +
            // 44255 is 1 March 2025 in the 1904 system; read with the 1900 epoch it would be 28 February 2021.
            '<row r="2"><c r="A2" t="inlineStr"><is><t>198503152010011002</t></is></c><c r="B2" t="inlineStr"><is><t>Pelatihan A</t></is></c><c r="C2"><v>44255</v></c><c r="D2"><v>44255</v></c><c r="E2"><v>21</v></c></row>',
        },
      ],
    });
    const list = await employees(file);
    expect(list.find((e) => e.nip === '198503152010011002')).toMatchObject({ jp: 21, status: 'compliant' });
  });
});

describe('issue 25 (3): ISO date cells (t="d")', () => {
  it('2025-03-01T00:00:00Z counts in 2025; a value that is no date is a finding', async () => {
    const file = put('iso.xlsx', {
      sheets: [
        {
          name: 'Diklat',
          rows:
            TRAINING_HEAD +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>198503152010011002</t></is></c><c r="B2" t="inlineStr"><is><t>Pelatihan A</t></is></c><c r="C2" t="d"><v>2025-03-01T00:00:00Z</v></c><c r="D2" t="d"><v>2025-03-01T00:00:00Z</v></c><c r="E2"><v>21</v></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><t>199001012015032002</t></is></c><c r="B3" t="inlineStr"><is><t>Pelatihan B</t></is></c><c r="C3" t="d"><v>2025-02-30</v></c><c r="D3" t="d"><v>2025-02-30</v></c><c r="E3"><v>8</v></c></row>',
        },
      ],
    });
    const r = await run(['check', ROSTER, '-t', file, '-y', '2025', '-f', 'json', '-q']);
    const report = JSON.parse(r.stdout);
    expect(report.employees.find((e: { nip: string }) => e.nip === '198503152010011002')).toMatchObject({ jp: 21 });
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'invalid-date', row: 3, value: '2025-02-30' }));
  });
});

describe('issue 25 (4): inline rich text keeps every run', () => {
  it('a name and a NIP split over runs', async () => {
    const file = put('rich.xlsx', {
      sheets: [
        {
          name: 'Pegawai',
          rows:
            row(1, ['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP']) +
            '<row r="2"><c r="A2" t="inlineStr"><is><r><t>19850315</t></r><r><rPr><b/></rPr><t>2010011002</t></r></is></c><c r="B2" t="inlineStr"><is><r><t xml:space="preserve">Budi </t></r><r><rPr><i/></rPr><t>Santoso</t></r></is></c><c r="C2" t="inlineStr"><is><t>PNS</t></is></c><c r="D2" t="inlineStr"><is><t>Dinas A</t></is></c><c r="E2"><v>21</v></c></row>',
        },
      ],
    });
    const r = await run(['check', file, '-y', '2025', '-f', 'json', '-q']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.employees[0]).toMatchObject({ nip: '198503152010011002', name: 'Budi Santoso', jp: 21 });
  });
});

describe('issue 25 (5): a worksheet stored as the last zip entry', () => {
  const spec: BookSpec = {
    sheetsLast: true,
    sheets: [
      { name: 'Pegawai', rows: row(1, ['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP']) + row(2, ['198503152010011002', 'Budi', 'PNS', 'Dinas A', 21]) },
      { name: 'Catatan', rows: row(1, ['bukan data']) },
    ],
  };
  it('is the first sheet', async () => {
    const file = put('last.xlsx', spec);
    const r = await run(['check', file, '-y', '2025', '-f', 'json', '-q']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs[0]).toMatchObject({ sheet: 'Pegawai', accepted: 1 });
  });
  it('is found by --sheet', async () => {
    const file = put('last-named.xlsx', { ...spec, sheets: [spec.sheets[1]!, spec.sheets[0]!] });
    const r = await run(['check', file, '--sheet', 'Pegawai', '-y', '2025', '-f', 'json', '-q']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).employees[0]).toMatchObject({ nip: '198503152010011002', jp: 21 });
  });
});

describe('issue 25 (6): rows and cells without r=', () => {
  it('are read in order, a title block above the header', async () => {
    const file = put('no-refs.xlsx', {
      sheets: [
        {
          name: 'Rekap',
          rows:
            row(undefined, ['PEMERINTAH KOTA CONTOH'], false) +
            row(undefined, ['REKAP JP 2025'], false) +
            '<row/>' +
            row(undefined, ['No', 'NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP'], false) +
            row(undefined, [1, '198503152010011002', 'Budi', 'PNS', 'Dinas A', 21], false) +
            row(undefined, [2, '199001012015032002', 'Siti', 'PNS', 'Dinas B', 12], false),
        },
      ],
    });
    const r = await run(['check', file, '-y', '2025', '-f', 'json', '-q']);
    // With -q and someone short, stderr holds only the one summary line for cron.
  expect(r.stderr).toMatch(/^jp-audit: \d+ dari \d+ pegawai belum memenuhi[^\n]*\n$/);
    const report = JSON.parse(r.stdout);
    expect(report.inputs[0]).toMatchObject({ headerRow: 4, rows: 2, accepted: 2 });
    expect(report.employees.map((e: { nip: string; jp: number }) => [e.nip, e.jp])).toEqual([
      ['198503152010011002', 21],
      ['199001012015032002', 12],
    ]);
    // Siti's 12 JP is short of 20.
    expect(report.employees[1]).toMatchObject({ status: 'non-compliant' });
  });
});

describe('issue 25 (8): a zip that lies about its sizes stops where the lie starts', () => {
  it('shared strings that inflate far past their declared 1,000 bytes: exit 2 at once', async () => {
    const many = Array.from({ length: 400_000 }, (_, i) => `<t>teks ${i % 50}</t>`);
    const file = put('liar.xlsx', {
      shared: many,
      sheets: [{ name: 'Pegawai', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      edit: (parts) => parts.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, declaredSize: 1000 } : p)),
    });
    const t0 = Date.now();
    const r = await run(['validate', file, '-q']);
    expectCleanExit2(r);
    expect(r.stderr).toMatch(/bagian xl\/sharedStrings\.xml tidak bisa dibaca \(isinya lebih besar dari yang dinyatakan daftar isi zip\)/);
    // It stops within the first chunk, not after inflating the lot.
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('a sheet that lies: the same', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => row(i + 1, ['198503152010011002', i])).join('');
    const file = put('liar-sheet.xlsx', { sheets: [{ name: 'Pegawai', rows }], edit: (parts) => parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: 1000 } : p)) });
    const r = await run(['validate', file, '-q', '--lang', 'en']);
    expectCleanExit2(r);
    expect(r.stderr).toMatch(/sheet "Pegawai" \(xl\/worksheets\/sheet1\.xml\) cannot be read after row \d+ \(it unpacks to more than the zip directory says\)/);
  });
});
