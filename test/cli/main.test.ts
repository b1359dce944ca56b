import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';

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
