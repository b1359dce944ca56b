import { catalogue, type Lang } from '../../i18n/index.js';
import { runValidate, type ValidateOptions } from '../../validate.js';
import { type CliIo, EXIT } from '../io.js';
import { type ReadFlags, readOptions, resolveSettings, type SettingsFlags } from '../settings.js';

export interface ValidateFlags extends SettingsFlags, ReadFlags {
  format?: 'table' | 'json';
  quiet?: boolean;
}

/** `jp-audit validate`: findings and accounting of each file; exit 0 clean, 1 findings, 2 unusable. */
export async function validateCommand(files: string[], flags: ValidateFlags, io: CliIo): Promise<number> {
  const settings = await resolveSettings(flags, io);
  const lang: Lang = settings.lang;
  const options: ValidateOptions = {
    map: settings.columns,
    headers: settings.headers,
    typeAliases: settings.typeAliases,
    minutesPerJp: settings.policy.minutesPerJp,
    defaultType: settings.policy.defaultType,
    ...(settings.policy.undatedYear !== undefined ? { undatedYear: settings.policy.undatedYear } : {}),
    stdin: io.stdin,
  };
  Object.assign(options, readOptions(flags));
  const result = await runValidate(files, options);
  const cat = catalogue(lang);
  const findings = result.findings.map((f) => ({ code: f.code, severity: f.severity, file: f.file, row: f.row ?? null, column: f.column ?? null, value: f.value ?? null, message: cat.findings[f.code](f.args) }));
  const problems = findings.filter((f) => f.severity !== 'info').length;
  const format = flags.format ?? (io.stdout.isTTY ? 'table' : 'json');
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ schemaVersion: 1, inputs: result.inputs, findings }, null, 2)}\n`);
  } else {
    const l = cat.labels;
    const out: string[] = [l.inputs];
    for (const i of result.inputs) {
      out.push(`- ${i.file} (${l.roles[i.role]}): ${l.accounting({ rows: i.rows, accepted: i.accepted, rejected: i.rejected, duplicates: i.duplicates })}${i.blankRows ? `; ${l.blankRows({ count: i.blankRows })}` : ''}`);
    }
    out.push('', l.findings);
    if (findings.length === 0) out.push(l.noFindings);
    for (const f of findings) {
      const where = [f.file, f.row !== null ? String(f.row) : null].filter(Boolean).join(':');
      const col = f.column !== null ? ` [${f.column}${f.value !== null ? ` = ${f.value}` : ''}]` : '';
      out.push(`- ${l.severity[f.severity]} ${f.code} ${where}${col}: ${f.message}`);
    }
    io.stdout.write(`${out.join('\n')}\n`);
  }
  return problems > 0 ? EXIT.findings : EXIT.ok;
}
