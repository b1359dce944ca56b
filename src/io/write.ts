import { randomBytes } from 'node:crypto';
import { closeSync, openSync, realpathSync, writeSync } from 'node:fs';
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

/**
 * `writeFileAtomic` for content produced in pieces (a report too large to hold as one string):
 * written into the temporary file, then renamed over the target. Each piece is written before
 * `write` resolves (synchronously: the page cache takes it at memory speed), so a producer may
 * reuse a piece's memory once it has; the asynchronous stream this replaced needed its own copy of
 * every piece, and with it the report at 100k/1M took 0.21-0.33 s instead of 0.13-0.19 s.
 */
export async function writeStreamAtomic(path: string, produce: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    const to = fd;
    await produce(async (chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(to, bytes, at, bytes.length - at);
    });
    closeSync(fd);
    fd = undefined;
    await rename(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    await unlink(tmp).catch(() => undefined);
    if (e instanceof JpAuditError) throw e;
    throw new JpAuditError('out-write-failed', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, path);
  }
}
