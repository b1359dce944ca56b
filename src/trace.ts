/**
 * Phase timings for performance work: with `JP_AUDIT_TRACE=1` in the environment, each phase of a
 * run prints one line to stderr (milliseconds since the process started, the process's resident memory, the phase). Off by
 * default; never part of a report.
 */
const on = process.env.JP_AUDIT_TRACE === '1';

export function trace(phase: string): void {
  if (!on) return;
  // Since the process started (in worker threads too), so the lines of all threads line up.
  const ms = (process.uptime() * 1000).toFixed(0).padStart(6);
  const mb = (process.memoryUsage.rss() / 1048576).toFixed(0).padStart(5);
  process.stderr.write(`jp-audit trace: ${ms} ms ${mb} MB ${phase}\n`);
}
