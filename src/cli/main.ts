import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command, CommanderError } from 'commander';
import { type CheckOptions, runCheck } from '../check.js';
import { JpAuditError } from '../errors.js';
import { catalogue, errorMessage, type Lang } from '../i18n/index.js';
import { assertNotInput, writeFileAtomic } from '../io/write.js';
import { buildReport } from '../report/model.js';
import { writeOpdReports } from '../report/output.js';
import { type Format, loadRenderer } from '../report/render/index.js';
import {
  parseDateOrder,
  parseDelimiter,
  parseEncoding,
  parseFormat,
  parseBy,
  parseLang,
  parseMap,
  parseShape,
  parseYear,
} from './options.js';

/** What the CLI needs from the outside world; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export const EXIT = { ok: 0, nonCompliant: 1, usage: 2 } as const;

const collect = (v: string, prev: string[]) => [...prev, v];

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Language for messages before options are parsed (a bad option still speaks the user's language). */
function earlyLang(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'id';
  const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v === 'en' ? 'en' : 'id';
}

function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

interface CheckFlags {
  training: string[];
  year?: number;
  shape?: CheckOptions['shape'];
  format?: Format;
  out?: string;
  map: string[];
  delimiter?: CheckOptions['delimiter'];
  encoding?: CheckOptions['encoding'];
  sheet?: string;
  dateFormat?: CheckOptions['dateOrder'];
  lang: Lang;
  exitZero?: boolean;
  rawCells?: boolean;
  by?: 'opd';
  outDir?: string;
  force?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  debug?: boolean;
  color?: boolean;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let lang = earlyLang(argv);
  let debug = argv.includes('--debug');
  let code: number = EXIT.ok;
  const say = (line: string) => io.stderr.write(`${line}\n`);

  const program = new Command('jp-audit')
    .description('Audit ASN training hours (JP) against the yearly duty / Audit jam pelajaran (JP) ASN')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`jp-audit: ${s.replace(/^error: /, '')}`),
    });

  program
    .command('check')
    .description('audit every employee on the roster for one year')
    .argument('<staff>', 'staff roster (CSV/TSV/TXT or .xlsx; - for stdin); a recap with total JP, or a combined sheet')
    .option('-t, --training <file>', 'training records file (repeatable)', collect, [])
    .option('-y, --year <yyyy>', 'year to audit (default: the current year)', parseYear)
    .option('--shape <shape>', 'separate | totals | combined (default: detected from the columns)', parseShape)
    .option('-f, --format <format>', 'table | json | csv | xlsx | html (default: table on a terminal, json otherwise; xlsx with --by opd)', parseFormat)
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--by <group>', 'one report file per group: opd', parseBy)
    .option('--out-dir <dir>', 'folder for --by opd reports (created when missing)')
    .option('--force', 'replace report files that exist in --out-dir')
    .option('-m, --map <field=Header>', 'use column Header for field (nip, name, type, opd, training, start, end, jp); repeatable', collect, [])
    .option('--delimiter <sep>', 'CSV separator: , ; or tab (default: detected)', parseDelimiter)
    .option('--encoding <name>', 'utf-8 | windows-1252 | utf-16le (default: detected)', parseEncoding)
    .option('--sheet <name>', 'worksheet of an .xlsx to read (default: the first)')
    .option('--date-format <order>', 'dmy (default) or mdy, for a/b/yyyy dates', parseDateOrder)
    .option('--lang <lang>', 'id (default) | en', parseLang, 'id')
    .option('--exit-zero', 'exit 0 whenever the audit ran, even with non-compliant employees')
    .option('--raw-cells', 'do not neutralise cells that start with = + - @ in CSV and XLSX output')
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'say which header row and columns were used')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .option('--debug', 'show stack traces')
    .action(async (staff: string, flags: CheckFlags) => {
      lang = flags.lang;
      debug = flags.debug === true;
      code = await check(staff, flags, io, say);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof JpAuditError) {
      say(`jp-audit: ${errorMessage(e, lang)}`);
      if (debug) say(e.stack ?? '');
      return EXIT.usage;
    }
    // A bug, not a data problem: keep the stack so it can be reported.
    say(`jp-audit: internal error: ${e instanceof Error ? (debug ? e.stack : e.message) : String(e)}`);
    if (!debug) say('jp-audit: run again with --debug and report the output');
    return 70;
  }
}

const EXTENSION_FORMATS: Record<string, Format> = { '.csv': 'csv', '.txt': 'table', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.json': 'json' };

function formatFor(flags: CheckFlags, io: CliIo): Format {
  if (flags.format) return flags.format;
  if (flags.by) return 'xlsx';
  if (flags.out) return EXTENSION_FORMATS[extname(flags.out).toLowerCase()] ?? 'json';
  return io.stdout.isTTY ? 'table' : 'json';
}

/** Refuses option combinations that cannot work, before any file is read. */
function checkOutputFlags(flags: CheckFlags, format: Format, io: CliIo): void {
  if (flags.by && !flags.outDir) throw new JpAuditError('by-needs-out-dir', {});
  if (flags.outDir && !flags.by) throw new JpAuditError('out-dir-needs-by', {});
  if (flags.by && format === 'table') throw new JpAuditError('format-not-per-opd', { format });
  if (!flags.by && !flags.out && (format === 'xlsx') && io.stdout.isTTY) throw new JpAuditError('binary-to-terminal', { format });
}

async function check(staff: string, flags: CheckFlags, io: CliIo, say: (s: string) => void): Promise<number> {
  const inputs = [staff, ...flags.training];
  if (flags.out) assertNotInput(flags.out, inputs);
  const format = formatFor(flags, io);
  checkOutputFlags(flags, format, io);
  const year = flags.year ?? io.now().getFullYear();
  const options: CheckOptions = { staff, training: flags.training, year, map: parseMap(flags.map), stdin: io.stdin };
  if (flags.shape) options.shape = flags.shape;
  if (flags.delimiter) options.delimiter = flags.delimiter;
  if (flags.encoding) options.encoding = flags.encoding;
  if (flags.sheet) options.sheet = flags.sheet;
  if (flags.dateFormat) options.dateOrder = flags.dateFormat;

  const result = await runCheck(options);
  const l = catalogue(flags.lang).labels;
  if (!flags.quiet) {
    say(`jp-audit: ${l.shapeTaken({ shape: l.shapes[result.shape], year })}`);
    if (flags.verbose) {
      for (const i of result.inputs) {
        const columns = Object.entries(i.columns).map(([f, h]) => `${f}="${h}"`).join(', ');
        say(`jp-audit: ${l.columnsUsed({ file: i.file, headerRow: i.headerRow, columns })}`);
      }
    }
  }

  const report = buildReport(result, flags.lang);
  const renderer = await loadRenderer(format);
  const target = flags.out || flags.outDir ? { isTTY: false } : io.stdout;
  const ctx = { lang: flags.lang, color: colorWanted(target, io.env, flags.color), rawCells: flags.rawCells === true, generatedAt: io.now() };
  if (flags.by && flags.outDir) {
    const written = await writeOpdReports(report, renderer, ctx, flags.outDir, { force: flags.force === true, inputs });
    if (!flags.quiet) for (const file of written) say(`jp-audit: ${l.wrote({ file })}`);
  } else {
    const body = await renderer.render(report, { ...ctx, view: 'full' });
    if (flags.out) {
      await writeFileAtomic(flags.out, body);
      if (!flags.quiet) say(`jp-audit: ${l.wrote({ file: flags.out })}`);
    } else {
      io.stdout.write(body);
    }
  }
  if (flags.exitZero) return EXIT.ok;
  return report.summary.nonCompliant > 0 ? EXIT.nonCompliant : EXIT.ok;
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: () => new Date() };
}
