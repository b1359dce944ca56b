import { describe, expect, it } from 'vitest';
import { Audit, RecordCounter } from '../../src/engine/fast/audit.js';
import { compareText, type Employee, type TrainingRecord } from '../../src/audit/types.js';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/policy.js';
import { Findings } from '../../src/audit/findings.js';

const PNS: Employee = { nip: '198503152010011001', name: 'Budi', type: 'PNS', opd: 'Dinas Kesehatan' };
const PPPK: Employee = { nip: '199507172024211001', name: 'Fajar', type: 'PPPK', opd: 'Dinas Pendidikan' };
const CPNS: Employee = { nip: '200001012025011006', name: 'Yoga', type: 'CPNS', opd: 'BKPSDM' };

const rec = (nip: string, jp: number, end = 20250630, training = 'Pelatihan A', start = end): TrainingRecord => ({ nip, training, start, end, jp });

function audit(employees: Employee[], records: TrainingRecord[], policy: Policy = DEFAULT_POLICY, year = 2025) {
  const a = new Audit(year, policy);
  employees.forEach((e, i) => a.addEmployee(e, { file: 0, row: i + 2 }));
  const outcomes = records.map((r, i) => a.addRecord(r, { file: 1, row: i + 2 }).kind);
  return { result: a.result(), outcomes };
}

describe('yearly duty (defaults: PNS 20, PPPK 24, CPNS 20; compliant when JP >= required)', () => {
  it.each([
    [PNS, [], 0, 'non-compliant', 20],
    [PNS, [19.5], 19.5, 'non-compliant', 0.5],
    [PNS, [20], 20, 'compliant', 0],
    [PNS, [12, 8], 20, 'compliant', 0],
    [PPPK, [20], 20, 'non-compliant', 4],
    [PPPK, [24], 24, 'compliant', 0],
    [CPNS, [19], 19, 'non-compliant', 1],
    [CPNS, [647], 647, 'compliant', 0],
  ] as const)('%o with records %j -> %d JP, %s, shortfall %d', (employee, jps, jp, status, shortfall) => {
    const { result } = audit([employee], jps.map((j, i) => rec(employee.nip, j, 20250101 + i, `T${i}`)));
    expect(result.employees[0]).toMatchObject({ jp, status, shortfallJp: shortfall, records: jps.length });
  });

  it('adds decimal JP without floating-point residue', () => {
    const { result } = audit([PNS], [rec(PNS.nip, 0.1, 20250101, 'a'), rec(PNS.nip, 0.2, 20250102, 'b'), rec(PNS.nip, 19.7, 20250103, 'c')]);
    expect(result.employees[0]).toMatchObject({ jp: 20, status: 'compliant' });
  });

  it('uses the policy it is given', () => {
    const policy: Policy = { ...DEFAULT_POLICY, requirements: { ...DEFAULT_POLICY.requirements, PNS: { min: 40 } } };
    const { result } = audit([PNS], [rec(PNS.nip, 30)], policy);
    expect(result.employees[0]).toMatchObject({ requiredJp: 40, shortfallJp: 10, status: 'non-compliant' });
  });
});

describe('which records count', () => {
  it.each([
    ['ends in the year', rec(PNS.nip, 5, 20251231, 'x', 20251201), 'counted'],
    ['starts the year before, ends in it (year of the end date)', rec(PNS.nip, 5, 20250110, 'x', 20241215), 'counted'],
    ['starts in the year, ends the next', rec(PNS.nip, 5, 20260105, 'x', 20251220), 'outside-period'],
    ['the year before', rec(PNS.nip, 5, 20241231), 'outside-period'],
    ['NIP not on the roster', rec('199909092020121010', 5), 'unknown-nip'],
  ])('%s -> %s', (_what, record, outcome) => {
    expect(audit([PNS], [record]).outcomes).toEqual([outcome]);
  });

  it('counts a training once: same NIP, name (case and spaces folded), start and end', () => {
    const { result, outcomes } = audit(
      [PNS],
      [
        rec(PNS.nip, 10, 20250228, 'Pelatihan Kepemimpinan Pengawas', 20250203),
        rec(PNS.nip, 10, 20250228, '  pelatihan   KEPEMIMPINAN pengawas ', 20250203),
        rec(PNS.nip, 10, 20250301, 'Pelatihan Kepemimpinan Pengawas', 20250203),
        rec(PNS.nip, 10, 20250228, 'Pelatihan Kepemimpinan Administrator', 20250203),
      ],
    );
    expect(outcomes).toEqual(['counted', 'duplicate', 'counted', 'counted']);
    expect(result.employees[0]!.jp).toBe(30);
  });

  it('reports the later copy of a duplicate and points at the first', () => {
    const a = new Audit(2025, DEFAULT_POLICY);
    a.addEmployee(PNS, { file: 0, row: 2 });
    a.addRecord(rec(PNS.nip, 4), { file: 1, row: 7 });
    expect(a.addRecord(rec(PNS.nip, 4), { file: 2, row: 3 })).toEqual({ kind: 'duplicate', first: { file: 1, row: 7 } });
  });

  it('without a training name, only records with the same JP are one', () => {
    expect(audit([PNS], [rec(PNS.nip, 2, 20250505, ''), rec(PNS.nip, 3, 20250505, ''), rec(PNS.nip, 2, 20250505, '')]).outcomes).toEqual([
      'counted',
      'counted',
      'duplicate',
    ]);
  });

  it('says when an unknown NIP was on the roster but its row was rejected', () => {
    const a = new Audit(2025, DEFAULT_POLICY);
    a.noteRejectedEmployee(PNS.nip, { file: 0, row: 9 });
    expect(a.addRecord(rec(PNS.nip, 4), { file: 1, row: 2 })).toEqual({ kind: 'unknown-nip', rejectedAt: { file: 0, row: 9 } });
  });
});

describe('counting in other threads', () => {
  it('a counter rebuilt from the roster index counts as the audit would, and its counts add up', () => {
    const a = new Audit(2025, DEFAULT_POLICY);
    a.addEmployee(PNS, { file: 0, row: 2 });
    a.addEmployee(PPPK, { file: 0, row: 3 });
    a.noteRejectedEmployee('199909092020121010', { file: 0, row: 9 });
    const c = RecordCounter.fromIndex(2025, a.asOf, structuredClone(a.rosterIndex()));
    expect(c.addRecord(rec(PPPK.nip, 10), { file: 1, row: 2 }).kind).toBe('counted');
    expect(c.addRecord(rec(PPPK.nip, 10), { file: 1, row: 3 })).toEqual({ kind: 'duplicate', first: { file: 1, row: 2 } });
    expect(c.addRecord(rec('199909092020121010', 1), { file: 1, row: 4 })).toEqual({ kind: 'unknown-nip', rejectedAt: { file: 0, row: 9 } });
    a.addRecord(rec(PNS.nip, 3), { file: 1, row: 5 });
    a.addCounts(c.jp, c.records);
    const byNip = Object.fromEntries(a.result().employees.map((e) => [e.nip, [e.jp, e.records]]));
    expect(byNip).toEqual({ [PNS.nip]: [3, 1], [PPPK.nip]: [10, 1] });
  });

  it('refuses a record after the duplicate set was freed', () => {
    const a = new Audit(2025, DEFAULT_POLICY);
    a.addEmployee(PNS, { file: 0, row: 2 });
    a.closeRecords();
    expect(() => a.addRecord(rec(PNS.nip, 4), { file: 1, row: 2 })).toThrow(/after close/);
    expect(a.addRecord({ ...rec(PNS.nip, 4), end: 20240101, start: 20240101 }, { file: 1, row: 3 }).kind).toBe('outside-period');
  });
});

describe('the roster', () => {
  it('keeps the first row of a NIP and reports the second', () => {
    const a = new Audit(2025, DEFAULT_POLICY);
    expect(a.addEmployee(PNS, { file: 0, row: 2 })).toEqual({ kind: 'added' });
    expect(a.addEmployee({ ...PNS, opd: 'Lain' }, { file: 0, row: 5 })).toEqual({ kind: 'duplicate', first: { file: 0, row: 2 } });
    expect(a.result().employees).toHaveLength(1);
    expect(a.result().employees[0]!.opd).toBe('Dinas Kesehatan');
  });

  it('audits recap totals as they stand', () => {
    const a = new Audit(2025, DEFAULT_POLICY);
    a.addEmployee(PPPK, { file: 0, row: 2 });
    a.setTotal(PPPK.nip, 26);
    expect(a.result().employees[0]).toMatchObject({ jp: 26, status: 'compliant' });
  });
});

describe('summaries', () => {
  it('groups by OPD and type, sorted by OPD then NIP', () => {
    const other: Employee = { ...PNS, nip: '199001012015032002', name: 'Siti' };
    const { result } = audit([other, PPPK, PNS, CPNS], [rec(PNS.nip, 20), rec(PPPK.nip, 10)]);
    expect(result.employees.map((e) => e.nip)).toEqual([CPNS.nip, PNS.nip, other.nip, PPPK.nip]);
    const z = { onTrack: 0, atRisk: 0, exempt: 0, notApplicable: 0 };
    expect(result.byOpd).toEqual([
      { opd: 'BKPSDM', employees: 1, audited: 1, compliant: 0, nonCompliant: 1, ...z, complianceRate: 0, totalJp: 0, averageJp: 0 },
      { opd: 'Dinas Kesehatan', employees: 2, audited: 2, compliant: 1, nonCompliant: 1, ...z, complianceRate: 0.5, totalJp: 20, averageJp: 10 },
      { opd: 'Dinas Pendidikan', employees: 1, audited: 1, compliant: 0, nonCompliant: 1, ...z, complianceRate: 0, totalJp: 10, averageJp: 10 },
    ]);
    expect(result.byType).toEqual([
      { type: 'PNS', employees: 2, audited: 2, compliant: 1, nonCompliant: 1, ...z, complianceRate: 0.5 },
      { type: 'PPPK', employees: 1, audited: 1, compliant: 0, nonCompliant: 1, ...z, complianceRate: 0 },
      { type: 'CPNS', employees: 1, audited: 1, compliant: 0, nonCompliant: 1, ...z, complianceRate: 0 },
    ]);
    expect(result.summary).toEqual({ employees: 4, audited: 4, compliant: 1, nonCompliant: 3, ...z, complianceRate: 0.25, totalJp: 30 });
  });

  it('gives no rate for an empty roster', () => {
    expect(audit([], []).result.summary.complianceRate).toBeNull();
  });

  it('orders names without depending on the locale', () => {
    expect(['dinas b', 'Dinas A', 'BKPSDM', 'Dinas a'].sort(compareText)).toEqual(['BKPSDM', 'Dinas A', 'Dinas a', 'dinas b']);
  });
});

describe('findings', () => {
  it('keep the first of a kind per file up to the limit, count the rest, and say so at the end', () => {
    const f = new Findings(2);
    for (let row = 2; row < 7; row++) f.add('unknown-nip', { file: 'b.csv', row }, { nip: 'x' });
    f.add('unknown-nip', { file: 'a.csv', row: 9 }, { nip: 'y' });
    f.add('duplicate-record', { file: 'b.csv', row: 8 });
    f.omit('a.csv', 'invalid-date', 4);
    expect(f.list.map((x) => `${x.file}:${x.row}`)).toEqual(['b.csv:2', 'b.csv:3', 'a.csv:9', 'b.csv:8']);
    expect(f.all().slice(4)).toEqual([
      { code: 'findings-omitted', severity: 'info', file: 'a.csv', args: { code: 'invalid-date', count: 4, limit: 2 } },
      { code: 'findings-omitted', severity: 'info', file: 'b.csv', args: { code: 'unknown-nip', count: 3, limit: 2 } },
    ]);
    expect(new Findings().all()).toEqual([]);
  });
});

describe('duties in the result', () => {
  it('plain employees share their type duty; one with service dates or an exemption gets its own', () => {
    const a = new Audit(2025, DEFAULT_POLICY, { prorate: true });
    const joiner = { ...PNS, nip: '199001012015032002', service: { start: 20250701 } };
    const exempt = { ...PNS, nip: '198811112014021005', exemptions: [{ reason: 'Tugas Belajar' }] };
    for (const [i, e] of [PNS, joiner, exempt, PPPK].entries()) a.addEmployee(e, { file: 0, row: i + 2 });
    a.addRecord(rec(joiner.nip, 10), { file: 1, row: 2 });
    const by = Object.fromEntries(a.result().employees.map((e) => [e.nip, [e.requiredJp, e.status, e.months, e.exemptReason]]));
    expect(by).toEqual({
      [PNS.nip]: [20, 'non-compliant', 12, null],
      [joiner.nip]: [10, 'compliant', 6, null],
      [exempt.nip]: [0, 'exempt', 0, 'Tugas Belajar'],
      [PPPK.nip]: [24, 'non-compliant', 12, null],
    });
  });
});

describe("a result's employees, made from the audit's columns when asked for", () => {
  // 5,000 employees over 7 OPDs, of every type, some with service dates (some starting next year) or an exemption.
  function big(asOf?: number) {
    const a = new Audit(2025, DEFAULT_POLICY, { prorate: true, ...(asOf ? { asOf } : {}) });
    for (let i = 0; i < 5000; i++) {
      const e: Employee = { nip: `19850315201001${String(1000 + ((i * 7919) % 5000)).padStart(4, '0')}`, name: `Pegawai ${i}`, type: (['PNS', 'PPPK', 'CPNS'] as const)[i % 3]!, opd: `Dinas ${i % 7}` };
      if (i % 11 === 0) e.service = { start: 20250701 };
      if (i % 13 === 0) e.exemptions = [{ reason: 'Tugas belajar', from: 20250101, to: 20250331 }];
      if (i % 17 === 0) e.exemptions = [{ reason: 'CLTN' }];
      if (i % 19 === 0) e.service = { start: 20260101 };
      a.addEmployee(e, { file: 0, row: i + 2 });
      for (let k = 0; k < i % 5; k++) a.addRecord(rec(e.nip, 3.5 + k, 20250301 + k, `Pelatihan ${k}`), { file: 1, row: i * 5 + k + 2 });
    }
    return a.result();
  }

  it('gives the same employees by ranges as the whole list, in order, and the list once read stays', async () => {
    const { employeeSource } = await import('../../src/audit/employees.js');
    const lazy = big();
    const source = employeeSource(lazy);
    expect(source.length).toBe(5000);
    const ranges = [...source.range(0, 1), ...source.range(1, 1999), ...source.range(1999, 4000), ...source.range(4000, 9000)];
    expect(source.range(5000, 6000)).toEqual([]);
    // Read twice, the list is one array; the source then reads from it.
    const list = lazy.employees;
    expect(lazy.employees).toBe(list);
    expect(employeeSource(lazy).range(10, 12)).toEqual(list.slice(10, 12));
    expect(ranges).toEqual(list);
    expect(list.map((e) => `${e.opd}|${e.nip}`)).toEqual(list.map((e) => `${e.opd}|${e.nip}`).sort());
    expect(new Set(list.map((e) => e.status)).size).toBeGreaterThan(2);
    // The figures agree with the employees they were counted from without them.
    expect(lazy.summary.employees).toBe(5000);
    expect(lazy.summary.nonCompliant).toBe(list.filter((e) => e.status === 'non-compliant').length);
    expect(lazy.byOpd.map((o) => o.totalJp)).toEqual(lazy.byOpd.map((o) => Math.round(list.filter((e) => e.opd === o.opd).reduce((s, e) => s + e.jp, 0) * 100) / 100));
  });

  it('counts the figures (by status, type and OPD) as the employees list them, the year closed or not', async () => {
    const { countsOf, rate } = await import('../../src/audit/counts.js');
    for (const asOf of [undefined, 20250630]) {
      const r = big(asOf);
      const list = r.employees;
      // Every status shows up, so a status counted under another's name is seen.
      expect([...new Set(list.map((e) => e.status))].sort()).toEqual(asOf ? ['at-risk', 'compliant', 'exempt', 'not-applicable', 'on-track'] : ['compliant', 'exempt', 'non-compliant', 'not-applicable']);
      expect(r.summary).toMatchObject(countsOf(list));
      // A type's rate is compliant over audited, as everywhere (null when nobody is audited).
      expect(r.byType).toEqual(
        (['PNS', 'PPPK', 'CPNS'] as const).map((type) => {
          const c = countsOf(list.filter((e) => e.type === type));
          return { type, ...c, complianceRate: rate(c.compliant, c.audited) };
        }),
      );
      for (const o of r.byOpd) expect(o).toMatchObject(countsOf(list.filter((e) => e.opd === o.opd)));
      expect(r.byOpd.map((o) => o.opd)).toEqual([...new Set(list.map((e) => e.opd))]);
    }
  });

  it('looks like a plain array to JSON, spreading and assignment', () => {
    const a = big();
    const b = big();
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify({ ...b, employees: [...b.employees] })));
    expect(Object.keys(a)).toEqual(['year', 'asOf', 'summary', 'byType', 'byOpd', 'employees']);
    const c = big();
    c.employees = [];
    expect(c.employees).toEqual([]);
  });
});
