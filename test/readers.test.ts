// The fast path (a CSV by path: the byte scanner, with or without its WebAssembly kernel) and the
// general reader (the same bytes from stdin: csv-parse and the Zod schemas) give one report: the
// same JSON, the same exit code, the same error line. Over generated training files with junk in
// every optional column (issue 25, item 7), and over records at and around every size limit.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { MAX_RECORD_BYTES } from '../src/io/limits.js';
import { tempDir } from './helpers/cli.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in-process, as a user runs it; `JP_AUDIT_KERNEL` set for the run only. */
async function cli(args: string[], stdin?: Buffer, kernel?: 'js'): Promise<Outcome> {
  const capture = () => {
    const s = new PassThrough();
    let text = '';
    s.setEncoding('utf8').on('data', (d: string) => (text += d));
    return { s, text: () => text };
  };
  const out = capture();
  const err = capture();
  if (kernel) process.env.JP_AUDIT_KERNEL = kernel;
  try {
    const code = await main(args, { stdout: out.s, stderr: err.s, stdin: Readable.from(stdin ? [stdin] : []), env: { NO_COLOR: '1' }, now: () => new Date('2026-01-15T00:00:00Z'), cwd: process.cwd() });
    await new Promise((r) => setImmediate(r));
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    delete process.env.JP_AUDIT_KERNEL;
  }
}

/**
 * `check` of a training file read three ways: by path with the kernel, by path without it, and
 * from stdin. Returns the stdin run, after asserting the other two are the same (the path named `-`).
 */
async function threeWays(staff: string, training: string, bytes: Buffer, extra: string[] = []): Promise<Outcome> {
  writeFileSync(training, bytes);
  const args = (t: string) => ['check', staff, '-t', t, '--format', 'json', '--year', '2025', '-q', ...extra];
  const general = await cli(args('-'), bytes);
  const named = (o: Outcome) => ({ code: o.code, stdout: o.stdout.split(training).join('-'), stderr: o.stderr.split(training).join('-') });
  expect(named(await cli(args(training)))).toEqual(general);
  expect(named(await cli(args(training), undefined, 'js'))).toEqual(general);
  return general;
}

const NIPS = ['198503152010011001', '199001012015032002', '199507172024211001', '200001012025011006'];
const ROSTER = `NIP,Nama,Jenis Pegawai,Unit Kerja\n${NIPS.map((n, i) => `${n},P${i},${i === 2 ? 'PPPK' : 'PNS'},Dinas ${i % 2}`).join('\n')}\n`;

/** Cells as exports write them, and junk: `x`, `0`, `-45`, `90 menit`, spaces, quotes, a comma. */
const junk = fc.constantFrom('', '', '', 'x', '0', '-45', '90 menit', '90', '2,5', '1.5', ' 3 ', '3 JP', '-', '0,0', '1e3', '12345678901234567', '"4"', 'é', ' ');
const cell = {
  nip: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...NIPS) }, fc.constantFrom('', "'198503152010011001", '1.98503E+17', '19850315 201001 1 001', '199912312099121999')),
  name: fc.constantFrom('Bimtek', 'BIMTEK ', 'Diklat, "Teknis"', '', 'Pelatihan  Dasar', 'Désa'),
  date: fc.constantFrom('', '03/03/2025', '3/3/2025', '2025-03-04', '31/02/2025', '1 Maret 2025', '04/03/2024', 'x', '45700'),
  jp: junk,
};
const COLUMNS = ['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP', 'Durasi (menit)', 'Jam', 'Tahun'] as const;
/** A year column's cells: read only when a row has no date. */
const year = fc.constantFrom('', '', '2025', '2024', '2025,0', ' 2025', 'x', '25', '1899', '-', '2025-03');

describe('the fast path and the general reader give one report (differential)', () => {
  it('on training files with junk in every optional column (minutes, hours, year, dates, name), any column order', async () => {
    const dir = tempDir();
    const staff = join(dir, 'pegawai.csv');
    writeFileSync(staff, ROSTER);
    const row = fc.tuple(cell.nip, cell.name, cell.date, cell.date, cell.jp, junk, junk, year);
    await fc.assert(
      fc.asyncProperty(
        // Which optional columns the file has (NIP, JP and the end date always), in which order.
        fc.shuffledSubarray([1, 2, 5, 6, 7]).chain((optional) => fc.shuffledSubarray([0, 3, 4, ...optional], { minLength: 3 + optional.length })),
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        async (order, rows, sep, eol) => {
          const quote = (c: string) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
          const line = (cells: readonly string[]) => order.map((k) => quote(cells[k]!)).join(sep);
          const text = [line(COLUMNS), ...rows.map(line)].join(eol) + eol;
          await threeWays(staff, join(dir, 'diklat.csv'), Buffer.from(text));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('warns of junk beside a JP and counts the row, in both readers', async () => {
    const dir = tempDir();
    const staff = join(dir, 'pegawai.csv');
    writeFileSync(staff, ROSTER);
    const text = ['NIP,Nama Pelatihan,Tanggal Selesai,JP,Durasi (menit),Jam', ...['x', '0', '-45', '90 menit'].map((j, i) => `${NIPS[0]},Diklat ${i},0${i + 1}/03/2025,2,${j},${i % 2 ? j : ''}`), `${NIPS[1]},Diklat,01/03/2025,,x,2`].join('\n');
    const r = await threeWays(staff, join(dir, 'diklat.csv'), Buffer.from(text));
    const report = JSON.parse(r.stdout) as { inputs: Array<{ counted: number; rejected: number }>; findings: Array<{ code: string; row: number; column: string; value: string }> };
    expect(report.inputs[1]).toMatchObject({ counted: 4, rejected: 1 });
    const about = report.findings.filter((f) => f.code === 'ignored-cell' || f.code === 'invalid-jp').map((f) => [f.code, f.row, f.column, f.value]);
    expect(about).toEqual([
      ['ignored-cell', 2, 'Durasi (menit)', 'x'],
      ['ignored-cell', 3, 'Durasi (menit)', '0'],
      ['ignored-cell', 3, 'Jam', '0'],
      ['ignored-cell', 4, 'Durasi (menit)', '-45'],
      ['ignored-cell', 5, 'Durasi (menit)', '90 menit'],
      ['ignored-cell', 5, 'Jam', '90 menit'],
      // No JP: minutes decide, and `x` cannot be read; the hours are not taken instead.
      ['invalid-jp', 6, 'Durasi (menit)', 'x'],
    ]);
  });

  it('warns of an unreadable year beside a date, and counts the row by its date, in both readers', async () => {
    const dir = tempDir();
    const staff = join(dir, 'pegawai.csv');
    writeFileSync(staff, ROSTER);
    const text = ['NIP,Nama Pelatihan,Tanggal Selesai,JP,Tahun', `${NIPS[0]},A,01/03/2025,2,x`, `${NIPS[0]},B,02/03/2025,2,2024`, `${NIPS[0]},C,,2,2025`, `${NIPS[0]},D,,2,x`].join('\n');
    const r = await threeWays(staff, join(dir, 'diklat.csv'), Buffer.from(text));
    const report = JSON.parse(r.stdout) as { inputs: Array<{ counted: number; rejected: number }>; findings: Array<{ code: string; row: number; column: string; value: string }> };
    expect(report.inputs[1]).toMatchObject({ counted: 3, rejected: 1 });
    expect(report.findings.filter((f) => f.code === 'ignored-cell' || f.code === 'invalid-date').map((f) => [f.code, f.row, f.column, f.value])).toEqual([
      ['ignored-cell', 2, 'Tahun', 'x'],
      // No date: the year decides, and `x` cannot be read.
      ['invalid-date', 5, 'Tahun', 'x'],
    ]);
  });
});

describe('one limit on record size for both readers', () => {
  const dir = tempDir();
  const staff = join(dir, 'pegawai.csv');
  writeFileSync(staff, ROSTER);
  const HEAD = 'NIP,Tanggal Selesai,JP,Nama Pelatihan\n';
  /** A training record of exactly `bytes` bytes through its line end: a long name, or many short fields. */
  const record = (bytes: number, shape: 'field' | 'fields', eol = '\n') => {
    const start = `${NIPS[0]},03/03/2025,2,`;
    const room = bytes - start.length - eol.length;
    // Many fields: eight bytes each (the ten million one-byte fields of the issue are a test of their own).
    const tail = shape === 'field' ? 'a'.repeat(room) : `${'xxxxxxx,'.repeat(Math.floor(room / 8))}${'x'.repeat(room % 8)}`;
    const r = `${start}${tail}${eol}`;
    expect(Buffer.byteLength(r)).toBe(bytes);
    return r;
  };
  const file = (...records: string[]) => Buffer.from(HEAD + records.join('') + `${NIPS[1]},04/03/2025,3,Akhir\n`);

  // Around the scanner's read-ahead room (64 KiB) and chunk (4 MiB), where a record crosses
  // from one read into the next; and the kernel's 64 fields, past which a record goes the JS way.
  it.each([
    ['a field across the 64 KiB headroom', () => file(record(64 * 1024 - 1, 'field'), record(64 * 1024, 'field'), record(64 * 1024 + 1, 'field'))],
    ['records across the 4 MiB chunk end', () => file(record(4 * 1024 * 1024 - HEAD.length - 1, 'field'), record(100, 'field', '\r\n'), record(4 * 1024 * 1024 + 1, 'fields'))],
    ['63, 64 and 65 fields', () => file(...[63, 64, 65].map((n) => `${NIPS[2]},03/03/2025,2,${'x,'.repeat(n - 4)}x\n`))],
  ])('reads %s alike', async (_, make) => {
    const r = await threeWays(staff, join(dir, 'diklat.csv'), make());
    expect(r.code).toBeLessThan(2);
  }, 60_000);

  it.each(['field', 'fields'] as const)('takes a record of exactly the limit (shape: %s), and refuses one byte more, naming it', async (shape) => {
    const at = await threeWays(staff, join(dir, 'diklat.csv'), file(record(MAX_RECORD_BYTES, shape)));
    expect(at.code).toBeLessThan(2);
    expect((JSON.parse(at.stdout) as { inputs: Array<{ counted: number }> }).inputs[1]!.counted).toBe(2);
    const over = await threeWays(staff, join(dir, 'diklat.csv'), file(record(100, 'field'), record(MAX_RECORD_BYTES + 1, shape)));
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/^jp-audit: -: baris 3: satu baris lebih dari 16 MB/);
    expect(over.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('counts the line end: a record of the limit with CRLF is one byte over', async () => {
    const over = await threeWays(staff, join(dir, 'diklat.csv'), file(record(MAX_RECORD_BYTES + 1, 'field', '\r\n')));
    expect(over.code).toBe(2);
    const at = await threeWays(staff, join(dir, 'diklat.csv'), file(record(MAX_RECORD_BYTES, 'field', '\r\n')));
    expect(at.code).toBeLessThan(2);
  }, 120_000);

  it('refuses a 20 MB record of ten million one-byte fields, and a single 17 MiB field at the end of a file, in both readers', async () => {
    const many = Buffer.from(`${HEAD}${NIPS[0]},03/03/2025,2,${'x,'.repeat(10_000_000)}x\n`);
    expect((await threeWays(staff, join(dir, 'diklat.csv'), many)).stderr).toMatch(/baris 2: satu baris lebih dari 16 MB/);
    const one = Buffer.from(`${HEAD}${NIPS[1]},04/03/2025,3,Awal\n${NIPS[0]},03/03/2025,2,${'a'.repeat(17 * 1024 * 1024)}`);
    expect((await threeWays(staff, join(dir, 'diklat.csv'), one)).stderr).toMatch(/baris 3: satu baris lebih dari 16 MB/);
  }, 120_000);
});
