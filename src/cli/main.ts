import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { JpAuditError } from '../errors.js';
import { errorMessage, type Lang } from '../i18n/index.js';
import { type CheckFlags, checkCommand } from './commands/check.js';
import { initCommand, policyCommand } from './commands/config.js';
import type { DiffFlags } from './commands/diff.js';
import { type ExplainFlags, explainCommand } from './commands/explain.js';
import { type LatsarFlags, latsarCommand } from './commands/latsar.js';
import { type ValidateFlags, validateCommand } from './commands/validate.js';
import { type CliIo, defaultIo, EXIT, guardOutput } from './io.js';
import {
  parseAsOf,
  parseBy,
  parseDateOrder,
  parseDefaultType,
  parseDelimiter,
  parseDiffFormat,
  parseUndatedYear,
  parseEncoding,
  parseFormat,
  parseLang,
  parseShape,
  parseValidateFormat,
  parseYamlJson,
  parseThreads,
  parseYear,
} from './options.js';

export type { CliIo } from './io.js';
export { EXIT } from './io.js';

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

/** Options that every command reading files shares. */
function readingOptions(cmd: Command): Command {
  return cmd
    .option('-m, --map <field=Header>', 'use column Header for field (nip, name, type, cpnsStatus, opd, training, start, end, year, jp, minutes, hours, serviceStart, serviceEnd, status, reason, phase); repeatable', collect, [])
    .option('--delimiter <sep>', 'CSV separator: , ; tab or | (any single character; default: detected)', parseDelimiter)
    .option('--default-type <type>', 'type of employees whose roster has no type column and whose NIP does not tell: PNS (default), PPPK or CPNS', parseDefaultType)
    .option('--undated-year <yyyy>', 'year of training rows that have neither a date nor a year (e.g. an S20JP raw export)', parseUndatedYear)
    .option('--encoding <name>', 'utf-8 | windows-1252 | utf-16le (default: detected)', parseEncoding)
    .option('--sheet <name>', 'worksheet of an .xlsx to read (default: the first)')
    .option('--date-format <order>', 'dmy (default) or mdy, for a/b/yyyy dates', parseDateOrder)
    .option('-c, --config <file>', 'configuration file (default: jp-audit.config.yaml|yml|json in this folder)')
    .option('--lang <lang>', 'id (default) | en', parseLang)
    .option('-q, --quiet', 'nothing on stderr but errors')
    .option('--debug', 'show stack traces');
}

/** Options of commands that write a report. */
function outputOptions(cmd: Command): Command {
  return cmd
    .option('-f, --format <format>', 'table | json | csv | xlsx | html (default: table on a terminal, json otherwise; xlsx with --by opd)', parseFormat)
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--by <group>', 'one report file per group: opd', parseBy)
    .option('--out-dir <dir>', 'folder for --by opd reports (created when missing)')
    .option('--force', 'replace report files that exist in --out-dir')
    .option('--exit-zero', 'exit 0 whenever the run worked, even when someone falls short')
    .option('--raw-cells', 'do not neutralise cells that start with = + - @ in CSV and XLSX output')
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'say which config, header row and columns were used');
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let lang = earlyLang(argv);
  const debug = argv.includes('--debug');
  let code: number = EXIT.ok;
  const say = (line: string) => io.stderr.write(`${line}\n`);
  // A reader of the output that goes away early (`| head`) must not crash the run.
  guardOutput(io.stdout);

  const program = new Command('jp-audit')
    .description('Audit ASN training hours (JP) against the yearly duty / Audit jam pelajaran (JP) ASN')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`jp-audit: ${s.replace(/^error: /, '')}`),
    });

  readingOptions(
    outputOptions(
      program
        .command('check')
        .description('audit every employee on the roster for one year')
        .argument('<staff>', 'staff roster (CSV/TSV/TXT or .xlsx; - for stdin); a recap with total JP, or a combined sheet')
        .option('-t, --training <file>', 'training records file (repeatable)', collect, [])
        .option('-e, --exemptions <file>', 'exemptions: NIP, reason, optional from/to dates')
        .option('-y, --year <yyyy>', 'year to audit (default: the config file, else the current year)', parseYear)
        .option('--as-of <date>', 'audit the year as of this day: who is on track, who is at risk (default: the year end, or today in the current year)', parseAsOf)
        .option('--shape <shape>', 'separate | totals | combined (default: detected from the columns)', parseShape)
        .option('--timestamp', 'put the time of the run in the report (otherwise reports are byte-identical for the same inputs)')
        .option('--threads <n>', 'threads for training CSVs of 512 MB and more (default: the cores, at most 4; 1: one thread); from 32 MB one worker thread reads them', parseThreads),
    ),
  ).action(async (staff: string, flags: CheckFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    code = await checkCommand(staff, flags, io, say);
  });

  readingOptions(
    outputOptions(
      program
        .command('latsar')
        .description('Latsar CPNS progress: days and JP per phase for every CPNS on the roster')
        .argument('<staff>', 'staff roster (only CPNS are audited)')
        .option('-t, --training <file>', 'attendance file: NIP, date, phase, JP (repeatable)', collect, []),
    ),
  ).action(async (staff: string, flags: LatsarFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    code = await latsarCommand(staff, flags, io, say);
  });

  readingOptions(
    program
      .command('validate')
      .description('read and validate files without auditing: findings and accounting (exit 0 clean, 1 findings, 2 unusable)')
      .argument('<files...>', 'rosters, training files, combined sheets or exemptions files')
      .option('-f, --format <format>', 'table | json (default: table on a terminal, json otherwise)', parseValidateFormat),
  ).action(async (files: string[], flags: ValidateFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    code = await validateCommand(files, flags, io);
  });

  readingOptions(
    program
      .command('explain')
      .description('why an employee has this JP and status: every record of the NIP with its outcome, the roster rows, the duty worked out')
      .argument('<nip-and-staff...>', 'one or more NIPs, then the staff roster (as for check)')
      .option('-t, --training <file>', 'training records file (repeatable)', collect, [])
      .option('-e, --exemptions <file>', 'exemptions: NIP, reason, optional from/to dates')
      .option('-y, --year <yyyy>', 'year to audit (default: the config file, else the current year)', parseYear)
      .option('--as-of <date>', 'audit the year as of this day', parseAsOf)
      .option('--shape <shape>', 'separate | totals | combined (default: detected from the columns)', parseShape)
      .option('--name <text>', 'explain every employee whose name holds this text (any case)')
      .option('-f, --format <format>', 'table (default) | json', parseValidateFormat)
      .option('-o, --out <file>', 'write the explanation to a file (.json: JSON)')
      .option('--no-color', 'no colours'),
  ).action(async (args: string[], flags: ExplainFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    code = await explainCommand(args, flags, io, say);
  });

  program
    .command('diff')
    .description('compare two JSON reports of check: who improved, who worsened, per OPD (exit 0 nobody worsened, 1 someone did, 2 bad input)')
    .argument('<old>', 'the older JSON report of check (- for stdin)')
    .argument('<new>', 'the newer JSON report of check (- for stdin)')
    .option('-f, --format <format>', 'table | json | csv | html (default: table on a terminal, json otherwise; with --out, from its extension)', parseDiffFormat)
    .option('-o, --out <file>', 'write the diff to a file (atomically) instead of stdout')
    .option('--allow-year-change', 'compare with a report of an earlier year, matching people by NIP')
    .option('-c, --config <file>', 'configuration file, for its lang (default: jp-audit.config.yaml|yml|json in this folder)')
    .option('--lang <lang>', 'id (default) | en', parseLang)
    .option('--raw-cells', 'do not neutralise cells that start with = + - @ in CSV output')
    .option('--no-color', 'no colours')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .option('--debug', 'show stack traces')
    .action(async (older: string, newer: string, flags: DiffFlags) => {
      if (flags.lang) lang = flags.lang;
      // Loaded only for diff: its schema (Zod) and renderers stay out of check's start-up.
      const { diffCommand } = await import('./commands/diff.js');
      code = await diffCommand(older, newer, flags, io, say);
    });

  program
    .command('init')
    .description('write a commented jp-audit.config.yaml here, every setting at its default')
    .option('--force', 'replace an existing jp-audit.config.yaml')
    .option('--lang <lang>', 'language of the comments and reports: id (default) | en', parseLang)
    .option('-q, --quiet', 'nothing on stderr but errors')
    .action(async (flags: { force?: boolean; lang?: Lang; quiet?: boolean }) => {
      if (flags.lang) lang = flags.lang;
      code = await initCommand(flags, io, say);
    });

  program
    .command('policy')
    .description('print the settings in force: defaults, then the config file, then flags')
    .option('-c, --config <file>', 'configuration file (default: jp-audit.config.yaml|yml|json in this folder)')
    .option('-y, --year <yyyy>', 'year', parseYear)
    .option('--lang <lang>', 'id | en', parseLang)
    .option('-m, --map <field=Header>', 'column for a field; repeatable', collect, [])
    .option('-f, --format <format>', 'yaml (default) | json', parseYamlJson)
    .action(async (flags: { config?: string; year?: number; lang?: Lang; map: string[]; format?: 'yaml' | 'json' }) => {
      if (flags.lang) lang = flags.lang;
      code = await policyCommand(flags, io);
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
