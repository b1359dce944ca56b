import type { Lang } from '../i18n/index.js';
import type { Field } from '../normalize/header.js';
import { loadSettings, type Settings } from '../policy/config.js';
import type { Delimiter, Encoding } from '../io/types.js';
import type { DateOrder } from '../normalize/dates.js';
import type { EmployeeType } from '../normalize/types.js';
import type { CliIo } from './io.js';
import { ProgressLine } from './progress.js';
import { parseMap } from './options.js';

/** Flags that every command shares for settings; flags win over the config file. */
export interface SettingsFlags {
  config?: string;
  year?: number;
  lang?: Lang;
  map: string[];
  defaultType?: EmployeeType;
  undatedYear?: number;
}

/** The settings in force: defaults <- config file <- flags. */
export async function resolveSettings(flags: SettingsFlags, io: CliIo): Promise<Settings & { lang: Lang; columns: Map<Field, string> }> {
  const s = await loadSettings(flags.config, io.cwd);
  const columns = new Map(s.columns);
  for (const [f, h] of parseMap(flags.map)) columns.set(f, h);
  const policy = { ...s.policy };
  if (flags.defaultType !== undefined) policy.defaultType = flags.defaultType;
  if (flags.undatedYear !== undefined) policy.undatedYear = flags.undatedYear;
  const out = { ...s, policy, columns, lang: flags.lang ?? s.lang ?? 'id' };
  if (flags.year !== undefined) out.year = flags.year;
  return out;
}


/** Flags that say how to read files (`--delimiter`, `--encoding`, `--sheet`, `--date-format`). */
export interface ReadFlags {
  delimiter?: Delimiter;
  encoding?: Encoding;
  sheet?: string;
  dateFormat?: DateOrder;
}

/** The reading options of the flags that were given, for runCheck, runLatsar and runValidate. */
export function readOptions(flags: ReadFlags): { delimiter?: Delimiter; encoding?: Encoding; sheet?: string; dateOrder?: DateOrder } {
  const o: { delimiter?: Delimiter; encoding?: Encoding; sheet?: string; dateOrder?: DateOrder } = {};
  if (flags.delimiter) o.delimiter = flags.delimiter;
  if (flags.encoding) o.encoding = flags.encoding;
  if (flags.sheet) o.sheet = flags.sheet;
  if (flags.dateFormat) o.dateOrder = flags.dateFormat;
  return o;
}

/** A progress line on a terminal's stderr, unless --quiet; none in pipes. */
export function progressFor(flags: { quiet?: boolean }, io: CliIo, rowsLabel: string): ProgressLine | undefined {
  return !flags.quiet && io.stderr.isTTY ? new ProgressLine(io.stderr, rowsLabel) : undefined;
}
