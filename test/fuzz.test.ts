// The seeded mutational fuzzer (scripts/fuzz.mjs) on a fixed budget: mutants of every fixture
// and of generated CSVs and workbooks through `validate` and `check`; every outcome a report or
// exit 2 with one clean line, in time and memory, and the fast and general readers agreeing. A
// failure prints its seed and saves its input under test-output/fuzz-failures/. A longer run:
// `npm run fuzz -- --runs 20000`. JP_AUDIT_FUZZ_XLSX=off leaves workbooks (.xlsx, .xls) out (the
// .xlsx reader is being replaced: until then that part fails on the inputs of test/fuzz-corpus/).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/** The fuzzer for `seconds` from seed `seed`; its exit code and what it printed. */
function fuzz(seconds: number, seed: number, xlsx: 'off' | 'only'): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    // 5 s a command: an input that stalls costs that, not the 15 s of a long run.
    const args = [join(ROOT, 'scripts', 'fuzz.mjs'), '--seconds', String(seconds), '--seed', String(seed), '--xlsx', xlsx, '--command-ms', '5000', '--out', join('test-output', 'fuzz-failures')];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: (seconds + 120) * 1000, killSignal: 'SIGKILL' });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

const xlsxOff = ['0', 'off', 'false', 'no'].includes(String(process.env.JP_AUDIT_FUZZ_XLSX ?? 'on').toLowerCase());

describe('fuzzing: mutated inputs end in a report or one clean line', () => {
  it('CSV, text, JSON and HTML/XML inputs (every fixture but workbooks, generated files), both readers', async () => {
    const r = await fuzz(15, 1, 'off');
    expect(r.out, r.out).toMatch(/fuzz: \d+ inputs .* 0 failures/);
    expect(Number(/fuzz: (\d+) inputs/.exec(r.out.split('\n').at(-2) ?? '')?.[1])).toBeGreaterThan(20);
    expect(r.code, r.out).toBe(0);
  }, 180_000);

  // test/fuzz-corpus/ holds workbooks the fuzzer once broke a reader with: run first, as they are.
  it.skipIf(xlsxOff)('workbook inputs, .xlsx and .xls (test/fuzz-corpus, then fixtures and generated workbooks, .xlsx parts damaged and zipped again)', async () => {
    const r = await fuzz(15, 1, 'only');
    expect(r.out, r.out).toMatch(/fuzz: \d+ inputs .* 0 failures/);
    expect(r.code, r.out).toBe(0);
  }, 240_000);
});
