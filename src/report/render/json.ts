import type { Renderer } from './types.js';

/** The report model as JSON, two-space indented, ending in a newline. */
export const jsonRenderer: Renderer = {
  extension: 'json',
  binary: false,
  perOpd: true,
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
