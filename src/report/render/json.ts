import { employeeSource } from '../../audit/employees.js';
import type { Report } from '../model.js';
import { chunkTexts } from '../threads.js';
import type { Renderer } from './types.js';

/**
 * The report model as JSON, two-space indented, ending in a newline. `stream` writes exactly the
 * same text in pieces, so a report of a million employees is never one string in memory (and a
 * second thread writes half of the pieces, see `chunkTexts`).
 */
export const jsonRenderer: Renderer = {
  extension: 'json',
  binary: false,
  perOpd: true,
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
  async stream(report: Report, ctx, write) {
    // Everything but the employees, with a marker where they go.
    const marker = '\u0000employees\u0000';
    // (Keys copied one by one: spreading would make the employees the source gives in ranges.)
    const fields: Record<string, unknown> = {};
    for (const k of Object.keys(report)) fields[k] = k === 'employees' ? marker : report[k as keyof Report];
    const head = JSON.stringify(fields, null, 2);
    const at = head.indexOf(JSON.stringify(marker));
    await write(head.slice(0, at));
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
    await write(`${head.slice(at + JSON.stringify(marker).length)}\n`);
  },
};
