import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { JpAuditError } from '../errors.js';
import { LANGS, type Lang } from '../i18n/index.js';
import { FIELDS, type Field } from '../normalize/header.js';
import { EMPLOYEE_TYPES, type EmployeeType } from '../normalize/types.js';
import { DEFAULT_POLICY, PHASE_IDS, type PhaseId, type Policy } from './policy.js';

/** Names looked for in the current folder when `--config` is not given. */
export const CONFIG_NAMES = ['jp-audit.config.yaml', 'jp-audit.config.yml', 'jp-audit.config.json'];

const jp = z.number().finite().min(0);
const requirement = z.strictObject({ min: jp, max: jp.optional() }).refine((r) => r.max === undefined || r.max >= r.min, { message: 'max >= min', path: ['max'] });
const phase = z.strictObject({ id: z.enum(PHASE_IDS), days: z.number().int().min(0), jpTarget: jp.optional() });
const fieldRecord = <T extends z.ZodTypeAny>(value: T) => z.partialRecord(z.enum(FIELDS), value);

/** The configuration file: every key optional, unknown keys refused (a typo must not pass). */
export const configSchema = z.strictObject({
  year: z.number().int().min(1900).max(2099).optional(),
  lang: z.enum(LANGS).optional(),
  requirements: z.strictObject({ PNS: requirement.optional(), PPPK: requirement.optional(), CPNS: requirement.optional() }).optional(),
  minutesPerJp: z.number().finite().positive().optional(),
  prorate: z.union([z.boolean(), z.literal('auto')]).optional(),
  exemptStatuses: z.array(z.string().min(1)).optional(),
  latsar: z
    .strictObject({
      totalJp: jp.optional(),
      phases: z.array(phase).min(1).optional(),
    })
    .optional(),
  columns: fieldRecord(z.string().min(1)).optional(),
  headers: fieldRecord(z.array(z.string().min(1))).optional(),
  typeAliases: z.record(z.string().min(1), z.enum(EMPLOYEE_TYPES)).optional(),
  phaseAliases: z.record(z.string().min(1), z.enum(PHASE_IDS)).optional(),
});
export type ConfigFile = z.output<typeof configSchema>;

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
  };
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

/** Zod issues as `key.path: what is allowed`, one per problem. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path.length ? i.path.join('.') : '(file)';
      if (i.code === 'unrecognized_keys') return `${[...i.path, ...i.keys].join('.')}: unknown key (allowed: ${allowedAt(i.path).join(', ')})`;
      if (i.code === 'invalid_value') return `${path}: one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
      if (i.code === 'invalid_type') return `${path}: expected ${i.expected}`;
      if (i.code === 'too_small') return `${path}: at least ${String(i.minimum)}`;
      if (i.code === 'too_big') return `${path}: at most ${String(i.maximum)}`;
      return `${path}: ${i.message}`;
    })
    .join('; ');
}

function allowedAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodTypeAny = configSchema;
  for (const key of path) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) schema = (inner.shape as Record<string, z.ZodTypeAny>)[String(key)] ?? inner;
    else if (inner instanceof z.ZodArray) schema = inner.element as z.ZodTypeAny;
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(s: z.ZodTypeAny): z.ZodTypeAny {
  let cur: z.ZodTypeAny = s;
  for (let i = 0; i < 5 && cur instanceof z.ZodOptional; i++) cur = cur.unwrap() as z.ZodTypeAny;
  return cur;
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
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new JpAuditError('config-invalid', { detail: describeIssues(parsed.error.issues) }, file);
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
