import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript shared with scripts/print-previews.mjs
import { CHROMIUM, launchChromium, pdfPages, pdfPageSize, POPPLER, printHtml, printXlsx, SOFFICE } from '../../scripts/print.mjs';
import { run, tempDir } from '../helpers/cli.js';

const MAIN = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025'];
const TITLE = 'Audit JP pengembangan kompetensi tahun 2025';
const ready = existsSync(CHROMIUM) && SOFFICE !== undefined && POPPLER;

// CI installs chromium, LibreOffice and poppler-utils in .ci/run: there, their absence fails the suite.
if (!ready && process.env.CI) throw new Error('printing needs chromium, LibreOffice and poppler-utils: .ci/run must install them');

/** Text of a page with its runs of spaces made one (pdftotext lays text out in columns). */
const flat = (page: string) => page.replace(/\s+/g, ' ');

describe.skipIf(!ready)('reports on paper (Chromium and LibreOffice to PDF, A4)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('prints the fixtures HTML report on at most 3 A4 pages, the title on every page, no OPD alone on a page', async () => {
    const dir = tempDir();
    expect((await run([...MAIN, '--out', join(dir, 'r.html')])).code).toBe(1);
    const pdf = await printHtml(browser, join(dir, 'r.html'), join(dir, 'r.pdf'));
    expect(pdfPageSize(pdf)).toEqual({ width: 210, height: 297 });
    const pages: string[] = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    pages.forEach((p, i) => {
      expect(flat(p)).toContain(TITLE);
      expect(flat(p)).toContain(`halaman ${i + 1} / ${pages.length}`);
    });
    // The list of who falls short starts on the page where the recap ends: no forced break.
    const where = (text: string) => pages.findIndex((p) => flat(p).includes(text));
    expect(where('Pegawai yang belum memenuhi (5)')).toBe(where('Kecamatan Pontianak Kota 2 1 1 50%'));
    expect(where('Dinas Kesehatan 1 belum memenuhi')).toBe(where('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia 2 belum memenuhi'));
  }, 90_000);

  it('prints a per-OPD HTML file with the OPD in the running title and its whole staff', async () => {
    const dir = tempDir();
    expect((await run(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '--by', 'opd', '--out-dir', dir, '--format', 'html'])).code).toBe(1);
    const pdf = await printHtml(browser, join(dir, 'dinas-pendidikan-dan-kebudayaan.html'), join(dir, 'o.pdf'));
    const pages: string[] = pdfPages(pdf);
    expect(pages.length).toBeLessThanOrEqual(2);
    for (const p of pages) expect(flat(p)).toContain(`${TITLE} · Dinas Pendidikan dan Kebudayaan`);
    const all = flat(pages.join(' '));
    // Every employee of the OPD, those short of the duty first, the largest shortfall first (12, 4).
    const order = ['Maya Sari', 'Fajar Nugroho', 'Dedi Kurniawan', 'Rina Wulandari'].map((n) => all.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all).not.toContain('Persentase pegawai yang memenuhi, per OPD');
    expect(all).toContain('Perhitungan baris OPD ini');
  }, 90_000);

  it('prints every sheet of the fixtures workbook on one landscape A4 page, the title on each', async () => {
    const dir = tempDir();
    expect((await run([...MAIN, '--out', join(dir, 'r.xlsx')])).code).toBe(1);
    const pdf = printXlsx(join(dir, 'r.xlsx'), join(dir, 'r.pdf'));
    expect(pdfPageSize(pdf)).toEqual({ width: 297, height: 210 });
    const pages: string[] = pdfPages(pdf);
    // Seven sheets: overview, four OPDs, findings, inputs; one page each.
    expect(pages).toHaveLength(7);
    pages.forEach((p, i) => {
      expect(flat(p)).toContain(TITLE);
      expect(flat(p)).toMatch(new RegExp(`${TITLE} ${i + 1} ?/ ?7`));
    });
    // The OPD sheet names its OPD in full (the tab is cut to 31 characters), JP without `.0`.
    expect(flat(pages[1]!)).toContain('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia');
    expect(flat(pages[1]!)).toMatch(/Ir\. Hendra Gunawan, M\.T\. PNS belum memenuhi 10 20 10 /);
    expect(flat(pages[2]!)).toMatch(/dr\. Siti Aminah PNS memenuhi 21\.5 20 0 /);
  }, 120_000);

  it('prints a per-OPD workbook with the OPD on every page', async () => {
    const dir = tempDir();
    expect((await run(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '--by', 'opd', '--out-dir', dir])).code).toBe(1);
    expect(readdirSync(dir)).toContain('kecamatan-pontianak-kota.xlsx');
    const pages: string[] = pdfPages(printXlsx(join(dir, 'kecamatan-pontianak-kota.xlsx'), join(dir, 'k.pdf')));
    expect(pages).toHaveLength(4);
    for (const p of pages) expect(flat(p)).toContain('Laporan JP Kecamatan Pontianak Kota tahun 2025');
    expect(flat(pages[0]!)).toContain('Perhitungan baris OPD ini');
  }, 120_000);
});
