import type { ExplainSection } from '../../explain/section.js';
import type { Lang } from '../../i18n/index.js';
import type { Report } from '../model.js';

/**
 * What a file shows: `full` is the one report of a run; with `--by opd`, `overview` is the recap of
 * all OPDs (with findings and inputs) and `opd` the report of one OPD (a sliced report).
 */
export type View = 'full' | 'overview' | 'opd';

export interface RenderContext {
  lang: Lang;
  /** Colours allowed (a terminal, NO_COLOR unset). */
  color: boolean;
  /** Leave cells that look like formulas as they are (machine use). */
  rawCells: boolean;
  view: View;
  /** When the report was made: only in document metadata (XLSX properties, an HTML meta tag). */
  generatedAt: Date;
  /** Terminal columns a table report fits in (undefined: as wide as it needs). */
  width?: number;
  /** Threads a streamed report may use (default: the machine's cores, at most 4; 1: this thread only). */
  threads?: number;
  /** Employees from which a streamed report uses a second thread (default 250,000). */
  parallelFrom?: number;
  /**
   * `write` is done with each chunk when its promise resolves (a report file, written
   * synchronously): a `stream` may then pass views of memory it reuses, not copies.
   */
  reuseChunks?: boolean;
  /**
   * The HTML report's details of each listed employee (their records and duty, as `explain` gives
   * them), or why there are none; made from the same run as the report (see `explainSection`).
   */
  explain?: ExplainSection;
  /** Told of employees written, for a progress display (formats that write employees one by one). */
  onProgress?: (employees: number) => void;
}

/** One output format of a report `R` (the audit's by default). Adding a format is one file and one line in `index.ts`. */
export interface Renderer<R = Report> {
  /** File name extension, without the dot. */
  extension: string;
  /** Bytes that must not go to a terminal. */
  binary: boolean;
  /** Can write one file per OPD. */
  perOpd: boolean;
  render(report: R, ctx: RenderContext): string | Uint8Array | Promise<string | Uint8Array>;
  /** The same bytes as `render`, written in pieces (for reports too large to hold as one string). */
  stream?(report: R, ctx: RenderContext, write: (chunk: string | Uint8Array) => Promise<void>): Promise<void>;
}
