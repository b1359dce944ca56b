import { Worker } from 'node:worker_threads';
import type { EmployeeColumns, EmployeeSource } from '../audit/employees.js';
import { columnsSource } from '../engine/fast/columns.js';
import { defaultThreads } from '../engine/fast/parallel/pool.js';
import { asciiNames, kernelEnabled } from '../engine/fast/kernel.js';
import { workerScript } from '../workers.js';
import { CHUNK, type ChunkFormat, chunkText } from './chunks.js';

/**
 * Reports of fewer employees are written in one thread: below this, starting a thread and copying
 * the columns to it costs more than it saves.
 */
export const REPORT_PARALLEL_FROM = 250_000;
/**
 * The pieces the calling thread writes: every third (the worker writes the others). It also
 * writes every piece out and carries the larger heap, so with half the pieces it is the one the
 * other waits for. How the share was chosen: docs/performance.md.
 */
const MAIN_EVERY = 3;
/** Pieces a report thread may write ahead of the one waiting to be written. */
const AHEAD = 8;
/**
 * Employees per piece when two threads write: larger pieces than `CHUNK`, so fewer messages
 * between the threads; the main thread makes only some of them, so its heap stays small.
 */
const THREAD_PIECE = 1000;

/** What a report worker thread is started with. */
export interface ReportWorkerInit {
  columns: EmployeeColumns;
  spec: ChunkFormat;
  /** Employees per piece, and pieces in all; the worker writes all but every `mainEvery`th. */
  size: number;
  pieces: number;
  mainEvery: number;
  ahead: number;
}

/** A report thread's message: a piece written (as UTF-8, its buffer moved, not copied), or an error. */
export type FromReportWorker = { kind: 'piece'; bytes: Uint8Array } | { kind: 'error'; message: string; stack?: string };

export interface ChunkOptions {
  /** Threads allowed (1: this thread only; default: the machine's cores, at most 4). */
  threads?: number;
  /** Employees from which a second thread writes half of the pieces (default `REPORT_PARALLEL_FROM`). */
  parallelFrom?: number;
  /**
   * The caller is done with each piece before it asks for the next (a report file, written
   * synchronously): a piece may be a view of memory the next one reuses (the report kernel's).
   */
  reuseChunks?: boolean;
}

/**
 * The columns a worker needs, copied to their length (a view would copy its whole buffer). ASCII
 * names go as one block of bytes, not a million strings (a third of the memory in the thread).
 */
function columnsFor(c: EmployeeColumns, notAscii = false): EmployeeColumns {
  const n = c.order.length;
  return {
    ...c,
    nipHi: c.nipHi.slice(0, n),
    nipLo: c.nipLo.slice(0, n),
    types: c.types.slice(0, n),
    opdOf: c.opdOf.slice(0, n),
    names: packNames(c.names, n, notAscii),
    jp: c.jp.slice(0, n),
    records: c.records.slice(0, n),
  };
}

/**
 * A source that writes JSON items with the report kernel, in this thread, from the audit's columns
 * as they are (the kernel takes a range at a time into its memory); null when the names are not
 * ASCII. No copy of the columns is made.
 */
function kernelSource(c: EmployeeColumns): ReturnType<typeof columnsSource> | null {
  const n = c.order.length;
  if (!Array.isArray(c.names)) {
    const { bytes, ends } = c.names as { bytes: Uint8Array; ends: Uint32Array };
    return columnsSource({ ...c, names: { bytes: bytes.subarray(0, n === 0 ? 0 : ends[n - 1]), ends: ends.subarray(0, n) } });
  }
  const ascii = asciiNames(c.names as readonly string[], n);
  return ascii === undefined ? null : columnsSource(c, ascii);
}

/** The buffers of `columnsFor`'s copies, which no one else holds (the order is the caller's own). */
function ownBuffers(c: EmployeeColumns): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [c.nipHi, c.nipLo, c.types, c.opdOf, c.jp, c.records];
  if (!Array.isArray(c.names)) {
    const { bytes, ends } = c.names as { bytes: Uint8Array; ends: Uint32Array };
    arrays.push(bytes, ends);
  }
  // Only a buffer each copy fills alone can move (a small Buffer may share Node's pool).
  return arrays.filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !(a.buffer instanceof SharedArrayBuffer)).map((a) => a.buffer as ArrayBuffer);
}

/**
 * The first `n` names as ASCII bytes and where each ends (copied to their length, as a thread
 * gets them); the strings themselves if any is not ASCII (`notAscii`: known already).
 */
function packNames(names: EmployeeColumns['names'], n: number, notAscii: boolean): EmployeeColumns['names'] {
  if (!Array.isArray(names)) {
    const { bytes, ends } = names as { bytes: Uint8Array; ends: Uint32Array };
    return { bytes: new Uint8Array(bytes.subarray(0, n === 0 ? 0 : ends[n - 1])), ends: ends.slice(0, n) };
  }
  const all = names as readonly string[];
  const list = all.length === n ? all : all.slice(0, n);
  if (notAscii || asciiNames(list, n) === undefined) return list;
  const bytes = Buffer.from(list.join(''), 'latin1');
  const ends = new Uint32Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) ends[i] = at += list[i]!.length;
  return { bytes, ends };
}

/**
 * The employees of `list` as the format writes them, in pieces of a few hundred, in order (the
 * pieces joined are the whole list, wherever they are cut). For a large list made from an audit's
 * columns, a worker thread writes two pieces in three meanwhile (JSON.stringify and making the
 * employees are most of a large report's time), as UTF-8 bytes; the text is the same either way.
 */
export async function* chunkTexts(list: EmployeeSource, spec: ChunkFormat, options: ChunkOptions = {}): AsyncGenerator<string | Uint8Array> {
  // JSON with ASCII names: the report kernel writes every item in this thread, at any size. A
  // second thread does not pay here: it needs its own copy of the columns (a third more memory at
  // a million employees) and wrote the report no sooner.
  // (null: the names are not ASCII, which the thread's copy of them need not check again.)
  const kernel = list.columns && spec.format === 'json' && kernelEnabled() && list.length > CHUNK ? kernelSource(list.columns) : undefined;
  const bytes = kernel ?? undefined;
  const threads = options.threads ?? defaultThreads();
  if (bytes !== undefined || list.columns === undefined || threads < 2 || list.length <= THREAD_PIECE || list.length < (options.parallelFrom ?? REPORT_PARALLEL_FROM)) {
    for (let from = 0; from < list.length; from += CHUNK) yield bytes ? bytes.jsonBytes!(from, from + CHUNK, options.reuseChunks === true) : chunkText(spec, list, from, from + CHUNK);
    return;
  }
  const size = THREAD_PIECE;
  const pieces = Math.ceil(list.length / size);
  const piece = (p: number) => chunkText(spec, list, p * size, (p + 1) * size);
  // The worker writes its pieces in order, at most AHEAD ahead of the ones taken here.
  const columns = columnsFor(list.columns, kernel === null);
  const init: ReportWorkerInit = { columns, spec, size, pieces, mainEvery: MAIN_EVERY, ahead: AHEAD };
  // Its garbage is mostly pieces of text, each too large for the young generation. The columns'
  // copies are moved to it, not cloned: this thread writes its pieces from `list`, and keeping a
  // second copy here for the whole report was a fifth of the peak memory at a million employees.
  const worker = new Worker(workerScript('report/worker.js'), { workerData: init, transferList: ownBuffers(columns), resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const waiting: Uint8Array[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (m: FromReportWorker) => {
    if (m.kind === 'piece') waiting.push(m.bytes);
    else {
      failure = new Error(m.message);
      if (m.stack !== undefined) failure.stack = m.stack;
    }
    wake?.();
  });
  worker.on('error', (e) => {
    failure ??= e;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`a report worker thread stopped (exit code ${code})`);
    wake?.();
  });
  try {
    let taken = 0;
    for (let p = 0; p < pieces; p++) {
      if (p % MAIN_EVERY === 0) {
        yield piece(p);
        continue;
      }
      while (waiting.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      const bytes = waiting.shift()!;
      worker.postMessage(++taken);
      yield bytes;
    }
  } finally {
    await worker.terminate();
  }
}
