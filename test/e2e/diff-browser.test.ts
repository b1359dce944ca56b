/// <reference lib="dom" />
// Some callbacks below run in the page, where the DOM exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install chromium`);

describe.skipIf(!present)('the diff page in a real browser (Chromium)', () => {
  let browser: Browser;
  const dir = tempDir();
  const page = join(dir, 'perubahan.html');
  beforeAll(async () => {
    const F = 'fixtures/diff';
    await run(['check', `${F}/pegawai-juni.csv`, '-t', `${F}/diklat-juni.csv`, '-y', '2025', '-q', '--out', join(dir, 'juni.json')]);
    await run(['check', `${F}/pegawai-september.csv`, '-t', `${F}/diklat-september.csv`, '-y', '2025', '-q', '--out', join(dir, 'september.json')]);
    const r = await run(['diff', join(dir, 'juni.json'), join(dir, 'september.json'), '-q', '--out', page]);
    expect(r.code).toBe(1);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);
  afterAll(async () => browser?.close());

  it('shows the cards and lists, sorts the OPD table, fetches nothing; prints on A4 portrait without running off the sheet', async () => {
    const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    p.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('request', (req) => !req.url().startsWith('file:') && requests.push(req.url()));
    await p.goto(pathToFileURL(page).href);
    expect(await p.locator('h1').textContent()).toBe('Perubahan sejak laporan sebelumnya');
    expect(await p.locator('.card[data-key="Memburuk"] .n').textContent()).toBe('1');
    expect(await p.locator('.card[data-key="Perlu perhatian"] .n').textContent()).toBe('4 → 3');
    expect(await p.locator('section.changes[data-change="worsened"] tbody tr').count()).toBe(1);
    expect(await p.locator('section.changes[data-change="worsened"] td.worse').textContent()).toBe('belum memenuhi, 12/20 JP');

    // Sorting the OPD recap by JP gained puts Dinas Kesehatan (-2) first.
    const recap = p.locator('table.recap');
    await recap.locator('th', { hasText: 'JP bertambah' }).click();
    expect(await recap.locator('tbody tr td:first-child').first().textContent()).toBe('Dinas Kesehatan');

    // Printed: A4, and every table within its printable width (210 mm less the report's 2 × 13 mm
    // margins, at 96 px per inch).
    await p.emulateMedia({ media: 'print' });
    await p.setViewportSize({ width: Math.floor(((210 - 26) / 25.4) * 96), height: 1000 });
    const overflow = await p.evaluate(() => Math.max(...Array.from(document.querySelectorAll('table, .cards')).map((t) => t.scrollWidth - t.clientWidth)));
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const pdf = await p.pdf({ preferCSSPageSize: true });
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(box).not.toBeNull();
    // A4 is 595 × 842 points.
    expect(Math.round(Number(box![1]))).toBe(595);
    expect(Math.round(Number(box![2]))).toBe(842);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await p.close();
  }, 60_000);
});
