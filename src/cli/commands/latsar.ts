import { catalogue, type Lang } from '../../i18n/index.js';
import { assertNotInput } from '../../io/write.js';
import { loadLatsarRenderer } from '../../latsar/render/index.js';
import { buildLatsarReport, splitLatsar } from '../../latsar/report.js';
import { type LatsarOptions, runLatsar } from '../../latsar/run.js';
import { type CliIo, EXIT } from '../io.js';
import { checkOutputFlags, emitReport, formatFor, type OutputFlags, summaryLine } from '../output.js';
import { formatters } from '../../report/format.js';
import { progressFor, type ReadFlags, readOptions, resolveSettings, type SettingsFlags } from '../settings.js';

export interface LatsarFlags extends SettingsFlags, OutputFlags, ReadFlags {
  training: string[];
  exitZero?: boolean;
  verbose?: boolean;
}

/** `jp-audit latsar`: each CPNS's progress in the five phases; exit 0 all complete, 1 someone is not. */
export async function latsarCommand(staff: string, flags: LatsarFlags, io: CliIo, say: (s: string) => void): Promise<number> {
  const settings = await resolveSettings(flags, io);
  const lang: Lang = settings.lang;
  const inputs = [staff, ...flags.training];
  if (flags.out) assertNotInput(flags.out, inputs);
  const format = formatFor(flags, io);
  checkOutputFlags(flags, format, io);
  const options: LatsarOptions = {
    staff,
    training: flags.training,
    map: settings.columns,
    headers: settings.headers,
    typeAliases: settings.typeAliases,
    phaseAliases: settings.phaseAliases,
    policy: settings.policy,
    stdin: io.stdin,
  };
  Object.assign(options, readOptions(flags));
  if (flags.year !== undefined) options.year = flags.year;
  const l = catalogue(lang).labels;
  const progress = progressFor(flags, io, l.doc.rows.toLowerCase());
  if (progress) options.onProgress = progress.update;
  let run;
  try {
    run = await runLatsar(options);
  } finally {
    progress?.done();
  }
  if (!flags.quiet && flags.verbose) {
    for (const i of run.inputs) {
      const columns = Object.entries(i.columns).map(([f, h]) => `${f}="${h}"`).join(', ');
      say(`jp-audit: ${l.columnsUsed({ file: i.file, headerRow: i.headerRow, columns })}`);
    }
  }
  const report = buildLatsarReport(run, lang);
  const written = await emitReport(splitLatsar(report), await loadLatsarRenderer(format), flags, lang, io, inputs, say);
  const s = report.summary;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const labels = catalogue(lang).labels.summary;
  const figures = labels.latsar({ bad: s.incomplete, participants: s.participants, rate: formatters(lang).pct(s.completionRate) }) + (errors + warnings ? labels.findings({ count: errors + warnings, errors, warnings }) : '');
  const line = summaryLine(figures, written, flags, s.incomplete === 0 && errors + warnings === 0, lang);
  if (line) say(line);
  if (flags.exitZero) return EXIT.ok;
  return report.summary.incomplete > 0 ? EXIT.findings : EXIT.ok;
}
