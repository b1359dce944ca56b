import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { JpAuditError } from '../errors.js';
import { errorMessage, type Lang } from '../i18n/index.js';
import { type CheckFlags, checkCommand } from './commands/check.js';
import type { DiffFlags } from './commands/diff.js';
import type { ExplainFlags } from './commands/explain.js';
import type { LatsarFlags } from './commands/latsar.js';
import type { ValidateFlags } from './commands/validate.js';
import { type CliIo, defaultIo, EXIT, guardOutput } from './io.js';
import { examplesOf, type HelpText, helpText, translateCommander, translateHelp } from './help.js';
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
  parseEngine,
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

/** The inputs and period of an audit, as `check` and `explain` both take them (see `auditInputs`). */
function auditOptions(cmd: Command, h: HelpText): Command {
  const o = h.opts;
  return cmd
    .option('-t, --training <file>', o.training!, collect, [])
    .option('-e, --exemptions <file>', o.exemptions!)
    .option('-y, --year <yyyy>', o.year!, parseYear)
    .option('--as-of <date>', o.asOf!, parseAsOf)
    .option('--shape <shape>', o.shape!, parseShape);
}

/** Options that every command reading files shares. */
function readingOptions(cmd: Command, h: HelpText): Command {
  const o = h.opts;
  return cmd
    .option('-m, --map <field=Header>', o.map!, collect, [])
    .option('--delimiter <sep>', o.delimiter!, parseDelimiter)
    .option('--default-type <type>', o.defaultType!, parseDefaultType)
    .option('--undated-year <yyyy>', o.undatedYear!, parseUndatedYear)
    .option('--encoding <name>', o.encoding!, parseEncoding)
    .option('--sheet <name>', o.sheet!)
    .option('--date-format <order>', o.dateFormat!, parseDateOrder)
    .option('-c, --config <file>', o.config!)
    .option('--lang <lang>', o.lang!, parseLang)
    .option('-q, --quiet', o.quiet!)
    .option('--debug', o.debug!);
}

/** Options of commands that write a report. */
function outputOptions(cmd: Command, h: HelpText): Command {
  const o = h.opts;
  return cmd
    .option('-f, --format <format>', o.format!, parseFormat)
    .option('-o, --out <file>', o.out!)
    .option('--by <group>', o.by!, parseBy)
    .option('--out-dir <dir>', o.outDir!)
    .option('--force', o.force!)
    .option('--exit-zero', o.exitZero!)
    .option('--raw-cells', o.rawCells!)
    .option('--no-color', o.noColor!)
    .option('-v, --verbose', o.verbose!);
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let lang = earlyLang(argv);
  const h = helpText(lang);
  const o = h.opts;
  const debug = argv.includes('--debug');
  let code: number = EXIT.ok;
  const say = (line: string) => io.stderr.write(`${line}\n`);
  // A reader of the output that goes away early (`| head`) must not crash the run.
  guardOutput(io.stdout);

  const program = new Command('jp-audit')
    .description(h.program)
    .version(version(), '-V, --version', h.version)
    .helpOption('-h, --help', h.help)
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(translateHelp(s, lang)),
      writeErr: (s) => io.stderr.write(translateHelp(s, lang)),
      outputError: (s, write) => write(`jp-audit: ${translateCommander(s, lang)}`),
    });
  // Every command: help in the run's language, examples and exit codes at its end.
  const command = (name: keyof HelpText['commands']) =>
    program
      .command(name)
      .description(h.commands[name])
      .helpOption('-h, --help', h.help)
      .addHelpText('after', examplesOf(name, lang));

  readingOptions(
    outputOptions(
      auditOptions(command('check').argument('<staff>', h.args.staff), h)
        .option('--timestamp', o.timestamp!)
        .option('--threads <n>', o.threads!, parseThreads)
        .option('--engine <engine>', o.engine!, parseEngine),
      h,
    ),
    h,
  ).action(async (staff: string, flags: CheckFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    code = await checkCommand(staff, flags, io, say);
  });

  readingOptions(
    outputOptions(
      command('latsar')
        .argument('<staff>', h.args.latsarStaff)
        .option('-t, --training <file>', o.attendance!, collect, [])
        .option('-y, --year <yyyy>', o.latsarYear!, parseYear),
      h,
    ),
    h,
  ).action(async (staff: string, flags: LatsarFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    // The other commands load when run: check's start-up carries only check.
    const { latsarCommand } = await import('./commands/latsar.js');
    code = await latsarCommand(staff, flags, io, say);
  });

  readingOptions(
    command('validate')
      .argument('<files...>', h.args.files)
      .option('-f, --format <format>', o.validateFormat!, parseValidateFormat)
      .option('-o, --out <file>', o.validateOut!)
      .option('--no-color', o.noColor!),
    h,
  ).action(async (files: string[], flags: ValidateFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    const { validateCommand } = await import('./commands/validate.js');
    code = await validateCommand(files, flags, io, say);
  });

  readingOptions(
    auditOptions(command('explain').argument('<nip-and-staff...>', h.args.nipAndStaff), h)
      .option('--name <text>', o.explainName!)
      .option('-f, --format <format>', o.explainFormat!, parseValidateFormat)
      .option('-o, --out <file>', o.explainOut!)
      .option('--no-color', o.noColor!),
    h,
  ).action(async (args: string[], flags: ExplainFlags & { lang?: Lang }) => {
    if (flags.lang) lang = flags.lang;
    const { explainCommand } = await import('./commands/explain.js');
    code = await explainCommand(args, flags, io, say);
  });

  command('diff')
    .argument('<old>', h.args.diffOld)
    .argument('<new>', h.args.diffNew)
    .option('-f, --format <format>', o.diffFormat!, parseDiffFormat)
    .option('-o, --out <file>', o.diffOut!)
    .option('--allow-year-change', o.allowYearChange!)
    .option('-c, --config <file>', o.diffConfig!)
    .option('--lang <lang>', o.lang!, parseLang)
    .option('--raw-cells', o.diffRawCells!)
    .option('--no-color', o.noColor!)
    .option('-q, --quiet', o.diffQuiet!)
    .option('--debug', o.debug!)
    .action(async (older: string, newer: string, flags: DiffFlags) => {
      if (flags.lang) lang = flags.lang;
      // Loaded only for diff: its schema (Zod) and renderers stay out of check's start-up.
      const { diffCommand } = await import('./commands/diff.js');
      code = await diffCommand(older, newer, flags, io, say);
    });

  command('init')
    .option('--force', o.initForce!)
    .option('--lang <lang>', o.lang!, parseLang)
    .option('-q, --quiet', o.quiet!)
    .action(async (flags: { force?: boolean; lang?: Lang; quiet?: boolean }) => {
      if (flags.lang) lang = flags.lang;
      const { initCommand } = await import('./commands/config.js');
      code = await initCommand(flags, io, say);
    });

  command('policy')
    .option('-c, --config <file>', o.config!)
    .option('-y, --year <yyyy>', o.policyYear!, parseYear)
    .option('--lang <lang>', o.lang!, parseLang)
    .option('-m, --map <field=Header>', o.map!, collect, [])
    .option('-f, --format <format>', o.policyFormat!, parseYamlJson)
    .action(async (flags: { config?: string; year?: number; lang?: Lang; map: string[]; format?: 'yaml' | 'json' }) => {
      if (flags.lang) lang = flags.lang;
      const { policyCommand } = await import('./commands/config.js');
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
