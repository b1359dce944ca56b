// Printing reports as an office would: the HTML report through Chromium (playwright-core's
// page.pdf, A4, as "Save as PDF" does) and the Excel report through LibreOffice (soffice
// --convert-to pdf); then the PDF's pages as text (pdftotext) and its first page as a PNG
// (pdftoppm), both from poppler-utils. The print tests and scripts/print-previews.mjs share it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
export const POPPLER = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');

/** Launches headless Chromium (close it when done). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Prints an HTML file to `pdf` as Chromium's "Save as PDF" does on A4: the page's own @page rules
 * (margins, running title) decide, no header or footer of the browser's.
 */
export async function printHtml(browser, html, pdf) {
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(html).href);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await page.close();
  }
  return pdf;
}

/** Prints a workbook to `pdf` with LibreOffice: every sheet, with its own page set-up. */
export function printXlsx(xlsx, pdf) {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed');
  const out = mkdtempSync(join(tmpdir(), 'jp-audit-print-'));
  try {
    // A profile of its own: a user's running LibreOffice, or another test's, does not interfere.
    execFileSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(out, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', out, xlsx], { stdio: 'ignore', timeout: 120_000 });
    renameSync(join(out, basename(xlsx).replace(/\.xlsx$/i, '.pdf')), pdf);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return pdf;
}

/** The text of each page of a PDF, in order (pdftotext splits pages with a form feed). */
export function pdfPages(pdf) {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = text.split('\f');
  if (pages.at(-1).trim() === '') pages.pop();
  return pages;
}

/** The page size of a PDF's first page in millimetres, rounded. */
export function pdfPageSize(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return m ? { width: Math.round((Number(m[1]) / 72) * 25.4), height: Math.round((Number(m[2]) / 72) * 25.4) } : null;
}

/** The first page of a PDF as a PNG at `png` (`dpi` dots per inch). */
export function firstPagePng(pdf, png, dpi = 80) {
  const stem = join(dirname(png), basename(png).replace(/\.png$/i, ''));
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdf, stem], { stdio: 'ignore' });
  return readFileSync(png);
}
