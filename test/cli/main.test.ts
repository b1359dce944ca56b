import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
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
  it('defaults to the table, on a terminal and in a pipe alike (JSON when asked), and to the current year without dated records', async () => {
    const t = fakeIo(true);
    expect(await main(['check', 'fixtures/rekap-jp-2025.xlsx'], t.io)).toBe(1);
    expect(t.out().toString()).toContain('Audit JP pengembangan kompetensi tahun 2025');
    expect(t.err()).toContain('tahun yang diaudit: 2025 (tahun berjalan), karena tidak ada catatan diklat yang bertanggal');
    const p = fakeIo(false);
    await main(['check', 'fixtures/rekap-jp-2025.xlsx'], p.io);
    expect(p.out().toString()).toContain('Audit JP pengembangan kompetensi tahun 2025');
    const j = fakeIo(false);
    await main(['check', 'fixtures/rekap-jp-2025.xlsx', '-f', 'json'], j.io);
    expect(JSON.parse(j.out().toString()).year).toBe(2025);
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
    for (let i = 0; i < 20_000; i++) lines.push(`19${String(60 + (i % 40))}0101${1990 + (Math.floor(i / 999) % 30)}011${String((i % 999) + 1).padStart(3, '0')},P${i},PNS,Dinas ${i % 20},${i % 40}`);
    const file = join(dir, 'besar.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // A read that takes seconds, without taking them: the clock (Date only; timers and I/O stay
    // real) runs 200 ms ahead each real millisecond while the general reader (a forced single-byte
    // encoding turns the byte scanner off; the file is ASCII, so it reads the same) reads the file.
    vi.useFakeTimers({ toFake: ['Date'], now: 0 });
    const clock = setInterval(() => vi.setSystemTime(Date.now() + 200), 1);
    try {
      const t = fakeIo(true);
      await main(['check', file, '-y', '2025', '-f', 'json', '--encoding', 'windows-1252'], t.io);
      const err = t.err();
      expect(err).toMatch(/\rjp-audit: .*besar\.csv: \d+% [\d,]+ baris \([\d,]+\/s\)/);
      expect(err).toMatch(/\r\s+\r/);
      expect(err.trimEnd().split('\n').at(-1)).toContain('data dibaca sebagai');
      const quiet = fakeIo(true);
      await main(['check', file, '-y', '2025', '-f', 'json', '-q', '--encoding', 'windows-1252'], quiet.io);
      // --quiet: no progress line; only the summary line, as someone falls short.
      expect(quiet.err()).toMatch(/^jp-audit: [\d.]+ dari [\d.]+ pegawai belum memenuhi \([\d,]+% memenuhi\)[^\r]*\n$/);
    } finally {
      clearInterval(clock);
      vi.useRealTimers();
    }
  });
});

describe('progress of files read at once', () => {
  it('shows every file being read on the one line, and lets a finished one go', async () => {
    const { ProgressLine } = await import('../../src/cli/progress.js');
    vi.useFakeTimers({ now: 0 });
    try {
      let out = '';
      const stream = Object.assign(new PassThrough(), { columns: 200 });
      stream.on('data', (d: Buffer) => (out += d.toString()));
      const line = new ProgressLine(stream, 'baris');
      const last = () => out.split('\r').filter((l) => l.trim() !== '').at(-1)!.trim();
      vi.setSystemTime(1500);
      line.update({ file: 'pegawai.csv', rows: 500_000, bytesRead: 40, size: 100 });
      expect(last()).toBe('jp-audit: pegawai.csv: 40% 500,000 baris (333,333/s)');
      vi.setSystemTime(2000);
      line.update({ file: 'diklat.csv', rows: 1_000_000, bytesRead: 10, size: 100 });
      expect(last()).toBe('jp-audit: pegawai.csv: 40% 500,000 baris (250,000/s) · diklat.csv: 10% 1,000,000 baris (500,000/s)');
      vi.setSystemTime(2500);
      line.update({ file: 'pegawai.csv', rows: 1_000_000, bytesRead: 100, size: 100 });
      expect(last()).toBe('jp-audit: diklat.csv: 10% 1,000,000 baris (400,000/s)');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('progress of the phases after reading', () => {
  it('shows counting and writing once they last a second, with employees or bytes written, and clears the line', async () => {
    const { ProgressLine } = await import('../../src/cli/progress.js');
    vi.useFakeTimers({ now: 0 });
    try {
      let out = '';
      const stream = Object.assign(new PassThrough(), { columns: 120 });
      stream.on('data', (d: Buffer) => (out += d.toString()));
      const line = new ProgressLine(stream, 'baris');
      const last = () => out.split('\r').filter((l) => l.trim() !== '').at(-1)?.trim();
      line.phase('menghitung JP');
      vi.advanceTimersByTime(900);
      expect(out).toBe('');
      // The timer redraws while the work is elsewhere (worker threads count).
      vi.advanceTimersByTime(1300);
      expect(last()).toBe('jp-audit: menghitung JP · 2 s');
      // Reading progress that comes late does not overwrite the phase.
      line.update({ file: 'diklat.csv', rows: 10, bytesRead: 1, size: 2 });
      expect(last()).toBe('jp-audit: menghitung JP · 2 s');
      line.phase('menulis laporan', { unit: 'pegawai', total: 100_000 });
      vi.advanceTimersByTime(1100);
      line.advance(40_000);
      vi.advanceTimersByTime(250);
      expect(last()).toBe('jp-audit: menulis laporan · 40,000 / 100,000 pegawai · 1 s');
      line.phase('menulis laporan', { unit: 'pegawai' });
      vi.advanceTimersByTime(1000);
      line.wrote(3 * 1048576);
      vi.advanceTimersByTime(250);
      expect(last()).toBe('jp-audit: menulis laporan · 3.0 MB · 1 s');
      line.done();
      expect(out.endsWith('\r')).toBe(true);
      const before = out;
      vi.advanceTimersByTime(5000);
      expect(out).toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says nothing for phases under a second', async () => {
    const { ProgressLine } = await import('../../src/cli/progress.js');
    vi.useFakeTimers({ now: 0 });
    try {
      let out = '';
      const stream = Object.assign(new PassThrough(), { columns: 120 });
      stream.on('data', (d: Buffer) => (out += d.toString()));
      const line = new ProgressLine(stream, 'baris');
      line.phase('menulis laporan', { unit: 'pegawai', total: 10 });
      line.advance(10);
      vi.advanceTimersByTime(900);
      line.done();
      expect(out).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('how a streamed report reaches its file', () => {
  it('a file is written piece by piece before write() resolves, so a renderer may reuse its memory; stdout is not', async () => {
    const { emitReport } = await import('../../src/cli/output.js');
    const seen: Array<boolean | undefined> = [];
    // A renderer that writes its pieces from one buffer, rewritten after each write when allowed.
    const renderer = {
      extension: 'txt',
      binary: false,
      perOpd: false,
      render: () => 'abcdefghi',
      async stream(_report: unknown, ctx: { reuseChunks?: boolean }, write: (c: Uint8Array) => Promise<void>) {
        seen.push(ctx.reuseChunks);
        const buf = Buffer.alloc(3);
        for (const piece of ['abc', 'def', 'ghi']) {
          buf.write(piece);
          await write(ctx.reuseChunks ? buf : Buffer.from(buf));
        }
      },
    };
    const split = { report: {}, opds: [], slice: () => ({}) };
    const out = join(tempDir(), 'r.txt');
    const file = fakeIo(false);
    await emitReport(split, renderer, { out, quiet: true }, 'id', file.io, [], () => undefined);
    expect(readFileSync(out, 'utf8')).toBe('abcdefghi');
    const piped = fakeIo(false);
    await emitReport(split, renderer, { quiet: true }, 'id', piped.io, [], () => undefined);
    expect(piped.out().toString()).toBe('abcdefghi');
    expect(seen).toEqual([true, undefined]);
  });
});

