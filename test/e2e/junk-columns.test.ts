// A training CSV with a JP column beside minutes, hours and year columns holding junk
// (fixtures/tahunan/diklat-kolom-sampah.csv), read by path (the byte scanner) and from stdin (the
// general reader): one report, rows counted by their JP and the junk listed as warnings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

const TRAINING = 'fixtures/tahunan/diklat-kolom-sampah.csv';
const args = (training: string) => ['check', 'fixtures/tahunan/pegawai-tmt.csv', '-t', training, '--year', '2025', '--format', 'json', '-q'];

describe('junk in a column the row does not use', () => {
  it('counts the row by its JP (or date) and warns of the cell, by path and from stdin alike', async () => {
    const byPath = await run(args(TRAINING));
    const fromStdin = await run(args('-'), { input: readFileSync(TRAINING) });
    // With -q and someone short, stderr holds only the one summary line for cron.
  expect(byPath.stderr).toMatch(/^jp-audit: \d+ dari \d+ pegawai belum memenuhi[^\n]*\n$/);
    expect(byPath.code).toBe(1);
    expect(fromStdin.code).toBe(byPath.code);
    expect(fromStdin.stdout).toBe(byPath.stdout.split(TRAINING).join('-'));

    const report = JSON.parse(byPath.stdout) as {
      inputs: Array<{ rows: number; counted: number; rejected: number }>;
      findings: Array<{ code: string; severity: string; file: string; row: number; column: string; value: string }>;
      employees: Array<{ nip: string; jp: number }>;
    };
    expect(report.inputs[1]).toMatchObject({ rows: 7, counted: 6, rejected: 1 });
    const mine = report.findings.filter((f) => f.file === TRAINING).map((f) => [f.code, f.severity, f.row, f.column, f.value]);
    expect(mine).toEqual([
      ['ignored-cell', 'warning', 3, 'Durasi (menit)', 'x'],
      ['ignored-cell', 'warning', 4, 'Durasi (menit)', '0'],
      ['ignored-cell', 'warning', 4, 'Jam', '-45'],
      ['ignored-cell', 'warning', 6, 'Durasi (menit)', '90 menit'],
      ['ignored-cell', 'warning', 6, 'Tahun', 'x'],
      // No JP: the minutes decide, and `x` cannot be read; the hours are not taken instead.
      ['invalid-jp', 'error', 7, 'Durasi (menit)', 'x'],
    ]);
    const jp = new Map(report.employees.map((e) => [e.nip, e.jp]));
    // 27 + 2 (minutes `x` beside the JP); 540 minutes with no JP = 12 JP; the undated row counts by its year.
    expect(jp.get('198503152010011001')).toBe(29);
    expect(jp.get('196508172005011002')).toBe(12);
    expect(jp.get('199205102019032004')).toBe(3);
  });

  it('says the same in English', async () => {
    const r = await run([...args(TRAINING), '--lang', 'en']);
    const f = (JSON.parse(r.stdout) as { findings: Array<{ code: string; row: number; message: string }> }).findings.filter((x) => x.code === 'ignored-cell');
    expect(f[0]!.message).toContain("as this row's JP is taken from column JP");
    expect(f.find((x) => x.row === 6 && x.message.includes('year'))!.message).toContain('counts by its date in column Tanggal Selesai');
  });
});
