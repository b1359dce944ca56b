#!/usr/bin/env node
// node scripts/print-previews.mjs: the first printed page of the fixtures' reports as PNGs in
// docs/ (for the README), printed as the print tests print them (scripts/print.mjs): the HTML
// report through Chromium on A4, the Excel report and a per-OPD workbook through LibreOffice.
// Needs a build (npm run build), chromium, LibreOffice and poppler-utils.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstPagePng, launchChromium, printHtml, printXlsx } from './print.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = ['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-t', 'fixtures/lms-simpeg-1252.csv', '-y', '2025', '--exit-zero', '--quiet'];
const tmp = mkdtempSync(join(tmpdir(), 'jp-audit-previews-'));
const cli = (args) => execFileSync(process.execPath, [join(ROOT, 'bin', 'jp-audit.js'), ...args], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
try {
  cli([...MAIN, '--out', join(tmp, 'laporan.html')]);
  cli([...MAIN, '--out', join(tmp, 'laporan.xlsx')]);
  cli([...MAIN, '--by', 'opd', '--out-dir', join(tmp, 'opd'), '--format', 'html']);
  const browser = await launchChromium();
  try {
    firstPagePng(await printHtml(browser, join(tmp, 'laporan.html'), join(tmp, 'html.pdf')), join(ROOT, 'docs', 'print-html.png'));
    firstPagePng(await printHtml(browser, join(tmp, 'opd', 'dinas-kesehatan.html'), join(tmp, 'opd.pdf')), join(ROOT, 'docs', 'print-html-opd.png'));
  } finally {
    await browser.close();
  }
  firstPagePng(printXlsx(join(tmp, 'laporan.xlsx'), join(tmp, 'xlsx.pdf')), join(ROOT, 'docs', 'print-xlsx.png'));
  console.log('docs/print-html.png, docs/print-html-opd.png, docs/print-xlsx.png');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
