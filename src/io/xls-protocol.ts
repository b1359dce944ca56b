import type { RawRow } from './types.js';

/** Limits for a BIFF8 .xls, which is read whole: its size, its cells, the reading's time and heap. */
export const XLS_LIMITS = {
  /** Larger than any real .xls (a BIFF8 sheet holds 65,536 rows of 256 columns). */
  bytes: 512 * 1024 ** 2,
  /** The cells of the sheet read: a full BIFF8 sheet. */
  cells: 65_536 * 256,
  seconds: 120,
  heapMb: 4096,
};

export interface XlsRequest {
  path: string;
  file: string;
  sheet?: string;
}

export type XlsReply = { kind: 'rows'; rows: RawRow[] } | { kind: 'done'; sheet: string } | { kind: 'error'; code: string; params: Record<string, string | number> };
