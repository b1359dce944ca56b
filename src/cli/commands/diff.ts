import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { text } from 'node:stream/consumers';
import { diffReports } from '../../diff/diff.js';
import { parseCheckReport } from '../../diff/input.js';
import { type DiffFormat, loadDiffRenderer } from '../../diff/render/index.js';
import { JpAuditError } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { assertNotInput } from '../../io/write.js';
import { loadSettings } from '../../policy/config.js';
import { type CliIo, EXIT } from '../io.js';
import { emitReport, formatOfOut } from '../output.js';
import { catalogue } from '../../i18n/index.js';

export interface DiffFlags {
  format?: DiffFormat;
  out?: string;
  allowYearChange?: boolean;
  config?: string;
  lang?: Lang;
  rawCells?: boolean;
  color?: boolean;
  quiet?: boolean;
}

const EXTENSION_FORMATS: Record<string, DiffFormat> = { '.csv': 'csv', '.txt': 'table', '.html': 'html', '.htm': 'html', '.json': 'json' };

const EXTENSIONS = '.txt (table), .csv, .html, .json';

/**
 * As `check` chooses (`formatFor` in cli/output.ts): `--format`, else `--out`'s extension, else the
 * table, on a terminal or in a pipe (a cron job's mail is read by a person). An extension that is
 * no format of diff's, or that contradicts `--format`, is refused; no extension takes `--format`.
 */
function formatFor(flags: DiffFlags): DiffFormat {
  if (flags.out) {
    const ext = extname(flags.out).toLowerCase();
    if (ext === '.xlsx' || ext === '.xls') throw new JpAuditError('diff-no-xlsx', { out: flags.out });
    return formatOfOut(flags.out, flags.format, EXTENSION_FORMATS, EXTENSIONS);
  }
  return flags.format ?? 'table';
}

/** The width a table on stdout must fit: the terminal's, else `COLUMNS`; none for a file. */
function widthFor(flags: DiffFlags, io: CliIo): number | undefined {
  if (flags.out) return undefined;
  const columns = (io.stdout as { columns?: number }).columns;
  if (io.stdout.isTTY && columns && columns > 0) return columns;
  const env = io.env.COLUMNS;
  return env !== undefined && /^\d{2,4}$/.test(env) ? Number(env) : undefined;
}

/** The text of a report file (`-`: stdin), or the one-line error for a file that cannot be read. */
async function readReport(path: string, io: CliIo): Promise<string> {
  if (path === '-') return text(io.stdin);
  try {
    if ((await stat(path)).isDirectory()) throw new JpAuditError('file-is-directory', {}, path);
    return await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof JpAuditError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new JpAuditError(code === 'ENOENT' ? 'file-not-found' : 'file-unreadable', { detail: code ?? (e instanceof Error ? e.message : String(e)) }, path);
  }
}

/** `jp-audit diff`: compares two JSON reports of check; exit 0 when nobody worsened, 1 when someone did. */
export async function diffCommand(older: string, newer: string, flags: DiffFlags, io: CliIo, say: (s: string) => void): Promise<number> {
  // The language, as for check: --lang, else the configuration file's, else Indonesian.
  const settings = await loadSettings(flags.config, io.cwd);
  const lang: Lang = flags.lang ?? settings.lang ?? 'id';
  if (older === '-' && newer === '-') throw new JpAuditError('stdin-twice', {});
  if (flags.out) assertNotInput(flags.out, [older, newer]);
  const format = formatFor(flags);
  const oldReport = parseCheckReport(await readReport(older, io), older);
  const newReport = parseCheckReport(await readReport(newer, io), newer);
  const diff = diffReports(oldReport, newReport, { fromFile: older, toFile: newer, allowYearChange: flags.allowYearChange === true, lang });
  const renderer = await loadDiffRenderer(format, { width: format === 'table' ? widthFor(flags, io) : undefined });
  const written = await emitReport({ report: diff, opds: [], slice: () => diff }, renderer, flags, lang, io, [older, newer], say);
  // emitReport says nothing of where a file went (check ends with its summary line): diff says it.
  if (written && 'file' in written && !flags.quiet) say(`jp-audit: ${catalogue(lang).labels.wrote({ file: written.file })}`);
  return diff.summary.changes.worsened > 0 ? EXIT.findings : EXIT.ok;
}
