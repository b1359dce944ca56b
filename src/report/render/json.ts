import { employeeSource } from '../../audit/employees.js';
import type { Report } from '../model.js';
import { jsonArrayItems } from '../chunks.js';
import { chunkTexts } from '../threads.js';
import type { Renderer } from './types.js';

/** Findings written at a time (a hundred thousand findings are about 40 MB of text). */
const FINDINGS_PIECE = 2000;
/** Where the employees and the findings go in the text of the rest of the report. */
const EMPLOYEES = '\u0000employees\u0000';
const FINDINGS = '\u0000findings\u0000';

/**
 * The report model as JSON, two-space indented, ending in a newline. `stream` writes exactly the
 * same text in pieces, so a report of a million employees or a hundred thousand findings is never
 * one string in memory (and a second thread writes half of the employees, see `chunkTexts`).
 */
export const jsonRenderer: Renderer = {
  extension: 'json',
  binary: false,
  perOpd: true,
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
  async stream(report: Report, ctx, write) {
    // Everything but the employees and the findings, with markers where they go.
    // (Keys copied one by one: spreading would make the employees the source gives in ranges.)
    const fields: Record<string, unknown> = {};
    for (const k of Object.keys(report)) fields[k] = k === 'employees' ? EMPLOYEES : k === 'findings' ? FINDINGS : report[k as keyof Report];
    const employees = JSON.stringify(EMPLOYEES);
    const findings = JSON.stringify(FINDINGS);
    const head = JSON.stringify(fields, null, 2);
    const e = head.indexOf(employees);
    const f = head.indexOf(findings);
    await write(head.slice(0, e));
    const list = employeeSource(report);
    if (list.length === 0) await write('[]');
    else {
      await write('[\n');
      let first = true;
      for await (const part of chunkTexts(list, { format: 'json' }, ctx)) {
        // A piece may be bytes (from a second thread): its separator goes apart.
        if (!first) await write(',\n');
        first = false;
        await write(part);
      }
      await write('\n  ]');
    }
    await write(head.slice(e + employees.length, f));
    // The findings too, a few thousand at a time.
    if (report.findings.length === 0) await write('[]');
    else {
      await write('[\n');
      for (let from = 0; from < report.findings.length; from += FINDINGS_PIECE) {
        if (from > 0) await write(',\n');
        await write(jsonArrayItems(report.findings.slice(from, from + FINDINGS_PIECE)));
      }
      await write('\n  ]');
    }
    await write(`${head.slice(f + findings.length)}\n`);
  },
};
