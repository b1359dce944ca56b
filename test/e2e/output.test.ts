import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

// A roster and training file whose JSON report is a few megabytes: many writes to stdout.
function bigInputs(): string[] {
  const dir = tempDir();
  // 6,000 distinct NIPs: appointed 2010 to 2015, numbers 000 to 999 each year.
  const nips = Array.from({ length: 6000 }, (_, i) => `1985031520${10 + Math.floor(i / 1000)}011${String(i % 1000).padStart(3, '0')}`);
  writeFileSync(join(dir, 'staff.csv'), `NIP,Nama,Jenis Pegawai,Unit Kerja\n${nips.map((n, i) => `${n},Pegawai ${i},PNS,Dinas ${i % 7}`).join('\n')}\n`);
  writeFileSync(join(dir, 'training.csv'), `NIP,Nama Pelatihan,Tanggal Mulai,Tanggal Selesai,JP\n${nips.map((n, i) => `${n},Bimtek,01/03/2025,02/03/2025,${i % 30}`).join('\n')}\n`);
  return ['check', join(dir, 'staff.csv'), '--training', join(dir, 'training.csv'), '--year', '2025', '--format', 'json', '--quiet'];
}

/** Runs the CLI and closes its stdout after the first piece arrives, as `| head -c 10` does. */
function runClosingEarly(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; received: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stderr = '';
    let received = 0;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      received += d.length;
      child.stdout.destroy();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr, received }));
  });
}

describe('writing the report to stdout', () => {
  it('stops quietly when the reader goes away (| head): no stack trace, the usual exit code', async () => {
    const args = bigInputs();
    // In one thread, and with the second report thread (which must be stopped too; it writes JSON
    // when the report kernel does not, here turned off).
    for (const env of [{}, { JP_AUDIT_REPORT_PARALLEL_FROM: '0', JP_AUDIT_KERNEL: 'js' }] as Array<Record<string, string>>) {
      const r = await runClosingEarly(args, env);
      expect(r.received).toBeGreaterThan(0);
      // --quiet and not clean: the one summary line, no stack trace.
      expect(r.stderr).toMatch(/^jp-audit: 3\.996 dari 5\.994 pegawai belum memenuhi \(33,3% memenuhi\); 212 temuan data \(212 kesalahan, 0 peringatan\)\n$/);
      // Employees with no JP: non-compliant, exit 1 as without the pipe.
      expect(r.code).toBe(1);
    }
  }, 30_000);

  it.skipIf(!existsSync('/dev/full'))('says in one line, exit 2, when stdout cannot be written (a full disk)', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
        const child = spawn(process.execPath, [BIN, 'check', 'fixtures/pegawai.csv', '--training', 'fixtures/diklat.csv', '--year', '2025', '--format', 'json', '--quiet'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'] });
        let stderr = '';
        child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', fail);
        child.on('close', (code) => done({ code, stderr }));
      });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^jp-audit: stdout: .*ENOSPC/);
    } finally {
      closeSync(full);
    }
  });
});

describe('names in a large JSON report', () => {
  it('are written as given, with characters past U+00FF whose low byte is ASCII (’, Ł) among ASCII names', async () => {
    const { run } = await import('../helpers/cli.js');
    const dir = tempDir();
    // 1,500 employees: past a piece of 1,000, so that a second report thread writes some (with
    // JP_AUDIT_REPORT_PARALLEL_FROM=0); the report kernel would write ASCII names.
    const odd = ['Ma’ruf Amin', 'Łukasz Nowak', 'Siti Nur’aini'];
    // NIPs appointed January or February 2010, numbers 001 to 999.
    const nip = (i: number) => `198503152010${String(1 + Math.floor(i / 999)).padStart(2, '0')}1${String(1 + (i % 999)).padStart(3, '0')}`;
    const rows = Array.from({ length: 1500 }, (_, i) => `${nip(i)},${i < odd.length ? odd[i] : `Pegawai ${i}`},PNS,Dinas ${i % 5},${i % 30}`);
    writeFileSync(join(dir, 'rekap.csv'), `NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n${rows.join('\n')}\n`);
    for (const env of [{}, { JP_AUDIT_REPORT_PARALLEL_FROM: '0' }, { JP_AUDIT_KERNEL: 'js' }]) {
      const r = await run(['check', join(dir, 'rekap.csv'), '--year', '2025', '--format', 'json', '--exit-zero'], { env });
      expect(r.code).toBe(0);
      const employees = (JSON.parse(r.stdout) as { employees: Array<{ nip: string; name: string }> }).employees;
      expect(employees).toHaveLength(1500);
      const names = new Map(employees.map((e) => [e.nip, e.name]));
      odd.forEach((name, i) => expect(names.get(nip(i))).toBe(name));
    }
  });
});
