/// <reference lib="dom" />
// Some callbacks below run in the page, where the DOM exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript shared with scripts/print-previews.mjs
import { CHROMIUM, launchChromium, pdfPages, POPPLER } from '../../scripts/print.mjs';
import { run, tempDir } from '../helpers/cli.js';

const MAIN = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025'];
const ready = existsSync(CHROMIUM) && POPPLER;

// CI installs chromium and poppler-utils in .ci/run: there, their absence fails the suite.
if (!ready && process.env.CI) throw new Error('the HTML details test needs chromium and poppler-utils: .ci/run must install them');

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.skipIf(!ready)('the HTML report\'s employee details in Chromium: open on a click, sort with their row, print as shown', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a click on the row opens its details; sorting keeps each under its row; printed, only the opened one shows', async () => {
    const dir = tempDir();
    expect((await run([...MAIN, '--out', join(dir, 'r.html')])).code).toBe(1);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, 'r.html')).href);

    const hendra = page.locator('details.explain[data-nip="197905202005011008"]');
    expect(await hendra.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await hendra.locator('table.records').isVisible()).toBe(false);
    await page.locator('table.non-compliant > tbody > tr', { hasText: 'Ir. Hendra Gunawan' }).first().click();
    expect(await hendra.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await hendra.locator('table.records tbody tr').count()).toBe(2);
    expect(await hendra.locator('table.records').isVisible()).toBe(true);

    // Sort Hendra's OPD table by JP, twice: each details row still follows its employee's row.
    const table = page.locator('section.opd', { hasText: 'Badan Kepegawaian' }).locator('table.non-compliant');
    const head = table.locator(':scope > thead th', { hasText: /^JP$/ });
    const rowPairs = () =>
      table.evaluate((t) =>
        Array.from((t as HTMLTableElement).tBodies[0]!.rows)
          .filter((r) => !r.classList.contains('explain-row'))
          .map((r) => [r.cells[0]!.textContent, (r.nextElementSibling as HTMLElement | null)?.querySelector('details')?.getAttribute('data-nip')]),
      );
    await head.click();
    const once = await rowPairs();
    await head.click();
    const pairs = await rowPairs();
    // The two employees differ in JP: the second click did reverse the rows.
    expect(pairs.map(([nip]) => nip)).toEqual(once.map(([nip]) => nip).reverse());
    expect(pairs.length).toBe(2);
    for (const [nip, under] of [...once, ...pairs]) expect(under).toBe(nip);

    // Printed: Hendra's opened details in full, the closed ones not even their summary line.
    await page.emulateMedia({ media: 'print' });
    const pdf = join(dir, 'r.pdf');
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const text = flat(pdfPages(pdf).join(' '));
    expect(text).toContain('Masa kerja: mulai 2005-01-01, berhenti -');
    expect(text).toContain('fixtures/diklat.csv 14 Seminar Manajemen');
    expect(text).toContain('Jumlah JP yang dihitung: 10');
    expect(text).toContain('Rincian: 2 catatan diklat (1 dihitung, 10 JP)');
    expect(text).not.toContain('Rincian: 3 catatan diklat');
    expect(text).not.toContain('Rincian: tidak ada catatan diklat');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
