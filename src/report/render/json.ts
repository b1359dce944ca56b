import type { Report } from '../model.js';
import type { Renderer } from './types.js';

const CHUNK = 2000;

/** An array item as JSON.stringify(…, null, 2) writes it at depth 1: indented by four spaces. */
function item(value: unknown): string {
  return `    ${JSON.stringify(value, null, 2).replace(/\n/g, '\n    ')}`;
}

/**
 * The report model as JSON, two-space indented, ending in a newline. `stream` writes exactly the
 * same text in pieces, so a report of a million employees is never one string in memory.
 */
export const jsonRenderer: Renderer = {
  extension: 'json',
  binary: false,
  perOpd: true,
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
  async stream(report: Report, _ctx, write) {
    // Everything but the employees, with a marker where they go.
    const marker = '\u0000employees\u0000';
    const head = JSON.stringify({ ...report, employees: marker }, null, 2);
    const at = head.indexOf(JSON.stringify(marker));
    await write(head.slice(0, at));
    const list = report.employees;
    if (list.length === 0) await write('[]');
    else {
      await write('[\n');
      for (let i = 0; i < list.length; i += CHUNK) {
        const part = list.slice(i, i + CHUNK).map(item).join(',\n');
        await write(i + CHUNK < list.length ? `${part},\n` : `${part}\n  ]`);
      }
    }
    await write(`${head.slice(at + JSON.stringify(marker).length)}\n`);
  },
};
