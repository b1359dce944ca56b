import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barChart, histogram, jpBins } from '../../src/report/html/charts.js';
import { esc } from '../../src/report/html/escape.js';
import { run, tempDir } from '../helpers/cli.js';

describe('HTML report (static)', () => {
  it('escapes every user value', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('bins JP per employee, with exactly 0 apart and an open last bin', () => {
    const bins = jpBins([0, 0, 0.5, 4.9, 5, 19.5, 20, 24, 39, 40, 647], 5, 40);
    expect(bins.map((b) => [b.from, b.count])).toEqual([[0, 2], [0, 2], [5, 1], [10, 0], [15, 1], [20, 2], [25, 0], [30, 0], [35, 1], [40, 2]]);
  });

  it('draws one bar per OPD and one dashed line per required JP', () => {
    const svg = barChart([{ label: '<b>Dinas</b>', value: 0.5, text: '50%' }, { label: 'B', value: 1, text: '100%' }], 'chart');
    expect(svg.match(/<rect class="bar /g)).toHaveLength(2);
    expect(svg).toContain('&lt;b&gt;Dinas&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    const h = histogram(jpBins([1, 2, 30], 5, 40), [{ jp: 20, label: 'a', types: ['PNS'] }, { jp: 24, label: 'b', types: ['PPPK'] }], 'h', { x: 'JP', y: 'pegawai' });
    expect(h.match(/class="threshold"/g)).toHaveLength(2);
  });

  it('is self-contained and shows hostile names as text', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.html');
    const r = await run(['check', 'fixtures/hostile/pegawai-jahat.csv', '-y', '2025', '--out', out]);
    expect(r.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img /);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Nothing is fetched at view time: no external URL in src/href, and a CSP that forbids it.
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).toContain(`default-src 'none'`);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('speaks Indonesian dates and words by default, English with --lang en', async () => {
    const dir = tempDir();
    await run(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '--out', join(dir, 'id.html')]);
    await run(['check', 'fixtures/pegawai.csv', '-t', 'fixtures/diklat.csv', '-y', '2025', '--out', join(dir, 'en.html'), '--lang', 'en']);
    const id = readFileSync(join(dir, 'id.html'), 'utf8');
    const en = readFileSync(join(dir, 'en.html'), 'utf8');
    expect(id).toContain('<html lang="id">');
    expect(id).toContain('Periode: 1 Januari 2025 – 31 Desember 2025');
    expect(id).toContain('Pegawai yang belum memenuhi (7)');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Period: 1 January 2025 – 31 December 2025');
    expect(en).toContain('Non-compliant employees (7)');
  });
});
