import type { RosterIndex } from '../partitions.js';
import type { BlockIndex } from '../partitions.js';
import type { FilePart, PartScan } from '../scan.js';
import type { Finding, Omission } from '../../../audit/findings.js';
import type { InputAccount } from '../../../ingest.js';
import type { Encoding, ReadOptions } from '../../../io/types.js';
import type { CivilDate } from '../../../normalize/dates.js';
import type { HeaderOptions } from '../../../normalize/header.js';
import type { SchemaOptions } from '../../../schema/rows.js';

/** What a training worker thread is started with (copied by structured clone). */
export interface WorkerInit {
  /** This thread's place among the threads: it counts the partitions `p` with `p % of === index`. */
  slice: { index: number; of: number };
  year: number;
  asOf: CivilDate;
  /**
   * Every thread's temporary file (a descriptor of this process) and its folder, for messages: a
   * thread writes its own (`spills[slice.index]`) and, to count, reads them all.
   */
  spills: Array<{ fd: number; dir: string }>;
  schema: SchemaOptions;
  header: HeaderOptions;
  read: ReadOptions;
  forcedEncoding: Encoding | undefined;
  files: string[];
  progress: boolean;
  /** Findings of one code kept per file (see `Findings`). */
  findingsLimit: number;
}

/** The counters of an account that reading a file adds to. */
export const COUNTERS = ['rows', 'accepted', 'rejected', 'duplicates', 'outsidePeriod', 'unknownNip', 'counted', 'blankRows'] as const satisfies ReadonlyArray<keyof InputAccount>;
export type Counters = Record<(typeof COUNTERS)[number], number>;

/**
 * Read a part of a file; then, once every file is read, count against the roster the records of
 * this thread's partitions, from every thread's blocks (`indexes`, by thread).
 */
export type ToWorker = { kind: 'file'; path: string; fileIndex: number; part: FilePart } | { kind: 'finish'; roster: RosterIndex; indexes: BlockIndex[] };

/** A file's counters and findings, from reading a part of it. */
export interface FileReply {
  fileIndex: number;
  counters: Counters;
  /** The last findings (the earlier ones came in `findings` messages). */
  findings: Finding[];
  omitted: Omission[];
  /** After reading an unchecked part: what reading it found (see `scanFile`). */
  scan?: PartScan;
}

/** Findings are sent this many at a time while a file is read, not all at its end. */
export const FINDINGS_BATCH = 4096;

export type FromWorker =
  | { kind: 'findings'; fileIndex: number; findings: Finding[] }
  | ({ kind: 'file'; blocks: BlockIndex } & FileReply)
  | { kind: 'progress'; file: string; rows: number; bytesRead: number; size: number }
  | { kind: 'counts'; jp: Float64Array; records: Uint32Array; outcomes: Outcomes }
  /** `corrected`: the counts and outcomes again, when confirming by exact keys changed them. */
  | { kind: 'names'; names: string[]; spilled: number; repeats: number; corrected?: { jp: Float64Array; records: Uint32Array; outcomes: Outcomes } }
  | { kind: 'error'; jp: boolean; code: string; params: Record<string, string | number>; file?: string; message: string; stack?: string };

/**
 * The records that counting did not count, besides those outside the period: unknown NIPs and
 * duplicates, in file and row order (rows as read: see `renumber`), and the records counted by
 * file. Typed arrays, sent to the main thread as they are: it makes the findings (see
 * `outcomeFindings`).
 */
export interface Outcomes {
  kind: Uint8Array<ArrayBuffer>;
  file: Uint32Array<ArrayBuffer>;
  row: Uint32Array<ArrayBuffer>;
  /** NIP halves of an unknown NIP; file index and row (as read) of a duplicate's first copy. */
  a: Uint32Array<ArrayBuffer>;
  b: Uint32Array<ArrayBuffer>;
  /** Records counted, by file index. */
  counted: Array<[number, number]>;
}
