import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { earlyThreads } from '../../src/cli/early.js';
import { defaultThreads, earlyCount, startEarly, WarmWorkers } from '../../src/engine/fast/parallel/warm.js';

const MB = 1024 * 1024;
const sizes: Record<string, number> = { 'big.csv': 600 * MB, 'mid.csv': 40 * MB, 'small.csv': 1 * MB };
const sizeOf = (path: string) => {
  const size = sizes[path];
  if (size === undefined) throw new Error(`ENOENT: ${path}`);
  return size;
};

describe('threads started before the tool loads (bin/jp-audit.js)', () => {
  it.each([
    [['check', 'staff.csv', '--training', 'big.csv'], {}, 'cores'],
    [['check', 'staff.csv', '--training=big.csv', '--threads', '3'], {}, 3],
    [['check', 'staff.csv', '-t', 'big.csv', '--threads=1'], {}, 1],
    [['check', 'staff.csv', '--training', 'mid.csv'], {}, 1],
    [['check', 'staff.csv', '--training', 'small.csv'], {}, 0],
    [['check', 'staff.csv', '--training', 'small.csv', '-t', 'small.csv'], { JP_AUDIT_WORKER_FROM: '0' }, 1],
    [['check', 'staff.csv', '--training', 'mid.csv'], { JP_AUDIT_PARALLEL_FROM: '0' }, 'cores'],
    [['check', 'staff.csv', '--lang', 'en', '--training', 'mid.csv', '--format', 'json'], {}, 1],
    // Not a check with training files that threads would read.
    [['validate', 'staff.csv', '--training', 'big.csv'], {}, 0],
    [['check', 'staff.csv'], {}, 0],
    [['check', 'staff.csv', '--training', '-'], {}, 0],
    [['check', 'staff.csv', '--training', 'big.csv', '--encoding', 'windows-1252'], {}, 0],
    [['check', 'staff.csv', '--training', 'big.csv', '--encoding', 'utf-8'], {}, 'cores'],
  ] as const)('%j with %j: %s', (argv, env, threads) => {
    // 'cores': the default for large files (the machine's cores, at most four).
    expect(earlyThreads(argv, env, sizeOf)).toBe(threads === 'cores' ? defaultThreads() : threads);
  });

  it('a file it cannot find starts nothing (the run says what is wrong)', () => {
    expect(() => earlyThreads(['check', 's.csv', '--training', 'missing.csv'], {}, sizeOf)).toThrow(/ENOENT/);
  });

  it('threads started early and not taken by the run are stopped when it ends', async () => {
    startEarly(2);
    expect(earlyCount()).toBe(2);
    // Small files: the run reads them in this thread and takes no thread.
    const r = await runCheck({ staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv'], year: 2025 });
    expect(r.workers).toBe(0);
    expect(earlyCount()).toBe(0);
  });

  it('takes the threads started early before starting its own', async () => {
    startEarly(1);
    const warm = new WarmWorkers(2);
    expect([warm.early, warm.size, earlyCount()]).toEqual([1, 2, 0]);
    await warm.close();
  });

  it('a run that wants threads takes those started early', async () => {
    startEarly(1);
    const r = await runCheck({ staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv'], year: 2025, workerFrom: 0 });
    expect(r.workers).toBe(1);
    expect(earlyCount()).toBe(0);
  });
});

