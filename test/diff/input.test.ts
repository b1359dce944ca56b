import { describe, expect, it } from 'vitest';
import { parseCheckReport } from '../../src/diff/input.js';
import { JpAuditError } from '../../src/errors.js';
import { errorMessage } from '../../src/i18n/index.js';

const EMPLOYEE = { nip: '198503152010011001', name: 'Budi Santoso', type: 'PNS', opd: 'Dinas Kesehatan', jp: 24, requiredJp: 20, expectedJp: 20, shortfallJp: 0, status: 'compliant', months: 12, records: 2, exemptReason: null };
const REPORT = { schemaVersion: 1, year: 2025, asOf: '2025-12-31', shape: 'separate', lang: 'id', policy: {}, prorated: true, inputs: [], summary: { employees: 1 }, byType: [], byOpd: [], employees: [EMPLOYEE], findingCounts: {}, findings: [] };

function failure(text: string): { code: string; params: Record<string, unknown>; file?: string; id: string; en: string } {
  try {
    parseCheckReport(text, 'lama.json');
  } catch (e) {
    if (!(e instanceof JpAuditError)) throw e;
    return { code: e.code, params: { ...e.params }, file: e.file, id: errorMessage(e, 'id'), en: errorMessage(e, 'en') };
  }
  throw new Error('parsed');
}

const withEmployee = (patch: Record<string, unknown>) => JSON.stringify({ ...REPORT, employees: [{ ...EMPLOYEE, ...patch }] });

describe('parseCheckReport', () => {
  it('reads a check report, BOM or not, and keeps what diff needs', () => {
    const r = parseCheckReport(JSON.stringify(REPORT), 'x.json');
    expect(r.employees[0]).toMatchObject({ nip: '198503152010011001', status: 'compliant', jp: 24, requiredJp: 20, opd: 'Dinas Kesehatan' });
    expect(parseCheckReport(`\uFEFF${JSON.stringify(REPORT)}`, 'x.json').year).toBe(2025);
  });

  it.each([
    ['an empty file', '', 'diff-not-json', { look: 'empty' }],
    ['a CSV report', 'NIP,Nama,Jenis\n198503152010011001,Budi,PNS\n', 'diff-not-json', { look: 'text' }],
    ['an HTML report', '<!doctype html><html></html>', 'diff-not-json', { look: 'html' }],
    ['an Excel report', 'PK\u0003\u0004....', 'diff-not-json', { look: 'xlsx' }],
    ['JSON cut short', '{"schemaVersion": 1, "year"', 'diff-not-json', { look: 'broken' }],
    ['a JSON list', '[1, 2]', 'diff-not-check-report', { path: '(file)', problem: 'type' }],
    ['a Latsar report', JSON.stringify({ schemaVersion: 1, kind: 'latsar', participants: [] }), 'diff-wrong-kind', { kind: 'latsar' }],
    ['a diff report', JSON.stringify({ schemaVersion: 1, kind: 'diff', changes: [] }), 'diff-wrong-kind', { kind: 'diff' }],
    ['schemaVersion 2', JSON.stringify({ ...REPORT, schemaVersion: 2 }), 'diff-schema-version', { version: '2', supported: 1 }],
    ['no schemaVersion', JSON.stringify({ ...REPORT, schemaVersion: undefined }), 'diff-not-check-report', { path: 'schemaVersion', problem: 'missing' }],
    ['no employees', JSON.stringify({ ...REPORT, employees: undefined }), 'diff-not-check-report', { path: 'employees', problem: 'missing' }],
    ['a year as text', JSON.stringify({ ...REPORT, year: '2025' }), 'diff-not-check-report', { path: 'year', problem: 'type', expected: 'number' }],
    ['an unknown status', withEmployee({ status: 'lulus' }), 'diff-not-check-report', { path: 'employees[0].status', problem: 'value', value: '"lulus"' }],
    ['an NIP Excel broke', withEmployee({ nip: '1.98503E+17' }), 'diff-not-check-report', { path: 'employees[0].nip', problem: 'nip' }],
    ['an NIP as a number', withEmployee({ nip: 198503152010011000 }), 'diff-not-check-report', { path: 'employees[0].nip', problem: 'type' }],
    ['a negative JP', withEmployee({ jp: -2 }), 'diff-not-check-report', { path: 'employees[0].jp', problem: 'range' }],
    ['no required JP', withEmployee({ requiredJp: undefined }), 'diff-not-check-report', { path: 'employees[0].requiredJp', problem: 'missing' }],
    ['a bad as-of day', JSON.stringify({ ...REPORT, asOf: '31/12/2025' }), 'diff-not-check-report', { path: 'asOf', problem: 'format' }],
    ['an NIP twice', JSON.stringify({ ...REPORT, employees: [EMPLOYEE, { ...EMPLOYEE, opd: 'Dinas B' }] }), 'diff-duplicate-nip', { nip: '198503152010011001', first: 0, second: 1 }],
  ])('refuses %s', (_what, text, code, params) => {
    const f = failure(text);
    expect(f.code).toBe(code);
    expect(f.params).toMatchObject(params);
    expect(f.file).toBe('lama.json');
    // A message in each language, naming the file, with no code or placeholder left in it.
    for (const m of [f.id, f.en]) {
      expect(m.startsWith('lama.json: ')).toBe(true);
      expect(m).not.toMatch(/undefined|\[object|diff-/);
    }
  });

  it('lets keys it does not read through (a later jp-audit may add some)', () => {
    const r = parseCheckReport(JSON.stringify({ ...REPORT, newKey: 1, employees: [{ ...EMPLOYEE, newField: 'x' }] }), 'x.json');
    expect(r.employees).toHaveLength(1);
  });
});
