import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { buildReport, type Report } from '../../src/report/model.js';
import { loadRenderer } from '../../src/report/render/index.js';
import type { RenderContext } from '../../src/report/render/types.js';

// Every format rendered from one result: the figures they show must be the same, with exempt and
// not-applicable employees apart everywhere (fixtures/tahunan has one of each, and a type with
// nobody audited).
const ctx: RenderContext = { lang: 'id', color: false, rawCells: false, view: 'full', generatedAt: new Date(0), width: 200 };
let report: Report;
const out: Record<string, string | Uint8Array> = {};

beforeAll(async () => {
  const result = await runCheck({
    staff: 'fixtures/tahunan/pegawai-tmt.csv',
    training: ['fixtures/tahunan/diklat-menit.csv'],
    exemptions: 'fixtures/tahunan/pengecualian.csv',
    year: 2025,
  });
  report = buildReport(result, 'id');
  for (const f of ['table', 'json', 'csv', 'html', 'xlsx'] as const) out[f] = await (await loadRenderer(f)).render(report, ctx);
});

describe('every format takes its figures from one model', () => {
  it('the model: exempt 1, not applicable 1, 5 audited, 3 compliant; a type with nobody audited has no rate', () => {
    expect(report.summary).toMatchObject({ employees: 7, audited: 5, compliant: 3, nonCompliant: 2, exempt: 1, notApplicable: 1, complianceRate: 0.6 });
    expect(report.byType.find((t) => t.type === 'PPPK')).toMatchObject({ employees: 1, audited: 0, notApplicable: 1, complianceRate: null });
    expect(report.byOpd.find((o) => o.opd === 'Dinas A')).toMatchObject({ employees: 4, audited: 3, compliant: 2, notApplicable: 1, complianceRate: 0.6667 });
  });

  it('JSON is the model', () => {
    const json = JSON.parse(out.json as string);
    expect(json.summary).toEqual(report.summary);
    expect(json.byType).toEqual(report.byType);
    expect(json.byOpd).toEqual(report.byOpd);
  });

  it('the table shows the same figures', () => {
    const t = out.table as string;
    expect(t).toContain('Pegawai: 7 · Diaudit: 5 · Memenuhi: 3 · Belum memenuhi: 2 · Persentase memenuhi: 60%');
    expect(t).toContain('Dikecualikan: 1 · Tidak berlaku: 1');
    expect(t).toMatch(/│ PPPK\s+│\s+1 │\s+0 │\s+0 │\s+0 │\s+1 │\s+– │/);
    expect(t).toMatch(/│ Dinas A\s+│\s+4 │\s+2 │\s+1 │\s+0 │\s+1 │\s+66,7% │/);
    expect(t).toMatch(/│ Dinas B\s+│\s+3 │\s+1 │\s+1 │\s+1 │\s+0 │\s+50% │/);
  });

  it('the HTML shows the same figures: cards, type table, bars and the histogram of the audited', () => {
    const h = out.html as string;
    const card = (k: string) => new RegExp(`data-key="${k}"><span class="n">([^<]+)</span>`).exec(h)?.[1];
    expect([card('Pegawai'), card('Memenuhi'), card('Belum memenuhi'), card('Dikecualikan'), card('Tidak berlaku'), card('Persentase memenuhi')]).toEqual(['7', '3', '2', '1', '1', '60%']);
    expect(h).toContain('66,7% (2/3)');
    expect(h).toContain('50% (1/2)');
    // The type table: PPPK, 1 employee, 0 audited, rate "–".
    expect(h).toMatch(/<td>PPPK<\/td><td class="num"[^>]*>1<\/td><td class="num"[^>]*>0<\/td><td class="num"[^>]*>0<\/td><td class="num"[^>]*>0<\/td><td class="num"[^>]*>–<\/td>/);
    const bins = [...h.matchAll(/class="hist" data-from="[^"]+" data-count="(\d+)"/g)].map((m) => Number(m[1]));
    expect(bins.reduce((a, b) => a + b, 0)).toBe(report.summary.audited);
  });

  it('the CSV overview and the workbook show the same figures', async () => {
    const overview = (await (await loadRenderer('csv')).render(report, { ...ctx, view: 'overview' })) as string;
    const rows = parse(overview, { columns: true }) as Array<Record<string, string>>;
    const a = rows.find((r) => r.OPD === 'Dinas A')!;
    expect([a.Pegawai, a.Diaudit, a.Memenuhi, a.Dikecualikan, a['Tidak berlaku'], a['Persentase memenuhi']]).toEqual(['4', '3', '2', '0', '1', '0.6667']);
    const wb = new ExcelJS.Workbook();
    const bytes = out.xlsx as Uint8Array;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ov = wb.worksheets[0]!;
    const headline = new Map<string, unknown>();
    ov.eachRow((row) => {
      const k = row.getCell(1).value;
      if (typeof k === 'string') headline.set(k, row.getCell(2).value);
    });
    expect([headline.get('Pegawai'), headline.get('Diaudit'), headline.get('Memenuhi'), headline.get('Dikecualikan'), headline.get('Tidak berlaku'), headline.get('Persentase memenuhi')]).toEqual([7, 5, 3, 1, 1, 0.6]);
  });
});

describe('every format says the same "Keterangan" (why a duty is not the full year\'s)', () => {
  // fixtures/tahunan: pro-rated (Yoga, Sri), exempt part of the year and pro-rated (Andi), exempt (Siti), not applicable (Fajar).
  const expected: Record<string, string> = {
    '200001012025011006': 'wajib JP dihitung sebanding 6 bulan masa kerja',
    '196508172005011002': 'wajib JP dihitung sebanding 7 bulan masa kerja',
    '198712202012121003': 'CLTN; wajib JP dihitung sebanding 6 bulan masa kerja',
    '199001012015032002': 'Tugas Belajar',
    '199507172024211001': 'tidak ada satu bulan penuh masa kerja pada tahun ini (lihat TMT dan tanggal berhenti/pensiun)',
    '198503152010011001': '',
    '199205102019032004': '',
  };

  it('the CSV', () => {
    const rows = parse(out.csv as string, { columns: true }) as Array<Record<string, string>>;
    expect(Object.fromEntries(rows.map((r) => [r.NIP, r.Keterangan]))).toEqual(expected);
  });

  it('the workbook, on each OPD sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = out.xlsx as Uint8Array;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const seen: Record<string, string> = {};
    for (const ws of wb.worksheets.filter((w) => w.name.startsWith('Dinas'))) {
      const heads = ws.getRow(5).values as unknown[];
      const col = heads.indexOf('Keterangan');
      expect(col).toBeGreaterThan(0);
      ws.eachRow((row, n) => {
        if (n > 5) seen[String(row.getCell(1).value)] = String(row.getCell(col).value ?? '');
      });
    }
    expect(seen).toEqual(expected);
  });

  it('the table and the HTML, where they list the employee (the short and those not audited)', () => {
    // 200 columns: no cell of the table wraps.
    const t = out.table as string;
    const h = out.html as string;
    const listed = report.employees.filter((e) => e.status !== 'compliant').map((e) => e.nip);
    expect(listed.sort()).toEqual(['198712202012121003', '199001012015032002', '199205102019032004', '199507172024211001']);
    for (const nip of listed) {
      const note = expected[nip]!;
      if (note === '') continue;
      expect(t).toMatch(new RegExp(`│ ${nip} │.*│ ${note.replace(/[()]/g, '\\$&')}\\s+│`));
      expect(h).toMatch(new RegExp(`<td>${nip}</td>.*?<td>${note.replace(/[()]/g, '\\$&')}</td>`));
    }
  });
});
