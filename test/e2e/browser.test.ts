/// <reference lib="dom" />
// Some callbacks below run in the page, where the DOM exists.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../helpers/cli.js';
import { tools } from '../helpers/tools.js';

const CHROMIUM = tools().find((t) => t.name === 'Chromium')!.path ?? '/usr/bin/chromium';
const ARTEFACTS = join(ROOT, 'test-output');
const present = existsSync(CHROMIUM);

// CI installs Debian's chromium in .ci/run: there, its absence fails the suite instead of skipping
// (test/helpers/tools-setup.ts says so once for the whole run, and how to install it).
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install chromium`);

describe.skipIf(!present)('HTML report in a real browser (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  async function open(args: string[], viewport = { width: 1200, height: 900 }) {
    const dir = tempDir();
    const out = join(dir, 'laporan.html');
    const r = await run([...args, '--out', out]);
    expect(r.stderr).toContain('laporan.html');
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (req) => !req.url().startsWith('file:') && requests.push(req.url()));
    await page.goto(pathToFileURL(out).href);
    return { page, errors, requests };
  }

  it('renders the charts and tables with the right counts, logs no error, fetches nothing', async () => {
    const { page, errors, requests } = await open(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025']);
    expect(await page.locator('h1').textContent()).toBe('Audit JP pengembangan kompetensi tahun 2025');
    expect(await page.locator('.card[data-key="Belum memenuhi"] .n').textContent()).toBe('5');
    expect(await page.locator('.card[data-key="Persentase memenuhi"] .n').textContent()).toBe('58,3%');

    // One bar per OPD, lowest rate first, each drawn with a width in proportion.
    const bars = page.locator('svg.bars rect.bar');
    expect(await bars.count()).toBe(4);
    const values = await bars.evaluateAll((els) => els.map((e) => [e.getAttribute('data-label'), Number(e.getAttribute('data-value')), e.getBoundingClientRect().width]));
    expect(values.map((v) => v[0])).toEqual(['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'Kecamatan Pontianak Kota', 'Dinas Kesehatan', 'Dinas Pendidikan dan Kebudayaan']);
    const [w1, w4] = [values[0]![2] as number, values[3]![2] as number];
    expect(w4 / w1).toBeCloseTo(0.75 / 0.3333, 1);

    // The histogram holds every employee once, with the PNS/CPNS and PPPK thresholds marked.
    const counts = await page.locator('svg.histogram rect.hist').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(await page.locator('svg.histogram .threshold').evaluateAll((els) => els.map((e) => e.getAttribute('data-jp')))).toEqual(['20', '24']);
    expect((await page.locator('svg.histogram').boundingBox())!.height).toBeGreaterThan(100);

    // Per OPD, the non-compliant employees; the recap; findings; inputs.
    expect(await page.locator('section.opd').count()).toBe(4);
    expect(await page.locator('table.non-compliant > tbody > tr:not(.explain-row)').count()).toBe(5);
    expect(await page.locator('table.recap tbody tr').count()).toBe(4);
    expect(await page.locator('table.findings tbody tr').count()).toBe(10);
    expect(await page.locator('table.inputs tbody tr').count()).toBe(3);

    // Sorting: click "Belum memenuhi" in the recap twice, the biggest first.
    const recapHead = page.locator('table.recap th', { hasText: 'Belum memenuhi' });
    await recapHead.click();
    await recapHead.click();
    expect(await recapHead.getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('table.recap tbody tr:first-child td:first-child').textContent()).toBe('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia');
    const jpHead = page.locator('table.findings th', { hasText: 'Baris' });
    await jpHead.click();
    expect(await page.locator('table.findings tbody tr:first-child td:nth-child(4)').textContent()).toBe('3');

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'report.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('fits a phone screen and prints without forced page breaks, tables whole', async () => {
    const { page, errors } = await open(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025'], { width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTEFACTS, 'report-phone.png') });
    await page.emulateMedia({ media: 'print' });
    // Small sections follow each other on paper; rows never split; headers repeat (see print.test.ts for pages).
    expect(await page.locator('section.opd').first().evaluate((e) => getComputedStyle(e).breakBefore)).toBe('auto');
    expect(await page.locator('table.recap tbody tr').first().evaluate((e) => getComputedStyle(e).breakInside)).toBe('avoid');
    expect(await page.locator('table.recap thead').evaluate((e) => getComputedStyle(e).display)).toBe('table-header-group');
    // Charts at their own size: the bars' box ends where its bars do.
    const box = (await page.locator('figure.rate-chart').boundingBox())!;
    const svg = (await page.locator('svg.bars').boundingBox())!;
    expect(box.height - svg.height).toBeLessThan(60);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows hostile names as text: no script runs, no element injected', async () => {
    const { page, errors } = await open(['check', 'fixtures/hostile/pegawai-jahat.csv', '-y', '2025']);
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.locator('text=<script>alert("xss")</script>').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
