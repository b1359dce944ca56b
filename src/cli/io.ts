import { JpAuditError } from '../errors.js';

/** What the CLI needs from the outside world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  cwd: string;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Colours only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces them. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: () => new Date(), cwd: process.cwd() };
}

/** What became of a guarded output stream (see `guardOutput`). */
interface OutputState {
  /** The reader went away (EPIPE): what is left is not written. */
  gone: boolean;
  /** Any other write error. */
  failure?: NodeJS.ErrnoException;
}
const guarded = new WeakMap<object, OutputState>();

/**
 * Listens for write errors on `out` (once per stream) instead of letting them crash the process
 * with a stack trace. A reader that went away (`jp-audit check … | head`) is not an error: the rest
 * is not written and the run ends as usual; `writeTo` raises any other error as one line.
 */
export function guardOutput(out: CliIo['stdout']): OutputState {
  const state = guarded.get(out);
  if (state) return state;
  const s: OutputState = { gone: false };
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') s.gone = true;
    // After the reader went away, writes fail as writes to a closed stream: nothing new.
    else if (!s.gone) s.failure ??= e;
  });
  guarded.set(out, s);
  return s;
}

/**
 * Writes a piece to a guarded stream, waiting while its buffer is full; nothing once the reader
 * went away. Another write error is a `JpAuditError` (`out-write-failed`).
 */
export async function writeTo(out: CliIo['stdout'], chunk: string | Uint8Array): Promise<void> {
  const state = guardOutput(out);
  const check = () => {
    if (state.failure) throw new JpAuditError('out-write-failed', { detail: state.failure.code ?? state.failure.message }, 'stdout');
  };
  check();
  if (state.gone) return;
  if (!out.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        out.off('error', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
      out.on('error', done);
    });
  }
  check();
}
