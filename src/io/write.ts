import { randomBytes } from 'node:crypto';
import { closeSync, openSync, realpathSync, statSync, writeSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { JpAuditError } from '../errors.js';

/** Where a path really points, or its absolute form when it does not exist yet. */
function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(p))), basename(p));
    } catch {
      return resolve(p);
    }
  }
}

/** Refuses an output path that is one of the inputs, so a report never overwrites its data. */
export function assertNotInput(out: string, inputs: readonly string[]): void {
  const target = realOrResolved(out);
  for (const i of inputs) {
    if (i !== '-' && realOrResolved(i) === target) throw new JpAuditError('out-is-input', { out });
  }
}

/**
 * Writes a file so that readers see the old content or the new, never half: into a temporary file
 * beside it, then renamed over it.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeStreamAtomic(path, (write) => write(data));
}

/** What an output path is now: missing, a regular file (through any links), or something else. */
function outputTarget(path: string): { kind: 'new' } | { kind: 'file'; real: string } | { kind: 'special' } {
  let st;
  try {
    st = statSync(path);
  } catch {
    return { kind: 'new' };
  }
  if (st.isFile()) return { kind: 'file', real: realOrResolved(path) };
  // A folder fails at the rename, with its own error.
  return st.isDirectory() ? { kind: 'new' } : { kind: 'special' };
}

/**
 * `writeFileAtomic` for content produced in pieces (a report too large to hold as one string):
 * written into the temporary file, then renamed over the target. Each piece is written before
 * `write` resolves (synchronously: the page cache takes it at memory speed), so a producer may
 * reuse a piece's memory once it has; an asynchronous stream would need its own copy of every
 * piece, which made a large report's writing markedly slower.
 *
 * A link to a file: the file it points to is replaced, the link stays. A device, a pipe or a
 * socket (`/dev/stdout`, `/dev/null`, a FIFO another program reads) is written in place: renaming
 * a file over it would replace the device itself (it did, as root, for `--out /dev/full`), or fail
 * for want of room to write in its folder.
 */
export async function writeStreamAtomic(path: string, produce: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  const target = outputTarget(path);
  const file = target.kind === 'file' ? target.real : path;
  const tmp = target.kind === 'special' ? undefined : join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = tmp === undefined ? openSync(path, 'w') : openSync(tmp, 'wx');
    const to = fd;
    await produce(async (chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(to, bytes, at, bytes.length - at);
    });
    closeSync(fd);
    fd = undefined;
    if (tmp !== undefined) await rename(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (tmp !== undefined) await unlink(tmp).catch(() => undefined);
    if (e instanceof JpAuditError) throw e;
    throw new JpAuditError('out-write-failed', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, path);
  }
}
