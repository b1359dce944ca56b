import { statSync } from 'node:fs';
import type { Finding } from '../../audit/findings.js';
import type { AuditResult } from '../../audit/types.js';
import { JpAuditError } from '../../errors.js';
import type { OnProgress } from '../../ingest.js';
import { checkRoom } from '../../io/tempfile.js';
import type { Encoding } from '../../io/types.js';
import type { CivilDate } from '../../normalize/dates.js';
import type { Sheet } from '../../normalize/sheet.js';
import type { Schemas } from '../../schema/rows.js';
import { trace } from '../../trace.js';
import { trainingFastEligible } from '../../training.js';
import type { Audit } from './audit.js';
import { RECORD_BYTES } from './partitions.js';
import { type Counts, type FileResult, TrainingPool } from './parallel/pool.js';
import type { Outcomes } from './parallel/protocol.js';
import { COUNTERS, type WorkerInit } from './parallel/protocol.js';
import { nameFindings, outcomeFindings } from './parallel/part.js';
import { PARALLEL_FROM_BYTES, WarmWorkers, workerThreads } from './parallel/warm.js';
import { estimateRecords, type FilePart, scannableParts, speculativeParts } from './scan.js';

/**
 * Training CSVs read by worker threads: the fast engine's way for large files. The threads start
 * reading while this thread reads the roster, keep their records in temporary files, and count
 * them by NIP partitions once the roster is known; the run then takes each file's accounting and
 * findings as if one thread had read it.
 */

/** The run's choices the threads follow (`CheckOptions` extends them). */
export interface ThreadOptions {
  /** Threads that read large training CSVs (default: the cores, at most 4); they are worker threads, one or more. */
  threads?: number;
  /** Training CSVs of this many bytes in all are read by `threads` worker threads (default 512 MiB). */
  parallelFrom?: number;
  /** Smaller training CSVs of this many bytes in all are read by one worker thread, smaller ones in this thread (default 32 MiB). */
  workerFrom?: number;
  /**
   * With one worker thread and one training file: the share of the file this thread reads itself
   * once the roster is read (default: from the files' sizes, so that both end about together).
   */
  localShare?: number;
  encoding?: Encoding;
}

/** What the threads need of the run. */
export interface ThreadRun {
  year: number;
  asOf: CivilDate;
  files: string[];
  findingsLimit: number;
  onProgress?: OnProgress;
}

/** Training files being read by worker threads (see `start`). */
export class ThreadedTraining {
  private constructor(
    private readonly pool: TrainingPool,
    private readonly reading: Promise<FileResult[]>,
  ) {}

  /**
   * Worker threads start reading the training files, when there is enough to read and every file
   * can go through the byte scanner (else undefined: this thread reads them). Threads started
   * early (`warm`) and not taken are stopped before the files are read.
   */
  static async start(roster: Sheet, sheets: Sheet[], paths: readonly string[], run: ThreadRun, options: ThreadOptions, init: Pick<WorkerInit, 'schema' | 'header' | 'read'>, warm?: WarmWorkers): Promise<ThreadedTraining | undefined> {
    const made = await trainingPool(roster, sheets, paths, run, options, init, warm);
    await warm?.close();
    if (!made) return undefined;
    const { pool, parts } = made;
    return new ThreadedTraining(pool, readAll(pool, paths, parts, (i) => exactParts(sheets[i]!, paths[i]!, pool.threads)));
  }

  get threads(): number {
    return this.pool.threads;
  }

  /**
   * The threads' reading, with this thread reading its share of the file meanwhile, if it has one.
   * Undefined when a file could not be scanned after all: the threads are stopped, and this thread
   * reads every training file instead, as for a small file.
   */
  async read(schemas: Schemas): Promise<FileResult[] | undefined> {
    await this.pool.readLocal(schemas);
    const results = await this.reading;
    trace('training read');
    if (!results.some((r) => r.unscannable)) return results;
    trace('training files not scannable: read again by this thread');
    await this.pool.close();
    return undefined;
  }

  /**
   * The threads count the records by the roster `audit` holds; their counts are added to it and
   * its figures worked out while they read the names of the duplicates to list. Each file's
   * result of reading is joined with its findings of counting. `onIdle` is called while this
   * thread has nothing to do but wait.
   */
  async count(audit: Audit, sheets: readonly Sheet[], run: ThreadRun, results: FileResult[], onIdle?: () => void): Promise<{ figures: AuditResult; results: FileResult[] }> {
    const pool = this.pool;
    const finishing = pool.finish(audit.rosterIndex());
    // While the threads count: the employees' order for the result, which needs only the roster.
    audit.order();
    onIdle?.();
    const { counts, outcomes, order: outcomeOrder, names } = await finishing;
    trace('records counted');
    // The figures depend on the counts alone: worked out while the threads confirm their
    // duplicates by exact keys (reading the names of those to list); then the findings of
    // counting, named when the names come.
    const tally = (all: readonly Counts[]) => {
      audit.clearCounts();
      for (const c of all) audit.addCounts(c.jp, c.records);
    };
    tally(counts);
    audit.closeRecords();
    let figures = audit.result();
    trace('figures, while the threads confirm the duplicates');
    const findingsOf = (o: Outcomes, order: Uint32Array) => {
      const later: Array<[Finding, number]> = [];
      const counted = outcomeFindings(o, order, [], {
        sheets: new Map(sheets.map((sheet, i) => [i + 1, sheet])),
        files: run.files,
        rows: pool.partRows,
        rejected: audit.rejectedRows,
        limit: run.findingsLimit,
        later,
      });
      return { counted, later };
    };
    let made = findingsOf(outcomes, outcomeOrder);
    trace('findings of counting made');
    const named = await names;
    if (named.corrected) {
      // A hash match was no duplicate after all (a collision of 64-bit hashes): the threads' counts
      // as confirmed replace the first ones, and the figures and findings are made again.
      trace('duplicates corrected by their exact keys: figures made again');
      tally(named.corrected.counts);
      figures = audit.result();
      made = findingsOf(named.corrected.outcomes, named.corrected.order);
    }
    const { counted, later } = made;
    nameFindings(later, named.names);
    trace(`names received (${(pool.spilled / 1048576).toFixed(0)} MB in temporary files; ${pool.repeats} duplicates were repeats of the row before)`);
    const joined = results.map((r, i) => {
      const more = counted.get(i + 1);
      return more ? joinResults(r, more) : r;
    });
    return { figures, results: joined };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Training CSVs of this many bytes in all are read by `threads` worker threads. */
function parallelFrom(options: ThreadOptions): number {
  return options.parallelFrom ?? PARALLEL_FROM_BYTES;
}

/**
 * Worker threads for the training files, when there is enough to read (see `workerThreads`) and
 * every file can go through the byte scanner; and each file cut into a part per thread. A worker
 * reads while this thread reads the roster, and keeps its records in a temporary file, not in this
 * thread's memory.
 */
async function trainingPool(roster: Sheet, sheets: Sheet[], paths: readonly string[], run: ThreadRun, options: ThreadOptions, init: Pick<WorkerInit, 'schema' | 'header' | 'read'>, warm?: WarmWorkers): Promise<{ pool: TrainingPool; parts: FilePart[][] } | undefined> {
  if (sheets.length === 0) return undefined;
  let bytes = 0;
  for (const [i, sheet] of sheets.entries()) {
    if (!trainingFastEligible(sheet, paths[i]!, options.encoding)) return undefined;
    bytes += sheet.info.size ?? 0;
  }
  const threads = workerThreads(bytes, options);
  if (threads === 0) return undefined;
  // Room for what the threads will keep in the temporary folder (at most every record).
  let records = 0;
  for (const path of paths) records += await estimateRecords(path);
  // One worker and one file: this thread reads the file's last part itself, after the roster.
  const share = threads === 1 && sheets.length === 1 && bytes < parallelFrom(options) ? localShare(roster, bytes, options) : 0;
  const workerInit = { ...init, findingsLimit: run.findingsLimit, year: run.year, asOf: run.asOf, forcedEncoding: options.encoding, files: run.files };
  let pool: TrainingPool;
  try {
    await checkRoom(records * RECORD_BYTES);
    pool = new TrainingPool(threads, workerInit, run.onProgress, warm, share > 0);
  } catch (e) {
    // Files under parallelFrom are read in this thread as well, in memory: a temporary folder
    // without room (or that cannot be used) is no reason to stop there.
    const temp = e instanceof JpAuditError && (e.code === 'temp-room' || e.code === 'temp-failed');
    if (temp && bytes < parallelFrom(options)) return undefined;
    throw e;
  }
  // Each file is cut without reading it first; the threads check their parts as they read them
  // (see `speculativeParts`), and a file they find they cannot read is read by this thread instead.
  const parts: FilePart[][] = [];
  for (const [i, sheet] of sheets.entries()) {
    parts.push(
      await speculativeParts(paths[i]!, sheet.info.delimiter!.charCodeAt(0), share > 0 ? 2 : threads, sheet.lastHeaderRow, share > 0 ? [1 - share] : undefined).catch(async (e: unknown) => {
        await pool.close();
        throw e;
      }),
    );
  }
  trace('training files cut');
  return { pool, parts };
}

/**
 * How much of a single training file this thread reads itself, after the roster, while one worker
 * thread reads the rest: the share that lets both end about together, judged from the files'
 * sizes, a byte of roster costing `ROSTER_COST` bytes of training records (a roster row makes an
 * employee and a name; a record only adds to one). None for a roster that is not a CSV (an .xlsx
 * takes far longer a byte), or when the share is small. How to check the constant:
 * docs/performance.md.
 */
function localShare(roster: Sheet, training: number, options: ThreadOptions): number {
  if (options.localShare !== undefined) return options.localShare;
  if (roster.info.format !== 'csv' || roster.info.size === undefined) return 0;
  const share = 0.5 - (ROSTER_COST * roster.info.size) / (2 * training);
  return share * training >= LOCAL_FROM_BYTES ? share : 0;
}
const ROSTER_COST = 5.5;
const LOCAL_FROM_BYTES = 4 * 1024 * 1024;

/**
 * A training file cut into `threads` parts exactly (`scannableParts`: the whole file read first),
 * the header rows in the first part; undefined when the byte scanner cannot read it.
 */
async function exactParts(sheet: Sheet, path: string, threads: number): Promise<FilePart[] | undefined> {
  const cut = await scannableParts(path, sheet.info.delimiter!.charCodeAt(0), threads);
  if (cut === undefined) return undefined;
  // The header rows belong to the first part (a cut among them, in a tiny file, is dropped).
  let j = 1;
  while (j < cut.length && cut[j]!.row < sheet.lastHeaderRow) j++;
  if (j > 1) cut.splice(0, j, { start: 0, end: cut[j - 1]!.end, row: 0 });
  return cut;
}

/**
 * The worker threads `trainingPool` will likely start, started now when the training files are
 * large enough by their size alone (whether they can be scanned is known only once opened; threads
 * not used then are stopped).
 */
export function warmWorkers(paths: readonly string[], options: ThreadOptions, fastTraining: boolean): WarmWorkers | undefined {
  if (!fastTraining || paths.length === 0 || paths.includes('-')) return undefined;
  let bytes = 0;
  for (const path of paths) {
    try {
      bytes += statSync(path).size;
    } catch {
      return undefined; // opening it says what is wrong
    }
  }
  const threads = workerThreads(bytes, options);
  if (threads === 0) return undefined;
  const warm = new WarmWorkers(threads);
  if (warm.early > 0) trace(`${warm.early} worker thread(s) started early taken`);
  return warm;
}

/**
 * Worker threads read the training files in turn; the caller awaits the results when it needs
 * them. A file whose unchecked parts did not make it is read again in parts cut exactly, after
 * reading it whole (`exact`); when it cannot be scanned at all, the threads stop there.
 */
function readAll(pool: TrainingPool, paths: readonly string[], parts: FilePart[][], exact: (i: number) => Promise<FilePart[] | undefined>): Promise<FileResult[]> {
  const all = (async () => {
    const results: FileResult[] = [];
    for (const [i, file] of paths.entries()) {
      let r = await pool.readFile(file, i + 1, parts[i]!);
      if (r.unscannable) {
        trace(`training file ${i + 1}: its parts did not make it, cut again`);
        const cut = await exact(i);
        if (cut !== undefined) r = await pool.readFile(file, i + 1, cut);
      }
      results.push(r);
      // The files are then all read by this thread: the threads stop reading.
      if (r.unscannable) break;
    }
    return results;
  })();
  // Awaited later: a failure meanwhile (the roster may fail first) is not unhandled.
  all.catch(() => undefined);
  return all;
}

/**
 * A file's result of reading and of counting at the end, as one: the counters added, the findings
 * merged by row (stable: a row's findings of reading come before that of counting, as in one pass).
 */
function joinResults(a: FileResult, b: FileResult): FileResult {
  const counters = { ...a.counters };
  for (const k of COUNTERS) counters[k] += b.counters[k];
  const findings = [...a.findings, ...b.findings].sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
  return { counters, findings, omitted: [...a.omitted, ...b.omitted] };
}
