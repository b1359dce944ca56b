#!/usr/bin/env node
// A seeded mutational fuzzer for jp-audit (issue 25): every fixture and a few generated files,
// mutated (bits flipped, chunks inserted, deleted, duplicated, the file cut short), run through
// `validate` and `check` (or `latsar`) in-process by the CLI's own `main`, in a child process
// that is killed and replaced when a run hangs or runs out of memory.
//
// Every outcome must be a report (exit 0 or 1, JSON on stdout) or exit 2 with one line on stderr
// (no stack trace, no internal error's text), within a time bound per command and the child's heap
// limit; a CSV read by path (the byte scanner, with and without its WebAssembly kernel) and the
// same bytes read from stdin (the general reader) must give the same report.
//
//   npm run fuzz -- --runs 20000          # a long run
//   npm run fuzz -- --seconds 30          # a time budget (what the test suite runs)
//   npm run fuzz -- --seed 4711 --runs 1  # one failing seed again
//   npm run fuzz -- --xlsx off            # no workbook seeds, .xlsx or .xls (or JP_AUDIT_FUZZ_XLSX=off); `only`: workbooks alone
//
// A failure prints its seed and saves the mutant (and what was done to it) in --out
// (default fuzz-failures/). Needs the build (dist/): `npm run build`.
import { fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commands, corpus, isWorkbook, isZip, seeds } from './fuzz/cases.mjs';
import { mutant } from './fuzz/mutate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Workbook seeds (.xlsx and .xls): `on` (with the others), `off` (none), `only` (nothing else). */
function xlsxMode(v) {
  const s = String(v).toLowerCase();
  if (['0', 'off', 'false', 'no'].includes(s)) return 'off';
  if (s === 'only') return 'only';
  return 'on';
}

function options(argv) {
  const o = {
    runs: Infinity,
    seconds: Infinity,
    seed: 1,
    out: 'fuzz-failures',
    xlsx: xlsxMode(process.env.JP_AUDIT_FUZZ_XLSX ?? 'on'),
    commandMs: 15_000,
    heapMb: 1024,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') o.runs = Number(value());
    else if (flag === '--seconds') o.seconds = Number(value());
    else if (flag === '--seed') o.seed = Number(value());
    else if (flag === '--out') o.out = value();
    else if (flag === '--xlsx') o.xlsx = xlsxMode(value());
    else if (flag === '--command-ms') o.commandMs = Number(value());
    else if (flag === '--heap-mb') o.heapMb = Number(value());
    else if (flag === '--quiet') o.quiet = true;
    else throw new Error(`fuzz: unknown option ${argv[i]} (see the top of scripts/fuzz.mjs)`);
  }
  if (o.runs === Infinity && o.seconds === Infinity) o.runs = 1000;
  return o;
}

// ---------------------------------------------------------------------------------------------
// The child: runs the commands of one mutant at a time, in-process.

/** Text a user must never see: a stack frame, or the words of an internal error. */
const INTERNAL = /\n\s+at |internal error|Cannot read propert|is not a function|is not iterable|undefined \(reading|TypeError|RangeError|ReferenceError|Maximum call stack|Unexpected end of|ERR_[A-Z_]+|\[object Object\]/;

async function child() {
  const { main } = await import(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href);
  const { openSource } = await import(pathToFileURL(join(ROOT, 'dist', 'io', 'source.js')).href);

  const capture = () => {
    const s = new PassThrough();
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (text += d));
    return { stream: s, text: () => text };
  };

  /** One command line through the CLI's `main`; `stall` when it has not ended within the bound. */
  async function runOne(args, stdin, commandMs, env = {}) {
    const out = capture();
    const err = capture();
    const saved = {};
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    const started = performance.now();
    let timer;
    try {
      const io = { stdout: out.stream, stderr: err.stream, stdin: Readable.from(stdin ? [stdin] : []), env: { ...process.env, NO_COLOR: '1' }, now: () => new Date('2026-01-15T00:00:00Z'), cwd: ROOT };
      const code = await Promise.race([main([...args, '--format', 'json', '-q', ...(args[0] === 'check' ? ['--year', '2025'] : [])], io), new Promise((r) => (timer = setTimeout(() => r('stall'), commandMs)))]);
      await new Promise((r) => setImmediate(r));
      return { code, stdout: out.text(), stderr: err.text(), ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  /** What is wrong with an outcome, or undefined: a report, or exit 2 with one clean line. */
  function judge(r) {
    if (r.code === 'stall') return { kind: 'stall', detail: `no end within the bound; stderr: ${r.stderr.slice(0, 300)}` };
    if (INTERNAL.test(r.stderr)) return { kind: 'internal-text', detail: r.stderr.slice(0, 600) };
    if (r.code === 2) {
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      if (lines.length !== 1 || !lines[0].startsWith('jp-audit: ')) return { kind: 'not-one-line', detail: r.stderr.slice(0, 600) };
      return undefined;
    }
    if (r.code === 0 || r.code === 1) {
      try {
        JSON.parse(r.stdout);
      } catch {
        return { kind: 'bad-report', detail: `exit ${r.code}, stdout not JSON: ${r.stdout.slice(0, 200)}` };
      }
      return undefined;
    }
    return { kind: `exit-${r.code}`, detail: r.stderr.slice(0, 600) };
  }

  /**
   * Where both readers apply: bytes that the tool opens as CSV both by path (the byte scanner's
   * side) and from stdin (`-`), asked of the tool itself (`openSource`), as it tells formats apart.
   */
  async function csvBoth(data, path) {
    try {
      if ((await openSource(path, {})).info.format !== 'csv') return false;
      return (await openSource('-', {}, Readable.from([data]))).info.format === 'csv';
    } catch {
      return false;
    }
  }

  const same = (a, b) => (a === b ? undefined : firstDifference(a, b));

  process.on('message', async (job) => {
    const failures = [];
    let ms = 0;
    const data = job.data ? Buffer.from(job.data) : Buffer.alloc(0);
    for (const args of job.commands) {
      const r = await runOne(args, undefined, job.commandMs);
      ms += r.ms;
      const bad = judge(r);
      if (bad) failures.push({ ...bad, command: args.join(' ') });
      // The same CSV from stdin (the general reader), and by path without the kernel: one report.
      if (bad || args[0] !== 'check' || !job.differential || !(await csvBoth(data, job.path))) continue;
      const norm = (s) => s.split(job.path).join('-');
      const viaStdin = await runOne(args.map((a) => (a === job.path ? '-' : a)), data, job.commandMs);
      const viaJs = await runOne(args, undefined, job.commandMs, { JP_AUDIT_KERNEL: 'js' });
      ms += viaStdin.ms + viaJs.ms;
      for (const [label, other] of [['stdin', viaStdin], ['kernel off', viaJs]]) {
        const why = judge(other);
        if (why) {
          failures.push({ ...why, command: `${args.join(' ')} (${label})` });
          continue;
        }
        const d = other.code !== r.code ? `exit ${r.code} by path, ${other.code} (${label})` : (same(norm(r.stdout), norm(other.stdout)) ?? same(norm(r.stderr), norm(other.stderr)));
        if (d) failures.push({ kind: 'readers-disagree', command: `${args.join(' ')} (path vs ${label})`, detail: d });
      }
    }
    process.send({ seed: job.seed, failures, ms, rss: process.memoryUsage().rss });
  });
  process.send({ ready: true });
}

/** The first line where two texts differ, both ways, for a failure's detail. */
function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: ${JSON.stringify((x[i] ?? '<none>').slice(0, 160))} vs ${JSON.stringify((y[i] ?? '<none>').slice(0, 160))}`;
  }
  return 'differ';
}

// ---------------------------------------------------------------------------------------------
// The parent: makes the mutants, hands them to the child, watches it, keeps the failures.

async function parent(o) {
  const work = mkdtempSync(join(tmpdir(), 'jp-audit-fuzz-'));
  const all = (await seeds(ROOT, join(work, 'gen'), { xlsx: o.xlsx !== 'off' })).filter((x) => o.xlsx !== 'only' || isWorkbook(x.data));
  const outDir = resolve(ROOT, o.out);
  const started = Date.now();
  const log = (s) => o.quiet || process.stdout.write(`${s}\n`);
  log(`fuzz: ${all.length} seed files (xlsx ${o.xlsx}), seeds from ${o.seed}, ${o.runs === Infinity ? `${o.seconds} s` : `${o.runs} runs`}`);

  let worker;
  let pending;
  const spawnChild = () =>
    new Promise((ready) => {
      worker = fork(fileURLToPath(import.meta.url), ['--child'], { cwd: ROOT, execArgv: [`--max-old-space-size=${o.heapMb}`], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      worker.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
      worker.on('message', (m) => (m.ready ? ready() : pending?.resolve(m)));
      worker.on('exit', (code, signal) => pending?.resolve({ crashed: true, detail: `child ended (${signal ?? `exit ${code}`}): ${stderr.slice(-600)}` }));
    });
  await spawnChild();

  const failures = [];
  const byKind = new Map();
  let runs = 0;
  let commandsRun = 0;
  let maxRss = 0;
  let slowest = { ms: 0 };
  // Inputs that once failed (test/fuzz-corpus/) first, as they are; then the mutants.
  const kept = corpus(ROOT, { xlsx: o.xlsx !== 'off' }).filter((x) => o.xlsx !== 'only' || isWorkbook(x.data));
  for (let i = -kept.length; i < o.runs && (i < 0 || (Date.now() - started) / 1000 < o.seconds); i++) {
    const seed = i < 0 ? `corpus:${kept[kept.length + i].name}` : o.seed + i;
    const base = i < 0 ? kept[kept.length + i] : all[(Math.imul(seed, 2654435761) >>> 0) % all.length];
    const m = i < 0 ? { data: base.data, steps: ['as found (test/fuzz-corpus)'] } : mutant(seed, base.data, isZip(base.data));
    const path = join(work, `m${i < 0 ? `c${-i}` : seed}${base.ext}`);
    writeFileSync(path, m.data);
    const cmds = commands(base, path);
    const job = { seed, path, data: m.data, commands: cmds, commandMs: o.commandMs, differential: ['staff', 'totals', 'training', 'exemptions'].includes(base.role) };
    // The whole case is bounded too: a run that blocks the event loop never answers.
    const limit = o.commandMs * (cmds.length * 3 + 1);
    const send = () =>
      new Promise((resolveResult) => {
        const timer = setTimeout(() => resolveResult({ crashed: true, detail: `no answer within ${limit} ms (a loop that never yields?)` }), limit);
        pending = { resolve: (r) => (clearTimeout(timer), (pending = undefined), resolveResult(r)) };
        worker.send(job);
      });
    const restart = async () => {
      worker.removeAllListeners('exit');
      worker.kill('SIGKILL');
      await spawnChild();
    };
    const result = await send();
    runs++;
    commandsRun += cmds.length;
    const failuresOf = (r) => (r.crashed ? [{ kind: 'crash-or-hang', command: cmds.map((c) => c.join(' ')).join(' ; '), detail: r.detail }] : r.failures);
    let found = failuresOf(result);
    if (!result.crashed) {
      maxRss = Math.max(maxRss, result.rss);
      if (result.ms > slowest.ms) slowest = { ms: result.ms, seed, file: base.name };
    }
    if (found.length && i < 0) {
      // A kept input is known to fail alone: not run twice.
      found = found.map((f) => ({ ...f, alone: true }));
      await restart();
    }
    else if (found.length) {
      // Once more in a fresh process: a failure that does not come back there was left by an
      // earlier input in the same process (state kept across runs), which is worth knowing too.
      await restart();
      const again = await send();
      const alone = failuresOf(again).length > 0;
      if (alone) await restart();
      found = found.map((f) => ({ ...f, alone }));
    }
    if (found.length) {
      mkdirSync(outDir, { recursive: true });
      const saved = join(outDir, `${i < 0 ? 'corpus' : seed}-${basename(base.name)}`);
      copyFileSync(path, saved);
      writeFileSync(`${saved}.json`, `${JSON.stringify({ seed, from: base.name, role: base.role, mutations: m.steps, failures: found }, null, 2)}\n`);
      for (const f of found) {
        byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
        failures.push({ seed, from: base.name, ...f });
        log(`FAIL seed=${seed} from=${base.name} kind=${f.kind}${f.alone ? '' : ' (only after earlier inputs in the same process)'}\n  command: ${f.command}\n  mutations: ${m.steps.join('; ')}\n  ${f.detail.split('\n').join('\n  ')}\n  saved: ${saved}\n  again: ${i < 0 ? `node bin/jp-audit.js ${f.command.split(' ; ')[0].split(path).join(base.name)}` : `npm run fuzz -- --seed ${seed} --runs 1 --xlsx ${o.xlsx}`}`);
      }
    }
    rmSync(path, { force: true });
    if (!o.quiet && runs % 500 === 0) log(`fuzz: ${runs} inputs, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  worker.removeAllListeners('exit');
  worker.kill();
  rmSync(work, { recursive: true, force: true });
  const secs = (Date.now() - started) / 1000;
  const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
  process.stdout.write(`fuzz: ${runs} inputs (${kept.length ? `${Math.min(runs, kept.length)} from test/fuzz-corpus, ` : ''}${runs > kept.length ? `seeds ${o.seed}..${o.seed + runs - kept.length - 1}` : 'no mutants'}), ${commandsRun} command lines, ${secs.toFixed(1)} s, ${failures.length} failures${kinds ? ` (${kinds})` : ''}; child peak RSS ${(maxRss / 2 ** 20).toFixed(0)} MB; slowest input ${slowest.ms.toFixed(0)} ms (seed ${slowest.seed}, ${slowest.file})\n`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv.includes('--child')) await child();
else process.exitCode = await parent(options(process.argv.slice(2)));
