import type { Format } from '../../report/render/index.js';
import type { Renderer } from '../../report/render/types.js';
import type { LatsarReport } from '../report.js';

/** Latsar renderers, loaded on first use like the audit's. */
const RENDERERS: Record<Format, () => Promise<Renderer<LatsarReport>>> = {
  table: async () => (await import('./table.js')).latsarTable,
  json: async () => ({ extension: 'json', binary: false, perOpd: true, render: (r) => `${JSON.stringify(r, null, 2)}\n` }),
  csv: async () => (await import('./csv.js')).latsarCsv,
  xlsx: async () => (await import('./xlsx.js')).latsarXlsx,
  html: async () => (await import('./html.js')).latsarHtml,
};

export function loadLatsarRenderer(format: Format): Promise<Renderer<LatsarReport>> {
  return RENDERERS[format]();
}

export { curriculumText } from './curriculum.js';
