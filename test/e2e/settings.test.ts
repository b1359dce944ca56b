import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, settingsFrom } from '../../src/policy/config.js';
import { DEFAULT_POLICY } from '../../src/policy/policy.js';
import { ROOT, run, tempDir } from '../helpers/cli.js';

const T = (f: string) => join(ROOT, 'fixtures', 'tahunan', f);
const TMT = ['check', T('pegawai-tmt.csv'), '-t', T('diklat-menit.csv'), '-e', T('pengecualian.csv'), '-y', '2025', '-q', '-f', 'json'];

function byNip(report: { employees: Array<{ nip: string }> }): Record<string, Record<string, unknown>> {
  return Object.fromEntries(report.employees.map((e) => [e.nip, e]));
}

async function withConfig(yaml: string, args: string[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'jp-audit.config.yaml'), yaml);
  return run(args, { cwd: dir });
}

describe('init and policy', () => {
  it.each(['id', 'en'] as const)('init (%s) writes a commented file that round-trips through the validator to the defaults', async (lang) => {
    const dir = tempDir();
    const r = await run(['init', '--lang', lang], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'jp-audit.config.yaml'), 'utf8');
    expect(text).toMatch(lang === 'id' ? /PP 11\/2017 Pasal 203 \(4\)/ : /PP 11\/2017 art\. 203 \(4\)/);
    expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(15);
    const s = settingsFrom(await parseConfig(text, 'jp-audit.config.yaml'), 'x');
    expect(s.policy).toEqual(DEFAULT_POLICY);
    expect(s.lang).toBe(lang);
    // The written file is the one policy and check pick up.
    const p = await run(['policy', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(p.stdout)).toMatchObject({ source: join(dir, 'jp-audit.config.yaml'), requirements: DEFAULT_POLICY.requirements, prorate: 'auto', lang });
    expect((await run(['init'], { cwd: dir })).code).toBe(2);
    expect((await run(['init', '--force', '-q'], { cwd: dir })).code).toBe(0);
  });

  it('policy shows defaults, then the file, then flags (flags win)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'jp-audit.config.yaml'), 'year: 2024\nlang: en\nrequirements:\n  PPPK: { min: 24, max: 24 }\ncolumns:\n  jp: Lama JP\n');
    const p = JSON.parse((await run(['policy', '-f', 'json', '--year', '2025', '--map', 'jp=JP Final'], { cwd: dir })).stdout);
    expect(p).toMatchObject({ year: 2025, lang: 'en', requirements: { PNS: { min: 20 }, PPPK: { min: 24, max: 24 } }, columns: { jp: 'JP Final' } });
    const yaml = (await run(['policy'], { cwd: dir })).stdout;
    expect(yaml).toContain('year: 2024');
    expect(yaml).toContain('jp: Lama JP');
  });

  it.each([
    ['requirements:\n  PNS: { min: dua puluh }\n', /requirements\.PNS\.min: harus berupa angka/],
    ['requirement:\n  PNS: { min: 20 }\n', /requirement: kunci tidak dikenal \(yang boleh: year, lang, requirements, minutesPerJp, prorate, exemptStatuses, latsar, columns, headers, typeAliases, phaseAliases, defaultType, undatedYear, countIn\)/],
    ['requirements:\n  PNS: { min: 20, max: 10 }\n', /requirements\.PNS\.max: max >= min/],
    ['prorate: maybe\n', /prorate/],
    ['lang: jw\n', /lang: salah satu dari "id", "en"/],
    ['latsar:\n  phases:\n    - { id: orientasi, days: 2 }\n', /latsar\.phases\.0\.id: salah satu dari "mandiri", "daring-1"/],
    ['typeAliases:\n  Honorer: TKK\n', /typeAliases\.Honorer: salah satu dari "PNS", "PPPK", "CPNS"/],
    ['columns:\n  gaji: Gaji\n', /columns\.gaji/],
    ['requirements: [1, 2\n', /berkas konfigurasi tidak terbaca/],
  ])('a bad config %j stops with the key path and what is allowed', async (yaml, pattern) => {
    const r = await withConfig(yaml, [...TMT]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^jp-audit: .*jp-audit\.config\.yaml: /);
    expect(r.stderr).toMatch(pattern);
  });

  it('says what is wrong with the config in English with --lang en', async () => {
    const r = await withConfig('requirements:\n  PNS: { min: dua puluh }\n', [...TMT, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jp-audit\.config\.yaml: invalid configuration: requirements\.PNS\.min: expected number; see an example with jp-audit init\n$/);
  });

  it('--config names another file, and JSON works too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kebijakan.json'), JSON.stringify({ requirements: { PNS: { min: 30 } } }));
    const r = await run([...TMT, '--config', join(dir, 'kebijakan.json')]);
    expect(byNip(JSON.parse(r.stdout))['198503152010011001']).toMatchObject({ requiredJp: 30, status: 'non-compliant' });
    expect((await run([...TMT, '--config', join(dir, 'none.yaml')])).stderr).toMatch(/none\.yaml: berkas tidak ditemukan/);
  });
});

describe('every setting, through the CLI', () => {
  it('the defaults on the joiners/leavers fixture: pro-rating, exemptions, not-applicable, minutes', async () => {
    const r = await run(TMT);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.prorated).toBe(true);
    expect(report.summary).toEqual({ employees: 7, audited: 5, compliant: 3, nonCompliant: 2, onTrack: 0, atRisk: 0, exempt: 1, notApplicable: 1, complianceRate: 0.6, totalJp: 57.334 });
    const e = byNip(report);
    expect(e['198503152010011001']).toMatchObject({ jp: 26.667, requiredJp: 20, months: 12, status: 'compliant' });
    expect(e['200001012025011006']).toMatchObject({ jp: 10.667, requiredJp: 10, months: 6, status: 'compliant' });
    expect(e['196508172005011002']).toMatchObject({ jp: 12, requiredJp: 12, months: 7, status: 'compliant' });
    expect(e['199001012015032002']).toMatchObject({ status: 'exempt', exemptReason: 'Tugas Belajar', requiredJp: 0 });
    expect(e['199507172024211001']).toMatchObject({ status: 'not-applicable', months: 0 });
    expect(e['198712202012121003']).toMatchObject({ jp: 8, requiredJp: 10, months: 6, shortfallJp: 2, status: 'non-compliant', exemptReason: 'CLTN' });
    expect(e['199205102019032004']).toMatchObject({ jp: 0, requiredJp: 20, status: 'non-compliant' });
    expect(report.inputs.map((i: { role: string }) => i.role)).toEqual(['staff', 'exemptions', 'training']);
    expect(report.inputs[0].columns).toMatchObject({ serviceStart: 'TMT PNS', serviceEnd: 'Tanggal Pensiun', status: 'Kedudukan Hukum' });
    expect(report.inputs[2].columns).toMatchObject({ minutes: 'Durasi (menit)' });
  });

  it.each([
    ['prorate: false', { '200001012025011006': { requiredJp: 20, status: 'non-compliant' }, '196508172005011002': { requiredJp: 20 } }],
    ['prorate: true', { '200001012025011006': { requiredJp: 10 } }],
    ['minutesPerJp: 60', { '198503152010011001': { jp: 20 }, '196508172005011002': { jp: 9, status: 'non-compliant' } }],
    ['requirements:\n  CPNS: { min: 40 }', { '200001012025011006': { requiredJp: 20, status: 'non-compliant' } }],
    ['exemptStatuses: [Cuti Besar]', { '199001012015032002': { status: 'non-compliant', requiredJp: 20 } }],
  ])('%s', async (yaml, want) => {
    const e = byNip(JSON.parse((await withConfig(`${yaml}\n`, TMT)).stdout));
    for (const [nip, fields] of Object.entries(want)) expect(e[nip]).toMatchObject(fields);
  });

  it('max: over it is a warning, never a failure', async () => {
    const r = await withConfig('requirements:\n  PNS: { min: 20, max: 24 }\n', TMT);
    const report = JSON.parse(r.stdout);
    expect(byNip(report)['198503152010011001']).toMatchObject({ status: 'compliant', jp: 26.667 });
    expect(report.findings).toEqual([expect.objectContaining({ code: 'over-max', severity: 'warning', value: '198503152010011001' })]);
  });

  it('year and lang from the config, flags winning', async () => {
    const cfg = 'year: 2025\nlang: en\n';
    const a = await withConfig(cfg, ['check', T('pegawai-tmt.csv'), '-t', T('diklat-menit.csv'), '-f', 'table']);
    expect(a.stdout).toContain('Competency development JP audit 2025');
    expect(a.stderr).toContain('year 2025');
    const b = await withConfig(cfg, ['check', T('pegawai-tmt.csv'), '-t', T('diklat-menit.csv'), '-f', 'table', '--lang', 'id', '--year', '2024']);
    expect(b.stdout).toContain('Audit JP pengembangan kompetensi tahun 2024');
  });

  it('columns, extra header names and type aliases', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'staff.csv'), 'Nomor Induk,Nama,Status ASN,Bidang,Capaian\n198503152010011001,Budi,Honorer Daerah,Dinas A,30\n199001012015032002,Siti,PNS,Dinas A,30\n');
    writeFileSync(join(dir, 'jp-audit.config.yaml'), 'headers:\n  nip: [Nomor Induk]\n  type: [Status ASN]\n  opd: [Bidang]\ncolumns:\n  jp: Capaian\ntypeAliases:\n  honorer daerah: PPPK\n');
    const r = await run(['check', 'staff.csv', '-y', '2025', '-q', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs[0].columns).toEqual({ nip: 'Nomor Induk', name: 'Nama', type: 'Status ASN', opd: 'Bidang', jp: 'Capaian' });
    expect(byNip(report)['198503152010011001']).toMatchObject({ type: 'PPPK', requiredJp: 24, status: 'compliant' });
  });
});

describe('during the year: --as-of', () => {
  it('says who is on track and who is at risk, against the duty pro-rated to the date', async () => {
    const r = await run([...TMT, '--as-of', '30/06/2025']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.asOf).toBe('2025-06-30');
    expect(report.summary).toMatchObject({ compliant: 2, onTrack: 2, atRisk: 1, nonCompliant: 0 });
    const e = byNip(report);
    expect(e['199205102019032004']).toMatchObject({ status: 'at-risk', expectedJp: 10, requiredJp: 20 });
    expect(e['200001012025011006']).toMatchObject({ status: 'on-track', expectedJp: 0, jp: 0 });
    expect(e['196508172005011002']).toMatchObject({ status: 'compliant', jp: 12 });
    // Training that ends after the as-of date does not count yet.
    expect(report.inputs[2]).toMatchObject({ counted: 2, outsidePeriod: 2 });
    // Wide enough for the row on one line (the table fits COLUMNS; 80 in a pipe).
    const table = await run([...TMT, '--as-of', '2025-06-30', '-f', 'table'], { env: { COLUMNS: '200' } });
    expect(table.stdout).toContain('Keadaan per 30 Juni 2025');
    expect(table.stdout).toMatch(/│ 199205102019032004 │ Rina Wulandari │ PNS\s+│\s+0 │\s+10 │\s+20 │\s+20 │/);
  });

  it.each([
    [['--as-of', '31/12/2024'], /--as-of 2024-12-31 tidak di dalam tahun 2025/],
    [['--as-of', 'besok'], /--as-of "besok" tidak sah/],
  ])('refuses %j', async (args, pattern) => {
    const r = await run([...TMT, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });

  it('without --year audits the year the records end in, says why, and refuses a year not yet begun', async () => {
    const r = await run(['check', T('pegawai-tmt.csv'), '-t', T('diklat-menit.csv'), '-f', 'json']);
    const report = JSON.parse(r.stdout);
    const today = new Date();
    // The records all end in 2025: a run in a later year (early January, say) audits 2025, to its end.
    expect(report.year).toBe(2025);
    expect(report.asOf).toBe(today.getFullYear() > 2025 ? '2025-12-31' : `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`);
    expect(r.stderr).toContain('jp-audit: tahun yang diaudit: 2025, karena 4 dari 4 catatan diklat berakhir pada tahun itu (pilih tahun lain dengan --year)\n');
    const future = await run(['check', T('pegawai-tmt.csv'), '-t', T('diklat-menit.csv'), '-y', String(today.getFullYear() + 1)]);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/belum dimulai/);
  });
});

describe('validate', () => {
  it('exit 0 for clean files, with the accounting', async () => {
    const r = await run(['validate', T('pegawai-tmt.csv'), T('diklat-menit.csv'), T('pengecualian.csv'), '-f', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.inputs.map((i: { role: string; rows: number; accepted: number }) => [i.role, i.rows, i.accepted])).toEqual([['staff', 7, 7], ['training', 4, 4], ['exemptions', 1, 1]]);
    expect(out.findings).toEqual([]);
  });

  it('exit 1 with the findings of a messy export, and a readable table', async () => {
    const r = await run(['validate', 'fixtures/pegawai.csv', 'fixtures/diklat.csv', '-f', 'json']);
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.stdout).findings.map((f: { code: string; row: number }) => `${f.code}@${f.row}`);
    expect(codes).toEqual(['duplicate-employee@14', 'invalid-type@15', 'duplicate-record@3', 'invalid-jp@13', 'invalid-jp@15', 'end-before-start@16', 'nip-excel-mangled@20']);
    const t = await run(['validate', 'fixtures/diklat.csv', '-f', 'table']);
    expect(t.stdout).toContain('- fixtures/diklat.csv (diklat): 19 baris: 15 diterima, 4 ditolak, 1 duplikat');
    expect(t.stdout).toContain('kesalahan: JP tidak sah fixtures/diklat.csv:13 [Jumlah JP = dua]');
  });

  it('exit 2 for unusable input, one line', async () => {
    const r = await run(['validate', 'fixtures/broken/truncated.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('running unattended', () => {
  it('--quiet: only the summary line when someone falls short; without it, exactly the shape line; never a progress line in a pipe', async () => {
    const quiet = await run(TMT);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('jp-audit: 2 dari 5 pegawai belum memenuhi (60% memenuhi)\n');
    const loud = await run(TMT.filter((a) => a !== '-q'));
    expect(loud.stderr).toBe('jp-audit: data dibaca sebagai data pegawai dan data diklat; tahun audit 2025\n');
    expect(loud.stderr).not.toContain('\r');
  });

  it('same inputs, byte-identical reports; the time only with --timestamp', async () => {
    for (const format of ['json', 'csv', 'table']) {
      const a = await run([...TMT, '-f', format]);
      const b = await run([...TMT, '-f', format]);
      expect(a.stdout).toBe(b.stdout);
    }
    const t = JSON.parse((await run([...TMT, '--timestamp'])).stdout);
    expect(new Date(t.generatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
