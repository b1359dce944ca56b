import { Worker } from 'node:worker_threads';
import type { Finding, Omission } from '../../../audit/findings.js';
import { JpAuditError } from '../../../errors.js';
import type { OnProgress } from '../../../ingest.js';
import type { BlockIndex, RosterIndex } from '../partitions.js';
import { type FilePart, type PartRows, type PartScan, partRows, renumber } from '../scan.js';
import { Findings } from '../../../audit/findings.js';
import { DeferredCounter } from '../partitions.js';
import type { Schemas } from '../../../schema/rows.js';
import { trace } from '../../../trace.js';
import { mergeOutcomes, type Outcomes, type PartRead, type PartReader, readPart } from './part.js';
import { fileStore, TempFile } from '../../../io/tempfile.js';
import { workerScript } from '../../../workers.js';
import { COUNTERS, type Counters, type FromWorker, type WorkerInit } from './protocol.js';
import { WORKER_OPTIONS, type WarmWorkers } from './warm.js';

export { defaultThreads, PARALLEL_FROM_BYTES, WarmWorkers, WORKER_FROM_BYTES } from './warm.js';

/** A reply awaited from every worker. */
interface Pending {
  replies: FromWorker[];
  resolve: (r: FromWorker[]) => void;
  reject: (e: Error) => void;
}

/** What reading a file, or counting its records, added: counters, findings in row order, omissions. */
export interface FileResult {
  counters: Counters;
  findings: Finding[];
  omitted: Omission[];
  /**
   * The file's unchecked parts (see `speculativeParts`) did not make it: not scannable, or cut in
   * a quoted field. Nothing else of the result holds; the file must be read another way.
   */
  unscannable?: true;
}

/** One thread's counts by roster index. */
export interface Counts {
  jp: Float64Array;
  records: Uint32Array;
}

/**
 * Worker threads that read training CSVs together, each a part of each file (see
 * `scannableParts`), keeping the records in its own temporary file; at the end (`finish`) each
 * counts a share of the partitions (by NIP) from every thread's blocks against the roster. The
 * per-file counters add up, the findings and the records that did not count merge by row (each
 * thread's come in row order, and a row belongs to one thread), and the JP per employee is each
 * thread's alone (its NIPs' partitions).
 */
export class TrainingPool {
  private readonly workers: Worker[];
  /** Replies awaited, by kind: one at a time, but for `finish`'s two (counts, then findings). */
  private readonly pending = new Map<FromWorker['kind'], Pending>();
  private failure: Error | undefined;
  /** Each thread's last progress message. */
  private readonly progress: Array<{ file: string; rows: number; bytesRead: number; size: number } | undefined>;
  /** Each thread's findings by file index, as its batches come. */
  private readonly received: Array<Map<number, Finding[]>>;
  private readonly temp: TempFile[] = [];
  private closed: Promise<void> | undefined;
  /** Bytes the threads wrote to their temporary files. */
  spilled = 0;
  /** After `finish`'s names: the duplicates every thread confirmed as repeats of the row before (for the trace). */
  repeats = 0;
  /** Where each thread's blocks are, as of the last file it read (this thread's last, if `local`). */
  private readonly blocks: BlockIndex[];
  /** How to renumber the rows of each file read in unchecked parts, by file index. */
  private readonly rows: Record<number, PartRows> = {};
  /** One copy of the strings every finding repeats (each message brings its own copies). */
  private readonly strings = new Map<string, string>();
  /** The last part of the file being read, for this thread to read (`readLocal`), and who awaits it. */
  private pendingLocal: { path: string; fileIndex: number; part: FilePart; resolve: (r: PartRead & { findings: Findings; blocks: BlockIndex }) => void } | undefined;
  /** This thread's records of the parts it read (see `readLocal`), in the last temporary file. */
  private localDeferred: DeferredCounter | undefined;

  get threads(): number {
    return this.workers.length;
  }

  /**
   * `local`: this thread reads the last part of a file itself (`readLocal`), when it is free (after
   * the roster), as one more source of blocks after the threads'.
   */
  constructor(
    threads: number,
    private readonly init: Omit<WorkerInit, 'slice' | 'progress' | 'spills'>,
    private readonly onProgress?: OnProgress,
    warm?: WarmWorkers,
    private readonly local = false,
  ) {
    const url = workerScript('engine/fast/parallel/worker.js');
    const sources = threads + (local ? 1 : 0);
    this.progress = new Array(sources).fill(undefined);
    this.received = Array.from({ length: sources }, () => new Map());
    this.blocks = Array.from({ length: sources }, () => emptyIndex());
    // The temporary files are this thread's: it closes them, whatever happened to the workers.
    try {
      for (let i = 0; i < sources; i++) this.temp.push(new TempFile());
    } catch (e) {
      for (const t of this.temp) t.close();
      throw e;
    }
    const spills = this.temp.map((t) => ({ fd: t.fd, dir: t.dir }));
    this.workers = Array.from({ length: threads }, (_, index) => {
      const workerData = { ...init, slice: { index, of: threads }, progress: onProgress !== undefined, spills } satisfies WorkerInit;
      const started = warm?.take();
      started?.postMessage(workerData);
      const w = started ?? new Worker(url, { ...WORKER_OPTIONS, workerData });
      w.on('message', (m: FromWorker) => {
        if (m.kind === 'progress') return this.progressOf(index, m);
        if (m.kind === 'findings' || m.kind === 'file') this.receive(index, m.fileIndex, m.findings);
        if (m.kind === 'findings') return;
        this.reply(index, m);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a training worker thread stopped (exit code ${code})`));
      });
      return w;
    });
  }

  /** Each thread reads a part: the file's progress is the sum over the threads reading it. */
  private progressOf(index: number, m: { file: string; rows: number; bytesRead: number; size: number }): void {
    this.progress[index] = m;
    const now = this.progress.filter((p) => p?.file === m.file) as Array<typeof m>;
    const sum = (k: 'rows' | 'bytesRead' | 'size') => now.reduce((a, p) => a + p[k], 0);
    this.onProgress?.({ file: m.file, rows: sum('rows'), bytesRead: sum('bytesRead'), size: sum('size') });
  }

  private receive(index: number, fileIndex: number, findings: Finding[]): void {
    const one = (s: string) => {
      const kept = this.strings.get(s);
      if (kept !== undefined) return kept;
      this.strings.set(s, s);
      return s;
    };
    const byFile = this.received[index]!;
    let list = byFile.get(fileIndex);
    if (!list) byFile.set(fileIndex, (list = []));
    for (const f of findings) {
      f.code = one(f.code) as Finding['code'];
      f.severity = one(f.severity) as Finding['severity'];
      f.file = one(f.file);
      if (f.column !== undefined) f.column = one(f.column);
      list.push(f);
    }
  }

  private reply(index: number, m: FromWorker): void {
    if (m.kind === 'error') {
      const e = m.jp ? new JpAuditError(m.code, m.params, m.file) : new Error(m.message);
      if (m.stack !== undefined && !m.jp) e.stack = m.stack;
      return this.fail(e);
    }
    if (this.pending.size === 0) return;
    const p = this.pending.get(m.kind);
    if (!p) return this.fail(new Error(`a training worker thread answered ${m.kind} to a ${[...this.pending.keys()].join(' and ')} request`));
    p.replies[index] = m;
    if (p.replies.filter(Boolean).length === this.workers.length) {
      this.pending.delete(m.kind);
      p.resolve(p.replies);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(this.failure);
  }

  /** Awaits a reply of kind `want` from every thread (to a message sent after). */
  private expect(want: FromWorker['kind']): Promise<FromWorker[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.pending.set(want, { replies: [], resolve, reject }));
  }

  /** Sends each thread its message (`message(i)` for thread i) and awaits every reply. */
  private ask(message: (index: number) => unknown, want: FromWorker['kind']): Promise<FromWorker[]> {
    const replies = this.expect(want);
    if (!this.failure) this.workers.forEach((w, i) => w.postMessage(message(i)));
    return replies;
  }

  /** What every thread's replies say of one file: counters added up, findings merged by row. */
  private fileResult(fileIndex: number, replies: Array<{ counters: Counters; omitted: Omission[] }>, rows?: PartRows): FileResult {
    const counters = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Counters;
    const findings: Finding[] = [];
    const omitted: Omission[] = [];
    for (const [index, r] of replies.entries()) {
      for (const k of COUNTERS) counters[k] += r.counters[k];
      for (const f of this.received[index]!.get(fileIndex) ?? []) {
        if (rows && f.row !== undefined) f.row = renumber(rows, f.row);
        findings.push(f);
      }
      this.received[index]!.delete(fileIndex);
      omitted.push(...r.omitted);
    }
    // Stable: one row's findings stay in the order its thread made them.
    findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { counters, findings, omitted };
  }

  /**
   * Reads one training file, a part in each thread (fewer parts than threads: the others read
   * nothing): the counters and findings of reading it. Its records that may count are kept for
   * `finish`.
   */
  async readFile(path: string, fileIndex: number, parts: readonly FilePart[]): Promise<FileResult> {
    const last = parts.at(-1)!;
    const nothing: FilePart = { start: last.end, end: last.end, row: last.row };
    // One part more than threads, with `local`: the last is this thread's (see `readLocal`).
    const mine = this.local && parts.length > this.workers.length ? last : undefined;
    const local = mine && new Promise<PartRead & { findings: Findings; blocks: BlockIndex }>((resolve) => (this.pendingLocal = { path, fileIndex, part: mine, resolve }));
    const replies = await this.ask((i) => ({ kind: 'file', path, fileIndex, part: parts[i] ?? nothing }), 'file');
    const files: Array<{ counters: Counters; omitted: Omission[]; scan?: PartScan }> = replies.flatMap((r) => (r.kind === 'file' ? [r] : []));
    replies.forEach((r, i) => r.kind === 'file' && (this.blocks[i] = r.blocks));
    if (this.local && !local) {
      // Read again without this thread's part: what it kept of the file goes.
      this.localDeferred?.parts.dropFile(fileIndex);
      this.blocks[this.workers.length] = this.localDeferred?.parts.blockIndex() ?? emptyIndex();
    }
    if (local) {
      const r = await local;
      const k = this.workers.length;
      this.blocks[k] = r.blocks;
      this.received[k]!.set(fileIndex, r.findings.list);
      const reply: { counters: Counters; omitted: Omission[]; scan?: PartScan } = { counters: r.counters, omitted: r.findings.omissions() };
      if (r.scan) reply.scan = r.scan;
      files.push(reply);
    }
    if (!last.unchecked) return this.fileResult(fileIndex, files);
    // Unchecked parts: each thread checked its own; together they make the file only if each
    // ended where a record ends, and then their rows are renumbered from the counts.
    const rows = partRows(parts, files.slice(0, parts.length).map((r) => r.scan ?? { scannable: false, rows: 0 }));
    if (rows === undefined) return { ...this.fileResult(fileIndex, files), unscannable: true };
    if (parts.length > 1) this.rows[fileIndex] = rows;
    return this.fileResult(fileIndex, files, parts.length > 1 ? rows : undefined);
  }

  /**
   * Reads the part of the file being read that is this thread's (a pool made `local`, given one
   * part more than threads), when this thread is free; nothing when there is none.
   */
  async readLocal(schemas: Schemas): Promise<void> {
    const p = this.pendingLocal;
    if (!p) return;
    this.pendingLocal = undefined;
    const k = this.workers.length;
    // Made once: a file read again without this thread's part forgets its blocks (`readFile`).
    this.localDeferred ??= new DeferredCounter(this.init.year, this.init.asOf, fileStore(this.temp[k]!.fd, this.temp[k]!.dir), Number(process.env.JP_AUDIT_SPILL_BLOCK) || undefined);
    const findings = new Findings(this.init.findingsLimit);
    const o: PartReader = { deferred: this.localDeferred, findings, schemas, init: this.init };
    if (this.onProgress) o.onProgress = (m) => this.progressOf(k, { file: m.file, rows: m.rows, bytesRead: m.bytesRead ?? 0, size: m.size ?? 0 });
    trace(`this thread: reading bytes ${p.part.start}-${p.part.end}`);
    const read = await readPart(p.path, p.fileIndex, p.part, o);
    trace(`this thread: read ${read.counters.rows} rows, ${this.localDeferred.parts.repeats.size} repeats`);
    p.resolve({ ...read, findings, blocks: this.localDeferred.parts.blockIndex() });
  }

  /**
   * Counts every file's kept records against the roster: the JP and record counts of each thread
   * (by roster index), and what did not count, every thread's merged (`outcomes`, in `order`);
   * later (`names`: the threads read them after sending the counts, so the caller can use the
   * counts meanwhile), the training names of the duplicates that may be listed, by outcome. Then
   * the threads stop.
   */
  async finish(roster: RosterIndex): Promise<{ counts: Counts[]; outcomes: Outcomes; order: Uint32Array; names: Promise<{ names: string[]; corrected?: { counts: Counts[]; outcomes: Outcomes; order: Uint32Array } }> }> {
    const later = this.expect('names');
    const replies = (await this.ask(() => ({ kind: 'finish', roster, indexes: this.blocks }), 'counts')).flatMap((r) => (r.kind === 'counts' ? [r] : []));
    const { outcomes, order } = mergeOutcomes(replies.map((r) => r.outcomes));
    const names = later.then((all) => {
      const lists = all.flatMap((r) => (r.kind === 'names' ? [r] : []));
      // The threads are done and idle: their files close now, and they stop meanwhile.
      this.done();
      this.spilled = lists.reduce((a, r) => a + r.spilled, 0);
      this.repeats = lists.reduce((a, r) => a + r.repeats, 0);
      // In the merged outcomes' order of threads (see `mergeOutcomes`).
      const named: { names: string[]; corrected?: { counts: Counts[]; outcomes: Outcomes; order: Uint32Array } } = { names: lists.flatMap((r) => r.names) };
      if (lists.some((r) => r.corrected)) {
        // A hash match that was no duplicate: every thread's counts and outcomes as they stand now.
        const merged = mergeOutcomes(replies.map((r, w) => lists[w]!.corrected?.outcomes ?? r.outcomes));
        named.corrected = { counts: replies.map((r, w) => lists[w]!.corrected ?? r).map((c) => ({ jp: c.jp, records: c.records })), ...merged };
      }
      return named;
    });
    // Awaited by the caller after using the counts: a failure meanwhile is not unhandled.
    names.catch(() => undefined);
    return { counts: replies.map((r) => ({ jp: r.jp, records: r.records })), outcomes, order, names };
  }

  /** How to renumber the rows of each file read in unchecked parts, by file index. */
  get partRows(): Readonly<Record<number, PartRows>> {
    return this.rows;
  }

  /** Stops every thread (also after a failure) and closes the temporary files. */
  close(): Promise<void> {
    this.closed ??= Promise.all(this.workers.map((w) => w.terminate())).then(() => {
      for (const t of this.temp) t.close();
    });
    return this.closed;
  }

  /**
   * After every thread's last reply (they wait for nothing more, and read no file): the temporary
   * files close at once, and the threads are stopped without waiting for them (a thread's heap
   * takes several milliseconds to go, on its own core, while this thread writes the report).
   */
  private done(): void {
    if (this.closed) return;
    // Marked closed first: a file that fails to close is never closed again (its number may be
    // another file's by then); the failure is the run's.
    this.closed = Promise.resolve();
    for (const w of this.workers) void w.terminate().catch(() => undefined);
    for (const t of this.temp) t.close();
  }
}

function emptyIndex(): BlockIndex {
  return { part: new Uint16Array(0), at: new Float64Array(0), n: new Uint32Array(0), file: new Uint32Array(0) };
}
