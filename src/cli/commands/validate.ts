import { Chalk } from 'chalk';
import { catalogue, errorMessage, type Lang } from '../../i18n/index.js';
import { assertNotInput, writeFileAtomic } from '../../io/write.js';
import { runValidate, type ValidateOptions } from '../../validate.js';
import { type CliIo, colorWanted, EXIT, writeTo } from '../io.js';
import { formatOfOut, summaryLine } from '../output.js';
import { type ReadFlags, readOptions, resolveSettings, type SettingsFlags } from '../settings.js';

export interface ValidateFlags extends SettingsFlags, ReadFlags {
  format?: 'table' | 'json';
  out?: string;
  color?: boolean;
  quiet?: boolean;
}

const EXTENSIONS: Record<string, 'table' | 'json'> = { '.txt': 'table', '.json': 'json' };

/** `--format`, else `--out`'s extension (.txt or .json), else the table; a contradiction is refused. */
function validateFormat(flags: ValidateFlags): 'table' | 'json' {
  if (!flags.out) return flags.format ?? 'table';
  return formatOfOut(flags.out, flags.format, EXTENSIONS, '.txt (table), .json');
}

/**
 * `jp-audit validate`: findings and accounting of each file; exit 0 clean, 1 findings, 2 when a
 * file cannot be read at all (the others are still reported).
 */
export async function validateCommand(files: string[], flags: ValidateFlags, io: CliIo, say: (s: string) => void = () => undefined): Promise<number> {
  const settings = await resolveSettings(flags, io);
  const lang: Lang = settings.lang;
  const format = validateFormat(flags);
  if (flags.out) assertNotInput(flags.out, files);
  const options: ValidateOptions = {
    map: settings.columns,
    headers: settings.headers,
    typeAliases: settings.typeAliases,
    phaseAliases: settings.phaseAliases,
    minutesPerJp: settings.policy.minutesPerJp,
    defaultType: settings.policy.defaultType,
    ...(settings.policy.undatedYear !== undefined ? { undatedYear: settings.policy.undatedYear } : {}),
    stdin: io.stdin,
  };
  Object.assign(options, readOptions(flags));
  const result = await runValidate(files, options);
  // Nothing could be read: one line, as for any unusable input.
  if (result.inputs.length === 0 && result.unusable.length > 0) throw result.unusable[0]!.error;
  const cat = catalogue(lang);
  const findings = result.findings.map((f) => ({ code: f.code, severity: f.severity, file: f.file, row: f.row ?? null, column: f.column ?? null, value: f.value ?? null, message: cat.findings[f.code](f.args) }));
  const unusable = result.unusable.map((u) => ({ file: u.file, code: u.error.code, message: cat.errors[u.error.code]?.(u.error.params) ?? u.error.code }));
  const problems = findings.filter((f) => f.severity !== 'info').length;
  let body: string;
  if (format === 'json') {
    body = `${JSON.stringify({ schemaVersion: 1, inputs: result.inputs, findings, unusable }, null, 2)}\n`;
  } else {
    const c = new Chalk({ level: colorWanted(flags.out ? { isTTY: false } : io.stdout, io.env, flags.color) ? 1 : 0 });
    const l = cat.labels;
    const out: string[] = [c.bold(l.inputs)];
    for (const i of result.inputs) {
      out.push(`- ${i.file} (${l.roles[i.role]}): ${l.accounting({ rows: i.rows, accepted: i.accepted, rejected: i.rejected, duplicates: i.duplicates })}${i.blankRows ? `; ${l.blankRows({ count: i.blankRows })}` : ''}`);
    }
    for (const u of unusable) out.push(`- ${c.red(l.unusable({ file: u.file }))}: ${u.message}`);
    out.push('', c.bold(l.findings));
    if (findings.length === 0) out.push(l.noFindings);
    const color = { error: c.red, warning: c.yellow, info: c.dim };
    for (const f of findings) {
      const where = [f.file, f.row !== null ? String(f.row) : null].filter(Boolean).join(':');
      const col = f.column !== null ? ` [${f.column}${f.value !== null ? ` = ${f.value}` : ''}]` : '';
      out.push(`- ${color[f.severity](`${l.severity[f.severity]}: ${cat.codeLabels[f.code]}`)} ${where}${col}: ${f.message}`);
    }
    body = `${out.join('\n')}\n`;
  }
  if (flags.out) await writeFileAtomic(flags.out, body);
  else await writeTo(io.stdout, body);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = problems - errors;
  const clean = problems === 0 && unusable.length === 0;
  const figures = [
    cat.labels.validated({ files: result.inputs.length + unusable.length, unusable: unusable.length }),
    ...(problems ? [cat.labels.summary.findings({ count: problems, errors, warnings }).replace(/^; /, '')] : []),
  ].join('; ');
  const line = summaryLine(figures, flags.out ? { file: flags.out } : undefined, flags, clean, lang);
  if (line) say(line);
  if (unusable.length > 0) {
    // Exit 2 as for one unusable file, after the others were reported; its reason on stderr too.
    say(`jp-audit: ${errorMessage(result.unusable[0]!.error, lang)}`);
    return EXIT.usage;
  }
  return problems > 0 ? EXIT.findings : EXIT.ok;
}
