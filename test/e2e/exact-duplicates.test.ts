import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

/**
 * Duplicates are exact: a record is a duplicate only when its key (NIP, folded name, dates; JP
 * when nameless) equals an earlier record's, however the counters look keys up. With the key hash
 * cut to a few bits (JP_AUDIT_TEST_HASH_BITS), almost every pair of different trainings shares a
 * hash; each reader must still give the report of the full hash, byte for byte.
 */

const NIPS = ['198503152010011001', '199001012015032002', '198712202012121003'];
const HEADER = 'No;NIP;Nama Pegawai;Nama Pelatihan;Tanggal Mulai;Tanggal Selesai;Jumlah JP;Penyelenggara';

/** Two training files: distinct trainings, repeats spelt differently, repeats across the files. */
function trainingFiles(dir: string): { a: string; b: string; duplicates: number } {
  const a: string[] = [HEADER];
  const b: string[] = [HEADER];
  let no = 0;
  const row = (to: string[], nip: string, name: string, start: string, end: string, jp: string) => to.push(`${++no};${nip};Pegawai;${name};${start};${end};${jp};BPSDM`);
  let duplicates = 0;
  for (const [n, nip] of NIPS.entries()) {
    for (let t = 0; t < 12; t++) {
      const day = String(1 + t).padStart(2, '0');
      row(a, nip, `Pelatihan Teknis ${t}`, `${day}/03/2025`, `${day}/03/2025`, String(2 + t));
      // The same name on other dates, and other names on the same dates: different trainings.
      row(a, nip, `Pelatihan Teknis ${t}`, `${day}/04/2025`, `${day}/04/2025`, '3');
      row(b, nip, `Bimtek ${t} Angkatan ${n}`, `${day}/03/2025`, `${day}/03/2025`, '2,5');
    }
    // Repeats: case and spaces folded, in the same file and in the other one.
    row(a, nip, 'PELATIHAN  teknis 3', '04/03/2025', '04/03/2025', '5');
    row(b, nip, ' pelatihan teknis 7 ', '08/04/2025', '08/04/2025', '3');
    row(b, nip, 'Bimtek 5 angkatan ' + n, '06/03/2025', '06/03/2025', '2,5');
    duplicates += 3;
    // Non-ASCII and quoted names (the byte scanner leaves them to the general reader), repeated.
    row(a, nip, 'Pelatihan Ölçme', '10/05/2025', '11/05/2025', '8');
    row(b, nip, 'pelatihan ÖLÇME', '10/05/2025', '11/05/2025', '8');
    row(a, nip, '"Diklat, Angkatan I"', '12/06/2025', '13/06/2025', '6');
    row(b, nip, '"diklat,  angkatan i"', '12/06/2025', '13/06/2025', '6');
    // Above Latin-1 (curly quotes): kept as two bytes a character where keys are kept as text.
    row(a, nip, 'Bimtek “Mutu” Layanan', '14/06/2025', '14/06/2025', '3');
    row(b, nip, 'bimtek “mutu”  layanan', '14/06/2025', '14/06/2025', '3');
    row(b, nip, 'Bimtek “Mutu” Layanan II', '14/06/2025', '14/06/2025', '3');
    duplicates += 3;
    // Nameless records: the same only when the JP agrees too.
    row(a, nip, '', '20/07/2025', '20/07/2025', '4');
    row(a, nip, '', '20/07/2025', '20/07/2025', '6');
    row(b, nip, '', '20/07/2025', '20/07/2025', '4');
    duplicates += 1;
  }
  const pa = join(dir, 'diklat-a.csv');
  const pb = join(dir, 'diklat-b.csv');
  writeFileSync(pa, a.join('\n') + '\n');
  writeFileSync(pb, b.join('\n') + '\n');
  return { a: pa, b: pb, duplicates };
}

interface Way {
  name: string;
  args: (a: string, b: string) => string[];
  input?: (a: string, b: string) => Buffer;
  env?: Record<string, string>;
}

const WAYS: Way[] = [
  { name: 'byte scanner, this thread', args: (a, b) => ['-t', a, '-t', b] },
  { name: 'worker threads (--threads 2)', args: (a, b) => ['-t', a, '-t', b, '--threads', '2'], env: { JP_AUDIT_PARALLEL_FROM: '0' } },
  { name: 'general reader (stdin) then the byte scanner', args: (_a, b) => ['-t', '-', '-t', b], input: (a) => readFileSync(a) },
  { name: 'byte scanner then the general reader (stdin)', args: (a) => ['-t', a, '-t', '-'], input: (_a, b) => readFileSync(b) },
];

describe('duplicates confirmed by exact keys when hashes collide', () => {
  const dir = tempDir();
  const { a, b, duplicates } = trainingFiles(dir);

  for (const way of WAYS) {
    for (const kernel of ['wasm', 'js']) {
      it(`${way.name}, kernels ${kernel === 'js' ? 'off' : 'on'}: the report of a 2-bit and a 1-bit hash is that of the full hash`, async () => {
        const report = async (bits: string | undefined) => {
          const env: Record<string, string | undefined> = { ...way.env, JP_AUDIT_KERNEL: kernel, JP_AUDIT_TEST_HASH_BITS: bits, JP_AUDIT_TRACE: '1' };
          const opts: Parameters<typeof run>[1] = { env };
          if (way.input) opts.input = way.input(a, b);
          const r = await run(['check', 'fixtures/pegawai.csv', ...way.args(a, b), '-y', '2025', '-q', '-f', 'json'], opts);
          // 1: the fixture's roster has employees short of their JP (and a summary on stderr).
          expect(r.code).toBe(1);
          // With threads, the main thread says when a cut hash made collisions that the exact keys
          // corrected: the switch took effect.
          if (way.env) expect(r.stderr.includes('duplicates corrected by their exact keys')).toBe(bits !== undefined);
          return r.stdout;
        };
        const full = await report(undefined);
        const parsed = JSON.parse(full) as { inputs: Array<{ role: string; duplicates: number; counted: number }>; findings: Array<{ code: string }> };
        const training = parsed.inputs.filter((i) => i.role === 'training');
        expect(training.reduce((n, i) => n + i.duplicates, 0)).toBe(duplicates);
        expect(parsed.findings.filter((f) => f.code === 'duplicate-record')).toHaveLength(duplicates);
        expect(await report('2')).toBe(full);
        expect(await report('1')).toBe(full);
      }, 60_000);
    }
  }
});

describe('rows repeated under themselves', () => {
  /**
   * A training file without a row number: rows entered twice one under the other (and three
   * times), rows that repeat a row by key but not by bytes (case), a pair of rows repeated as a
   * pair, and a row repeated far from it. The byte scanner's threads take a row with the bytes of
   * the row before as its duplicate without reading either again; everything else is read.
   */
  function repeatedRows(dir: string): { file: string; duplicates: number } {
    const lines = ['NIP;Nama Pelatihan;Tanggal Mulai;Tanggal Selesai;Jumlah JP'];
    let duplicates = 0;
    for (const [n, nip] of NIPS.entries()) {
      for (let t = 0; t < 40; t++) {
        const day = String(1 + (t % 28)).padStart(2, '0');
        const line = `${nip};Pelatihan ${t} Angkatan ${n};${day}/0${1 + (t % 9)}/2025;${day}/0${1 + (t % 9)}/2025;${2 + (t % 5)}`;
        lines.push(line);
        if (t % 3 === 0) {
          lines.push(line);
          duplicates++;
        }
        if (t % 7 === 0) {
          lines.push(line, line);
          duplicates += 2;
        }
        if (t % 5 === 0) {
          lines.push(line.replace('Pelatihan', 'PELATIHAN'));
          duplicates++;
        }
        if (t % 11 === 0 && t > 0) {
          // The pair before repeated as a pair.
          lines.push(lines.at(-2)!, lines.at(-1)!);
          duplicates += 2;
        }
      }
    }
    // A row repeated far from it.
    lines.push(lines[1]!);
    duplicates++;
    const file = join(dir, 'diklat-ulang.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    return { file, duplicates };
  }

  it('are duplicates without being read again, whatever the hash: the report of the reference engine', async () => {
    const { file, duplicates } = repeatedRows(tempDir());
    const args = ['check', 'fixtures/pegawai.csv', '-t', file, '-y', '2025', '-q', '-f', 'json'];
    const reference = await run([...args, '--engine', 'reference']);
    expect(reference.code).toBe(1);
    const parsed = JSON.parse(reference.stdout) as { findings: Array<{ code: string }> };
    expect(parsed.findings.filter((f) => f.code === 'duplicate-record')).toHaveLength(duplicates);
    for (const bits of [undefined, '2', '1']) {
      const r = await run([...args, '--threads', '2'], { env: { JP_AUDIT_PARALLEL_FROM: '0', JP_AUDIT_TRACE: '1', JP_AUDIT_TEST_HASH_BITS: bits } });
      expect(r.stdout).toBe(reference.stdout);
      // With the full hash, 84 duplicates are repeats of the row before (each thread finds those
      // in its own part), taken as such without reading; with a cut hash, a repeat is taken so only
      // when the first record of its hash is the row it repeats. (The main thread's trace line: a
      // worker's own lines may be lost when it is stopped.)
      const repeats = Number(/(\d+) duplicates were repeats of the row before/.exec(r.stderr)?.[1]);
      if (bits === undefined) expect(repeats).toBe(84);
      else expect(repeats).toBeLessThan(84);
      // The cut hash did cut: collisions were found and corrected by the exact keys.
      expect(r.stderr.includes('duplicates corrected by their exact keys')).toBe(bits !== undefined);
    }
  }, 60_000);
});
