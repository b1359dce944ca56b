import { parentPort, workerData } from 'node:worker_threads';
import type { BlockIndex, RosterIndex } from '../partitions.js';
import { type Finding, Findings } from '../../../audit/findings.js';
import { DeferredCounter } from '../partitions.js';
import { JpAuditError } from '../../../errors.js';
import type { FilePart } from '../scan.js';
import { fileStore } from '../../../io/tempfile.js';
import type { Sheet } from '../../../normalize/sheet.js';
import { countParts, listedNames, type PartReader, readPart } from './part.js';
import { FINDINGS_BATCH, type FileReply, type FromWorker, type ToWorker, type WorkerInit } from './protocol.js';
import { trace } from '../../../trace.js';
import { trainingKeyReader } from '../../../training.js';
import { openSource } from '../../../io/source.js';
import { openSheet } from '../../../normalize/sheet.js';

/**
 * A training worker thread: reads its part of each training file with the byte scanner, keeping
 * the records for later (`DeferredCounter`, spilled to its temporary file), and sends each file's
 * findings of reading. Once every file is read, it is sent the roster and where every thread's
 * blocks are, and counts its partitions: the JP and record counts by roster index, and the records
 * that did not count (unknown NIPs, duplicates), of which the main thread makes the findings; then
 * it reads the names of the duplicates to list.
 */
const port = parentPort!;
// The row schemas (Zod, for the rows the scanner leaves to the general path) load while this
// thread waits for its work, not before it says it is loaded.
const rows = import('../../../schema/rows.js');
trace('worker: loaded');
// A thread started ahead of its work (`WarmWorkers`) loads this code, then waits for its init.
const init = (workerData as WorkerInit | undefined) ?? (await new Promise<WorkerInit>((resolve) => port.once('message', resolve)));
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);
// Tests make blocks tiny (JP_AUDIT_SPILL_BLOCK) so that a few records already go through the file.
const block = Number(process.env.JP_AUDIT_SPILL_BLOCK) || undefined;
const own = init.spills[init.slice.index]!;
const deferred = new DeferredCounter(init.year, init.asOf, fileStore(own.fd, own.dir), block);
/** The files read, by file index: counting at the end makes findings about their rows. */
const read = new Map<number, { sheet: Sheet; path: string }>();

/**
 * A file's findings, sent to the main thread a batch at a time as they come: a file with a hundred
 * thousand duplicates is not held here and copied there at once.
 */
class SentFindings extends Findings {
  constructor(private readonly fileIndex: number) {
    super(init.findingsLimit);
  }

  override push(f: Finding): void {
    super.push(f);
    if (this.list.length >= FINDINGS_BATCH) {
      post({ kind: 'findings', fileIndex: this.fileIndex, findings: this.list });
      this.list.length = 0;
    }
  }
}
const schemas = (await rows).rowSchemas(init.schema);

async function readFile(path: string, fileIndex: number, part: FilePart): Promise<void> {
  trace(`worker ${init.slice.index}: reading bytes ${part.start}-${part.end}`);
  const findings = new SentFindings(fileIndex);
  const o: PartReader = { deferred, findings, schemas, init };
  if (init.progress) o.onProgress = (p) => post({ kind: 'progress', file: p.file, rows: p.rows, bytesRead: p.bytesRead ?? 0, size: p.size ?? 0 });
  const { sheet, counters, scan } = await readPart(path, fileIndex, part, o, read.has(fileIndex));
  trace(`worker ${init.slice.index}: read ${counters.rows} rows${scan?.scannable === false ? ' (not scannable)' : ''}`);
  read.set(fileIndex, { sheet, path });
  const reply: FileReply = { fileIndex, counters, findings: findings.list, omitted: findings.omissions() };
  if (scan) reply.scan = scan;
  post({ kind: 'file', blocks: deferred.parts.blockIndex(), ...reply });
}

/**
 * Counts this thread's partitions against the roster (see `countParts`) and sends the counts with
 * what did not count; then the names of the duplicates the main thread may list (`listedNames`:
 * read with the duplicates' keys), while it works out the figures.
 */
async function finish(roster: RosterIndex, indexes: BlockIndex[]): Promise<void> {
  const { slice } = init;
  // Made after the counts are sent (only confirming reads the files again): the main thread
  // waits for the counts.
  let keys = new Map<number, ReturnType<typeof trainingKeyReader>>();
  try {
    const counts = countParts({
      roster,
      sources: indexes.map((index, w) => ({ store: fileStore(init.spills[w]!.fd, init.spills[w]!.dir), index })),
      mine: (p) => p % slice.of === slice.index,
      who: `worker ${slice.index}`,
    });
    const { jp, records, outcomes } = counts;
    const { kind, file, row, a, b } = outcomes;
    // Sent without copying; what listing the names needs is kept (a byte and four an outcome).
    const mine = { ...outcomes, kind: kind.slice(), file: file.slice() };
    post({ kind: 'counts', jp, records, outcomes }, [jp.buffer, records.buffer, kind.buffer, file.buffer, row.buffer, a.buffer, b.buffer]);
    // While the main thread works out the figures: the hash matches confirmed by exact keys.
    keys = await keyReaders(indexes);
    const confirmed = counts.confirm((f, ats) => keys.get(f)!.keysAt(ats));
    const c = confirmed.corrected;
    const names = listedNames(c ? c.outcomes : mine, confirmed.names, init.findingsLimit);
    trace(`worker ${slice.index}: names listed`);
    const spilled = deferred.parts.bytesSpilled;
    if (c === undefined) post({ kind: 'names', names, spilled, repeats: confirmed.repeats });
    else {
      const o = c.outcomes;
      post({ kind: 'names', names, spilled, repeats: confirmed.repeats, corrected: c }, [c.jp.buffer, c.records.buffer, o.kind.buffer, o.file.buffer, o.row.buffer, o.a.buffer, o.b.buffer]);
    }
  } finally {
    for (const k of keys.values()) k.release();
  }
}

/**
 * A reader of exact duplicate keys (`trainingKeyReader`) for every training file with kept records:
 * another thread's record may be the first copy of one of this thread's. A file this thread read
 * no part of is opened for its header now.
 */
async function keyReaders(indexes: readonly BlockIndex[]): Promise<Map<number, ReturnType<typeof trainingKeyReader>>> {
  const out = new Map<number, ReturnType<typeof trainingKeyReader>>();
  const ctx = { schemas, order: init.schema.order };
  for (const index of indexes) {
    for (const fileIndex of index.file) {
      if (out.has(fileIndex)) continue;
      let file = read.get(fileIndex);
      if (file === undefined) {
        const path = init.files[fileIndex]!;
        const sheet = await openSheet(await openSource(path, init.read), init.header);
        await sheet.rows.return?.(undefined);
        file = { sheet, path };
      }
      out.set(fileIndex, trainingKeyReader(file.path, file.sheet, ctx));
    }
  }
  return out;
}

port.on('message', (m: ToWorker) => {
  const job = m.kind === 'file' ? readFile(m.path, m.fileIndex, m.part) : finish(m.roster, m.indexes);
  job.catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    const reply: FromWorker = { kind: 'error', jp: err instanceof JpAuditError, code: err instanceof JpAuditError ? err.code : '', params: err instanceof JpAuditError ? { ...err.params } : {}, message: err.message };
    if (err instanceof JpAuditError && err.file !== undefined) reply.file = err.file;
    if (err.stack !== undefined) reply.stack = err.stack;
    post(reply);
  });
});
