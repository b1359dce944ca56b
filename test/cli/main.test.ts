import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/cli.js';

/** The CLI in-process with a fake terminal, for what a spawned child cannot show (a TTY). */
function fakeIo(tty: boolean): { io: CliIo; out: () => Buffer; err: () => string } {
  let out = Buffer.alloc(0);
  let err = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  stdout.on('data', (d: Buffer) => (out = Buffer.concat([out, Buffer.from(d)])));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {}, now: () => new Date('2025-12-31T10:00:00Z'), cwd: process.cwd() }, out: () => out, err: () => err };
}

describe('CLI on a terminal', () => {
  it('defaults to the table on a terminal and to JSON otherwise, and to the current year', async () => {
    const t = fakeIo(true);
    expect(await main(['check', 'fixtures/rekap-jp-2025.xlsx'], t.io)).toBe(1);
    expect(t.out().toString()).toContain('Audit JP pengembangan kompetensi tahun 2025');
    expect(t.err()).toContain('tahun 2025');
    const p = fakeIo(false);
    await main(['check', 'fixtures/rekap-jp-2025.xlsx'], p.io);
    expect(JSON.parse(p.out().toString()).year).toBe(2025);
  });

  it('refuses to print a workbook on a terminal', async () => {
    const t = fakeIo(true);
    expect(await main(['check', 'fixtures/rekap-jp-2025.xlsx', '-f', 'xlsx'], t.io)).toBe(2);
    expect(t.err()).toBe('jp-audit: format xlsx tidak bisa ditampilkan di terminal; pakai --out laporan.xlsx\n');
    expect(t.out().length).toBe(0);
  });

  it('writes a workbook to a pipe', async () => {
    const p = fakeIo(false);
    expect(await main(['check', 'fixtures/rekap-jp-2025.xlsx', '-f', 'xlsx', '-q'], p.io)).toBe(1);
    expect(p.out().subarray(0, 2).toString()).toBe('PK');
  });
});

describe('progress on a terminal', () => {
  it('shows rows, rate and percent on stderr for a read that takes over a second, and clears it', async () => {
    const dir = tempDir();
    const lines = ['NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP'];
    for (let i = 0; i < 250_000; i++) lines.push(`19${String(60 + (i % 40))}0101${1990 + (Math.floor(i / 999) % 30)}011${String((i % 999) + 1).padStart(3, '0')},P${i},PNS,Dinas ${i % 20},${i % 40}`);
    const file = join(dir, 'besar.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Through the general reader (a forced single-byte encoding turns the byte scanner off; the
    // file is ASCII, so it reads the same), 250,000 rows take seconds: over the one-second threshold.
    const t = fakeIo(true);
    await main(['check', file, '-y', '2025', '-f', 'json', '--encoding', 'windows-1252'], t.io);
    const err = t.err();
    expect(err).toMatch(/\rjp-audit: .*besar\.csv: \d+% [\d,]+ baris \([\d,]+\/s\)/);
    expect(err).toMatch(/\r\s+\r/);
    expect(err.trimEnd().split('\n').at(-1)).toContain('bentuk data');
    const quiet = fakeIo(true);
    await main(['check', file, '-y', '2025', '-f', 'json', '-q', '--encoding', 'windows-1252'], quiet.io);
    expect(quiet.err()).toBe('');
  }, 60_000);
});
