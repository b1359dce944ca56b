import { describe, expect, it } from 'vitest';

/** The fixtures' report, the base every streaming test varies. */
async function fixtureReport() {
  const { buildReport } = await import('../../src/report/model.js');
  const { runCheck } = await import('../../src/check.js');
  return buildReport(await runCheck({ staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv'], year: 2025 }), 'id');
}

describe('JSON written in pieces', () => {
  it('is byte for byte what render gives, for empty, small and chunked employee lists', async () => {
    const { jsonRenderer } = await import('../../src/report/render/json.js');
    const base = await fixtureReport();
    const many = { ...base, employees: Array.from({ length: 4321 }, (_, i) => ({ ...base.employees[i % base.employees.length]!, nip: String(i) })) };
    // Strings JSON must escape, numbers of every kind, null and nested values (the slow way).
    const odd = [
      { ...base.employees[0]!, name: 'Budi "Bud" \\ Santoso\n\u0001\u2028é', jp: 1e21, shortfallJp: -0, records: 0.1 + 0.2 },
      { ...base.employees[0]!, exemptReason: null, jp: Number.NaN, months: Number.POSITIVE_INFINITY },
      { ...base.employees[0]!, extra: { a: [1, { b: 'c' }] } },
      { ...base.employees[0]!, gone: undefined, yes: true, no: false },
      {},
    ];
    const oddReport = { ...base, employees: odd as unknown as typeof base.employees };
    // A report fresh from the audit streams its employees from the columns, never as one list.
    const lazy = await fixtureReport();
    const ctx = { lang: 'id' as const, color: false, rawCells: false, view: 'full' as const, generatedAt: new Date(0) };
    let fromColumns = '';
    await jsonRenderer.stream!(lazy, ctx, async (c) => {
      fromColumns += c;
    });
    expect(fromColumns).toBe(jsonRenderer.render(lazy, ctx));
    for (const report of [base, { ...base, employees: [] }, many, oddReport]) {
      const ctx = { lang: 'id' as const, color: false, rawCells: false, view: 'full' as const, generatedAt: new Date(0) };
      let streamed = '';
      await jsonRenderer.stream!(report, ctx, async (c) => {
        streamed += c;
      });
      expect(streamed).toBe(jsonRenderer.render(report, ctx));
    }
  });
});

describe('CSV written in pieces', () => {
  it('is byte for byte what render gives, for the full view, chunked, and the overview', async () => {
    const { csvRenderer } = await import('../../src/report/render/csv.js');
    const { parse } = await import('csv-parse/sync');
    const base = await fixtureReport();
    // Names that need quoting (a comma, a quote, a line end) and one that looks like a formula.
    const many = { ...base, employees: Array.from({ length: 4321 }, (_, i) => ({ ...base.employees[i % base.employees.length]!, nip: String(i), name: i % 7 ? `N ${i}` : '=1+1, "x"\n' })) };
    for (const view of ['full', 'overview'] as const) {
      for (const report of [base, { ...base, employees: [] }, many]) {
        const ctx = { lang: 'id' as const, color: false, rawCells: false, view, generatedAt: new Date(0) };
        let streamed = '';
        await csvRenderer.stream!(report, ctx, async (c) => {
          streamed += c;
        });
        const whole = csvRenderer.render(report, ctx) as string;
        expect(streamed).toBe(whole);
        const rows = parse(whole) as string[][];
        expect(rows).toHaveLength((view === 'full' ? report.employees.length : report.byOpd.length) + 1);
        if (view === 'full' && report === many) expect(rows[1]!.slice(0, 2)).toEqual(['0', "'=1+1, \"x\"\n"]);
      }
    }
  });
});
