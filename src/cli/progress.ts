import type { Progress } from '../ingest.js';

const SHOW_AFTER_MS = 1000;
const EVERY_MS = 250;

/**
 * A one-line progress display on a terminal's stderr for inputs that take more than a second: rows
 * read, rows per second, percent of the file's bytes. Never in files or pipes (the caller checks).
 */
export class ProgressLine {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly rowsLabel: string,
  ) {}

  update = (p: Progress): void => {
    const now = Date.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.last < EVERY_MS) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const rate = Math.round(p.rows / secs);
    const pct = p.size && p.bytesRead !== undefined ? ` ${Math.min(100, Math.floor((p.bytesRead / p.size) * 100))}%` : '';
    const line = `jp-audit: ${p.file}:${pct} ${p.rows.toLocaleString('en-US')} ${this.rowsLabel} (${rate.toLocaleString('en-US')}/s)`;
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
