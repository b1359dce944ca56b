import { JpAuditError } from '../../errors.js';
import { catalogue, type Lang } from '../../i18n/index.js';
import { assertNotInput, writeFileAtomic } from '../../io/write.js';
import type { CivilDate } from '../../normalize/dates.js';
import type { Shape } from '../../check.js';
import { type ExplainOptions, runExplain } from '../../explain/explain.js';
import { explainJson, explainTable } from '../../explain/render.js';
import { type CliIo, colorWanted, EXIT, writeTo } from '../io.js';
import { type ReadFlags, resolveSettings, type SettingsFlags } from '../settings.js';
import { runFiles } from '../../ingest.js';
import { formatOfOut } from '../output.js';
import { auditInputs } from './check.js';

export interface ExplainFlags extends SettingsFlags, ReadFlags {
  training: string[];
  exemptions?: string;
  asOf?: CivilDate;
  shape?: Shape;
  name?: string;
  format?: 'table' | 'json';
  out?: string;
  color?: boolean;
  quiet?: boolean;
}

/**
 * `jp-audit explain NIP... ROSTER`: why each employee has the JP and the status `check` gives.
 * Exit 0 when every employee asked for was explained, 2 when one is not on the roster (or the input is unusable).
 */
export async function explainCommand(args: readonly string[], flags: ExplainFlags, io: CliIo, say: (s: string) => void): Promise<number> {
  const staff = args.at(-1)!;
  const nips = args.slice(0, -1);
  if (nips.length === 0 && flags.name === undefined) throw new JpAuditError('explain-nothing', {});
  const settings = await resolveSettings(flags, io);
  const lang: Lang = settings.lang;
  const inputs = runFiles({ staff, training: flags.training, exemptions: flags.exemptions });
  if (flags.out) assertNotInput(flags.out, inputs);
  // As every command that writes a file: --format, else --out's extension (.txt or .json).
  const format = flags.out ? formatOfOut(flags.out, flags.format, { '.txt': 'table', '.json': 'json' } as const, '.txt (table), .json') : (flags.format ?? 'table');
  // The same year and as-of day as `check` would audit: an explanation of another year's total would mislead.
  const { options: audited, yearLine } = await auditInputs(staff, flags, settings, io);
  const options: ExplainOptions = { ...audited, nips };
  if (flags.name !== undefined) options.name = flags.name;
  const result = await runExplain(options);
  if (yearLine && !flags.quiet) say(`jp-audit: ${yearLine}`);
  const width = (io.stdout as { columns?: number }).columns ?? (Number(io.env.COLUMNS) || 80);
  const text = format === 'json' ? explainJson(result, lang) : explainTable(result, lang, !flags.out && colorWanted(io.stdout, io.env, flags.color), width);
  if (flags.out) {
    await writeFileAtomic(flags.out, text);
    if (!flags.quiet) say(`jp-audit: ${catalogue(lang).labels.wrote({ file: flags.out })}`);
  } else await writeTo(io.stdout, text);
  return EXIT.ok;
}
