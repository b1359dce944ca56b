import { parentPort, workerData } from 'node:worker_threads';
import { columnsSource } from '../engine/fast/columns.js';
import { chunkText } from './chunks.js';
import type { FromReportWorker, ReportWorkerInit } from './threads.js';

/**
 * A report worker thread: writes the pieces of the employees list the main thread leaves (see
 * `chunkTexts`) from a copy of the audit's columns, at most `ahead` pieces before the main thread
 * has taken them.
 */
const init = workerData as ReportWorkerInit;
const port = parentPort!;
const list = columnsSource(init.columns);
// The source holds the columns: the thread's data does not keep a second reference alive.
(init as { columns?: unknown }).columns = undefined;
const encoder = new TextEncoder();
let taken = 0;
let wake: (() => void) | undefined;
port.on('message', (n: number) => {
  taken = n;
  wake?.();
});

async function run(): Promise<void> {
  let sent = 0;
  for (let p = 0; p < init.pieces; p++) {
    if (p % init.mainEvery === 0) continue;
    while (sent - taken >= init.ahead) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    // Encoded here, and the buffer moved to the main thread: neither thread keeps a copy.
    const from = p * init.size;
    const to = (p + 1) * init.size;
    // As text, encoded (JSON with ASCII names is written by the report kernel in the main thread).
    const bytes = encoder.encode(chunkText(init.spec, list, from, to));
    const m: FromReportWorker = { kind: 'piece', bytes };
    port.postMessage(m, [bytes.buffer as ArrayBuffer]);
    sent++;
  }
}

// Once done the thread waits for the main thread to stop it (after taking the last pieces).
run().catch((e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  const m: FromReportWorker = { kind: 'error', message: err.message };
  if (err.stack !== undefined) m.stack = err.stack;
  port.postMessage(m);
});
