import type { DeferredCounter } from '../audit/partitions.js';
import type { Findings } from '../audit/findings.js';
import { account, type InputAccount, type OnProgress } from '../ingest.js';
import type { FilePart, PartScan } from '../io/scan.js';
import { openSource } from '../io/source.js';
import { openSheet, type Sheet } from '../normalize/sheet.js';
import type { Schemas } from '../schema/rows.js';
import { readTraining, type TrainingContext } from '../training.js';
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

export const countersOf = (acc: InputAccount) => Object.fromEntries(COUNTERS.map((k) => [k, acc[k]])) as Counters;

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
