import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/rules/duty.js';
import { diffReports } from '../../src/diff/diff.js';
import type { CheckReportInput } from '../../src/diff/input.js';
import { JpAuditError } from '../../src/errors.js';

type Row = [nip: string, status: Status, jp: number, opd?: string, requiredJp?: number];

const POLICY = { requirements: { PNS: { min: 20 }, PPPK: { min: 24 }, CPNS: { min: 20 } }, minutesPerJp: 45, prorate: 'auto', exemptStatuses: ['Tugas Belajar'], latsar: { totalJp: 647 } };

/** A check report as diff reads it, from one row per employee. */
function report(rows: Row[], extra: Partial<CheckReportInput> = {}): CheckReportInput {
  return {
    schemaVersion: 1,
    year: 2025,
    asOf: '2025-12-31',
    policy: POLICY,
    prorated: true,
    summary: { employees: rows.length },
    byOpd: [],
    employees: rows.map(([nip, status, jp, opd = 'Dinas A', requiredJp = 20]) => ({ nip, name: `Pegawai ${nip.slice(-3)}`, type: 'PNS', opd, jp, requiredJp, status })),
    ...extra,
  };
}

const nip = (n: number) => `19850315201001${String(1000 + n).slice(-4)}`;
const opts = { fromFile: 'lama.json', toFile: 'baru.json', lang: 'id' as const };

describe('diffReports', () => {
  const older = report([
    [nip(1), 'compliant', 24],
    [nip(2), 'non-compliant', 8],
    [nip(3), 'non-compliant', 10],
    [nip(4), 'compliant', 30, 'Dinas B'],
    [nip(5), 'compliant', 20, 'Dinas B'],
    [nip(6), 'non-compliant', 0, 'Dinas C'],
    [nip(7), 'non-compliant', 4, 'Dinas C'],
  ]);
  const newer = report([
    [nip(1), 'non-compliant', 12],
    [nip(2), 'compliant', 26],
    [nip(3), 'non-compliant', 14.5],
    [nip(4), 'compliant', 30, 'Dinas B'],
    [nip(5), 'compliant', 20, 'Dinas A'],
    [nip(6), 'exempt', 0, 'Dinas C', 0],
    [nip(8), 'non-compliant', 6, 'Dinas C', 24],
  ]);
  const d = diffReports(older, newer, opts);

  it('gives each employee their change, most urgent first, then by OPD and NIP', () => {
    expect(d.changes.map((c) => [c.nip, c.change])).toEqual([
      [nip(1), 'worsened'],
      [nip(2), 'improved'],
      [nip(8), 'added'],
      [nip(7), 'removed'],
      [nip(6), 'status-changed'],
      [nip(3), 'jp-changed'],
      [nip(5), 'moved'],
    ]);
    expect(d.changes.find((c) => c.nip === nip(1))).toEqual({
      nip: nip(1),
      name: 'Pegawai 001',
      opd: 'Dinas A',
      before: { status: 'compliant', jp: 24, requiredJp: 20, opd: 'Dinas A' },
      after: { status: 'non-compliant', jp: 12, requiredJp: 20, opd: 'Dinas A' },
      change: 'worsened',
      jpGained: -12,
    });
    expect(d.changes.find((c) => c.nip === nip(8))).toMatchObject({ before: null, after: { status: 'non-compliant', jp: 6, requiredJp: 24 }, jpGained: null });
    expect(d.changes.find((c) => c.nip === nip(7))).toMatchObject({ opd: 'Dinas C', before: { jp: 4 }, after: null, jpGained: null });
    expect(d.changes.find((c) => c.nip === nip(5))).toMatchObject({ opd: 'Dinas A', before: { opd: 'Dinas B' }, after: { opd: 'Dinas A' }, jpGained: 0 });
  });

  it('counts every employee once in the summary, changed or not', () => {
    expect(d.summary.changes).toEqual({ worsened: 1, improved: 1, added: 1, removed: 1, statusChanged: 1, jpChanged: 1, moved: 1, unchanged: 1 });
    expect(d.summary.before).toEqual({ employees: 7, audited: 7, compliant: 3, nonCompliant: 4, onTrack: 0, atRisk: 0, exempt: 0, notApplicable: 0, totalJp: 96 });
    expect(d.summary.after).toEqual({ employees: 7, audited: 6, compliant: 3, nonCompliant: 3, onTrack: 0, atRisk: 0, exempt: 1, notApplicable: 0, totalJp: 108.5 });
    // JP gained by the people in both reports only: -12 + 18 + 4.5 (a leaver's and a joiner's JP are not gains).
    expect(d.summary.jpGained).toBe(10.5);
  });

  it('counts each OPD from each report, with its changes and JP gained', () => {
    expect(d.byOpd.map((o) => o.opd)).toEqual(['Dinas A', 'Dinas B', 'Dinas C']);
    const [a, b, c] = d.byOpd;
    expect(a!.before.employees).toBe(3);
    expect(a!.after.employees).toBe(4);
    expect(a!.jpGained).toBe(10.5);
    expect(a!.changes).toMatchObject({ worsened: 1, improved: 1, jpChanged: 1, moved: 1 });
    expect(b!.before.employees).toBe(2);
    expect(b!.after.employees).toBe(1);
    expect(b!.changes).toMatchObject({ unchanged: 1, moved: 0 });
    expect(c!.changes).toMatchObject({ added: 1, removed: 1, statusChanged: 1 });
    expect(c!.after).toMatchObject({ exempt: 1, nonCompliant: 1, audited: 1 });
    // The OPD counts add up to the totals.
    for (const side of ['before', 'after'] as const) expect(d.byOpd.reduce((s, o) => s + o[side].employees, 0)).toBe(d.summary[side].employees);
    const kinds = Object.keys(d.summary.changes) as Array<keyof typeof d.summary.changes>;
    for (const k of kinds) expect(d.byOpd.reduce((s, o) => s + o.changes[k], 0)).toBe(d.summary.changes[k]);
  });

  it('names both reports', () => {
    expect(d).toMatchObject({ schemaVersion: 1, kind: 'diff', lang: 'id', yearChanged: false, policyChanged: false });
    expect(d.from).toEqual({ file: 'lama.json', year: 2025, asOf: '2025-12-31', generatedAt: null });
    expect(diffReports(older, report([], { generatedAt: '2025-12-31T23:00:00.000Z' }), opts).to.generatedAt).toBe('2025-12-31T23:00:00.000Z');
  });

  it('finds nothing between a report and itself', () => {
    const same = diffReports(older, older, opts);
    expect(same.changes).toEqual([]);
    expect(same.summary.changes.unchanged).toBe(7);
    expect(same.summary.jpGained).toBe(0);
  });

  it('adds JP without float noise', () => {
    const a = report([[nip(1), 'non-compliant', 0.1], [nip(2), 'non-compliant', 0.2]]);
    const b = report([[nip(1), 'non-compliant', 0.2], [nip(2), 'non-compliant', 0.4]]);
    const r = diffReports(a, b, opts);
    expect(r.summary.jpGained).toBe(0.3);
    expect(r.summary.after.totalJp).toBe(0.6);
  });

  it('notes a changed duty, but not a changed Latsar curriculum', () => {
    const stricter = report([], { policy: { ...POLICY, requirements: { ...POLICY.requirements, PNS: { min: 24 } } } });
    expect(diffReports(report([]), stricter, opts).policyChanged).toBe(true);
    expect(diffReports(report([]), report([], { prorated: false }), opts).policyChanged).toBe(true);
    expect(diffReports(report([]), report([], { policy: { ...POLICY, latsar: { totalJp: 700 } } }), opts).policyChanged).toBe(false);
  });

  it('during the year: on track to at risk is worse, at risk to compliant better', () => {
    const june = report([[nip(1), 'on-track', 10], [nip(2), 'at-risk', 4]], { asOf: '2025-06-30' });
    const sept = report([[nip(1), 'at-risk', 10], [nip(2), 'compliant', 20]], { asOf: '2025-09-30' });
    expect(diffReports(june, sept, opts).changes.map((c) => c.change)).toEqual(['worsened', 'improved']);
  });
});

describe('diffReports: which reports can be compared', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(JpAuditError);
      return { code: (e as JpAuditError).code, params: (e as JpAuditError).params };
    }
    throw new Error('no error');
  };
  const y2024 = report([[nip(1), 'compliant', 20]], { year: 2024, asOf: '2024-12-31' });
  const y2025 = report([[nip(1), 'at-risk', 2]], { asOf: '2025-03-31' });

  it('refuses two years unless allowed', () => {
    expect(err(() => diffReports(y2024, y2025, opts))).toEqual({ code: 'diff-year-mismatch', params: { oldFile: 'lama.json', newFile: 'baru.json', oldYear: 2024, newYear: 2025 } });
    const d = diffReports(y2024, y2025, { ...opts, allowYearChange: true });
    expect(d.yearChanged).toBe(true);
    expect(d.changes).toMatchObject([{ nip: nip(1), change: 'worsened', before: { status: 'compliant' }, after: { status: 'at-risk' } }]);
  });

  it('refuses the newer report first, in years or in as-of days', () => {
    expect(err(() => diffReports(y2025, y2024, { ...opts, allowYearChange: true }))).toMatchObject({ code: 'diff-reversed', params: { old: 2025, new: 2024 } });
    const sept = report([], { asOf: '2025-09-30' });
    const june = report([], { asOf: '2025-06-30' });
    expect(err(() => diffReports(sept, june, opts))).toMatchObject({ code: 'diff-reversed', params: { old: '2025-09-30', new: '2025-06-30' } });
    expect(diffReports(june, sept, opts).changes).toEqual([]);
  });
});
