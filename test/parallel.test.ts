import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { exploring, seedOr } from './helpers/fast-check-seed.js';
import { describe, expect, it } from 'vitest';
import { type CheckOptions, type CheckResult, runCheck } from '../src/check.js';
import type { Finding } from '../src/audit/findings.js';
import { WarmWorkers } from '../src/engine/fast/parallel/pool.js';
import { tempDir } from './helpers/cli.js';

// Worker threads run the built code (dist/engine/fast/parallel/worker.js): `npm test` builds first.
// Their blocks of kept records hold three records here, not 1,024, so that these small files go
// through the temporary file as ten million records do.
process.env.JP_AUDIT_SPILL_BLOCK = '3';

const NIPS = ['198503152010011001', '199001012015032002', '199507172024211001', '200001012025011006', '199205102019032004', '198811112014021005'];
// A roster whose last row is rejected (its type is unknown), so records of that NIP say so.
const roster = `NIP,Nama,Jenis Pegawai,Unit Kerja\n${NIPS.map((n, i) => `${n},P${i},${i === 2 ? 'PPPK' : 'PNS'},Dinas ${i % 3}`).join('\n')}\n199909092020121010,X,Honorer,Dinas 0\n`;

const cell = {
  nip: fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...NIPS) }, fc.constantFrom('199909092020121010', '197001012000011001', "'198503152010011001", '1.98503E+17', '', '19850315 201001 1 001')),
  name: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('Bimtek A', 'bimtek  a', ' BIMTEK A', 'Bimtek, "B"', 'Pelatihan\nDua Baris', 'Éducation', '') }, fc.string({ maxLength: 4 })),
  date: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('01/03/2025', '1/3/2025', '2025-03-01', '31.12.2025', '02-01-2026') }, fc.constantFrom('7 Juli 2025', '31/02/2025', '', 'besok')),
  jp: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('2', '2,5', '10.25', '24') }, fc.constantFrom('0', '', 'dua', '3 JP')),
};
const row = fc.oneof(
  { weight: 14, arbitrary: fc.tuple(cell.nip, cell.name, cell.date, cell.date, cell.jp).map((r) => r as string[]) },
  fc.constantFrom(['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP'], [], ['', ' ', '', '', '']),
);
const HEAD = ['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP'];
// Seeds pinned: a failure is a failure on every run; JP_AUDIT_FC_SEED explores others.
const SEED = seedOr(20261281);

/** The result without the thread count, which is the one thing allowed to differ. */
const same = ({ threads: _threads, workers: _workers, ...rest }: CheckResult) => rest;

/**
 * A run's result (`same`: what must not differ), or its error: a training file whose every row is
 * rejected stops the run, with the same first cause however many threads read it.
 */
const outcome = (o: CheckOptions): Promise<{ same: unknown; threads: number; workers: number } | { same: unknown; error: true }> =>
  runCheck(o).then(
    (r) => ({ same: same(r), threads: r.threads, workers: r.workers }),
    (e: { code?: string; params?: unknown; file?: string }) => ({ same: [e.code, e.params, e.file], error: true as const }),
  );

describe('worker threads give the audit of one thread (differential)', () => {
  it('on generated training files: duplicates within and across files, every kind of row', async () => {
    const dir = tempDir();
    const staff = join(dir, 'staff.csv');
    writeFileSync(staff, roster);
    // What the runs met, checked at the end: every line end quoted and not, reports and refusals,
    // and each kind of odd row (see `row`): the pinned seed is known to cover them.
    const met = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), fc.array(row, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), async (first, extra, eol, quoted) => {
        met.add(`${JSON.stringify(eol)} quoted: ${quoted}`);
        for (const r of [...first, ...extra]) {
          if (r.length === 0) met.add('empty row');
          else if (r[0] === 'NIP') met.add('header again');
          else if (r[0] === '') met.add(r[1] === ' ' ? 'blank row' : 'no NIP');
          if (r[1]?.includes('\n')) met.add('line break in a cell');
        }
        // The second file repeats the first file's rows in part, so duplicates cross files.
        const files = [first, [...first.slice(0, 10), ...extra]].map((rows, i) => {
          const file = join(dir, `training-${i}.csv`);
          writeFileSync(file, stringify([HEAD, ...rows], { record_delimiter: eol, quoted }));
          return file;
        });
        const one = await outcome({ staff, training: files, year: 2025, threads: 1 });
        met.add('error' in one ? 'refused' : 'report');
        if (!('error' in one)) expect(one.threads).toBe(1);
        // One worker thread (what --threads 1 does for large files), two and three.
        for (const threads of [1, 2, 3]) {
          const many = await outcome({ staff, training: files, year: 2025, threads, parallelFrom: 0 });
          if (!('error' in many)) expect(many.threads).toBe(threads);
          expect(many.same).toEqual(one.same);
        }
        // One worker thread and this thread, each a part of each file (this thread the last part).
        for (const [i, file] of files.entries()) {
          const alone = await outcome({ staff, training: [file], year: 2025, fast: false });
          const shared = await outcome({ staff, training: [file], year: 2025, workerFrom: 0, localShare: [0.3, 0.7][i]! });
          if (!('error' in shared)) expect(shared.workers).toBe(1);
          expect(shared.same).toEqual(alone.same);
        }
        // The threads' JavaScript reader too, without the WebAssembly kernel.
        process.env.JP_AUDIT_KERNEL = 'js';
        try {
          expect((await outcome({ staff, training: files, year: 2025, threads: 2, parallelFrom: 0 })).same).toEqual(one.same);
        } finally {
          delete process.env.JP_AUDIT_KERNEL;
        }
      }),
      {
        seed: SEED,
        // Each run starts ten threads. Ten runs from this seed meet every case the check below
        // lists (twenty random ones met them by chance); JP_AUDIT_FC_SEED explores further.
        numRuns: 10,
        // Always: a blank line just after the header. Each part's account starts with it, and the
        // threads' counters must not count it once a part (a review that dropped the subtraction
        // met this in CI only, by chance of the generated files).
        examples: [[[[], [NIPS[0]!, 'Bimtek A', '01/03/2025', '01/03/2025', '2']], [], '\n', false]],
      },
    );
    const kinds = ['empty row', 'header again', 'blank row', 'no NIP', 'line break in a cell', 'report', 'refused'];
    const ends = ['\n', '\r\n', '\r'].flatMap((eol) => [false, true].map((quoted) => `${JSON.stringify(eol)} quoted: ${quoted}`));
    // (Another seed, given to explore, may meet fewer: the check is the pinned seed's.)
    if (!exploring) expect([...met].sort()).toEqual([...kinds, ...ends].sort());
  }, 120_000);

  it('reads in one thread small files, a non-CSV file, or with --threads 1 (then a worker for large files)', async () => {
    const base = { staff: 'fixtures/pegawai.csv', year: 2025 };
    expect((await runCheck({ ...base, training: ['fixtures/diklat.csv'] })).threads).toBe(1);
    expect((await runCheck({ ...base, training: ['fixtures/diklat.csv'], threads: 1, parallelFrom: 0 })).threads).toBe(1);
    // Quoting the scanner cannot read (a quote closed mid-field): the threads, started while the
    // file is checked, are stopped, and the calling thread reads it the general way.
    const odd = join(tempDir(), 'odd.csv');
    writeFileSync(odd, `${HEAD.join(',')}\n198503152010011001,"Bimtek"A,01/03/2025,01/03/2025,2\n`);
    const general = await runCheck({ ...base, training: [odd], threads: 2, parallelFrom: 0 });
    expect(general.threads).toBe(1);
    expect(same(general)).toEqual(same(await runCheck({ ...base, training: [odd], fast: false })));
    // The same at the end of a file of several chunks, after a file that can be scanned: no
    // thread reads either; the calling thread reads them, as the general reader does.
    const late = join(tempDir(), 'late.csv');
    const line = (i: number) => `${NIPS[i % NIPS.length]},Bimtek ${i % 500},01/03/2025,02/03/2025,${1 + (i % 9)}`;
    const bad = '198503152010011001,"Bimtek"A,01/03/2025,01/03/2025,2';
    writeFileSync(late, [HEAD.join(','), ...Array.from({ length: 100_000 }, (_, i) => line(i)), bad, ''].join('\n'));
    const files = ['fixtures/diklat.csv', late];
    const reference = same(await runCheck({ ...base, training: files, fast: false }));
    expect(reference.inputs[2]!.rows).toBe(100_001);
    for (const threads of [1, 2]) {
      const r = await runCheck({ ...base, training: files, threads, parallelFrom: 0 });
      expect([r.threads, r.workers]).toEqual([1, 0]);
      expect(same(r)).toEqual(reference);
    }
    // Windows-1252: not for the byte scanner, so not for the threads either.
    expect((await runCheck({ ...base, training: ['fixtures/diklat.csv', 'fixtures/lms-simpeg-1252.csv'], threads: 2, parallelFrom: 0 })).threads).toBe(1);
    const a = await runCheck({ ...base, training: ['fixtures/diklat.csv'], threads: 2, parallelFrom: 0 });
    expect(a.threads).toBe(2);
    expect(same(a)).toEqual(same(await runCheck({ ...base, training: ['fixtures/diklat.csv'], threads: 1 })));
  }, 120_000);

  it('reads mid-sized files (from workerFrom bytes) in one worker thread, with the same result', async () => {
    const base = { staff: 'fixtures/pegawai.csv', year: 2025 };
    // onIdle: told once, while the worker counts; with no worker, never.
    const idle: string[] = [];
    const here = await runCheck({ ...base, training: ['fixtures/diklat.csv'], onIdle: () => idle.push('here') });
    expect(here.workers).toBe(0);
    const one = await runCheck({ ...base, training: ['fixtures/diklat.csv'], workerFrom: 0, onIdle: () => idle.push('one') });
    expect([one.workers, one.threads]).toEqual([1, 1]);
    expect(idle).toEqual(['one']);
    expect(same(one)).toEqual(same(here));
    // From parallelFrom, every thread asked for.
    expect((await runCheck({ ...base, training: ['fixtures/diklat.csv'], workerFrom: 0, parallelFrom: 0, threads: 2 })).workers).toBe(2);
    // Started by size alone, then not used (Windows-1252 is not for the byte scanner): stopped.
    const mixed = ['fixtures/diklat.csv', 'fixtures/lms-simpeg-1252.csv'];
    const stopped = await runCheck({ ...base, training: mixed, workerFrom: 0 });
    expect(stopped.workers).toBe(0);
    expect(same(stopped)).toEqual(same(await runCheck({ ...base, training: mixed })));
  });

  it('does not give the pool a warm thread that died before it was taken', async () => {
    const warm = new WarmWorkers(1, new URL('data:text/javascript,throw new Error("broken")'));
    expect(warm.size).toBe(1);
    for (let i = 0; i < 250 && warm.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(warm.size).toBe(0);
    expect(warm.take()).toBeUndefined();
    await warm.close();
  });

  it('closes the threads\' temporary files, after a run and after a failed one', async () => {
    // Their names are removed at once on Linux, so only the open descriptors would show a leak.
    // Counted are the descriptors of the run's own files: the temporary files (in a folder of this
    // test's, through TMPDIR) and the inputs. Not every descriptor of the process: a thread being
    // stopped may still hold its module files and event descriptors for a while after the run,
    // which is Node's to close, and made this test fail on a loaded machine.
    const dir = tempDir();
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    writeFileSync(join(dir, 'kosong.csv'), 'NIP,Nama,Jenis Pegawai,Unit Kerja\n');
    const inputs = [temp, dir, resolve('fixtures')].map((d) => `${d}/`);
    /** The descriptors open on the run's files, with what each is (so that a failure says what was left open). */
    const open = () =>
      readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return 'gone';
          }
        })
        .filter((t) => inputs.some((d) => t.startsWith(d)))
        .sort();
    const ours = (files: string[]) => files.filter((f) => f.startsWith(`${temp}/jp-audit-`));
    // A stream's descriptor is closed a moment after its reader stops: up to ten seconds for those
    // to go. A file left open never goes, however long the wait.
    const settled = async () => {
      for (let i = 0; i < 500 && open().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      return open();
    };
    expect(open()).toEqual([]);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const base = { staff: 'fixtures/pegawai.csv', year: 2025, threads: 2, parallelFrom: 0 };
      // While the threads read, their temporary files are open (the test sees what it counts).
      let seen = 0;
      const r = await runCheck({ ...base, training: ['fixtures/diklat.csv'], onProgress: () => (seen = Math.max(seen, ours(open()).length)) });
      expect(r.threads).toBe(2);
      expect(seen).toBeGreaterThanOrEqual(2);
      // The run awaits its threads' end and closes their files: none left open.
      expect(ours(open())).toEqual([]);
      expect(await settled()).toEqual([]);
      // A roster that fails while the threads read: they are stopped, their files closed.
      await expect(runCheck({ ...base, staff: join(dir, 'kosong.csv'), training: ['fixtures/diklat.csv'] })).rejects.toMatchObject({ code: 'no-data-rows' });
      expect(ours(open())).toEqual([]);
      expect(await settled()).toEqual([]);
      // Nor any name left in the folder.
      expect(readdirSync(temp)).toEqual([]);
      // In this thread, the same file twice: the second's records match the first's, whose keys are
      // read again from it (kept open while counting); none is left open after the run.
      const twice = await runCheck({ staff: 'fixtures/pegawai.csv', year: 2025, training: ['fixtures/diklat.csv', 'fixtures/diklat.csv'] });
      expect(twice.threads).toBe(1);
      expect(twice.inputs.filter((i) => i.role === 'training')[1]!.duplicates).toBeGreaterThan(0);
      expect(await settled()).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('reports reading progress from the threads, for a progress line', async () => {
    const seen: Array<{ file: string; rows: number; bytesRead?: number; size?: number }> = [];
    const r = await runCheck({ staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv'], year: 2025, threads: 2, parallelFrom: 0, onProgress: (p) => seen.push(p) });
    expect(r.threads).toBe(2);
    const training = seen.filter((p) => p.file === 'fixtures/diklat.csv');
    expect(training.length).toBeGreaterThan(0);
    expect(training.at(-1)!.rows).toBeGreaterThan(0);
    expect(training.at(-1)!.bytesRead).toBe(training.at(-1)!.size);
  });

  it('a record too large for the scanner is the same one-line error from a worker thread', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    writeFileSync(file, `${HEAD.join(',')}\n198503152010011001,A,01/03/2025,01/03/2025,2\n198503152010011001,"${'x'.repeat(40 * 1024 * 1024)}",01/03/2025,01/03/2025,2\n`);
    const err = (threads: number) => runCheck({ staff: 'fixtures/pegawai.csv', training: [file], year: 2025, threads, parallelFrom: 0 }).then(() => 'no error', (e: { code?: string; params?: unknown; file?: string }) => [e.code, e.params, e.file]);
    const one = await err(1);
    expect(one[0]).toBe('csv-record-too-large');
    expect(await err(2)).toEqual(one);
  });
});

describe('jp-audit check --threads (the built CLI)', () => {
  it('gives the same report with worker threads, and says so with --verbose', async () => {
    const { run } = await import('./helpers/cli.js');
    const args = ['check', 'fixtures/pegawai.csv', '--training', 'fixtures/diklat.csv', '--year', '2025', '--format', 'json'];
    const one = await run([...args, '--threads', '1']);
    const two = await run([...args, '--threads', '2', '--verbose'], { env: { JP_AUDIT_PARALLEL_FROM: '0' } });
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).summary.employees).toBeGreaterThan(0);
    expect(two.stderr).toContain('berkas diklat dibaca oleh 2 thread');
    expect(one.stderr).not.toContain('thread');
  });

  it('one worker for mid-sized files gives the same report; one started and not used does not keep the run alive', async () => {
    const { run } = await import('./helpers/cli.js');
    const args = ['check', 'fixtures/pegawai.csv', '--year', '2025', '--format', 'json'];
    for (const training of [['fixtures/diklat.csv'], ['fixtures/diklat.csv', 'fixtures/lms-simpeg-1252.csv']]) {
      const files = training.flatMap((f) => ['--training', f]);
      const here = await run([...args, ...files]);
      const worker = await run([...args, ...files], { env: { JP_AUDIT_WORKER_FROM: '0' } });
      expect(here.code).toBe(1);
      expect([worker.code, worker.stderr]).toEqual([1, here.stderr]);
      expect(worker.stdout).toBe(here.stdout);
    }
    // --verbose says who read them: one worker (the scannable file), or no worker (a Windows-1252
    // file among them: the thread started for it was stopped unused).
    const said = async (training: string[], env: Record<string, string>) => (await run([...args, ...training.flatMap((f) => ['--training', f]), '--verbose', '--lang', 'en'], { env })).stderr;
    expect(await said(['fixtures/diklat.csv'], { JP_AUDIT_WORKER_FROM: '0' })).toContain('training files read by 1 worker thread\n');
    expect(await said(['fixtures/diklat.csv', 'fixtures/lms-simpeg-1252.csv'], { JP_AUDIT_WORKER_FROM: '0' })).not.toContain('worker thread');
    expect(await said(['fixtures/diklat.csv'], {})).not.toContain('worker thread');
    // The thread was started before the tool loaded its code, and the run took it.
    const traced = await run([...args, '--training', 'fixtures/diklat.csv', '--out', join(tempDir(), 'r.json')], { env: { JP_AUDIT_WORKER_FROM: '0', JP_AUDIT_TRACE: '1' } });
    expect(traced.code).toBe(1);
    expect(traced.stderr).toContain('1 worker thread(s) started early taken');
    // One worker, and this thread reading the file's last part after the roster: the same report.
    const shared = await run([...args, '--training', 'fixtures/diklat.csv'], { env: { JP_AUDIT_WORKER_FROM: '0', JP_AUDIT_LOCAL_SHARE: '0.5', JP_AUDIT_TRACE: '1' } });
    expect([shared.code, shared.stdout]).toEqual([1, (await run([...args, '--training', 'fixtures/diklat.csv'])).stdout]);
    expect(shared.stderr).toMatch(/this thread: read [1-9]\d* rows/);
    // A bad option, with a thread already loading: the usual one line and exit 2, at once.
    const bad = await run([...args, '--training', 'fixtures/diklat.csv', '--year', 'abc'], { env: { JP_AUDIT_WORKER_FROM: '0' } });
    expect([bad.code, bad.stderr.trim().split('\n').length]).toEqual([2, 1]);
    // A roster that cannot be opened, with threads already loading: the usual one line and exit 2.
    const missing = await run(['check', 'fixtures/tidak-ada.csv', '--training', 'fixtures/diklat.csv', '--year', '2025'], { env: { JP_AUDIT_WORKER_FROM: '0' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('tidak-ada.csv');
  });

  it('with one worker, this thread reads a share of a large enough file itself, judged from the sizes; not with an .xlsx roster', async () => {
    const { run } = await import('./helpers/cli.js');
    const dir = tempDir();
    const training = join(dir, 'training.csv');
    // About 12 MB of records against a 1 KB roster: a share of about half, over the 4 MB minimum.
    const nips = NIPS.slice(0, 5);
    const lines = Array.from({ length: 160_000 }, (_, i) => `${nips[i % 5]},Bimtek ${i % 997},01/03/2025,02/03/2025,${(i % 7) + 1}`);
    writeFileSync(training, `${HEAD.join(',')}\n${lines.join('\n')}\n`);
    const staff = join(dir, 'staff.csv');
    writeFileSync(staff, roster);
    const args = (roster: string) => ['check', roster, '--training', training, '--year', '2025', '--format', 'json', '--exit-zero'];
    const here = await run(args(staff), { env: { JP_AUDIT_WORKER_FROM: String(2 ** 40) } });
    const shared = await run(args(staff), { env: { JP_AUDIT_WORKER_FROM: '0', JP_AUDIT_TRACE: '1' } });
    expect([shared.code, shared.stdout]).toEqual([0, here.stdout]);
    expect(shared.stderr).toMatch(/this thread: read [1-9]\d* rows/);
    // The same data with an .xlsx roster: its reading cost is not judged from bytes, so no share.
    const xlsx = await run(args('fixtures/rekap-jp-2025.xlsx'), { env: { JP_AUDIT_WORKER_FROM: '0', JP_AUDIT_TRACE: '1' } });
    expect(xlsx.code).toBe(0);
    expect(xlsx.stderr).toContain('worker 0: read');
    expect(xlsx.stderr).not.toContain('this thread: read');
  });

  it('writes a large report with a second thread: the same JSON on stdout and CSV in a file', async () => {
    const { run } = await import('./helpers/cli.js');
    const dir = tempDir();
    const staff = join(dir, 'staff.csv');
    const training = join(dir, 'training.csv');
    // 3,500 employees: four pieces of a report, two of them written by the second thread.
    const nips = Array.from({ length: 3500 }, (_, i) => `19850315201001${String(1000 + i).padStart(4, '0')}`);
    writeFileSync(staff, `NIP,Nama,Jenis Pegawai,Unit Kerja\n${nips.map((n, i) => `${n},"Pegawai ${i}, S.E.",${i % 4 ? 'PNS' : 'PPPK'},Dinas ${i % 9}`).join('\n')}\n`);
    writeFileSync(training, stringify([HEAD, ...nips.map((n, i) => [n, 'Bimtek', '01/03/2025', '02/03/2025', String(i % 30)])]));
    const args = ['check', staff, '--training', training, '--year', '2025'];
    for (const format of ['json', 'csv']) {
      const one = await run([...args, '--format', format, '--threads', '1'], { env: { JP_AUDIT_REPORT_PARALLEL_FROM: '0' } });
      // JSON with ASCII names is written by the report kernel in the calling thread: the second
      // thread writes it when the kernel is off (or a name is not ASCII).
      const two = await run([...args, '--format', format], { env: { JP_AUDIT_REPORT_PARALLEL_FROM: '0', ...(format === 'json' ? { JP_AUDIT_KERNEL: 'js' } : {}) } });
      expect(one.code).toBe(1);
      expect(two.code).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      // More than three pieces of 1,000 employees.
      expect(two.stdout.split('\n').length).toBeGreaterThan(3400);
      const out = join(dir, `report.${format}`);
      const file = await run([...args, '--out', out, '--force'], { env: { JP_AUDIT_REPORT_PARALLEL_FROM: '0' } });
      expect(file.code).toBe(1);
      expect(readFileSync(out, 'utf8')).toBe(one.stdout);
      // In one thread, to a file: the report kernel's pieces go out as views of its memory, each
      // written before the next is made; the same text.
      const single = await run([...args, '--format', format, '--threads', '1', '--out', out, '--force']);
      expect(single.code).toBe(1);
      expect(readFileSync(out, 'utf8')).toBe(one.stdout);
    }
  });

  it('a temporary folder it cannot use is one line naming it and TMPDIR, exit 2, nothing left behind', async () => {
    const { run } = await import('./helpers/cli.js');
    const dir = tempDir();
    const args = ['check', 'fixtures/pegawai.csv', '--training', 'fixtures/diklat.csv', '--year', '2025', '--lang', 'en'];
    const missing = join(dir, 'no-such-folder');
    const r = await run(args, { env: { JP_AUDIT_PARALLEL_FROM: '0', TMPDIR: missing } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain('TMPDIR');
    // Read by threads through a temporary folder that works, the folder is left as it was.
    const ok = await run(args, { env: { JP_AUDIT_PARALLEL_FROM: '0', TMPDIR: dir } });
    expect(ok.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    // Under 512 MB (one worker), the main thread reads them instead: the same report.
    const here = await run(args);
    const one = await run(args, { env: { JP_AUDIT_WORKER_FROM: '0', TMPDIR: missing } });
    expect([one.code, one.stdout, one.stderr]).toEqual([here.code, here.stdout, here.stderr]);
  });

  it('refuses a thread count it cannot use, in one line, exit 2', async () => {
    const { run } = await import('./helpers/cli.js');
    for (const bad of ['0', '65', 'dua', '-1']) {
      const r = await run(['check', 'fixtures/pegawai.csv', '--training', 'fixtures/diklat.csv', '--year', '2025', '--threads', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--threads');
    }
  });
});

describe('findings past the limit are counted, not kept', () => {
  it('lists the first findings of a kind per file, counts the rest, in one thread as in two', async () => {
    const { buildReport } = await import('../src/report/model.js');
    const dir = tempDir();
    const staff = join(dir, 'staff.csv');
    writeFileSync(staff, roster);
    // 40 records of NIPs not on the roster, and 5 duplicates.
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => [`1970010120000110${String(10 + i)}`, `Bimtek ${i}`, '01/03/2025', '02/03/2025', '2']),
      ...Array.from({ length: 6 }, () => [NIPS[0]!, 'Bimtek A', '01/03/2025', '02/03/2025', '2']),
    ];
    const file = join(dir, 'training.csv');
    writeFileSync(file, stringify([HEAD, ...rows]));
    const one = await runCheck({ staff, training: [file], year: 2025, threads: 1, maxFindings: 3 });
    const unknown = one.findings.filter((f) => f.code === 'unknown-nip');
    expect(unknown.map((f) => f.row)).toEqual([2, 3, 4]);
    expect(one.findings.filter((f) => f.code === 'duplicate-record')).toHaveLength(3);
    const omitted = one.findings.filter((f) => f.code === 'findings-omitted');
    expect(omitted.map((f) => f.args)).toEqual([
      { code: 'duplicate-record', count: 2, limit: 3 },
      { code: 'unknown-nip', count: 37, limit: 3 },
    ]);
    // The accounting and the report's counts still have every row.
    expect(one.inputs[1]).toMatchObject({ unknownNip: 40, duplicates: 5, counted: 1 });
    expect(buildReport(one, 'en').findingCounts).toMatchObject({ 'unknown-nip': 40, 'duplicate-record': 5 });
    const two = await runCheck({ staff, training: [file], year: 2025, threads: 2, parallelFrom: 0, maxFindings: 3 });
    expect(two.threads).toBe(2);
    expect(same(two)).toEqual(same(one));
  });

  it('sends many findings in batches while reading, and they all arrive, in row order, file by file', async () => {
    const { FINDINGS_BATCH } = await import('../src/engine/fast/parallel/protocol.js');
    const dir = tempDir();
    const staff = join(dir, 'staff.csv');
    writeFileSync(staff, roster);
    // Per file: ~3 batches of findings for each of two threads (unknown NIPs and duplicates of
    // every roster NIP), interleaved with counted rows; the second file repeats part of the first.
    const n = FINDINGS_BATCH * 6;
    const rows = (from: number) =>
      Array.from({ length: n }, (_, i) => (i % 3 === 0 ? [`19700101200001${String(1000 + ((from + i) % 9000))}`, `Bimtek ${i}`, '01/03/2025', '02/03/2025', '2'] : [NIPS[i % NIPS.length]!, `Bimtek ${(from + i) % 500}`, '01/03/2025', '02/03/2025', '2']));
    const files = [0, 4000].map((from, k) => {
      const file = join(dir, `training-${k}.csv`);
      writeFileSync(file, stringify([HEAD, ...rows(from)]));
      return file;
    });
    const one = await runCheck({ staff, training: files, year: 2025, threads: 1 });
    expect(one.findings.filter((f) => f.code === 'duplicate-record' && f.file === files[1]).length).toBeGreaterThanOrEqual(FINDINGS_BATCH * 3);
    expect(one.findings.filter((f) => f.code === 'unknown-nip').length).toBeGreaterThanOrEqual(FINDINGS_BATCH * 3);
    const two = await runCheck({ staff, training: files, year: 2025, threads: 2, parallelFrom: 0 });
    expect(two.threads).toBe(2);
    expect(same(two)).toEqual(same(one));
  }, 60_000);
});

describe("merging threads' outcomes (what did not count)", () => {
  const outcomes = (rows: Array<[kind: number, file: number, row: number]>, counted: Array<[number, number]>) => ({
    kind: Uint8Array.from(rows.map((r) => r[0])),
    file: Uint32Array.from(rows.map((r) => r[1])),
    row: Uint32Array.from(rows.map((r) => r[2])),
    a: Uint32Array.from(rows.map((r) => r[2] * 10)),
    b: Uint32Array.from(rows.map((r) => r[2] * 100)),
    counted,
  });

  it("orders two threads' by file, then row, and adds their counts; takes one thread's as it is", async () => {
    const { mergeOutcomes } = await import('../src/engine/fast/parallel/part.js');
    const one = outcomes([[0, 1, 2], [1, 1, 9], [0, 2, 3]], [[1, 5]]);
    const two = outcomes([[1, 1, 4], [0, 2, 1], [1, 2, 8]], [[1, 2], [2, 7]]);
    const merged = mergeOutcomes([one, two]);
    const at = [...merged.order].map((k) => [merged.outcomes.kind[k], merged.outcomes.file[k], merged.outcomes.row[k], merged.outcomes.a[k], merged.outcomes.b[k]]);
    expect(at).toEqual([[0, 1, 2, 20, 200], [1, 1, 4, 40, 400], [1, 1, 9, 90, 900], [0, 2, 1, 10, 100], [0, 2, 3, 30, 300], [1, 2, 8, 80, 800]]);
    expect(new Map(merged.outcomes.counted)).toEqual(new Map([[1, 7], [2, 7]]));
    // One thread's are in order already: not copied (a file of unknown NIPs has one a record).
    const alone = mergeOutcomes([one]);
    expect(alone.outcomes).toBe(one);
    expect([...alone.order]).toEqual([0, 1, 2]);
    expect(mergeOutcomes([]).order).toHaveLength(0);
  });

  it('makes the findings of counting before the duplicates\' names come, then names them as when given', async () => {
    const { nameFindings, outcomeFindings } = await import('../src/engine/fast/parallel/part.js');
    const { CsvSource } = await import('../src/io/csv.js');
    const { openSheet } = await import('../src/normalize/sheet.js');
    const file = join(tempDir(), 'training.csv');
    writeFileSync(file, 'NIP,Nama Pelatihan,Tanggal,JP\n198503152010011001,A,01/03/2025,2\n');
    const sheet = await openSheet(CsvSource.fromFile(file, file), {});
    // Three duplicates (one with an empty name) and an unknown NIP; two of a code listed.
    const found = outcomes([[1, 1, 2], [0, 1, 3], [1, 1, 4], [1, 1, 5]], [[1, 3]]);
    const order = Uint32Array.from([0, 1, 2, 3]);
    const names = ['Bimtek A', '', '', 'Bimtek B'];
    const ctx = { sheets: new Map([[1, sheet]]), files: ['staff.csv', file], rows: {}, rejected: new Map(), limit: 2 };
    const given = outcomeFindings(found, order, names, ctx);
    const later: Array<[Finding, number]> = [];
    const deferred = outcomeFindings(found, order, [], { ...ctx, later });
    expect(later.map(([, j]) => j)).toEqual([0, 2]);
    expect(deferred.get(1)!.findings.find((f) => f.code === 'duplicate-record')!.value).toBeUndefined();
    nameFindings(later, names);
    // The same findings, their keys in the same order (as JSON writes them).
    expect(JSON.stringify([...deferred])).toBe(JSON.stringify([...given]));
    expect(given.get(1)!.findings.filter((f) => f.code === 'duplicate-record').map((f) => f.value)).toEqual(['Bimtek A', undefined]);
  });
});
