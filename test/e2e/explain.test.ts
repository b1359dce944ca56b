import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const INPUTS = ['fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025'];
const BUDI = '198503152010011001';
const ANDI = '198712202012121003';
const HENDRA = '197905202005011008';

interface Explained {
  nip: string;
  name: string;
  jp: number;
  requiredJp: number;
  status: string;
  duty: { min: number; months: number; formula: string | null; serviceStart: string | null; exemptions: Array<{ reason: string; from: string | null; to: string | null; source: unknown }>; monthly: Array<{ month: number; state: string; reason?: string }> };
  records: Array<{ file: string; row: number; training: string | null; jp: number | null; outcome: string; duplicateOf?: { file: string; row: number }; reasons?: Array<{ code: string; column: string; value: string; message: string }> }>;
  rosterRows: Array<{ file: string; row: number; outcome: string; totalJp?: number }>;
}

async function explain(args: string[]): Promise<Explained[]> {
  const r = await run(['explain', ...args, '-f', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { schemaVersion: number; kind: string; explanations: Explained[] };
  expect(out).toMatchObject({ schemaVersion: 1, kind: 'explain' });
  return out.explanations;
}

describe('jp-audit explain (end to end)', () => {
  it('every record of the NIP with its outcome: counted, duplicate (with the record that counted), outside the year', async () => {
    const [budi] = await explain([BUDI, ...INPUTS]);
    expect(budi).toMatchObject({ nip: BUDI, jp: 24, requiredJp: 20, status: 'compliant' });
    expect(budi!.records.map((r) => [r.file, r.row, r.outcome, r.jp])).toEqual([
      ['fixtures/diklat.csv', 2, 'counted', 24],
      ['fixtures/diklat.csv', 3, 'duplicate', 24],
    ]);
    expect(budi!.records[1]!.duplicateOf).toEqual({ file: 'fixtures/diklat.csv', row: 2 });
    const [andi] = await explain([ANDI, ...INPUTS]);
    expect(andi!.records.map((r) => [r.row, r.outcome])).toEqual([
      [6, 'counted'],
      [7, 'outside-year'],
      [5, 'counted'],
    ]);
    // Andi is on the roster twice: the first row is used.
    expect(andi!.rosterRows).toEqual([
      { file: 'fixtures/pegawai.csv', row: 4, outcome: 'used' },
      { file: 'fixtures/pegawai.csv', row: 14, outcome: 'duplicate' },
    ]);
  });

  it('a rejected record says why and in which column; records after --as-of are not yet counted', async () => {
    const [hendra] = await explain([HENDRA, ...INPUTS, '--as-of', '30/06/2025']);
    expect(hendra!.records.map((r) => [r.row, r.outcome])).toEqual([
      [13, 'rejected'],
      [14, 'after-as-of'],
    ]);
    expect(hendra!.records[0]!.reasons).toEqual([expect.objectContaining({ code: 'invalid-jp', column: 'Jumlah JP', value: 'dua' })]);
    expect(hendra!.records[0]!.reasons![0]!.message).toMatch(/JP bukan angka/);
    expect(hendra).toMatchObject({ jp: 0, status: 'at-risk' });
  });

  it('works the duty out: service dates, exemptions with their source, the months and the formula', async () => {
    const T = ['fixtures/tahunan/pegawai-tmt.csv', '-t', 'fixtures/tahunan/diklat-menit.csv', '-e', 'fixtures/tahunan/pengecualian.csv', '-y', '2025'];
    const check = JSON.parse((await run(['check', ...T, '-f', 'json'])).stdout) as { employees: Array<{ nip: string; months: number; requiredJp: number; status: string; exemptReason: string | null }> };
    const all = await explain([...check.employees.map((e) => e.nip), ...T]);
    for (const e of check.employees) {
      const x = all.find((a) => a.nip === e.nip)!;
      expect([x.duty.months, x.requiredJp, x.status], e.nip).toEqual([e.months, e.requiredJp, e.status]);
      // The months that count, month by month, add up to the months the audit used.
      if (x.duty.formula !== null) expect(x.duty.monthly.filter((m) => m.state === 'counts')).toHaveLength(x.duty.months);
    }
    const partial = all.find((x) => x.duty.exemptions.some((ex) => ex.from !== null))!;
    expect(partial.duty.exemptions[0]!.source).toEqual({ file: 'fixtures/tahunan/pengecualian.csv', row: expect.any(Number) });
    expect(partial.duty.monthly.filter((m) => m.state === 'exempt').length).toBeGreaterThan(0);
    expect(partial.duty.formula).toMatch(/^ceil\(\d+ × \d+ \/ 12\) = \d+$/);
    const joined = all.find((x) => x.duty.serviceStart !== null && x.duty.months < 12 && x.duty.exemptions.length === 0)!;
    expect(joined.duty.monthly.some((m) => m.state === 'not-served' || m.state === 'not-whole')).toBe(true);
  });

  it('for every employee of the fixtures, the JP of the counted records is the JP check reports', async () => {
    const runs = [
      INPUTS,
      ['fixtures/tahunan/pegawai-tmt.csv', '-t', 'fixtures/tahunan/diklat-menit.csv', '-e', 'fixtures/tahunan/pengecualian.csv', '-y', '2025'],
      ['fixtures/gabungan-diskominfo.xlsx', '-y', '2025'],
      ['fixtures/layouts/siasn-pegawai.csv', '-t', 'fixtures/layouts/siasn-riwayat-kursus.csv', '-t', 'fixtures/layouts/siasn-riwayat-diklat.csv', '-y', '2025'],
    ];
    for (const inputs of runs) {
      const check = JSON.parse((await run(['check', ...inputs, '-f', 'json'])).stdout) as { employees: Array<{ nip: string; jp: number; status: string }> };
      const all = await explain([...check.employees.map((e) => e.nip), ...inputs]);
      expect(all).toHaveLength(check.employees.length);
      for (const e of check.employees) {
        const x = all.find((a) => a.nip === e.nip)!;
        const counted = x.records.filter((r) => r.outcome === 'counted').reduce((s, r) => s + r.jp!, 0);
        expect([Math.round(counted * 1000) / 1000, x.status], `${inputs[0]} ${e.nip}`).toEqual([e.jp, e.status]);
      }
    }
  });

  it('a recap (totals) gives the total on the roster row', async () => {
    const [x] = await explain(['198503152010011002', 'fixtures/layouts/s20jp-rekap.csv', '-y', '2025']);
    expect(x!.records).toEqual([]);
    expect(x!.rosterRows).toEqual([{ file: 'fixtures/layouts/s20jp-rekap.csv', row: 2, outcome: 'used', totalJp: 20 }]);
  });

  it('--name finds employees by a part of their name, any case', async () => {
    const all = await explain(['--name', 'SIti', ...INPUTS]);
    expect(all.map((x) => x.name)).toEqual(['dr. Siti Aminah']);
  });

  it('a NIP not on the roster is exit 2, naming it and the records that carry it', async () => {
    const r = await run(['explain', '199404042020121011', ...INPUTS]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    // Wawan's roster row is rejected (Tenaga Honorer): the message says so and names his training row.
    expect(r.stderr).toMatch(/NIP 199404042020121011 ditolak di data pegawai \(baris 15; .*1 baris diklat memuatnya \(fixtures\/diklat\.csv:19\)/);
    const absent = await run(['explain', '199909092020121010', ...INPUTS]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(/NIP 199909092020121010 tidak ada di data pegawai; 1 baris diklat memuatnya \(fixtures\/diklat\.csv:18\): itulah temuan unknown-nip/);
    const bad = await run(['explain', '12345', ...INPUTS]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"12345" bukan NIP 18 digit/);
  });

  it('prints a table in Indonesian by default and in English with --lang en; writes a file with --out', async () => {
    const id = await run(['explain', HENDRA, ...INPUTS]);
    expect(id.code).toBe(0);
    expect(id.stdout).toContain('Ir. Hendra Gunawan, M.T. (NIP 197905202005011008)\nPNS · Badan Kepegawaian');
    expect(id.stdout).toContain('Tahun 2025: 10 JP dari wajib 20 JP, belum memenuhi');
    expect(id.stdout).toContain('Wajib PNS: ceil(20 × 12 / 12) = 20 JP');
    expect(id.stdout).toMatch(/ditolak/);
    expect(id.stdout).toContain('Jumlah JP yang dihitung: 10');
    for (const line of id.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const en = await run(['explain', HENDRA, ...INPUTS, '--lang', 'en']);
    expect(en.stdout).toContain('Year 2025: 10 JP of 20 JP required, non-compliant');
    expect(en.stdout).toContain('rejected');
    const dir = tempDir();
    const out = join(dir, 'hendra.json');
    const w = await run(['explain', HENDRA, ...INPUTS, '--out', out]);
    expect(w.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ kind: 'explain', explanations: [{ nip: HENDRA }] });
    // As check: an extension that is no format of explain's, or contradicts -f, is refused.
    for (const [name, args] of [['hendra.html', []], ['hendra.txt', ['-f', 'json']]] as const) {
      const bad = await run(['explain', HENDRA, ...INPUTS, '--out', join(dir, name), ...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(dir, name))).toBe(false);
    }
  });

  it('without --year explains the year check would audit: the one in which most records end, said on stderr', async () => {
    const noYear = INPUTS.filter((a, i) => a !== '-y' && INPUTS[i - 1] !== '-y');
    const r = await run(['explain', HENDRA, ...noYear, '-f', 'json']);
    expect(r.code).toBe(0);
    const check = await run(['check', ...noYear, '-f', 'json']);
    const year = (JSON.parse(check.stdout) as { year: number }).year;
    expect(year).toBe(2025);
    expect(JSON.parse(r.stdout)).toMatchObject({ year, explanations: [{ nip: HENDRA, jp: 10 }] });
    expect(r.stderr).toMatch(/2025/);
    // The year line itself (not any other line that names 2025), as check says it.
    expect(r.stderr).toMatch(/tahun yang diaudit: 2025, karena \d+ dari \d+ catatan diklat berakhir pada tahun itu/);
    expect(check.stderr).toMatch(/tahun yang diaudit: 2025, karena \d+ dari \d+ catatan diklat berakhir pada tahun itu/);
  });
});
