import { parentPort, workerData } from 'node:worker_threads';
import { RecordCounter } from '../audit/audit.js';
import { type Finding, Findings } from '../audit/findings.js';
import { JpAuditError } from '../errors.js';
import { account } from '../ingest.js';
import { openSource } from '../io/source.js';
import { openSheet } from '../normalize/sheet.js';
import { rowSchemas } from '../schema/rows.js';
import { readTraining, type TrainingContext } from '../training.js';
import { COUNTERS, type Counters, FINDINGS_BATCH, type FromWorker, type ToWorker, type WorkerInit } from './protocol.js';

/**
 * A training worker thread: reads each training file it is sent with the byte scanner, counting
 * only its share of the NIPs, and keeps its counter (and duplicate set) across files, as the main
 * thread would. Sends findings in batches as it reads, replies with each file's counters and last
 * findings, and at the end the JP and record counts by roster index.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);
const counter = RecordCounter.fromIndex(init.year, init.asOf, init.roster);

/**
 * A file's findings, sent to the main thread a batch at a time as they come: a file with a hundred
 * thousand duplicates is not held here and copied there at once.
 */
class SentFindings extends Findings {
  override push(f: Finding): void {
    super.push(f);
    if (this.list.length >= FINDINGS_BATCH) {
      post({ kind: 'findings', findings: this.list });
      this.list.length = 0;
    }
  }
}
const schemas = rowSchemas(init.schema);

async function readFile(path: string, fileIndex: number): Promise<void> {
  const sheet = await openSheet(await openSource(path, init.read), init.header);
  const acc = account(sheet, 'training');
  const before: Counters = Object.fromEntries(COUNTERS.map((k) => [k, acc[k]])) as Counters;
  const findings = new SentFindings(init.findingsLimit);
  const ctx: TrainingContext = { counter, findings, schemas, order: init.schema.order, files: init.files, fast: true, forcedEncoding: init.forcedEncoding, share: init.share };
  if (init.progress) ctx.onProgress = (p) => post({ kind: 'progress', file: p.file, rows: p.rows, bytesRead: p.bytesRead ?? 0, size: p.size ?? 0 });
  await readTraining(sheet, acc, fileIndex, ctx, path);
  const counters = Object.fromEntries(COUNTERS.map((k) => [k, acc[k] - before[k]])) as Counters;
  post({ kind: 'file', counters, findings: findings.list, omitted: findings.omissions() });
}

port.on('message', (m: ToWorker) => {
  const job = m.kind === 'file' ? readFile(m.path, m.fileIndex) : Promise.resolve(post({ kind: 'counts', jp: counter.jp, records: counter.records }, [counter.jp.buffer as ArrayBuffer, counter.records.buffer as ArrayBuffer]));
  job.catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    const reply: FromWorker = { kind: 'error', jp: err instanceof JpAuditError, code: err instanceof JpAuditError ? err.code : '', params: err instanceof JpAuditError ? { ...err.params } : {}, message: err.message };
    if (err instanceof JpAuditError && err.file !== undefined) reply.file = err.file;
    if (err.stack !== undefined) reply.stack = err.stack;
    post(reply);
  });
});
