import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

/** The weekly cron script, as the README gives it (so that the README and this test cannot drift apart). */
function recipe(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const script = blocks.find((b) => b.startsWith('#!/bin/sh') && b.includes('$JP_AUDIT diff'));
  if (!script) throw new Error('README: no cron script with $JP_AUDIT diff');
  return script;
}

/** Runs the script as cron would, with jp-audit and `mail` stand-ins; returns its exit code. */
function runScript(folder: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn('/bin/sh', [join(folder, 'mingguan.sh')], { cwd: '/', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
    child.on('error', fail);
    child.on('close', done);
  });
}

describe('the README cron recipe: keep the last report, diff the new one, mail when someone worsened', () => {
  it('first run keeps the report; no change: no mail; a withdrawn training: exit 1 from diff and a mail; a broken export: the admin is mailed and the kept report stays', async () => {
    const folder = tempDir();
    mkdirSync(join(folder, 'data'));
    writeFileSync(join(folder, 'mingguan.sh'), recipe());
    chmodSync(join(folder, 'mingguan.sh'), 0o755);
    copyFileSync(join(ROOT, 'fixtures/diff/pegawai-juni.csv'), join(folder, 'data/pegawai.csv'));
    copyFileSync(join(ROOT, 'fixtures/diff/diklat-juni.csv'), join(folder, 'data/diklat.csv'));
    // `mail` records its arguments, its standard input and the attachment as it was then.
    const bin = join(folder, 'bin');
    mkdirSync(bin);
    const log = join(folder, 'mail.log');
    writeFileSync(
      join(bin, 'mail'),
      `#!/bin/sh\nn=$(($(cat "$MAIL_LOG.count" 2>/dev/null || echo 0) + 1)); echo $n > "$MAIL_LOG.count"\necho "$*" >> "$MAIL_LOG"\ncat > "$MAIL_LOG.$n.stdin"\nwhile [ $# -gt 0 ]; do if [ "$1" = -A ]; then cp "$2" "$MAIL_LOG.$n.attachment"; fi; shift; done\n`,
    );
    chmodSync(join(bin, 'mail'), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}`, JP_AUDIT: `${process.execPath} ${BIN}`, TAHUN: '2025', MAIL_LOG: log };
    const mails = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
    const kept = join(folder, 'laporan/terakhir-2025.json');

    // Week 1: nothing to compare with yet.
    expect(await runScript(folder, env)).toBe(0);
    expect(existsSync(kept)).toBe(true);
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toMatchObject({ schemaVersion: 1, year: 2025, summary: { employees: 8 } });
    expect(mails()).toEqual([]);

    // Week 2: the same files: a diff with no change, no mail.
    expect(await runScript(folder, env)).toBe(0);
    expect(mails()).toEqual([]);
    expect(readFileSync(join(folder, 'laporan/perubahan.html'), 'utf8')).toContain('Tidak ada perubahan.');

    // Week 3: the training file changed: Budi's PKP record was withdrawn, Siti and Andi trained more.
    const lastWeek = readFileSync(kept, 'utf8');
    copyFileSync(join(ROOT, 'fixtures/diff/diklat-september.csv'), join(folder, 'data/diklat.csv'));
    expect(await runScript(folder, env)).toBe(0);
    expect(mails()).toEqual(['-s JP: status pegawai memburuk sejak minggu lalu -A laporan/perubahan.html kabid@bkpsdm.example.go.id']);
    const page = readFileSync(`${log}.1.attachment`, 'utf8');
    expect(page).toMatch(/<section class="changes" data-change="worsened"><h2>Status memburuk \(1\)<\/h2>.*198503152010011001/);
    expect(page).toContain('data-change="improved"');
    // The diff the script ran exits 1 on these two reports; the new report is kept for next week.
    const previous = join(folder, 'minggu-lalu.json');
    writeFileSync(previous, lastWeek);
    const again = await new Promise<number | null>((done) => spawn(process.execPath, [BIN, 'diff', previous, kept, '-q'], { stdio: 'ignore' }).on('close', done));
    expect(again).toBe(1);
    expect(JSON.parse(readFileSync(kept, 'utf8')).employees.find((e: { nip: string }) => e.nip === '198503152010011001')).toMatchObject({ jp: 12, status: 'non-compliant' });

    // Week 4: a broken export: the admin gets stderr, nothing else is mailed, the kept report stays.
    const before = readFileSync(kept, 'utf8');
    writeFileSync(join(folder, 'data/diklat.csv'), 'Nama;Keterangan\nBudi;hadir\n');
    expect(await runScript(folder, env)).toBe(2);
    expect(mails()).toHaveLength(2);
    expect(mails()[1]).toBe('-s jp-audit gagal admin@bkpsdm.example.go.id');
    expect(readFileSync(`${log}.2.stdin`, 'utf8')).toMatch(/^jp-audit: data\/diklat\.csv: /);
    expect(readFileSync(kept, 'utf8')).toBe(before);
  }, 120_000);
});
