import { closeSync, fstatSync, openSync } from 'node:fs';
import type { RosterIndex } from '../audit/audit.js';
import { Deferred, type DeferredCounter, settle, type SpillSource } from '../audit/partitions.js';
import type { Findings } from '../audit/findings.js';
import { account, type InputAccount, type OnProgress } from '../ingest.js';
import { FieldReader, type FilePart, type PartRows, type PartScan, renumber } from '../io/scan.js';
import { nipText } from '../normalize/bytes.js';
import { cellText } from '../normalize/text.js';
import { openSource } from '../io/source.js';
import { openSheet, type Sheet } from '../normalize/sheet.js';
import type { Schemas } from '../schema/rows.js';
import { classifyRecord, readTraining, type TrainingContext } from '../training.js';
import { trace } from '../trace.js';
import { COUNTERS, type Counters, type WorkerInit } from './protocol.js';

/** What reading a part of a training file needs besides the part. */
export interface PartReader {
  deferred: DeferredCounter;
  findings: Findings;
  schemas: Schemas;
  init: Pick<WorkerInit, 'read' | 'header' | 'schema' | 'files' | 'forcedEncoding'>;
  onProgress?: OnProgress;
}

/** What reading a part left: the file's sheet (to count its records later), what it added to the account, and its check. */
export interface PartRead {
  sheet: Sheet;
  counters: Counters;
  /** For an unchecked part (see `speculativeParts`): what reading it found. */
  scan?: PartScan;
}

const countersOf = (acc: InputAccount) => Object.fromEntries(COUNTERS.map((k) => [k, acc[k]])) as Counters;

/**
 * Reads one part of a training file with the byte scanner, keeping its records in `deferred` for
 * counting once every part is read, and its findings of reading in `findings`: what a worker
 * thread does with its part, and the main thread with the part it reads itself (see
 * `TrainingPool.readLocal`). A file read again (its unchecked parts did not make it) first
 * forgets what the first reading kept (`again`).
 */
export async function readPart(path: string, fileIndex: number, part: FilePart, o: PartReader, again = false): Promise<PartRead> {
  if (again) o.deferred.parts.dropFile(fileIndex);
  const sheet = await openSheet(await openSource(path, o.init.read), o.init.header);
  const acc = account(sheet, 'training');
  const before = countersOf(acc);
  const ctx: TrainingContext = { counter: o.deferred, findings: o.findings, schemas: o.schemas, order: o.init.schema.order, files: o.init.files, fast: true, forcedEncoding: o.init.forcedEncoding, part };
  if (o.onProgress) ctx.onProgress = o.onProgress;
  let scan: PartScan | undefined;
  if (part.unchecked) ctx.onScanned = (s) => (scan = s);
  try {
    await readTraining(sheet, acc, fileIndex, ctx, path);
  } catch (e) {
    // An unchecked part may have been cut in a quoted field, so what went wrong may not be so:
    // the file is read again, cut exactly (where the error is met with its right row).
    if (!part.unchecked) throw e;
    scan = { scannable: false, rows: part.row };
  }
  o.deferred.parts.endFile();
  const counters = Object.fromEntries(COUNTERS.map((k) => [k, acc[k] - before[k]])) as Counters;
  const out: PartRead = { sheet, counters };
  if (scan) out.scan = scan;
  return out;
}

/** What counting a share of the partitions needs (see `countParts`). */
export interface PartCounter {
  roster: RosterIndex;
  /** Every thread's blocks, in the order the parts were read. */
  sources: SpillSource[];
  /** The partitions to count. */
  mine: (part: number) => boolean;
  /** How to renumber the rows of files read in unchecked parts, by file index. */
  rows: Record<number, PartRows>;
  /** Every training file by file index: its sheet (for the findings) and path (to read names again). */
  read: ReadonlyMap<number, { sheet: Sheet; path: string }>;
  files: readonly string[];
  /** Where a file's findings go. */
  findingsFor(fileIndex: number): Findings;
  /** Told the counts as soon as they are known, before the findings are made. */
  counted?(jp: Float64Array<ArrayBuffer>, records: Uint32Array<ArrayBuffer>): void;
  /** Who counts, for the trace. */
  who: string;
}

/**
 * Counts a share of the partitions (by NIP) of every thread's kept records against the roster:
 * the JP and record counts by roster index, and by file what counting added (counted, duplicate
 * and unknown-NIP records, with their findings in row order). What a worker thread does once every
 * file is read; with one worker, the main thread counts a share too.
 */
export function countParts(o: PartCounter): { jp: Float64Array<ArrayBuffer>; records: Uint32Array<ArrayBuffer>; files: Array<{ fileIndex: number; counters: Counters; findings: Findings }> } {
  const jp = new Float64Array(o.roster.employees);
  const records = new Uint32Array(o.roster.employees);
  const out = new Deferred();
  trace(`${o.who}: counting`);
  settle(o.sources, o.mine, o.roster, jp, records, out);
  trace(`${o.who}: counted, ${out.n} other outcomes`);
  o.counted?.(jp, records);
  const rejected = new Map(o.roster.rejected);
  const order = out.ordered();
  const files: Array<{ fileIndex: number; counters: Counters; findings: Findings }> = [];
  let k = 0;
  for (const [fileIndex, { sheet, path }] of [...o.read].sort((a, b) => a[0] - b[0])) {
    const acc = account(sheet, 'training');
    const before = countersOf(acc);
    acc.counted += out.counted.get(fileIndex) ?? 0;
    const findings = o.findingsFor(fileIndex);
    const ctx = { findings, files: o.files };
    const iName = sheet.mapping.columns.get('training')?.index;
    const delimiter = sheet.info.delimiter!.charCodeAt(0);
    let fd: number | undefined;
    let reader: FieldReader | undefined;
    try {
      for (; k < order.length && out.file[order[k]!] === fileIndex; k++) {
        const j = order[k]!;
        const row = renumber(o.rows[fileIndex], out.row[j]!);
        if (out.kind[j] === Deferred.UNKNOWN) {
          const nip = nipText(out.a[j]!, out.b[j]!);
          const rejectedAt = rejected.get(nip);
          classifyRecord(rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' }, nip, () => '', sheet, row, acc, ctx);
          continue;
        }
        // The training name is read again from the file, only for a duplicate that is listed.
        const name = () => {
          if (iName === undefined || findings.full(sheet.info.file, 'duplicate-record')) return '';
          if (reader === undefined) {
            fd = openSync(path, 'r');
            reader = new FieldReader(fd, fstatSync(fd).size, delimiter);
          }
          return cellText(reader.field(out.at[j]!, iName));
        };
        classifyRecord({ kind: 'duplicate', first: { file: out.a[j]!, row: renumber(o.rows[out.a[j]!], out.b[j]!) } }, '', name, sheet, row, acc, ctx);
      }
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const counters = Object.fromEntries(COUNTERS.map((c) => [c, acc[c] - before[c]])) as Counters;
    files.push({ fileIndex, counters, findings });
  }
  trace(`${o.who}: findings made`);
  return { jp, records, files };
}
