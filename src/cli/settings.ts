import { JpAuditError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { Field } from '../normalize/header.js';
import { loadSettings, type Settings } from '../policy/config.js';
import type { CliIo } from './io.js';
import { parseMap } from './options.js';

/** Flags that every command shares for settings; flags win over the config file. */
export interface SettingsFlags {
  config?: string;
  year?: number;
  lang?: Lang;
  map: string[];
}

/** The settings in force: defaults <- config file <- flags. */
export async function resolveSettings(flags: SettingsFlags, io: CliIo): Promise<Settings & { lang: Lang; columns: Map<Field, string> }> {
  const s = await loadSettings(flags.config, io.cwd);
  const columns = new Map(s.columns);
  for (const [f, h] of parseMap(flags.map)) columns.set(f, h);
  const out = { ...s, columns, lang: flags.lang ?? s.lang ?? 'id' };
  if (flags.year !== undefined) out.year = flags.year;
  return out;
}

/** `--year`, else the config's year, else the current year; a year not yet begun is refused. */
export function yearToAudit(settingsYear: number | undefined, now: Date): number {
  const year = settingsYear ?? now.getFullYear();
  if (year > now.getFullYear()) throw new JpAuditError('year-in-future', { year, today: now.toISOString().slice(0, 10) });
  return year;
}
