import type { Renderer } from './types.js';

export const FORMATS = ['table', 'json', 'csv', 'xlsx', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Renderers load on first use, so a JSON run never loads exceljs or the HTML code. */
const RENDERERS: Record<Format, () => Promise<Renderer>> = {
  table: async () => (await import('./table.js')).tableRenderer,
  json: async () => (await import('./json.js')).jsonRenderer,
  csv: async () => (await import('./csv.js')).csvRenderer,
  xlsx: async () => (await import('./xlsx.js')).xlsxRenderer,
  html: async () => (await import('./html.js')).htmlRenderer,
};

export function loadRenderer(format: Format): Promise<Renderer> {
  return RENDERERS[format]();
}

export type { RenderContext, Renderer, View } from './types.js';
