import { Worker } from 'node:worker_threads';
import { JpAuditError } from '../errors.js';
import { workerScript } from '../workers.js';
import type { RawRow, ReadOptions, RowSource, SourceInfo } from './types.js';
import { XLS_LIMITS, type XlsReply, type XlsRequest } from './xls-protocol.js';

/**
 * A real Excel 97-2003 workbook (BIFF8 in an OLE compound file), read by SheetJS in a worker
 * thread with a time limit and a capped heap (see `XLS_LIMITS`). The sheet `--sheet` names is read,
 * else the first whose header names the NIP, else the first. Date-formatted numbers become dates.
 */
export class XlsSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly path: string,
    file: string,
    private readonly options: ReadOptions = {},
    size?: number,
  ) {
    this.info = { file, format: 'xls' };
    if (size !== undefined) this.info.size = size;
  }

  async *rows(): AsyncGenerator<RawRow> {
    const file = this.info.file;
    if ((this.info.size ?? 0) > XLS_LIMITS.bytes) throw new JpAuditError('xls-too-large', { what: `${Math.round(this.info.size! / 1024 ** 2)} MB`, limit: `${XLS_LIMITS.bytes / 1024 ** 2} MB` }, file);
    const req: XlsRequest = { path: this.path, file };
    if (this.options.sheet !== undefined) req.sheet = this.options.sheet;
    const worker = new Worker(workerScript('io/xls-worker.js'), { workerData: req, resourceLimits: { maxOldGenerationSizeMb: XLS_LIMITS.heapMb } });
    const queue: XlsReply[] = [];
    let wake: (() => void) | undefined;
    let failure: JpAuditError | undefined;
    let ended = false;
    const push = (m: XlsReply) => {
      queue.push(m);
      wake?.();
    };
    const stop = (e: JpAuditError) => {
      failure ??= e;
      wake?.();
    };
    const timer = setTimeout(() => {
      stop(new JpAuditError('xls-too-large', { what: `> ${XLS_LIMITS.seconds} s`, limit: `${XLS_LIMITS.seconds} s` }, file));
      void worker.terminate();
    }, XLS_LIMITS.seconds * 1000);
    worker.on('message', push);
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') stop(new JpAuditError('xls-too-large', { what: `> ${XLS_LIMITS.heapMb} MB`, limit: `${XLS_LIMITS.heapMb} MB` }, file));
      else stop(new JpAuditError('xls-unreadable', { detail: String(e.message).split('\n')[0]!.slice(0, 200) }, file));
    });
    worker.on('exit', () => {
      ended = true;
      wake?.();
    });
    try {
      for (;;) {
        if (failure) throw failure;
        const m = queue.shift();
        if (m === undefined) {
          if (ended) throw new JpAuditError('xls-unreadable', { detail: 'the reader stopped' }, file);
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (m.kind === 'error') throw new JpAuditError(m.code, m.params, file);
        if (m.kind === 'done') {
          this.info.sheet = m.sheet;
          this.info.bytesRead = this.info.size ?? 0;
          return;
        }
        yield* m.rows;
      }
    } finally {
      clearTimeout(timer);
      void worker.terminate();
    }
  }
}
