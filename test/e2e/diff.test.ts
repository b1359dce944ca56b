import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

// Reports made by check on the fixtures, as a user makes them: June's files, September's (a
// training withdrawn, new trainings, a roster with a joiner, a leaver, a move and a study leave),
// the year before, and the same September files as of two days in the year.
const dir = tempDir();
const R = {
  juni: join(dir, 'juni.json'),
  september: join(dir, 'september.json'),
  y2024: join(dir, '2024.json'),
  asOfJune: join(dir, 'asof-juni.json'),
  asOfSeptember: join(dir, 'asof-september.json'),
  latsar: join(dir, 'latsar.json'),
};
const F = 'fixtures/diff';
const nip = {
  budi: '198503152010011001',
  siti: '199001012015032002',
  andi: '198712202012121003',
  rina: '199205102019032004',
  fajar: '199507172024211001',
  dedi: '198811112014021005',
  hendra: '197905202005011008',
  maya: '199812252024212002',
  sri: '198002142006042009',
};

async function check(out: string, args: string[]): Promise<void> {
  const r = await run(['check', ...args, '-q', '--out', out]);
  if (r.code === 2 || !existsSync(out)) throw new Error(`check failed: ${r.stderr}`);
}

beforeAll(async () => {
  await Promise.all([
    check(R.juni, [`${F}/pegawai-juni.csv`, '-t', `${F}/diklat-juni.csv`, '-y', '2025']),
    check(R.september, [`${F}/pegawai-september.csv`, '-t', `${F}/diklat-september.csv`, '-y', '2025']),
    check(R.y2024, [`${F}/pegawai-juni.csv`, '-t', `${F}/diklat-juni.csv`, '-y', '2024']),
    check(R.asOfJune, [`${F}/pegawai-september.csv`, '-t', `${F}/diklat-september.csv`, '-y', '2025', '--as-of', '30/06/2025']),
    check(R.asOfSeptember, [`${F}/pegawai-september.csv`, '-t', `${F}/diklat-september.csv`, '-y', '2025', '--as-of', '30/09/2025']),
  ]);
  const l = await run(['latsar', 'fixtures/latsar/cpns.csv', '-t', 'fixtures/latsar/presensi-latsar.xlsx', '-q', '--out', R.latsar]);
  if (!existsSync(R.latsar)) throw new Error(l.stderr);
}, 120_000);

describe('jp-audit diff: JSON', () => {
  it('each employee matched by NIP with their change; counts before and after; exit 1 when someone worsened', async () => {
    const r = await run(['diff', R.juni, R.september, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(['schemaVersion', 'kind', 'lang', 'from', 'to', 'yearChanged', 'policyChanged', 'summary', 'byOpd', 'changes']);
    expect(d).toMatchObject({ schemaVersion: 1, kind: 'diff', lang: 'id', yearChanged: false, policyChanged: false });
    expect(d.from).toEqual({ file: R.juni, year: 2025, asOf: '2025-12-31', generatedAt: null });
    expect(d.changes.map((c: { nip: string; change: string }) => [c.nip, c.change])).toEqual([
      [nip.budi, 'worsened'],
      [nip.siti, 'improved'],
      [nip.maya, 'added'],
      [nip.hendra, 'removed'],
      [nip.sri, 'status-changed'],
      [nip.andi, 'jp-changed'],
      [nip.dedi, 'moved'],
    ]);
    const budi = d.changes[0];
    expect(budi).toEqual({
      nip: nip.budi,
      name: 'Budi Santoso, S.Kom., M.Si.',
      opd: 'Dinas Kesehatan',
      before: { status: 'compliant', jp: 36, requiredJp: 20, opd: 'Dinas Kesehatan' },
      after: { status: 'non-compliant', jp: 12, requiredJp: 20, opd: 'Dinas Kesehatan' },
      change: 'worsened',
      jpGained: -24,
    });
    expect(d.changes[2]).toMatchObject({ before: null, after: { status: 'non-compliant', jp: 6, requiredJp: 24 } });
    expect(d.changes[3]).toMatchObject({ opd: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', after: null });
    expect(d.changes[4]).toMatchObject({ before: { status: 'non-compliant' }, after: { status: 'exempt', requiredJp: 0 } });
    expect(d.changes[6]).toMatchObject({ opd: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', before: { opd: 'Dinas Pendidikan dan Kebudayaan' } });
    expect(d.summary).toEqual({
      before: { employees: 8, audited: 8, compliant: 4, nonCompliant: 4, onTrack: 0, atRisk: 0, exempt: 0, notApplicable: 0, totalJp: 138 },
      after: { employees: 8, audited: 7, compliant: 4, nonCompliant: 3, onTrack: 0, atRisk: 0, exempt: 1, notApplicable: 0, totalJp: 132 },
      // Budi -24, Siti +18, Andi +4: a leaver's and a joiner's JP are not gains.
      jpGained: -2,
      changes: { worsened: 1, improved: 1, added: 1, removed: 1, statusChanged: 1, jpChanged: 1, moved: 1, unchanged: 2 },
    });
    expect(d.byOpd.map((o: { opd: string; before: { employees: number }; after: { employees: number }; jpGained: number }) => [o.opd, o.before.employees, o.after.employees, o.jpGained])).toEqual([
      ['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 1, 1, 0],
      ['Dinas Kesehatan', 3, 3, -2],
      ['Dinas Pendidikan dan Kebudayaan', 3, 3, 0],
      ['Kecamatan Pontianak Kota', 1, 1, 0],
    ]);
    // The check reports' own counts agree with the diff's.
    const [juni, sept] = [R.juni, R.september].map((f) => JSON.parse(readFileSync(f, 'utf8')));
    for (const [side, rep] of [['before', juni], ['after', sept]] as const) {
      const { complianceRate: _rate, ...counts } = rep.summary;
      expect(d.summary[side]).toEqual(counts);
    }
  });

  it('during the year: on track to at risk is worse; exit 1', async () => {
    const r = await run(['diff', R.asOfJune, R.asOfSeptember, '--format', 'json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.changes.map((c: { nip: string; change: string; before: { status: string }; after: { status: string } }) => [c.nip, c.change, c.before.status, c.after.status])).toEqual([
      [nip.budi, 'worsened', 'on-track', 'at-risk'],
      [nip.andi, 'worsened', 'on-track', 'at-risk'],
      [nip.siti, 'improved', 'at-risk', 'compliant'],
      [nip.maya, 'jp-changed', 'at-risk', 'at-risk'],
    ]);
    expect(d.summary.jpGained).toBe(28);
  });

  it('exit 0 when nothing worsened: a report against itself, or an improvement only', async () => {
    const same = await run(['diff', R.september, R.september, '-f', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ changes: [], summary: { changes: { unchanged: 8 }, jpGained: 0 } });
    // The other way round in time is refused; September against a copy with Budi's record back is only better.
    const better = JSON.parse(readFileSync(R.september, 'utf8'));
    const budi = better.employees.find((e: { nip: string }) => e.nip === nip.budi);
    Object.assign(budi, { jp: 36, shortfallJp: 0, status: 'compliant' });
    const file = join(tempDir(), 'september-fixed.json');
    writeFileSync(file, JSON.stringify(better));
    const r = await run(['diff', R.september, file, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes).toMatchObject([{ nip: nip.budi, change: 'improved', jpGained: 24 }]);
  });

  it('--allow-year-change: last year against this year, by NIP', async () => {
    const refused = await run(['diff', R.y2024, R.september]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`jp-audit: kedua laporan untuk tahun yang berbeda (${R.y2024}: 2024, ${R.september}: 2025); bandingkan dua laporan tahun yang sama, atau pakai --allow-year-change untuk membandingkan dengan tahun sebelumnya\n`);
    const r = await run(['diff', R.y2024, R.september, '--allow-year-change', '-f', 'json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ yearChanged: true, from: { year: 2024 }, to: { year: 2025 } });
    // Budi: 20 JP in 2024 (compliant), 12 in 2025; Andi 25 in 2024, 14 in 2025.
    expect(d.changes.filter((c: { change: string }) => c.change === 'worsened').map((c: { nip: string }) => c.nip)).toEqual([nip.budi, nip.andi]);
  });

  it('reads a report from stdin (-)', async () => {
    const r = await run(['diff', R.juni, '-', '-f', 'json'], { input: readFileSync(R.september) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ to: { file: '-' }, summary: { changes: { worsened: 1 } } });
  });
});

describe('jp-audit diff: table', () => {
  it('Indonesian by default: the reports, the counts, per OPD, each list', async () => {
    const r = await run(['diff', R.juni, R.september, '-f', 'table']);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toContain('Perubahan sejak laporan sebelumnya');
    expect(out).toContain(`Laporan lama: ${R.juni}: tahun 2025, per 31 Desember 2025`);
    expect(out).toContain('Memburuk: 1 · Membaik: 1 · Baru: 1 · Tidak ada lagi: 1 · Status berubah: 1 · JP berubah: 1 · Pindah OPD: 1 · Tidak berubah: 2 · JP bertambah: -2');
    expect(out).toMatch(/│ Belum memenuhi\s+│\s+4 │\s+3 │\s+-1 │/);
    expect(out).toMatch(/│ Dinas Kesehatan\s+│\s+3 │\s+1 │\s+2 │\s+-2 │\s+1 \/ 1 │/);
    expect(out).toMatch(/Status memburuk \(1\)\n.*\n.*\n│ 198503152010011001 │ Budi Santoso, S\.Kom\., M\.Si\. │ Dinas Kesehatan │ memenuhi, 36\/20\u00a0JP │ belum memenuhi, 12\/20\u00a0JP │/);
    expect(out).toContain('dikecualikan, 0\u00a0JP');
    expect(out).toContain('(Dinas Pendidikan dan Kebudayaan)');
    // Lists in the order of urgency.
    const order = ['Status memburuk', 'Status membaik', 'Baru di laporan', 'Tidak ada lagi di laporan', 'Masuk atau keluar', 'JP berubah, status tetap', 'Pindah OPD (1)'].map((h) => out.indexOf(h));
    expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
  });

  it('--lang en', async () => {
    const r = await run(['diff', R.juni, R.september, '-f', 'table', '--lang', 'en']);
    expect(r.stdout).toContain('Changes since the last report');
    expect(r.stdout).toContain('Worsened: 1 · Improved: 1 · Added: 1 · Removed: 1');
    expect(r.stdout).toMatch(/│ 198503152010011001 │ Budi Santoso, S\.Kom\., M\.Si\. │ Dinas Kesehatan │ compliant, 36\/20\u00a0JP │ non-compliant, 12\/20\u00a0JP │/);
  });

  it.each([['id'], ['en']])('fits the terminal width (COLUMNS=80, %s): names wrap, nothing is cut', async (lang) => {
    const r = await run(['diff', R.juni, R.september, '-f', 'table', '--lang', lang], { env: { COLUMNS: '80' } });
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    // Still tables, and every NIP whole on one line.
    expect(r.stdout).toContain('┌');
    for (const n of Object.values(nip)) if (n !== nip.rina && n !== nip.fajar) expect(r.stdout).toContain(`│ ${n} │`);
  });

  it('a narrow terminal: rows as short blocks of lines', async () => {
    const r = await run(['diff', R.juni, R.september, '-f', 'table'], { env: { COLUMNS: '50' } });
    expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(50);
    expect(r.stdout).toContain(`- ${nip.budi}\n  Nama: Budi Santoso, S.Kom., M.Si.\n`);
  });

  it('nothing changed: says so; exit 0', async () => {
    const r = await run(['diff', R.september, R.september, '-f', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tidak ada perubahan.');
  });
});

describe('jp-audit diff: CSV and HTML, and --out by extension', () => {
  it('CSV: one row per change, headers in the language of the report', async () => {
    const r = await run(['diff', R.juni, R.september, '-f', 'csv']);
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('NIP,Nama,OPD,Perubahan,Status (Sebelum),JP (Sebelum),Wajib JP (Sebelum),Status (Sesudah),JP (Sesudah),Wajib JP (Sesudah),JP bertambah,OPD sebelum');
    expect(rows[1]).toBe(`${nip.budi},"Budi Santoso, S.Kom., M.Si.",Dinas Kesehatan,memburuk,memenuhi,36,20,belum memenuhi,12,20,-24,`);
    expect(rows).toContain(`${nip.maya},"Maya Sari, S.Pd.",Dinas Pendidikan dan Kebudayaan,baru,,,,belum memenuhi,6,24,,`);
    expect(rows).toContain(`${nip.dedi},"Dedi Kurniawan, S.Pd., M.Pd.",Badan Kepegawaian dan Pengembangan Sumber Daya Manusia,pindah OPD,memenuhi,20,20,memenuhi,20,20,0,Dinas Pendidikan dan Kebudayaan`);
    expect(rows).toHaveLength(8);
  });

  it('--out FILE: the format from the extension, written atomically, said on stderr', async () => {
    const out = tempDir();
    for (const [name, check] of [
      ['perubahan.html', (t: string) => t.startsWith('<!doctype html>')],
      ['perubahan.csv', (t: string) => t.startsWith('NIP,Nama,OPD,Perubahan')],
      ['perubahan.json', (t: string) => JSON.parse(t).kind === 'diff'],
      ['perubahan.txt', (t: string) => t.startsWith('Perubahan sejak laporan sebelumnya')],
    ] as const) {
      const file = join(out, name);
      const r = await run(['diff', R.juni, R.september, '--out', file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`jp-audit: laporan ditulis ke ${file}\n`);
      expect(check(readFileSync(file, 'utf8'))).toBe(true);
    }
    // As for check: an extension that is no format of diff's, or that contradicts --format, is exit 2.
    const pdf = await run(['diff', R.juni, R.september, '--out', join(out, 'perubahan.pdf')]);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('.pdf');
    const clash = await run(['diff', R.juni, R.september, '--out', join(out, 'perubahan.csv'), '-f', 'json']);
    expect(clash.code).toBe(2);
  });

  it('writes the table by default, piped or redirected as on a terminal', async () => {
    const r = await run(['diff', R.juni, R.september]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('Perubahan sejak laporan sebelumnya')).toBe(true);
  });

  it('HTML: one self-contained page, worsened first, values escaped, A4 print rules', async () => {
    const r = await run(['diff', R.juni, R.september, '-f', 'html', '--lang', 'en']);
    expect(r.code).toBe(1);
    const html = r.stdout;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/@page \{\s+size: A4;/);
    expect(html).toContain('table.change-list { table-layout: fixed; }');
    expect(html).toContain('<h1>Changes since the last report</h1>');
    expect(html).toMatch(/data-key="Worsened"><span class="n">1</);
    expect(html).toMatch(/data-key="JP gained"><span class="n">-2</);
    const sections = [...html.matchAll(/<section class="changes" data-change="([a-z-]+)">/g)].map((m) => m[1]);
    expect(sections).toEqual(['worsened', 'improved', 'added', 'removed', 'status-changed', 'jp-changed', 'moved']);
    expect(html).toContain(`<td class="nip">${nip.budi}</td><td>Budi Santoso, S.Kom., M.Si.</td><td>Dinas Kesehatan</td><td class="">compliant, 36/20 JP</td><td class="worse">non-compliant, 12/20 JP</td>`);
    expect(html).not.toMatch(/<script[^>]+src=|<link /);
  });

  it('HTML: a name with markup stays text', async () => {
    const rep = JSON.parse(readFileSync(R.september, 'utf8'));
    // A changed JP, so that the employee is listed.
    rep.employees[0].name = '<img src=x onerror=alert(1)>';
    rep.employees[0].jp += 1;
    const file = join(tempDir(), 'evil.json');
    writeFileSync(file, JSON.stringify(rep));
    const r = await run(['diff', R.september, file, '-f', 'html']);
    expect(r.stdout).toContain('data-change="jp-changed"');
    expect(r.stdout).not.toContain('<img src=x');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('jp-audit diff: bad input is exit 2, one line, nothing on stdout', () => {
  const bad = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['a file that does not exist', () => [join(dir, 'nope.json'), R.september], /^jp-audit: .*nope\.json: berkas tidak ditemukan/],
    ['a CSV report', () => ['fixtures/diff/diklat-juni.csv', R.september], /^jp-audit: fixtures\/diff\/diklat-juni\.csv: bukan laporan JSON \(ini berkas teks/],
    ['a JSON file that is not a report of check', () => [bad('other.json', '{"data": []}'), R.september], /: bukan laporan JSON dari jp-audit check \(schemaVersion: tidak ada\)/],
    ['a Latsar report', () => [R.latsar, R.september], /latsar\.json: ini laporan jp-audit latsar, bukan laporan jp-audit check/],
    ['another schemaVersion', () => [R.juni, bad('v2.json', readFileSync(R.september, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 2'))], /v2\.json: laporan ini schemaVersion 2, sedangkan jp-audit ini membaca schemaVersion 1/],
    ['an unknown status', () => [R.juni, bad('status.json', readFileSync(R.september, 'utf8').replace('"status": "compliant"', '"status": "lulus"'))], /status\.json: bukan laporan JSON dari jp-audit check \(employees\[\d+\]\.status: "lulus" tidak dikenal/],
    ['two years', () => [R.y2024, R.september], /kedua laporan untuk tahun yang berbeda/],
    ['the newer report first', () => [R.asOfSeptember, R.asOfJune], /laporan lama .* \(2025-09-30\) lebih baru daripada laporan baru .* \(2025-06-30\); tukar urutannya/],
    ['stdin twice', () => ['-', '-'], /input standar \(-\) hanya bisa dibaca sekali/],
    ['--out .xlsx', () => [R.juni, R.september, '--out', join(dir, 'x.xlsx')], /diff tidak menulis Excel/],
    ['--out onto an input', () => [R.juni, R.september, '--out', R.september], /sama dengan berkas input/],
    ['--format xlsx', () => [R.juni, R.september, '--format', 'xlsx'], /--format "xlsx" tidak sah; yang boleh: table, json, csv, html/],
  ])('%s', async (_what, args, message) => {
    const before = readFileSync(R.september, 'utf8');
    const r = await run(['diff', ...args()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    // An input is never overwritten.
    expect(readFileSync(R.september, 'utf8')).toBe(before);
  });

  it('in English with --lang en', async () => {
    const r = await run(['diff', R.y2024, R.september, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^jp-audit: the reports are of different years \(.*: 2024, .*: 2025\); compare two reports of the same year, or use --allow-year-change/);
  });

  it('a copy of a report is diffed like the report', () => {
    // (Guards the fixtures: the cron test below copies reports around.)
    const copy = join(dir, 'copy.json');
    copyFileSync(R.juni, copy);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(R.juni, 'utf8'));
  });
});
