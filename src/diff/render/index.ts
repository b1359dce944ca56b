import type { Renderer } from '../../report/render/types.js';
import type { DiffReport } from '../model.js';

export const DIFF_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Diff renderers, loaded on first use like the audit's; the table fits `width` characters when given. */
export async function loadDiffRenderer(format: DiffFormat, opts: { width?: number } = {}): Promise<Renderer<DiffReport>> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).diffTable(opts.width);
    case 'json':
      return { extension: 'json', binary: false, perOpd: false, render: (r) => `${JSON.stringify(r, null, 2)}\n` };
    case 'csv':
      return (await import('./csv.js')).diffCsv;
    case 'html':
      return (await import('./html.js')).diffHtml;
  }
}
