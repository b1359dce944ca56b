import type { Report } from '../model.js';
import type { Renderer } from './types.js';

const CHUNK = 2000;

const keyText = new Map<string, string>();

/**
 * An array item as JSON.stringify(…, null, 2) writes it at depth 1: indented by four spaces. A flat
 * object (strings, finite numbers, booleans, null: an employee row) is written directly, which is
 * several times faster for a million rows; anything else goes through JSON.stringify.
 */
function item(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
    let out = '    {';
    let first = true;
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      let text: string;
      if (typeof v === 'string') text = JSON.stringify(v);
      else if (typeof v === 'number') text = Number.isFinite(v) ? String(v) : 'null';
      else if (v === null || typeof v === 'boolean') text = String(v);
      else if (v === undefined) continue;
      else return nested(value);
      let k = keyText.get(key);
      if (k === undefined) keyText.set(key, (k = JSON.stringify(key)));
      out += `${first ? '' : ','}\n      ${k}: ${text}`;
      first = false;
    }
    return first ? '    {}' : `${out}\n    }`;
  }
  return nested(value);
}

function nested(value: unknown): string {
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
