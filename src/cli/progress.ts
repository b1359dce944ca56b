import type { Progress } from '../ingest.js';

const SHOW_AFTER_MS = 1000;
const EVERY_MS = 250;
/** A file not heard of for this long is no longer shown (done, or read by a reader that does not say). */
const STALE_MS = 3000;

/**
 * A one-line progress display on a terminal's stderr for inputs that take more than a second: rows
 * read, rows per second, percent of the file's bytes. Never in files or pipes (the caller checks).
 */
export class ProgressLine {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;
  /** Files being read (worker threads read the training files while the roster is read). */
  private readonly reading = new Map<string, { p: Progress; at: number }>();

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly rowsLabel: string,
  ) {}

  update = (p: Progress): void => {
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

  /** Clears the line so the next message starts clean. */
  done(): void {
    if (this.shown) this.stream.write(`\r${' '.repeat(Math.max(20, (this.stream.columns ?? 80) - 1))}\r`);
    this.shown = false;
  }
}
