import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const INPUTS = ['fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025'];
const TAHUNAN = ['fixtures/tahunan/pegawai-tmt.csv', '-t', 'fixtures/tahunan/diklat-menit.csv', '-e', 'fixtures/tahunan/pengecualian.csv', '-y', '2025'];

interface Section {
  nip: string;
  jp: number;
  status: string;
  /** The JP cell of the employee's row, the row just above the details. */
  rowJp: number;
  rowNip: string;
  /** The details cell's colspan, and the cells of the employee's row: the same, or the row is cut short. */
  span: number;
  columns: number;
  records: Array<{ outcome: string; file: string; row: number; jp: number | null; duplicateOf: string | null; text: string }>;
  duty: string[];
  rosterRows: string;
}

const byClass = (root: Element | Element[], tag: string, cls: string) => DomUtils.findAll((e) => e.name === tag && (e.attribs.class ?? '').split(' ').includes(cls), Array.isArray(root) ? root : [root]);

/** Every employee's details in an HTML report, with the row they hang under. */
function sections(html: string): Section[] {
  const doc = parseDocument(html);
  return byClass(doc.children as Element[], 'details', 'explain').map((d) => {
    const detailsRow = d.parent!.parent as Element;
    const main = DomUtils.prevElementSibling(detailsRow) as Element;
    const cells = main.children.filter((c): c is Element => (c as Element).name === 'td');
    const table = DomUtils.findAll((e) => e.name === 'table', [detailsRow.parent!.parent as Element])[0] as Element | undefined;
    const heads = DomUtils.findAll((e) => e.name === 'th', [table!]).map((th) => DomUtils.textContent(th));
    const jpCol = heads.indexOf('JP');
    return {
      nip: d.attribs['data-nip']!,
      jp: Number(d.attribs['data-jp']),
      status: d.attribs['data-status']!,
      rowNip: DomUtils.textContent(cells[0]!),
      span: Number((d.parent as Element).attribs.colspan),
      columns: cells.length,
      rowJp: Number(cells[jpCol]?.attribs['data-v']),
      records: DomUtils.findAll((e) => e.name === 'tr' && e.attribs['data-outcome'] !== undefined, [d]).map((tr) => ({
        outcome: tr.attribs['data-outcome']!,
        file: tr.attribs['data-file']!,
        row: Number(tr.attribs['data-row']),
        jp: tr.attribs['data-jp'] === undefined ? null : Number(tr.attribs['data-jp']),
        duplicateOf: tr.attribs['data-duplicate-of'] ?? null,
        text: DomUtils.textContent(tr),
      })),
      duty: byClass(d, 'ul', 'duty').flatMap((ul) => DomUtils.findAll((e) => e.name === 'li', [ul]).map((li) => DomUtils.textContent(li))),
      rosterRows: byClass(d, 'p', 'roster-rows').map((p) => DomUtils.textContent(p)).join(''),
    };
  });
}

const counted = (s: Section) => Math.round(s.records.filter((r) => r.outcome === 'counted').reduce((a, r) => a + r.jp!, 0) * 1000) / 1000;

async function checkJson(args: string[]): Promise<Map<string, { jp: number; status: string }>> {
  const r = await run(['check', ...args, '-f', 'json']);
  return new Map((JSON.parse(r.stdout) as { employees: Array<{ nip: string; jp: number; status: string }> }).employees.map((e) => [e.nip, e]));
}

describe('the HTML report: each listed employee\'s records, opened from their row', () => {
  it('every short employee has their records with the outcome; the counted JP add up to the row\'s JP', async () => {
    const dir = tempDir();
    const r = await run(['check', ...INPUTS, '--out', join(dir, 'r.html')]);
    expect(r.code).toBe(1);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const list = sections(html);
    const json = await checkJson(INPUTS);
    // The full report lists those short of the duty: each has a section, under their own row.
    const short = [...json.values()].filter((e) => e.status === 'non-compliant');
    expect(list).toHaveLength(short.length);
    for (const s of list) {
      expect(s.rowNip).toBe(s.nip);
      expect(s.span, s.nip).toBe(s.columns);
      expect(s.rowJp, s.nip).toBe(s.jp);
      expect(counted(s), s.nip).toBe(json.get(s.nip)!.jp);
    }
    // Hendra: a rejected record (why, and the column) and a counted one.
    const hendra = list.find((s) => s.nip === '197905202005011008')!;
    expect(hendra.records.map((x) => [x.file, x.row, x.outcome, x.jp])).toEqual([
      ['fixtures/diklat.csv', 13, 'rejected', null],
      ['fixtures/diklat.csv', 14, 'counted', 10],
    ]);
    expect(hendra.records[0]!.text).toContain('JP bukan angka');
    expect(hendra.records[0]!.text).toContain('[Jumlah JP]');
    expect(hendra.duty).toEqual(['Masa kerja: mulai 2005-01-01, berhenti -', 'Bulan yang dihitung: 12', 'Wajib PNS: ceil(20 × 12 / 12) = 20 JP (min 20 JP setahun)']);
    expect(hendra.rosterRows).toBe('Baris data pegawai: fixtures/pegawai.csv:11 (dipakai)');
    // Andi: counted in two files, a record outside the year; his second roster row a duplicate.
    const andi = list.find((s) => s.nip === '198712202012121003')!;
    expect(andi.records.map((x) => [x.row, x.outcome])).toEqual([
      [6, 'counted'],
      [7, 'outside-year'],
      [5, 'counted'],
    ]);
    expect(andi.rosterRows).toContain('fixtures/pegawai.csv:14 (duplikat, tidak dipakai)');
    // Nothing is left out: no line saying the details are omitted.
    expect(html).not.toContain('explain-omitted');
  });

  it('one file per OPD lists everyone, so every employee has a section: duplicates name the record that counted', async () => {
    const dir = tempDir();
    const r = await run(['check', ...INPUTS, '--by', 'opd', '--out-dir', dir, '--format', 'html']);
    expect(r.code).toBe(1);
    const json = await checkJson(INPUTS);
    const all = readdirSync(dir)
      .filter((f) => f !== '_ringkasan.html')
      .flatMap((f) => sections(readFileSync(join(dir, f), 'utf8')));
    expect(all.map((s) => s.nip).sort()).toEqual([...json.keys()].sort());
    for (const s of all) {
      expect(s.span, s.nip).toBe(s.columns);
      expect(s.rowJp, s.nip).toBe(json.get(s.nip)!.jp);
      expect(counted(s), s.nip).toBe(json.get(s.nip)!.jp);
    }
    const budi = all.find((s) => s.nip === '198503152010011001')!;
    expect(budi.records.map((x) => [x.row, x.outcome, x.duplicateOf])).toEqual([
      [2, 'counted', null],
      [3, 'duplicate', 'fixtures/diklat.csv:2'],
    ]);
    expect(budi.records[1]!.text).toContain('sama dengan fixtures/diklat.csv baris 2, yang dihitung');
  });

  it('during the year a record after the as-of day is not yet counted; English with --lang en', async () => {
    const dir = tempDir();
    await run(['check', ...INPUTS, '--as-of', '30/06/2025', '--lang', 'en', '--out', join(dir, 'r.html')]);
    const hendra = sections(readFileSync(join(dir, 'r.html'), 'utf8')).find((s) => s.nip === '197905202005011008')!;
    expect(hendra.records.map((x) => [x.row, x.outcome])).toEqual([
      [13, 'rejected'],
      [14, 'after-as-of'],
    ]);
    expect(hendra.records[1]!.text).toContain('after the as-of date');
    expect(counted(hendra)).toBe(0);
  });

  it('the duty worked out: service dates, an exemption with its dates and source, the months that count', async () => {
    const dir = tempDir();
    await run(['check', ...TAHUNAN, '--out', join(dir, 'r.html')]);
    const list = sections(readFileSync(join(dir, 'r.html'), 'utf8'));
    // Andi is short (CLTN part of the year); Siti exempt and Fajar not applicable are listed apart.
    expect(list.map((s) => [s.nip, s.status]).sort()).toEqual([
      ['198712202012121003', 'non-compliant'],
      ['199001012015032002', 'exempt'],
      ['199205102019032004', 'non-compliant'],
      ['199507172024211001', 'not-applicable'],
    ]);
    const andi = list.find((s) => s.nip === '198712202012121003')!;
    expect(andi.duty.some((l) => /^Pengecualian: CLTN \d{4}-\d\d-\d\d s\.d\. \d{4}-\d\d-\d\d \(fixtures\/tahunan\/pengecualian\.csv:\d+\)$/.test(l))).toBe(true);
    expect(andi.duty).toContain('Wajib PNS: ceil(20 × 6 / 12) = 10 JP (min 20 JP setahun)');
    const fajar = list.find((s) => s.nip === '199507172024211001')!;
    expect(fajar.duty.at(-1)).toBe('Tidak ada kewajiban JP: tidak berlaku');
  });

  it('over the limit (more than 10,000 roster rows): no details, and one line says so', async () => {
    const dir = tempDir();
    const staff = join(dir, 'pegawai.csv');
    const training = join(dir, 'diklat.csv');
    // 10,001 valid, distinct NIPs (born on the first days of January 1985, serials 001-999), one training record.
    const rows = ['NIP,Nama,OPD'];
    for (let i = 0; i < 10_001; i++) rows.push(`198501${String(1 + Math.floor(i / 999)).padStart(2, '0')}2010011${String((i % 999) + 1).padStart(3, '0')},Pegawai ${i},Dinas ${i % 7}`);
    writeFileSync(staff, `${rows.join('\n')}\n`);
    writeFileSync(training, `NIP,Nama Diklat,Tanggal Selesai,JP\n198501012010011001,Diklat A,10/03/2025,24\n`);
    const r = await run(['check', staff, '-t', training, '-y', '2025', '--out', join(dir, 'r.html')]);
    expect(r.code).toBe(1);
    // Every row a valid employee: the limit is passed by the roster, not by rejected rows.
    expect(r.stderr).toContain('10.000 dari 10.001 pegawai belum memenuhi (0%');
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(sections(html)).toEqual([]);
    expect(html).not.toContain('class="explain-row"');
    const lines = [...html.matchAll(/<p class="note explain-omitted">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(lines).toEqual(['Rincian catatan diklat per pegawai tidak disertakan: data pegawai lebih dari 10.000 baris. Lihat rincian seorang pegawai dengan jp-audit explain NIP.']);
  });
});
