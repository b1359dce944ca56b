import { extname } from 'node:path';
import { JpAuditError } from '../errors.js';
import { catalogue, type Lang } from '../i18n/index.js';
import { writeFileAtomic, writeStreamAtomic } from '../io/write.js';
import { type Splittable, writeOpdReports } from '../report/output.js';
import type { Format } from '../report/render/index.js';
import type { RenderContext, Renderer } from '../report/render/types.js';
import { terminalWidth } from '../report/render/width.js';
import { type CliIo, colorWanted, guardOutput, writeTo } from './io.js';
import type { ProgressLine } from './progress.js';

/** Where and how a report goes: stdout, `--out FILE`, or one file per OPD. */
export interface OutputFlags {
  format?: Format;
  out?: string;
  by?: 'opd';
  outDir?: string;
  force?: boolean;
  rawCells?: boolean;
  color?: boolean;
  quiet?: boolean;
  /** `--threads`: also the threads a large report may be written with. */
  threads?: number;
}

/** The report formats by file name extension, for `--out`. */
const EXTENSION_FORMATS: Record<string, Format> = { '.txt': 'table', '.csv': 'csv', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.json': 'json' };
const EXTENSIONS = '.txt (table), .csv, .xlsx, .html, .json';

/**
 * `--format`, else `--out`'s extension, else the table (on a terminal or not: a cron job's mail is
 * read by a person too). An extension that is no format (`laporan.pdf`, `laporan.xls`) or that
 * contradicts `--format` is refused: the file would be opened as what its name says. A name without
 * an extension takes `--format`, else the table.
 */
export function formatFor(flags: OutputFlags, _io?: CliIo): Format {
  if (flags.out) return formatOfOut(flags.out, flags.format, EXTENSION_FORMATS, EXTENSIONS);
  if (flags.format) return flags.format;
  if (flags.by) return 'xlsx';
  return 'table';
}

/**
 * The format `--out`'s name says, among a command's (`formats` by extension, `extensions` to name
 * them in the message): one that is no format, or contradicts `--format`, is refused. A name without
 * an extension (`/dev/stdout`, a named pipe) takes `--format`, else the table. Every command that
 * writes a file chooses so (check, explain, diff, validate).
 */
export function formatOfOut<F extends string>(out: string, format: F | undefined, formats: Readonly<Record<string, F>>, extensions: string): F | 'table' {
  const ext = extname(out).toLowerCase();
  if (ext === '') return format ?? 'table';
  const byName = formats[ext];
  if (byName === undefined) throw new JpAuditError('out-unknown-extension', { out, ext, extensions });
  if (format && format !== byName) throw new JpAuditError('format-contradicts-out', { out, format, ext, byName });
  return byName;
}

/** Refuses option combinations that cannot work, before any file is read. */
export function checkOutputFlags(flags: OutputFlags, format: Format, io: CliIo): void {
  if (flags.by && !flags.outDir) throw new JpAuditError('by-needs-out-dir', {});
  if (flags.outDir && !flags.by) throw new JpAuditError('out-dir-needs-by', {});
  if (flags.by && format === 'table') throw new JpAuditError('format-not-per-opd', { format });
  if (!flags.by && !flags.out && format === 'xlsx' && io.stdout.isTTY) throw new JpAuditError('binary-to-terminal', { format });
}

/** Where a report went: one file, or the files of `--by opd` in a folder; nothing for stdout. */
export type Written = { file: string } | { dir: string; files: number } | undefined;

/** Renders and writes a report as the flags say, and returns where it went. */
export async function emitReport<R>(
  split: Splittable<R>,
  renderer: Renderer<R>,
  flags: OutputFlags,
  lang: Lang,
  io: CliIo,
  inputs: readonly string[],
  say: (s: string) => void,
  progress?: { line: ProgressLine; employees: number },
): Promise<Written> {
  // Writing is a phase of its own on a terminal's progress line: employees written (formats that
  // say), else bytes; cleared before the lines that say where the report went.
  if (!progress) return emitTo(split, renderer, flags, lang, io, inputs, say, undefined);
  progress.line.phase(catalogue(lang).labels.phases.writing, { unit: catalogue(lang).labels.employees.toLowerCase(), total: progress.employees });
  const said: string[] = [];
  try {
    return await emitTo(split, renderer, flags, lang, io, inputs, (line) => said.push(line), progress.line);
  } finally {
    progress.line.done();
    for (const line of said) say(line);
  }
}

async function emitTo<R>(
  split: Splittable<R>,
  renderer: Renderer<R>,
  flags: OutputFlags,
  lang: Lang,
  io: CliIo,
  inputs: readonly string[],
  say: (s: string) => void,
  progress: ProgressLine | undefined,
): Promise<Written> {
  const l = catalogue(lang).labels;
  const target = flags.out || flags.outDir ? { isTTY: false } : io.stdout;
  const ctx: Omit<RenderContext, 'view'> = { lang, color: colorWanted(target, io.env, flags.color), rawCells: flags.rawCells === true, generatedAt: io.now() };
  if (flags.threads !== undefined) ctx.threads = flags.threads;
  if (progress) ctx.onProgress = progress.advance;
  ctx.width = terminalWidth(io.env, target);
  // For tests and measurements: write smaller reports with a second thread too.
  const from = io.env.JP_AUDIT_REPORT_PARALLEL_FROM;
  if (from !== undefined && /^\d+$/.test(from)) ctx.parallelFrom = Number(from);
  if (flags.by && flags.outDir) {
    const written = await writeOpdReports(split, renderer, ctx, flags.outDir, { force: flags.force === true, inputs });
    if (!flags.quiet) for (const file of written) say(`jp-audit: ${l.wrote({ file })}`);
    return { dir: flags.outDir, files: written.length };
  }
  const full = { ...ctx, view: 'full' as const };
  if (renderer.stream) {
    // Large reports go out in pieces, never as one string.
    const stream = renderer.stream.bind(renderer);
    if (flags.out) {
      // Written before `write` resolves: the pieces may be views of memory that is reused.
      const counted = progress
        ? (write: (c: string | Uint8Array) => Promise<void>) => (c: string | Uint8Array) => (progress.wrote(typeof c === 'string' ? Buffer.byteLength(c) : c.length), write(c))
        : (write: (c: string | Uint8Array) => Promise<void>) => write;
      await writeStreamAtomic(flags.out, (write) => stream(split.report, { ...full, reuseChunks: true }, counted(write)));
      return { file: flags.out };
    } else {
      // Once the reader went away (`| head`), the rest of the report is not even made.
      const gone = Symbol('reader gone');
      try {
        await stream(split.report, full, async (chunk) => {
          await writeTo(io.stdout, chunk);
          if (guardOutput(io.stdout).gone) throw gone;
        });
      } catch (e) {
        if (e !== gone) throw e;
      }
    }
    return undefined;
  }
  const body = await renderer.render(split.report, full);
  if (flags.out) {
    await writeFileAtomic(flags.out, body);
    return { file: flags.out };
  }
  await writeTo(io.stdout, body);
  return undefined;
}

/**
 * The one stderr line a run ends with, for cron: after writing a file, or with `--quiet` when the
 * run is not clean (`clean`: nobody short, no error or warning finding); otherwise none.
 */
export function summaryLine(figures: string, written: Written, flags: { quiet?: boolean }, clean: boolean, lang: Lang): string | undefined {
  if (written === undefined ? !flags.quiet || clean : flags.quiet && clean) return undefined;
  const l = catalogue(lang).labels;
  const where = written === undefined ? '' : 'file' in written ? l.reportAt({ where: written.file }) : l.reportAt({ where: l.filesIn({ count: written.files, dir: written.dir }) });
  return `jp-audit: ${figures}${where}`;
}
