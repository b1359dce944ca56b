import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JpAuditError } from '../errors.js';

/** Where spilled blocks are written and read back (see `Partitions`). */
export interface BlockStore {
  write(bytes: Uint8Array, at: number): void;
  read(into: Uint8Array, at: number): void;
}

/**
 * A temporary file in the system's temporary folder (`TMPDIR`, `TEMP`), opened by its descriptor:
 * worker threads write and read it through the number (descriptors belong to the process), and the
 * thread that made it closes it. On Linux and macOS its name is removed at once, so nothing is left
 * behind even if the process is killed; where the system refuses (Windows), it is removed on close.
 */
export class TempFile {
  readonly fd: number;
  private readonly path: string | undefined;

  constructor(readonly dir = tmpdir()) {
    const path = join(dir, `jp-audit-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      this.fd = openSync(path, 'wx+', 0o600);
    } catch (e) {
      throw tempFailed(e, dir);
    }
    try {
      unlinkSync(path);
      this.path = undefined;
    } catch {
      this.path = path;
    }
  }

  close(): void {
    closeSync(this.fd);
    if (this.path !== undefined) {
      try {
        unlinkSync(this.path);
      } catch {
        // Already gone.
      }
    }
  }
}

/** Blocks in a temporary file given by its descriptor (a `TempFile` of another thread). */
export function fileStore(fd: number, dir: string): BlockStore {
  return {
    write(bytes, at) {
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done, at + done);
        } catch (e) {
          throw tempFailed(e, dir);
        }
      }
    },
    read(into, at) {
      let done = 0;
      while (done < into.length) {
        const n = readSync(fd, into, done, into.length - done, at + done);
        if (n === 0) throw new Error(`temporary file: ${into.length - done} bytes missing at ${at + done}`);
        done += n;
      }
    },
  };
}

/**
 * Stops before any work when the temporary folder has less room than `bytes` (what the threads
 * will write there, at most), rather than after minutes of reading. A system that cannot say how
 * much room there is (or a folder that does not exist, which `TempFile` reports) is not stopped here.
 */
export async function checkRoom(bytes: number, dir = tmpdir()): Promise<void> {
  let free: number;
  try {
    const s = await statfs(dir);
    free = s.bavail * s.bsize;
  } catch {
    return;
  }
  if (free < bytes) throw new JpAuditError('temp-room', { dir, need: Math.ceil(bytes / 1048576), free: Math.floor(free / 1048576) });
}

function tempFailed(e: unknown, dir: string): JpAuditError {
  return new JpAuditError('temp-failed', { dir, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
}
