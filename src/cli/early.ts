import { statSync } from 'node:fs';
import { envThresholds, startEarly, workerThreads } from '../engine/fast/parallel/warm.js';

/**
 * What bin/jp-audit.js does before loading the rest of the tool: for `jp-audit check` with training
 * CSVs large enough for worker threads, it starts them now, so that they load their code while this
 * thread loads its own, instead of after: the threads begin reading that much sooner.
 *
 * Only a guess from the command line: the run itself decides (`runCheck`), takes what was started
 * (`WarmWorkers`), starts what is missing and stops the rest. Nothing here can fail the run.
 */
export function prestart(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  try {
    const threads = earlyThreads(argv, env, (path) => statSync(path).size);
    if (threads > 0) startEarly(threads);
  } catch {
    // A file that cannot be read, or no thread to start: the run finds and says what is wrong.
  }
}

/**
 * How many worker threads `jp-audit check` will likely use, from its arguments (`--training`,
 * `--threads`, `--encoding`) and the environment's thresholds, as `runCheck` decides them from the
 * files' sizes; 0 for anything else.
 */
export function earlyThreads(argv: readonly string[], env: NodeJS.ProcessEnv, sizeOf: (path: string) => number): number {
  if (argv.find((a) => !a.startsWith('-')) !== 'check') return 0;
  const training: string[] = [];
  let threads: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--training' || name === '-t') training.push(value() ?? '');
    else if (name === '--threads') threads = Number(value());
    // Another encoding is read by the general reader, in this thread.
    else if (name === '--encoding' && !/^utf-?8$/i.test(value() ?? '')) return 0;
  }
  if (training.length === 0 || training.includes('-')) return 0;
  let bytes = 0;
  for (const path of training) bytes += sizeOf(path);
  const o: { threads?: number; parallelFrom?: number; workerFrom?: number } = envThresholds(env);
  if (threads !== undefined && Number.isInteger(threads) && threads >= 1 && threads <= 64) o.threads = threads;
  return workerThreads(bytes, o);
}
