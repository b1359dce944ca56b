import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

// fixtures/lintas-tahun: Budi's PKP runs 20 Dec 2025 - 10 Jan 2026 (44 JP: 12 days in 2025, 10 in
// 2026) beside a 2 JP webinar; Rina's procurement training 15 Dec 2025 - 4 Jan 2026 (30 JP: 17 and
// 4 days) and an e-learning 1 Nov 2024 - 2 Jan 2025 (10 JP: 61 and 2 days); Siti's one training
// is inside 2025.
const STAFF = 'fixtures/lintas-tahun/pegawai.csv';
const TRAINING = 'fixtures/lintas-tahun/diklat.csv';

function policy(countIn: string): string {
  const file = join(tempDir(), 'jp-audit.config.yaml');
  writeFileSync(file, `countIn: ${countIn}\n`);
  return file;
}

async function audit(countIn: string | undefined, engine = 'fast') {
  const r = await run(['check', STAFF, '-t', TRAINING, '-y', '2025', '-f', 'json', '--engine', engine, ...(countIn ? ['-c', policy(countIn)] : [])]);
  expect(r.stderr).not.toContain('Error');
  const report = JSON.parse(r.stdout) as { policy: { countIn: string }; employees: Array<{ nip: string; jp: number; status: string }> };
  return { code: r.code, countIn: report.policy.countIn, jp: Object.fromEntries(report.employees.map((e) => [e.nip.slice(-3), e.jp])) };
}

describe('countIn: a training that spans two years, counted as the policy says', () => {
  it.each([
    [undefined, 'end', { '001': 2, '002': 24, '005': 10 }, 1],
    ['end', 'end', { '001': 2, '002': 24, '005': 10 }, 1],
    ['start', 'start', { '001': 46, '002': 24, '005': 30 }, 0],
    ['split', 'split', { '001': 26, '002': 24, '005': 25 }, 0],
  ])('countIn %s: the JP of each employee, the policy in the report, the exit code', async (countIn, shown, jp, code) => {
    const fast = await audit(countIn);
    expect(fast).toEqual({ code, countIn: shown, jp });
    // The plain engine applies the same rule.
    expect(await audit(countIn, 'reference')).toEqual(fast);
  });

  it('explain shows the share split counts in the year, and the counted shares add up to check\'s JP', async () => {
    const config = policy('split');
    const r = await run(['explain', '199512312024212005', STAFF, '-t', TRAINING, '-y', '2025', '-c', config, '-f', 'json']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout).explanations[0] as { jp: number; countIn: string; records: Array<{ outcome: string; jp: number; countedJp?: number }> };
    expect(e.countIn).toBe('split');
    expect(e.records.map((x) => [x.outcome, x.jp, x.countedJp])).toEqual([
      ['counted', 30, 24.5],
      ['counted', 10, 0.5],
    ]);
    expect(e.records.reduce((s, x) => s + (x.countedJp ?? x.jp), 0)).toBe(e.jp);
    const table = await run(['explain', '199512312024212005', STAFF, '-t', TRAINING, '-y', '2025', '-c', config]);
    expect(table.stdout).toContain('24,5 JP dihitung pada 2025');
    expect(table.stdout).toContain('Jumlah JP yang dihitung: 25');
  });

  it('the HTML report\'s details under split: each record\'s share, and the counted JP is the employee\'s', async () => {
    // Everyone meets the duty under split: each one is listed (with details) in their OPD's file.
    const dir = tempDir();
    const r = await run(['check', STAFF, '-t', TRAINING, '-y', '2025', '-c', policy('split'), '-f', 'html', '--by', 'opd', '--out-dir', dir]);
    expect(r.code).toBe(0);
    const html = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
    const rina = /<details class="explain" data-nip="199512312024212005"[^]*?<\/details>/.exec(html)?.[0] ?? '';
    expect(rina).toContain('data-jp="25"');
    expect(rina).toContain('2 dihitung, 25 JP');
    expect(rina).toContain('<small class="sub">24,5 JP dihitung pada 2025');
    expect(rina).toContain('Jumlah JP yang dihitung: 25');
  });

  it('explain under the default: the PKP ending in 2026 is outside the year', async () => {
    const r = await run(['explain', '198503152010011001', STAFF, '-t', TRAINING, '-y', '2025', '-f', 'json']);
    const e = JSON.parse(r.stdout).explanations[0] as { countIn: string; records: Array<{ outcome: string; countedJp?: number }> };
    expect(e.countIn).toBe('end');
    expect(e.records.map((x) => x.outcome)).toEqual(['outside-year', 'counted']);
    expect(e.records.every((x) => x.countedJp === undefined)).toBe(true);
  });

  it('a countIn the tool does not know is a configuration error (exit 2) naming the three', async () => {
    const r = await run(['check', STAFF, '-t', TRAINING, '-y', '2025', '-c', policy('prorata')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('countIn');
    expect(r.stderr).toMatch(/end.*start.*split/);
    expect(r.stderr).not.toContain('    at ');
  });
});
