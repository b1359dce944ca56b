import type { Progress } from '../ingest.js';

const SHOW_AFTER_MS = 1000;
const EVERY_MS = 250;
/** A file not heard of for this long is no longer shown (done, or read by a reader that does not say). */
const STALE_MS = 3000;

/**
 * A one-line progress display on a terminal's stderr for a phase that takes more than a second:
 * while reading, rows read, rows per second and percent of the file's bytes; then counting and
 * writing the report (with employees or bytes written), each with its seconds so far. Never in
 * files or pipes (the caller checks).
 */
export class ProgressLine {
  private started = Date.now();
  private last = 0;
  private shown = false;
  /** Files being read (worker threads read the training files while the roster is read). */
  private readonly reading = new Map<string, { p: Progress; at: number }>();

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly rowsLabel: string,
  ) {}

  /** The phase after reading: its name, and what `advance` counts (a total when known). */
  private current: { label: string; unit: string; total?: number; done: number; bytes: number } | undefined;
  private timer: NodeJS.Timeout | undefined;

  update = (p: Progress): void => {
    if (this.current) return;
    const now = Date.now();
    this.reading.set(p.file, { p, at: now });
    if (now - this.started < SHOW_AFTER_MS || now - this.last < EVERY_MS) return;
    this.last = now;
    const parts: string[] = [];
    const secs = (now - this.started) / 1000;
    for (const [file, { p, at }] of this.reading) {
      const done = (p.size !== undefined && p.size > 0 && p.bytesRead !== undefined && p.bytesRead >= p.size) || now - at > STALE_MS;
      // A file read to its end gives way to the others (the last one stays until the next phase).
      if (done && this.reading.size > 1) {
        this.reading.delete(file);
        continue;
      }
      const rate = Math.round(p.rows / secs);
      const pct = p.size && p.bytesRead !== undefined ? ` ${Math.min(100, Math.floor((p.bytesRead / p.size) * 100))}%` : '';
      parts.push(`${file}:${pct} ${p.rows.toLocaleString('en-US')} ${this.rowsLabel} (${rate.toLocaleString('en-US')}/s)`);
    }
    const line = `jp-audit: ${parts.join(' · ')}`;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r${line.slice(0, width).padEnd(width)}`);
    this.shown = true;
  };

  /**
   * Starts a phase after reading (`counting`, `writing`): shown once it has lasted a second, with
   * its seconds, redrawn by a timer (the work may be in other threads) and on `advance`.
   */
  phase(label: string, counts?: { unit: string; total?: number }): void {
    this.done();
    this.started = Date.now();
    this.last = 0;
    this.current = { label, unit: counts?.unit ?? '', done: 0, bytes: 0, ...(counts?.total === undefined ? {} : { total: counts.total }) };
    this.timer = setInterval(() => this.draw(), EVERY_MS);
    // A display never keeps the process alive.
    this.timer.unref();
  }

  /** `n` more of the phase's unit done (employees written). */
  advance = (n: number): void => {
    if (!this.current) return;
    this.current.done += n;
    this.draw();
  };

  /** `n` more bytes written. */
  wrote = (n: number): void => {
    if (!this.current) return;
    this.current.bytes += n;
    this.draw();
  };

  private draw(): void {
    const c = this.current;
    const now = Date.now();
    if (!c || now - this.started < SHOW_AFTER_MS || now - this.last < EVERY_MS) return;
    this.last = now;
    const secs = Math.floor((now - this.started) / 1000);
    const parts = [c.label];
    if (c.done > 0 && c.unit) parts.push(`${c.done.toLocaleString('en-US')}${c.total ? ` / ${c.total.toLocaleString('en-US')}` : ''} ${c.unit}`);
    else if (c.bytes > 0) parts.push(`${(c.bytes / 1048576).toFixed(1)} MB`);
    parts.push(`${secs} s`);
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r${`jp-audit: ${parts.join(' · ')}`.slice(0, width).padEnd(width)}`);
    this.shown = true;
  }

  /** Clears the line so the next message starts clean, and ends the phase. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.current = undefined;
    if (this.shown) this.stream.write(`\r${' '.repeat(Math.max(20, (this.stream.columns ?? 80) - 1))}\r`);
    this.shown = false;
  }
}
