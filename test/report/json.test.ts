import { describe, expect, it } from 'vitest';

/** What a stream wrote, as text (a piece from a second thread comes as UTF-8 bytes). */
const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));

/** The fixtures' report, the base every streaming test varies. */
async function fixtureReport() {
  const { buildReport } = await import('../../src/report/model.js');
  const { runCheck } = await import('../../src/check.js');
  return buildReport(await runCheck({ staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv'], year: 2025 }), 'id');
}

describe('JSON written in pieces', () => {
  it('is byte for byte what render gives, for empty, small and chunked employee and finding lists', async () => {
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
      fromColumns += text(c);
    });
    expect(fromColumns).toBe(jsonRenderer.render(lazy, ctx));
    // Findings are written in pieces too: none, and more than one piece of 2,000.
    expect(base.findings.length).toBeGreaterThan(0);
    const manyFindings = { ...base, findings: Array.from({ length: 4500 }, (_, i) => ({ ...base.findings[i % base.findings.length]!, row: i, message: i % 5 ? 'x' : 'kutip "y"\n' })) };
    for (const report of [base, { ...base, employees: [] }, { ...base, findings: [] }, many, oddReport, manyFindings]) {
      const ctx = { lang: 'id' as const, color: false, rawCells: false, view: 'full' as const, generatedAt: new Date(0) };
      let streamed = '';
      await jsonRenderer.stream!(report, ctx, async (c) => {
        streamed += text(c);
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
          streamed += text(c);
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

describe('a large report written by two threads', () => {
  // 7,500 employees (8 pieces) from an audit's columns; some names not ASCII, so that the names go
  // to the second thread as strings, not bytes, in that variant.
  // `wide`: ASCII but for some names with characters past U+00FF whose low byte is ASCII (’ is
  // U+2019, Ł U+0141): not ASCII, however Latin-1 would write them.
  // `long`: ASCII names of 300 characters and more, more than the report kernel's first room for
  // a range's names (its memory grows).
  async function bigReport(ascii: boolean | 'wide' | 'long', asOf?: number) {
    const { Audit } = await import('../../src/engine/fast/audit.js');
    const { DEFAULT_POLICY } = await import('../../src/policy/policy.js');
    const { buildReport } = await import('../../src/report/model.js');
    const { runCheck } = await import('../../src/check.js');
    const base = await runCheck({ staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv'], year: 2025 });
    const audit = new Audit(2025, DEFAULT_POLICY, { prorate: true, ...(asOf ? { asOf } : {}) });
    for (let i = 0; i < 7500; i++) {
      const nip = `19850315201001${String(1000 + ((i * 7919) % 7500)).padStart(4, '0')}`;
      // Names JSON must escape: quotes, a backslash, control characters, U+2028.
      const name = i % 100 === 50 ? `Back\\slash\t${i}\u0001` : ascii === 'wide' && i % 100 === 7 ? `Ma’ruf Łukasz ${i}` : ascii === 'long' ? `Pegawai ${'Panjang '.repeat(40 + (i % 7))}${i}` : ascii || i % 100 ? `Pegawai "${i}", S.Kom.` : `Désirée ${i} \u2028`;
      audit.addEmployee({ nip, name, type: (['PNS', 'PPPK', 'CPNS'] as const)[i % 3]!, opd: `Dinas ${i % 13}`, ...(i % 17 ? {} : { exemptions: [{ reason: 'CLTN' }] }) }, { file: 0, row: i + 2 });
      // JPs with one to three decimals to write (1/7 rounds to 0.143, 0.15 has two), and some to
      // round (0.0005 to 0.001).
      audit.addRecord({ nip, training: 'Bimtek', start: 20250301, end: 20250302, jp: (i % 41) / 2 + (i % 3) / 7 + (i % 5) / 20 + (i % 11 === 0 ? 0.0005 : 0) }, { file: 1, row: i + 2 });
    }
    return buildReport({ ...base, audit: audit.result() }, 'id');
  }

  it('has the report kernel write what jsonItems writes, employees with exemptions included, over any range', async () => {
    const { employeeSource } = await import('../../src/audit/employees.js');
    const { columnsSource } = await import('../../src/engine/fast/columns.js');
    const { asciiNames } = await import('../../src/engine/fast/kernel.js');
    for (const [ascii, asOf] of [[true], [true, 20250630], ['long']] as const) {
      const report = await bigReport(ascii, asOf);
      const columns = employeeSource(report as never).columns!;
      // ASCII names come from the audit as one block of bytes, as a report thread gets them.
      expect(Array.isArray(columns.names)).toBe(false);
      const source = columnsSource(columns);
      expect(source.jsonBytes).toBeDefined();
      for (const [from, to] of [[0, 7500], [0, 1], [17, 18], [100, 5000], [7499, 9000]] as const) {
        expect(Buffer.from(source.jsonBytes!(from, to)).toString('utf8')).toBe(source.jsonItems(from, to));
      }
      // As views of the kernel's memory (for a writer done with each piece before the next): the
      // same text, read before the next call; a view where the kernel wrote the whole piece (one
      // employee in 17 has an exemption, which JavaScript writes: pieces of 8 often have none).
      let views = 0;
      for (let from = 0; from < 7500; from += 8) {
        const bytes = source.jsonBytes!(from, from + 8, true);
        if (bytes.byteLength < bytes.buffer.byteLength) views++;
        expect(Buffer.from(bytes).toString('utf8')).toBe(source.jsonItems(from, from + 8));
      }
      expect(views).toBeGreaterThan(0);
      expect(Buffer.from(source.jsonBytes!(0, 7500, true)).toString('utf8')).toBe(source.jsonItems(0, 7500));
      // Names as strings (an .xlsx roster's), checked ASCII: the kernel writes them from the strings.
      const { bytes, ends } = columns.names as { bytes: Uint8Array; ends: Uint32Array };
      const block = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const strings = Array.from({ length: columns.order.length }, (_, i) => block.toString('latin1', i === 0 ? 0 : ends[i - 1], ends[i]));
      const checked = asciiNames(strings, strings.length);
      expect(checked).toBeDefined();
      expect(checked).toEqual({ strings });
      // Not ASCII, though Latin-1 would write their low bytes as ASCII ('’' is U+2019, 'Ł' U+0141).
      expect(asciiNames([...strings.slice(0, 5000), 'Ma’ruf'], 5001)).toBeUndefined();
      expect(asciiNames(['Łukasz'], 1)).toBeUndefined();
      // Only the first n are looked at.
      expect(asciiNames([...strings.slice(0, 10), 'Łukasz'], 10)).toEqual({ strings: [...strings.slice(0, 10), 'Łukasz'] });
      const fromStrings = columnsSource({ ...columns, names: strings }, checked);
      expect(Buffer.from(fromStrings.jsonBytes!(0, 7500)).toString('utf8')).toBe(source.jsonItems(0, 7500));
    }
  });

  it('is byte for byte what one thread writes (JSON and CSV, ASCII names or not, the year closed or not)', async () => {
    const { jsonRenderer } = await import('../../src/report/render/json.js');
    const { csvRenderer } = await import('../../src/report/render/csv.js');
    for (const [ascii, asOf] of [[true], [false], ['wide'], [true, 20250630]] as const) {
      for (const renderer of [jsonRenderer, csvRenderer]) {
        const streamed = async (threads: number) => {
          const report = await bigReport(ascii, asOf);
          const ctx = { lang: 'id' as const, color: false, rawCells: false, view: 'full' as const, generatedAt: new Date(0), threads, parallelFrom: 0 };
          const parts: Array<string | Uint8Array> = [];
          await renderer.stream!(report, ctx, async (c) => {
            parts.push(c);
          });
          return { parts, whole: parts.map(text).join(''), rendered: await renderer.render(report, ctx) };
        };
        const one = await streamed(1);
        const two = await streamed(2);
        // The second thread did write pieces (as bytes; JSON with ASCII names by the report
        // kernel); the text is the same.
        // In one thread, the employees' pieces are text, except JSON with ASCII names, which the
        // report kernel writes as bytes.
        expect(one.parts.some((p) => typeof p !== 'string')).toBe(renderer === jsonRenderer && ascii === true);
        expect(two.parts.filter((p) => typeof p !== 'string').length).toBeGreaterThanOrEqual(3);
        expect(two.whole).toBe(one.whole);
        expect(one.whole).toBe(one.rendered);
        if (ascii === 'wide') expect(one.whole).toContain('Ma’ruf Łukasz 107');
        // Mid-year, employees are on track or at risk too.
        if (asOf && renderer === jsonRenderer) expect(one.whole).toMatch(/"status": "at-risk"[^]*"status": "on-track"|"status": "on-track"[^]*"status": "at-risk"/);
      }
    }
  }, 60_000);
});
