import type { EngineName } from '../../engine/engine.js';
import { type CheckOptions, runCheck, type Shape } from '../../check.js';
import { auditPeriod, type PeriodOptions } from '../../years.js';
import { catalogue, type Lang } from '../../i18n/index.js';
import { assertNotInput } from '../../io/write.js';
import type { CivilDate } from '../../normalize/dates.js';
import { buildReport, type Report } from '../../report/model.js';
import { formatters } from '../../report/format.js';
import { inYear } from '../../report/status.js';
import { splitAudit } from '../../report/output.js';
import { loadRenderer } from '../../report/render/index.js';
import type { Renderer } from '../../report/render/types.js';
import { type CliIo, EXIT } from '../io.js';
import { checkOutputFlags, emitReport, formatFor, type OutputFlags, summaryLine } from '../output.js';
import { progressFor, type ReadFlags, readOptions, resolveSettings, type SettingsFlags } from '../settings.js';
import { trace } from '../../trace.js';
import { envThresholds } from '../../engine/fast/parallel/warm.js';
import type { ExplainPlan, ExplainSection } from '../../explain/section.js';
import { runFiles } from '../../ingest.js';

export interface CheckFlags extends SettingsFlags, OutputFlags, ReadFlags {
  training: string[];
  exemptions?: string;
  asOf?: CivilDate;
  shape?: Shape;
  exitZero?: boolean;
  timestamp?: boolean;
  verbose?: boolean;
  threads?: number;
  engine?: EngineName;
}

/**
 * What `check` and `explain` both audit, from the command line's flags and settings: the inputs, the
 * year and as-of day (`auditPeriod`), the columns, the policy and the reading options; and why that
 * year, when it was read from the records (said on stderr once the run worked).
 */
export async function auditInputs(staff: string, flags: Pick<CheckFlags, 'training' | 'exemptions' | 'asOf' | 'shape'> & ReadFlags, settings: Awaited<ReturnType<typeof resolveSettings>>, io: CliIo): Promise<{ options: CheckOptions; yearLine?: string }> {
  // The reading options (and the date order) once, for choosing the year and for the audit.
  const { dateOrder, ...read } = readOptions(flags);
  const o: PeriodOptions = { staff, training: flags.training, map: settings.columns, headers: settings.headers, read, now: io.now(), stdin: io.stdin };
  if (flags.exemptions) o.exemptions = flags.exemptions;
  if (settings.year !== undefined) o.year = settings.year;
  if (flags.asOf !== undefined) o.asOf = flags.asOf;
  if (dateOrder) o.dateOrder = dateOrder;
  const { year, asOf, stdin, choice } = await auditPeriod(o);
  const options: CheckOptions = { staff, training: flags.training, year, asOf, map: settings.columns, headers: settings.headers, typeAliases: settings.typeAliases, policy: settings.policy, stdin, ...read };
  if (dateOrder) options.dateOrder = dateOrder;
  if (flags.exemptions) options.exemptions = flags.exemptions;
  if (flags.shape) options.shape = flags.shape;
  if (!choice) return { options };
  return { options, yearLine: catalogue(settings.lang).labels.yearChosen[choice.reason]({ year: choice.year, inYear: choice.inYear, dated: choice.dated }) };
}

/** `jp-audit check`: the audit, its report, and the exit code (0 all comply, 1 someone does not). */
export async function checkCommand(staff: string, flags: CheckFlags, io: CliIo, say: (s: string) => void): Promise<number> {
  const settings = await resolveSettings(flags, io);
  const lang: Lang = settings.lang;
  const inputs = runFiles({ staff, training: flags.training, exemptions: flags.exemptions });
  if (flags.out) assertNotInput(flags.out, inputs);
  const format = formatFor(flags, io);
  checkOutputFlags(flags, format, io);
  const { options, yearLine } = await auditInputs(staff, flags, settings, io);
  const year = options.year;
  if (flags.threads !== undefined) options.threads = flags.threads;
  if (flags.engine !== undefined) options.engine = flags.engine;
  // For tests and measurements: read smaller training files with threads too (the same
  // thresholds bin/jp-audit.js judged by, when it started threads early).
  Object.assign(options, envThresholds(process.env));
  const share = process.env.JP_AUDIT_LOCAL_SHARE;
  if (share !== undefined && /^0(\.\d+)?$/.test(share)) options.localShare = Number(share);
  // The HTML report carries each listed employee's records, told by this very audit (its observer,
  // which reads every file in this thread): only for HTML, and only within the limits.
  // (Loaded only then: the other formats' start-up does not pay for it.)
  const explaining = format === 'html' ? await import('../../explain/section.js') : undefined;
  const plan: ExplainPlan | undefined = explaining?.planExplainSection(options);
  if (plan?.kind === 'collect') options.observer = plan.collector.observer;
  const l = catalogue(lang).labels;
  const progress = progressFor(flags, io, l.doc.rows.toLowerCase());
  if (progress) options.onProgress = progress.update;

  // The renderer loads while worker threads count (a module to compile: this thread is free then).
  let renderer: Promise<Renderer> | undefined;
  options.onIdle = () => {
    progress?.phase(l.phases.counting);
    renderer = loadRenderer(format);
    renderer.catch(() => undefined);
  };
  let result;
  try {
    result = await runCheck(options);
  } finally {
    progress?.done();
  }
  if (!flags.quiet) {
    if (yearLine) say(`jp-audit: ${yearLine}`);
    if (flags.threads !== undefined && options.engine === 'reference') say(`jp-audit: ${l.threadsIgnored({})}`);
    say(`jp-audit: ${l.shapeTaken({ shape: l.shapes[result.shape], year })}`);
    if (flags.verbose) {
      if (settings.source) say(`jp-audit: config: ${settings.source}`);
      for (const i of result.inputs) {
        const columns = Object.entries(i.columns).map(([f, h]) => `${f}="${h}"`).join(', ');
        say(`jp-audit: ${l.columnsUsed({ file: i.file, headerRow: i.headerRow, columns })}`);
      }
      if (result.workers > 0) say(`jp-audit: ${l.threadsUsed({ threads: result.workers })}`);
    }
  }

  const report = buildReport(result, lang, flags.timestamp ? io.now() : undefined);
  // Writing shows progress too, unless the report itself goes to the terminal the line is on.
  const writing = progress && (flags.out || flags.outDir || !io.stdout.isTTY) ? { line: progress, employees: report.summary.employees } : undefined;
  const loaded = await (renderer ?? loadRenderer(format));
  const written = await emitReport(splitAudit(report), plan && explaining ? withExplain(loaded, explaining.explainSection(plan, result)) : loaded, flags, lang, io, inputs, say, writing);
  trace('report written');
  const short = report.summary.nonCompliant + report.summary.atRisk;
  const problems = report.findings.filter((f) => f.severity !== 'info');
  const line = summaryLine(auditSentence(report, lang), written, flags, short === 0 && problems.length === 0, lang);
  if (line) say(line);
  if (flags.exitZero) return EXIT.ok;
  return short > 0 ? EXIT.findings : EXIT.ok;
}

/** The renderer, given the employees' details (or why there are none) with every file it writes. */
function withExplain(r: Renderer, explain: ExplainSection): Renderer {
  return { extension: r.extension, binary: r.binary, perOpd: r.perOpd, render: (report, ctx) => r.render(report, { ...ctx, explain }) };
}

/** The figures of the cron line: who falls short of how many, the rate, and the findings. */
function auditSentence(report: Report, lang: Lang): string {
  const l = catalogue(lang).labels.summary;
  const { num, pct } = formatters(lang);
  const s = report.summary;
  const during = inYear(report);
  const bad = during ? s.atRisk : s.nonCompliant;
  const figures = s.audited === 0 ? l.nobody : s.compliant === s.audited ? l.all({ audited: num.format(s.audited) }) : (during ? l.atRisk : l.short)({ bad: num.format(bad), audited: num.format(s.audited), rate: pct(s.complianceRate) });
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  return errors + warnings > 0 ? figures + l.findings({ count: num.format(errors + warnings), errors: num.format(errors), warnings: num.format(warnings) }) : figures;
}
