import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import { run, tempDir } from '../helpers/cli.js';
import { seedOr } from '../helpers/fast-check-seed.js';

// `--engine reference` (Maps and exact keys over the rules, the general reader, one thread) and the
// fast engine (byte scanner, WebAssembly kernels, worker threads, hashed keys) must write the same
// JSON report, byte for byte, with the same findings, stderr and exit code.

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in-process, as a pipe (no terminal), on a fixed day. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const io: CliIo = { stdout: out, stderr: err, stdin: new PassThrough(), env: {}, now: () => new Date('2026-01-08T03:00:00Z'), cwd: process.cwd() };
  // The fast engine's switches are read from the process's environment.
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(args, io);
    return { code, stdout, stderr };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** The fast engine's configurations the reference is compared with. */
const FAST: Array<{ name: string; args: string[]; env: Record<string, string> }> = [
  { name: 'default', args: [], env: {} },
  { name: 'kernels off', args: [], env: { JP_AUDIT_KERNEL: 'js' } },
  { name: 'two worker threads', args: ['--threads', '2'], env: { JP_AUDIT_PARALLEL_FROM: '0' } },
  { name: 'one worker thread', args: ['--threads', '1'], env: { JP_AUDIT_WORKER_FROM: '0' } },
];

async function expectSame(args: string[], configs = FAST): Promise<Outcome> {
  const reference = await cli(['check', ...args, '-f', 'json', '--engine', 'reference']);
  for (const c of configs) {
    const fast = await cli(['check', ...args, '-f', 'json', ...c.args], c.env);
    expect({ ...fast, config: c.name }).toEqual({ ...reference, config: c.name });
  }
  return reference;
}

afterEach(() => {
  delete process.env.JP_AUDIT_KERNEL;
});

describe('--engine reference and the fast engine: the same JSON report on every fixture', () => {
  const L = 'fixtures/layouts';
  const T = 'fixtures/tahunan';
  const F = 'fixtures/formats';
  const runs: string[][] = [
    ['fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025'],
    ['fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025'],
    ['fixtures/pegawai.csv', '-t', 'fixtures/diklat-unicode.txt', '-y', '2025', '--as-of', '2025-06-30'],
    [`${T}/pegawai-tmt.csv`, '-t', `${T}/diklat-menit.csv`, '-t', `${T}/diklat-kolom-sampah.csv`, '-e', `${T}/pengecualian.csv`, '-y', '2025'],
    [`${T}/pegawai-tmt.csv`, '-t', `${T}/diklat-menit.csv`, '-y', '2025', '--as-of', '2025-09-30'],
    ['fixtures/rekap-jp-2025.xlsx', '-y', '2025'],
    ['fixtures/gabungan-diskominfo.xlsx', '-y', '2025'],
    [`${L}/s20jp-pegawai.csv`, '-t', `${L}/s20jp-diklat.csv`, '-t', `${L}/sidiklat-ekspor.csv`, '-y', '2025'],
    [`${L}/s20jp-rekap.csv`, '-y', '2025'],
    [`${L}/s20jp-mentah.csv`, '-y', '2025', '--undated-year', '2025'],
    [`${L}/siasn-pegawai.csv`, '-t', `${L}/siasn-riwayat-kursus.csv`, '-t', `${L}/siasn-riwayat-diklat.csv`, '-y', '2025'],
    [`${L}/siasn-pegawai-pipa.txt`, '-t', `${L}/siasn-riwayat-kursus.csv`, '-t', `${L}/s20jp-diklat.csv`, '-y', '2025'],
    [`${L}/sidiklat-impor.csv`, '-y', '2025'],
    [`${L}/pegawai-label-jabatan.csv`, '-t', `${L}/s20jp-diklat.csv`, '-y', '2025'],
    [`${F}/pegawai-simpeg.xls`, '-t', `${F}/diklat-sidiklat.xls`, '-t', `${F}/diklat-excel2003.xml`, '-y', '2025'],
    [`${F}/pegawai-nip-angka.xls`, '-t', `${F}/riwayat-kursus.ndjson`, '-t', `${F}/riwayat-kursus-siasn.json`, '-y', '2025'],
    ['fixtures/pegawai.csv', '-t', `${F}/rekap-sidiklat.json`, '-t', `${F}/pelatihan-sidiklat.xls`, '-y', '2025'],
    ['fixtures/diff/pegawai-juni.csv', '-t', 'fixtures/diff/diklat-juni.csv', '-t', 'fixtures/diff/diklat-september.csv'],
    ['fixtures/diff/pegawai-september.csv', '-t', 'fixtures/diff/diklat-september.csv', '-y', '2025', '--as-of', '2025-09-30'],
  ];
  it.each(runs.map((r) => [r.join(' '), r] as const))('%s', async (_, args) => {
    const r = await expectSame(args, FAST.slice(0, 2));
    // A report, not two identical failures.
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(JSON.parse(r.stdout).employees.length).toBeGreaterThan(0);
  });
});

// ---- generated inputs ----

const NIPS = ['198503152010011001', '199001012015032002', '197712312005011003', '198808082019022004', '199512312024212005', '200001012025011006', '198204042008041007'];
const UNKNOWN = '196001011985031099';
const OPDS = ['Dinas Kesehatan', 'DINAS KESEHATAN', 'dinas  kesehatan', 'Bappeda', 'BAPPEDA', 'Sekretariat Daerah'];
const TYPES = ['PNS', 'PPPK', 'CPNS', 'P3K', 'pns', 'Honorer'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** A date near a boundary of 2025 (year ends, mid-year as-of, TMT month edges), in one of the forms offices write. */
const day = fc.constantFrom(20241231, 20250101, 20250102, 20250131, 20250201, 20250630, 20250701, 20250930, 20251001, 20251130, 20251231, 20260101);
const written = (d: number, form: number): string => {
  const y = Math.floor(d / 10000);
  const m = Math.floor(d / 100) % 100;
  const dd = d % 100;
  const p = (n: number) => String(n).padStart(2, '0');
  switch (form) {
    case 0:
      return `${p(dd)}/${p(m)}/${y}`;
    case 1:
      return `${y}-${p(m)}-${p(dd)}`;
    case 2:
      return `${dd} ${MONTHS[m - 1]} ${y}`;
    case 3:
      return `${dd}-${m}-${y}`;
    default: {
      // An Excel serial, as a CSV saved from Excel sometimes holds.
      const serial = Math.round((Date.UTC(y, m - 1, dd) - Date.UTC(1899, 11, 30)) / 86400000);
      return String(serial);
    }
  }
};
const form = fc.integer({ min: 0, max: 4 });
const date = fc.tuple(day, form).map(([d, f]) => written(d, f));

const staffRow = fc.record({
  nip: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...NIPS) }, { weight: 1, arbitrary: fc.constantFrom('19850315201001100', '1985-03-15', '') }),
  name: fc.constantFrom('Budi Santoso', 'Siti Aminah', 'Ni Luh Putu Ayu', 'Dr. Ir. H. Ahmad, M.Si.', '"Asep" Sunandar'),
  type: fc.constantFrom(...TYPES),
  opd: fc.constantFrom(...OPDS),
  tmt: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: date }),
});

const trainingName = fc.constantFrom('Diklat PIM IV', 'DIKLAT  pim iv', ' diklat pim iv ', 'Bimtek SAKIP', 'Pelatihan "Teknis", Dasar', '', 'E-Learning ASN Unggul');
const jp = fc.constantFrom('20', '24', '19,5', '23.5', '4', '2,5', '0', '10', '8', 'abc', '-3');
const trainingRow: fc.Arbitrary<TrainingRow> = fc.record({
  nip: fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...NIPS) }, { weight: 1, arbitrary: fc.constantFrom(UNKNOWN, '1.98503E+17', '') }),
  name: trainingName,
  start: fc.tuple(day, form),
  end: fc.tuple(day, form),
  jp,
});
interface TrainingRow {
  nip: string;
  name: string;
  start: [number, number];
  end: [number, number];
  jp: string;
}

/**
 * A training row again, in the same file or another, as offices repeat them: the same, the name in
 * other letters or spacing, the dates written another way, or another JP (still the same training).
 */
const repeat = fc.record({ file: fc.nat(), row: fc.nat(), how: fc.constantFrom('same', 'name', 'form', 'jp', 'day'), form, jp });
const NAME_VARIANT: Record<string, string> = { 'Diklat PIM IV': 'DIKLAT PIM  IV', 'Bimtek SAKIP': ' bimtek sakip', 'E-Learning ASN Unggul': 'e-learning asn unggul ' };
function repeated(r: TrainingRow, how: string, f: number, j: string): TrainingRow {
  switch (how) {
    case 'name':
      return { ...r, name: NAME_VARIANT[r.name] ?? r.name.toUpperCase() };
    case 'form':
      return { ...r, start: [r.start[0], f], end: [r.end[0], (f + 1) % 5] };
    case 'jp':
      return { ...r, jp: j };
    case 'day':
      // Another training of the same name: one day later, not a duplicate.
      return { ...r, end: [r.end[0] === 20251231 ? 20260101 : r.end[0] === 20250630 ? 20250701 : r.end[0], r.end[1]] };
    default:
      return r;
  }
}

const files = fc.record({
  staff: fc.array(staffRow, { minLength: 1, maxLength: 10 }),
  withTmt: fc.boolean(),
  training: fc.array(fc.array(trainingRow, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 2 }),
  repeats: fc.array(repeat, { maxLength: 12 }),
  quoted: fc.boolean(),
  delimiter: fc.constantFrom(',', ';'),
  asOf: fc.constantFrom(undefined, '2025-06-30', '2025-12-31'),
  countIn: fc.constantFrom('end', 'end', 'start', 'split'),
});

type Files = typeof files extends fc.Arbitrary<infer T> ? T : never;

function write(dir: string, f: Files): string[] {
  const csv = (rows: string[][]) => stringify(rows, { delimiter: f.delimiter, quoted: f.quoted });
  const head = ['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', ...(f.withTmt ? ['TMT'] : [])];
  writeFileSync(join(dir, 'staff.csv'), csv([head, ...f.staff.map((s) => [s.nip, s.name, s.type, s.opd, ...(f.withTmt ? [s.tmt] : [])])]));
  const args = [join(dir, 'staff.csv')];
  const training = f.training.map((rows) => [...rows]);
  for (const r of f.repeats) {
    const from = f.training[r.file % f.training.length]!;
    training[(r.file + r.row) % training.length]!.push(repeated(from[r.row % from.length]!, r.how, r.form, r.jp));
  }
  training.forEach((rows, i) => {
    const file = join(dir, `training-${i}.csv`);
    writeFileSync(file, csv([['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP'], ...rows.map((r) => [r.nip, r.name, written(...r.start), written(...r.end), r.jp])]));
    args.push('-t', file);
  });
  args.push('-y', '2025');
  if (f.asOf) args.push('--as-of', f.asOf);
  if (f.countIn !== 'end') {
    // The policy for trainings across two years (the fast engine's training kernel then stands aside).
    writeFileSync(join(dir, 'policy.yaml'), `countIn: ${f.countIn}\n`);
    args.push('-c', join(dir, 'policy.yaml'));
  }
  return args;
}

describe('--engine reference and the fast engine: the same JSON report on generated inputs', () => {
  // Seeds pinned: a failure is a failure on every run; JP_AUDIT_FC_SEED (an integer, or random) explores others.
  const seed = seedOr(20261206);

  it('dates in every form at the year and as-of boundaries, quoting, name variants, duplicates across files, bad rows (kernels on and off)', async () => {
    const dir = tempDir();
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(files, async (f) => {
        codes.push((await expectSame(write(dir, f), FAST.slice(0, 2))).code);
      }),
      { seed, numRuns: 60 },
    );
    // Most cases are reports (exit 0 or 1), not the same refusal twice.
    expect(codes.filter((c) => c < 2).length).toBeGreaterThan(codes.length / 2);
  }, 120_000);

  it('the same with the training files read by worker threads', async () => {
    const dir = tempDir();
    await fc.assert(
      // countIn end: under start or split the training files take the general reader, not threads.
      fc.asyncProperty(
        files.map((f) => ({ ...f, countIn: 'end' as const })),
        async (f) => {
          await expectSame(write(dir, f), FAST.slice(2));
        },
      ),
      { seed: seed + 1, numRuns: 16 },
    );
  }, 120_000);
});

describe('--engine on the command line', () => {
  it('the built binary gives the same report with --engine reference', async () => {
    const args = ['check', 'fixtures/tahunan/pegawai-tmt.csv', '-t', 'fixtures/tahunan/diklat-menit.csv', '-e', 'fixtures/tahunan/pengecualian.csv', '-y', '2025', '-f', 'json'];
    const [fast, reference] = await Promise.all([run(args), run([...args, '--engine', 'reference'])]);
    expect(reference.code).toBe(1);
    expect(reference).toEqual(fast);
    expect(JSON.parse(reference.stdout).summary.employees).toBeGreaterThan(0);
  });

  it('says --threads has no effect with --engine reference (the report is the same), in the run\'s language', async () => {
    const args = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '-f', 'json', '--engine', 'reference'];
    const [plain, threads, english, quiet] = await Promise.all([run(args), run([...args, '--threads', '2']), run([...args, '--threads', '2', '--lang', 'en']), run([...args, '--threads', '2', '-q'])]);
    expect(threads.code).toBe(plain.code);
    expect(threads.stdout).toBe(plain.stdout);
    expect(plain.stderr).not.toContain('--threads');
    expect(threads.stderr).toContain('jp-audit: --threads tidak berpengaruh dengan --engine reference');
    expect(english.stderr).toContain('jp-audit: --threads has no effect with --engine reference');
    expect(quiet.stderr).not.toContain('--threads');
  });

  it('refuses an engine it does not have, naming the two it has', async () => {
    const r = await cli(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '--engine', 'turbo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--engine');
    expect(r.stderr).toContain('fast, reference');
  });
});
