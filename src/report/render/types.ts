import type { Lang } from '../../i18n/index.js';
import type { Report } from '../model.js';

export interface RenderContext {
  lang: Lang;
  /** Colours allowed (a terminal, NO_COLOR unset). */
  color: boolean;
  /** Leave cells that look like formulas as they are (machine use). */
  rawCells: boolean;
}

/** One output format. Adding a format is one file and one line in `index.ts`. */
export interface Renderer {
  render(report: Report, ctx: RenderContext): string | Promise<string>;
}
