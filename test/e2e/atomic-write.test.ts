import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run, tempDir } from '../helpers/cli.js';

/** A recap roster big enough that writing its report takes a while. */
function bigRoster(dir: string, n: number): string {
  const lines = ['NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP'];
  for (let i = 0; i < n; i++) {
    const serial = String((i % 999) + 1).padStart(3, '0');
    const year = 1960 + (i % 40);
    const appointed = 1990 + Math.floor(i / 999) % 30;
    lines.push(`${year}0101${appointed}01${1 + (i % 2)}${serial},Pegawai ${i},PNS,Dinas ${i % 50},${i % 40}`);
  }
  const file = join(dir, 'rekap.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Starts the CLI and kills it with SIGKILL when `when` says so; resolves when it is gone. */
function runAndKill(args: string[], when: (child: ReturnType<typeof spawn>) => void): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
    child.on('exit', (code) => done(code));
    when(child);
  });
}

describe('writes that cannot half-happen', () => {
  it('a run killed while writing leaves the old report or the new one, never a truncated one', async () => {
    const dir = tempDir();
    const input = bigRoster(dir, 60_000);
    const out = join(dir, 'laporan.json');
    const old = '{"old": true}\n';
    let killedWhileWriting = 0;

    // Kill at the first write to the report or its temporary file (mid-write in any
    // implementation), and at a spread of moments around it.
    // Up to five watched attempts: on a loaded machine a kill can land after the rename.
    const delays = [-1, 50, -1, 150, 300, -1, 500, 800, -1, 1200, -1];
    let watched = 0;
    for (const delay of delays) {
      if (delay < 0 && (killedWhileWriting > 0 || watched++ >= 5)) continue;
      writeFileSync(out, old);
      let sawTemp = false;
      const code = await runAndKill(['check', input, '-y', '2025', '-q', '--out', out], (child) => {
        if (delay < 0) {
          const w = watch(dir, (event, name) => {
            if (event === 'change' && name && (name === 'laporan.json' || name.startsWith('.laporan.json.')) && !sawTemp) {
              sawTemp = true;
              child.kill('SIGKILL');
              w.close();
            }
          });
          child.on('exit', () => w.close());
        } else setTimeout(() => child.kill('SIGKILL'), delay);
      });
      const text = readFileSync(out, 'utf8');
      if (text === old) {
        if (code === null) killedWhileWriting += sawTemp ? 1 : 0;
      } else {
        // Not the old file: then it must be the whole new report.
        const report = JSON.parse(text);
        expect(report.summary.employees).toBe(60_000);
      }
      // Only the report and, at most, an orphaned temporary file: no other partial file.
      for (const f of readdirSync(dir)) expect(['rekap.csv', 'laporan.json'].includes(f) || /^\.laporan\.json\.\d+\.[0-9a-f]+\.tmp$/.test(f)).toBe(true);
    }
    // A watched run really was killed mid-write, so the old file survived a real interruption.
    expect(killedWhileWriting).toBe(1);
  }, 120_000);

  it('writes through a link to the file it points to, and into a pipe in place, never replacing either', async () => {
    const args = ['check', 'fixtures/pegawai.csv', '--training', 'fixtures/diklat.csv', '--year', '2025', '--format', 'json', '--quiet'];
    const expected = (await run(args)).stdout;
    expect(expected).toContain('"schemaVersion": 1');
    const dir = tempDir();
    // A link to a report elsewhere: the report is replaced, the link stays a link.
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'r.json'), 'old\n');
    symlinkSync(join('real', 'r.json'), join(dir, 'link.json'));
    expect((await run([...args, '--out', join(dir, 'link.json')])).code).toBe(1);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'r.json'), 'utf8')).toBe(expected);
    // A named pipe another program reads (as `/dev/stdout` or `/dev/null` would be): written in
    // place. A file renamed over it replaced it (and, run as root, `--out /dev/full` the device).
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    let got = '';
    const reading = new Promise<void>((done, fail) => {
      createReadStream(pipe, 'utf8')
        .on('data', (d) => (got += String(d)))
        .on('end', done)
        .on('error', fail);
    });
    const wrote = await run([...args, '--out', pipe]);
    await reading;
    expect(wrote.code).toBe(1);
    expect(got).toBe(expected);
    expect(statSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'pipe', 'real']);
  });
});
