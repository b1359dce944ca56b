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
    // The plan carries what the section needs after the run: the run's files, the limits.
    expect(plan.files).toEqual([FILES.staff, ...FILES.training]);
    expect(plan.limits).toEqual(limits);
    const result = await runCheck({ ...FILES, year: 2025, observer: plan.collector.observer });
    expect(plan.collector.events.size).toBe(0);
    expect(explainSection(plan, result)).toEqual(expected);
  });

  it('within the limits: every employee, from the observed run; counted JP add up to the audit\'s JP', async () => {
    const plan = planExplainSection(FILES);
    if (plan.kind !== 'collect') throw new Error('expected a collector');
    const result = await runCheck({ ...FILES, year: 2025, observer: plan.collector.observer });
    const section = explainSection(plan, result);
    if (section.kind !== 'shown') throw new Error('expected the details');
    for (const e of result.audit.employees) {
      const x = section.of(e.nip)!;
      expect(x.nip).toBe(e.nip);
      const sum = x.records.filter((r) => r.outcome === 'counted').reduce((s, r) => s + r.jp!, 0);
      expect(Math.round(sum * 1000) / 1000, e.nip).toBe(e.jp);
    }
  });

  it('a delimited text file with more lines than the limit allows: decided before the run, from its lines', () => {
    const dir = tempDir();
    const staff = join(dir, 'pegawai.csv');
    writeFileSync(staff, `\ufeffNIP,Nama,OPD\r\n${'198503152010011001,A,B\r\n'.repeat(40)}`);
    expect(planExplainSection({ staff, training: [] }, { rosterRows: 20, trainingRows: 10, inputMegabytes: 16 })).toEqual({ kind: 'omitted', section: { kind: 'omitted', over: 'roster', limit: 20 } });
    expect(planExplainSection({ staff, training: [] }, { rosterRows: 30, trainingRows: 10, inputMegabytes: 16 }).kind).toBe('collect');
    const training = join(dir, 'diklat.csv');
    writeFileSync(training, `NIP,JP\n${'198503152010011001,2\n'.repeat(60)}`);
    expect(planExplainSection({ staff: FILES.staff, training: [training] }, { rosterRows: 100, trainingRows: 30, inputMegabytes: 16 })).toEqual({ kind: 'omitted', section: { kind: 'omitted', over: 'training', limit: 30 } });
    // JSON's lines say nothing of its records: left to the collector.
    const json = join(dir, 'diklat.json');
    writeFileSync(json, JSON.stringify(Array.from({ length: 40 }, () => ({ nipBaru: '198503152010011001', jumlahJam: 2 })), null, 2));
    expect(planExplainSection({ staff: FILES.staff, training: [json] }, { rosterRows: 100, trainingRows: 30, inputMegabytes: 16 }).kind).toBe('collect');
  });

  it('a collector without limits keeps everything', () => {
    const c = new ExplainCollector();
    for (let i = 0; i < 5; i++) c.observer.record({ file: 1, row: i + 2 }, { nip: '198503152010011001', training: 'x', start: 20250101, end: 20250101, jp: 2 }, { kind: 'counted' });
    expect(c.overflow).toBeUndefined();
    expect(c.events.get('198503152010011001')).toHaveLength(5);
  });
});
