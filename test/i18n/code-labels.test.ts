import { describe, expect, it } from 'vitest';
import { FINDING_SEVERITY, type FindingCode } from '../../src/audit/findings.js';
import { catalogue, LANGS } from '../../src/i18n/index.js';
import { findingsSection } from '../../src/report/html/sections.js';
import type { ReportFinding } from '../../src/report/model.js';

// Every finding code (the audit's, which Latsar and validate share) has a short name in every
// language: tables show it, the code stays in JSON and beside the name.
const codes = Object.keys(FINDING_SEVERITY) as FindingCode[];

describe('finding codes have a label in every catalogue', () => {
  it.each(LANGS.flatMap((lang) => codes.map((code) => [lang, code] as const)))('%s: %s', (lang, code) => {
    const label = catalogue(lang).codeLabels[code];
    expect(typeof label).toBe('string');
    expect(label.trim()).not.toBe('');
    expect(label).not.toBe(code);
  });

  it('and no label for a code that does not exist', () => {
    for (const lang of LANGS) expect(Object.keys(catalogue(lang).codeLabels).sort()).toEqual([...codes].sort());
  });

  it('Indonesian and English labels differ (the English catalogue is not a copy)', () => {
    const same = codes.filter((c) => catalogue('id').codeLabels[c] === catalogue('en').codeLabels[c]);
    expect(same).toEqual([]);
  });
});

describe('the HTML findings table', () => {
  const f: ReportFinding = { code: 'unknown-nip', severity: 'warning', file: 'diklat.csv', row: 3, column: 'NIP', value: '198503152010011009', message: 'x' };
  const num = new Intl.NumberFormat('id-ID');
  it.each([
    ['id', 'Temuan', 'NIP tidak terdaftar'],
    ['en', 'Finding', 'NIP not on the roster'],
  ] as const)('%s: the label to read, the code under it and as its tooltip', (lang, head, label) => {
    const html = findingsSection([f], catalogue(lang), num);
    expect(html).toContain(`<th scope="col">${head}</th>`);
    expect(html).toContain(`<td class="finding" title="unknown-nip">${label}<small class="sub">unknown-nip</small></td>`);
  });
});
