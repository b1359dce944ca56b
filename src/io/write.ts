import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { once } from 'node:events';
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
 * Bytes a report may have waiting to be written while the next piece is made. The stream's default
 * (16 KiB) made every piece of a large report wait for the one before it to reach the disk.
 */
const WRITE_AHEAD = 8 << 20;

/**
 * Writes a file so that readers see the old content or the new, never half: into a temporary file
 * beside it, then renamed over it.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeStreamAtomic(path, (write) => write(data));
}

/**
 * `writeFileAtomic` for content produced in pieces (a report too large to hold as one string):
 * streamed into the temporary file, then renamed over the target.
 */
export async function writeStreamAtomic(path: string, produce: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const out = createWriteStream(tmp, { flags: 'wx', highWaterMark: WRITE_AHEAD });
  try {
    await once(out, 'open');
    await produce(async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
    await rename(tmp, path);
  } catch (e) {
    out.destroy();
    await unlink(tmp).catch(() => undefined);
    if (e instanceof JpAuditError) throw e;
    throw new JpAuditError('out-write-failed', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, path);
  }
}
