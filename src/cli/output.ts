import { extname } from 'node:path';
import { JpAuditError } from '../errors.js';
import { catalogue, type Lang } from '../i18n/index.js';
import { writeFileAtomic, writeStreamAtomic } from '../io/write.js';
import { type Splittable, writeOpdReports } from '../report/output.js';
import type { Format } from '../report/render/index.js';
import type { RenderContext, Renderer } from '../report/render/types.js';
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

const EXTENSION_FORMATS: Record<string, Format> = { '.csv': 'csv', '.txt': 'table', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.json': 'json' };

/** `--format`, else from `--out`'s extension, else table on a terminal and JSON in a pipe. */
export function formatFor(flags: OutputFlags, io: CliIo): Format {
  if (flags.format) return flags.format;
  if (flags.by) return 'xlsx';
  if (flags.out) return EXTENSION_FORMATS[extname(flags.out).toLowerCase()] ?? 'json';
  return io.stdout.isTTY ? 'table' : 'json';
}

/** Refuses option combinations that cannot work, before any file is read. */
export function checkOutputFlags(flags: OutputFlags, format: Format, io: CliIo): void {
  if (flags.by && !flags.outDir) throw new JpAuditError('by-needs-out-dir', {});
  if (flags.outDir && !flags.by) throw new JpAuditError('out-dir-needs-by', {});
  if (flags.by && format === 'table') throw new JpAuditError('format-not-per-opd', { format });
  if (!flags.by && !flags.out && format === 'xlsx' && io.stdout.isTTY) throw new JpAuditError('binary-to-terminal', { format });
}

/** Renders and writes a report as the flags say, and says where it went. */
export async function emitReport<R>(
  split: Splittable<R>,
  renderer: Renderer<R>,
  flags: OutputFlags,
  lang: Lang,
  io: CliIo,
  inputs: readonly string[],
  say: (s: string) => void,
  progress?: { line: ProgressLine; employees: number },
): Promise<void> {
  // Writing is a phase of its own on a terminal's progress line: employees written (formats that
  // say), else bytes; cleared before the lines that say where the report went.
  if (!progress) return emitTo(split, renderer, flags, lang, io, inputs, say, undefined);
  progress.line.phase(catalogue(lang).labels.phases.writing, { unit: catalogue(lang).labels.employees.toLowerCase(), total: progress.employees });
  const said: string[] = [];
  try {
    await emitTo(split, renderer, flags, lang, io, inputs, (line) => said.push(line), progress.line);
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
): Promise<void> {
  const l = catalogue(lang).labels;
  const target = flags.out || flags.outDir ? { isTTY: false } : io.stdout;
  const ctx: Omit<RenderContext, 'view'> = { lang, color: colorWanted(target, io.env, flags.color), rawCells: flags.rawCells === true, generatedAt: io.now() };
  if (flags.threads !== undefined) ctx.threads = flags.threads;
  if (progress) ctx.onProgress = progress.advance;
  // For tests and measurements: write smaller reports with a second thread too.
  const from = io.env.JP_AUDIT_REPORT_PARALLEL_FROM;
  if (from !== undefined && /^\d+$/.test(from)) ctx.parallelFrom = Number(from);
  if (flags.by && flags.outDir) {
    const written = await writeOpdReports(split, renderer, ctx, flags.outDir, { force: flags.force === true, inputs });
    if (!flags.quiet) for (const file of written) say(`jp-audit: ${l.wrote({ file })}`);
    return;
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
      if (!flags.quiet) say(`jp-audit: ${l.wrote({ file: flags.out })}`);
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
    return;
  }
  const body = await renderer.render(split.report, full);
  if (flags.out) {
    await writeFileAtomic(flags.out, body);
    if (!flags.quiet) say(`jp-audit: ${l.wrote({ file: flags.out })}`);
  } else {
    await writeTo(io.stdout, body);
  }
}
