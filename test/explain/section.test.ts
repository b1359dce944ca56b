import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { ExplainCollector } from '../../src/explain/explain.js';
import { explainSection, HTML_EXPLAIN_LIMITS, planExplainSection } from '../../src/explain/section.js';
import { tempDir } from '../helpers/cli.js';

const FILES = { staff: 'fixtures/pegawai.csv', training: ['fixtures/diklat.csv', 'fixtures/lms-simpeg-1252.csv'] };

describe('the HTML report\'s details: limits', () => {
  it('are the documented ones', () => {
    expect(HTML_EXPLAIN_LIMITS).toEqual({ rosterRows: 10_000, trainingRows: 100_000, inputMegabytes: 16 });
  });

  it('inputs over the size limit: decided before the run, no observer at all (the fast path stays)', () => {
    const dir = tempDir();
    const big = join(dir, 'diklat.csv');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024 + 1, 0x20));
    const plan = planExplainSection({ staff: FILES.staff, training: [big] }, { rosterRows: 10, trainingRows: 10, inputMegabytes: 2 });
    expect(plan).toEqual({ kind: 'omitted', section: { kind: 'omitted', over: 'bytes', limit: 2 } });
    expect(planExplainSection(FILES).kind).toBe('collect');
  });

  it.each([
    [{ rosterRows: 5, trainingRows: 1000, inputMegabytes: 16 }, { kind: 'omitted', over: 'roster', limit: 5 }],
    [{ rosterRows: 1000, trainingRows: 5, inputMegabytes: 16 }, { kind: 'omitted', over: 'training', limit: 5 }],
  ])('a run past %o: the collector lets go of what it had and the section says why', async (limits, expected) => {
    const plan = planExplainSection(FILES, limits);
    if (plan.kind !== 'collect') throw new Error('expected a collector');
    const result = await runCheck({ ...FILES, year: 2025, observer: plan.collector.observer });
    expect(plan.collector.events.size).toBe(0);
    expect(explainSection(plan, result, FILES, limits)).toEqual(expected);
  });

  it('within the limits: every employee, from the observed run; counted JP add up to the audit\'s JP', async () => {
    const plan = planExplainSection(FILES);
    if (plan.kind !== 'collect') throw new Error('expected a collector');
    const result = await runCheck({ ...FILES, year: 2025, observer: plan.collector.observer });
    const section = explainSection(plan, result, FILES);
    if (section.kind !== 'shown') throw new Error('expected the details');
    expect(section.byNip.size).toBe(result.audit.employees.length);
    for (const e of result.audit.employees) {
      const x = section.byNip.get(e.nip)!;
      const sum = x.records.filter((r) => r.outcome === 'counted').reduce((s, r) => s + r.jp!, 0);
      expect(Math.round(sum * 1000) / 1000, e.nip).toBe(e.jp);
    }
  });

  it('a collector without limits keeps everything', () => {
    const c = new ExplainCollector();
    for (let i = 0; i < 5; i++) c.observer.record({ file: 1, row: i + 2 }, { nip: '198503152010011001', training: 'x', start: 20250101, end: 20250101, jp: 2 }, { kind: 'counted' });
    expect(c.overflow).toBeUndefined();
    expect(c.events.get('198503152010011001')).toHaveLength(5);
  });
});
