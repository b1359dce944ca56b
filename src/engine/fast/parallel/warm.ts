import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../../workers.js';

// What decides and starts the training worker threads before the pool is made: kept apart from the
// pool (and from everything else) so that the command-line tool can start them before loading the
// rest of its code (src/cli/early.ts).

/**
 * Training files smaller than this in all are read by at most one worker thread: starting more,
 * cutting the file and handing the findings over cost about what the threads save on smaller
 * files, and the single duplicate set is small there. How the threshold was chosen, and how to
 * check it: docs/performance.md.
 */
export const PARALLEL_FROM_BYTES = 512 * 1024 * 1024;

/**
 * Smaller training files from this size are read by one worker thread, started (see
 * `WarmWorkers`) as the run starts, while this thread reads the roster: below it, the thread's
 * start and the hand-over cost more than reading alongside the roster saves
 * (docs/performance.md).
 */
export const WORKER_FROM_BYTES = 32 * 1024 * 1024;

/** Threads by default: the machine's cores, at most four (each thread reads every byte of the file). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * A training worker thread's options. A small young generation: a thread's reading makes little
 * garbage (typed arrays, reused buffers), and the default semi-spaces would add to every thread's
 * memory for nothing.
 */
export const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 8 } };

/**
 * How many worker threads read training CSVs of `bytes` in all: `threads` (default: the cores) from
 * `parallelFrom` bytes, one from `workerFrom` (it reads while the main thread reads the roster),
 * none below (the main thread reads them).
 */
export function workerThreads(bytes: number, o: { threads?: number; parallelFrom?: number; workerFrom?: number }): number {
  if (bytes >= (o.parallelFrom ?? PARALLEL_FROM_BYTES)) return o.threads ?? defaultThreads();
  return bytes >= (o.workerFrom ?? WORKER_FROM_BYTES) ? 1 : 0;
}

/**
 * The thresholds the environment sets, for tests and measurements (`JP_AUDIT_PARALLEL_FROM`,
 * `JP_AUDIT_WORKER_FROM`: bytes); what is not a number of bytes is ignored.
 */
export function envThresholds(env: NodeJS.ProcessEnv): { parallelFrom?: number; workerFrom?: number } {
  const out: { parallelFrom?: number; workerFrom?: number } = {};
  const bytes = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const parallelFrom = bytes(env.JP_AUDIT_PARALLEL_FROM);
  if (parallelFrom !== undefined) out.parallelFrom = parallelFrom;
  const workerFrom = bytes(env.JP_AUDIT_WORKER_FROM);
  if (workerFrom !== undefined) out.workerFrom = workerFrom;
  return out;
}

/** Threads started by `startEarly`, alive and not taken yet. */
let early: Worker[] = [];

/**
 * Starts `threads` training worker threads before anything asks for them: the command-line tool
 * does it first thing (see src/cli/early.ts), so that the threads load their code while the tool
 * loads its own. `WarmWorkers` takes them first. Until taken they do not keep the process
 * alive (a run that stops before, on a bad option, ends as it would without them); `stopEarly`
 * stops those never taken.
 */
export function startEarly(threads: number, script: URL = workerScript('engine/fast/parallel/worker.js')): void {
  for (let i = 0; i < threads; i++) {
    const w = new Worker(script, WORKER_OPTIONS);
    w.on('error', () => undefined);
    w.once('exit', () => (early = early.filter((x) => x !== w)));
    w.unref();
    early.push(w);
  }
}

/** Threads started early and still alive, not taken. */
export function earlyCount(): number {
  return early.length;
}

/** Stops the threads started early and never taken. */
export async function stopEarly(): Promise<void> {
  await Promise.all(early.splice(0).map((w) => w.terminate()));
}

/**
 * Training worker threads started before they are needed: a thread takes a noticeable part of a
 * small run to load its code, which it does while the calling thread opens the files. Threads started earlier still
 * (`startEarly`) are taken first. A `TrainingPool` takes them (`take`) and sends each its init;
 * those not taken are stopped by `close`.
 */
export class WarmWorkers {
  private idle: Worker[];
  /** Of the threads, how many had been started early. */
  readonly early: number;

  constructor(threads: number, script: URL = workerScript('engine/fast/parallel/worker.js')) {
    let taken = 0;
    this.idle = Array.from({ length: threads }, () => {
      const started = early.shift();
      if (started) {
        taken++;
        started.ref();
      }
      const w = started ?? new Worker(script, WORKER_OPTIONS);
      // A thread that dies before it is taken is not taken: the pool would wait for its answer
      // forever. The pool starts a thread of its own instead, whose failure it sees.
      w.on('error', () => undefined);
      w.once('exit', () => (this.idle = this.idle.filter((x) => x !== w)));
      return w;
    });
    this.early = taken;
  }

  /** Threads started, alive and not taken. */
  get size(): number {
    return this.idle.length;
  }

  /** A started thread, if one is left. */
  take(): Worker | undefined {
    return this.idle.shift();
  }

  /** Stops the threads not taken. */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }
}
