import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigFile } from './config-schema.js';
import { JpAuditError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { Field } from '../normalize/header.js';
import type { EmployeeType } from '../normalize/types.js';
import { DEFAULT_POLICY, type PhaseId, type Policy } from './policy.js';

/** Names looked for in the current folder when `--config` is not given. */
export const CONFIG_NAMES = ['jp-audit.config.yaml', 'jp-audit.config.yml', 'jp-audit.config.json'];

export type { ConfigFile } from './config-schema.js';

/** Everything a run uses besides the input files, after defaults, file and flags are merged. */
export interface Settings {
  policy: Policy;
  year?: number;
  lang?: Lang;
  columns: Map<Field, string>;
  headers: Map<Field, string[]>;
  typeAliases: Map<string, EmployeeType>;
  phaseAliases: Map<string, PhaseId>;
  /** The file the settings came from, if any. */
  source: string | null;
}

/** Folds a value for alias look-ups: case and runs of spaces do not matter. */
export function aliasKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Merges a parsed config over the defaults. */
export function settingsFrom(config: ConfigFile, source: string | null): Settings {
  const d = DEFAULT_POLICY;
  const req = config.requirements ?? {};
  const policy: Policy = {
    requirements: {
      PNS: req.PNS ?? d.requirements.PNS,
      PPPK: req.PPPK ?? d.requirements.PPPK,
      CPNS: req.CPNS ?? d.requirements.CPNS,
    },
    minutesPerJp: config.minutesPerJp ?? d.minutesPerJp,
    prorate: config.prorate ?? d.prorate,
    exemptStatuses: config.exemptStatuses ?? d.exemptStatuses,
    latsar: { totalJp: config.latsar?.totalJp ?? d.latsar.totalJp, phases: config.latsar?.phases ?? d.latsar.phases },
    defaultType: config.defaultType ?? d.defaultType,
    countIn: config.countIn ?? d.countIn,
  };
  if (config.undatedYear !== undefined) policy.undatedYear = config.undatedYear;
  const s: Settings = {
    policy,
    columns: new Map(Object.entries(config.columns ?? {}) as Array<[Field, string]>),
    headers: new Map(Object.entries(config.headers ?? {}) as Array<[Field, string[]]>),
    typeAliases: new Map(Object.entries(config.typeAliases ?? {}).map(([k, v]) => [aliasKey(k), v])),
    phaseAliases: new Map(Object.entries(config.phaseAliases ?? {}).map(([k, v]) => [aliasKey(k), v])),
    source,
  };
  if (config.year !== undefined) s.year = config.year;
  if (config.lang !== undefined) s.lang = config.lang;
  return s;
}

/**
 * Parses and validates a configuration text (YAML or JSON, by name). The YAML parser is loaded
 * only here: a third of the start-up of every run went to loading it.
 */
export async function parseConfig(text: string, file: string): Promise<ConfigFile> {
  let raw: unknown;
  const yaml = file.endsWith('.json') ? undefined : await import('yaml');
  try {
    raw = yaml === undefined ? JSON.parse(text) : yaml.parse(text, { prettyErrors: false });
  } catch (e) {
    throw new JpAuditError('config-syntax', { detail: String((e as Error).message).split('\n')[0]!.slice(0, 160) }, file);
  }
  // The schema (Zod) is loaded only for a configuration file: most runs have none.
  const { configSchema, describeIssues } = await import('./config-schema.js');
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new JpAuditError('config-invalid', { detail: describeIssues(parsed.error.issues, 'id'), detailEn: describeIssues(parsed.error.issues, 'en') }, file);
  return parsed.data;
}

/** Loads `--config FILE`, or the first of `CONFIG_NAMES` in `cwd`, or the defaults. */
export async function loadSettings(configPath: string | undefined, cwd: string): Promise<Settings> {
  const file = configPath ?? CONFIG_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
  if (file === undefined) return settingsFrom({}, null);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new JpAuditError(code === 'ENOENT' ? 'file-not-found' : 'file-unreadable', { detail: code ?? String(e) }, file);
  }
  return settingsFrom(await parseConfig(text, file), file);
}
