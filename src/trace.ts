/**
 * Phase timings for performance work: with `JP_AUDIT_TRACE=1` in the environment, each phase of a
 * run prints one line to stderr (milliseconds since the process started, the process's resident memory, the phase). Off by
 * default; never part of a report.
 */
const on = process.env.JP_AUDIT_TRACE === '1' || process.env.JP_AUDIT_TRACE === 'mem';
// `JP_AUDIT_TRACE=mem` adds where the memory is: V8's heap, and buffers outside it.
const mem = process.env.JP_AUDIT_TRACE === 'mem';

export function trace(phase: string): void {
  if (!on) return;
  // Since the process started (in worker threads too), so the lines of all threads line up.
  const ms = (process.uptime() * 1000).toFixed(0).padStart(6);
  const mb = (process.memoryUsage.rss() / 1048576).toFixed(0).padStart(5);
  let detail = '';
  if (mem) {
    // Under `node --expose-gc`, what is still held, not what waits to be collected.
    (globalThis as { gc?: () => void }).gc?.();
    const u = process.memoryUsage();
    const m = (n: number) => (n / 1048576).toFixed(0);
    detail = ` (heap ${m(u.heapUsed)}/${m(u.heapTotal)}, external ${m(u.external)}, buffers ${m(u.arrayBuffers)})`;
  }
  process.stderr.write(`jp-audit trace: ${ms} ms ${mb} MB${detail} ${phase}\n`);
}
