import { COUNT_IN } from '../rules/record-period.js';
// Named imports, not the `z` namespace, so that the bundle leaves out what is unused (see
// src/schema/rows.ts).
import {
  array,
  boolean,
  type core,
  enum as zEnum,
  literal,
  number,
  type output,
  partialRecord,
  record,
  strictObject,
  string,
  union,
  ZodArray,
  ZodObject,
  ZodOptional,
  type ZodTypeAny,
} from 'zod';
import { LANGS } from '../i18n/index.js';
import { FIELDS } from '../normalize/header.js';
import { EMPLOYEE_TYPES } from '../normalize/types.js';
import { PHASE_IDS } from './policy.js';

// The configuration file's schema, apart from the rest of src/policy/config.ts: Zod (about a
// third of the tool's code) is loaded only when a configuration file is read.

const jp = number().finite().min(0);
const requirement = strictObject({ min: jp, max: jp.optional() }).refine((r) => r.max === undefined || r.max >= r.min, { message: 'max >= min', path: ['max'] });
const phase = strictObject({ id: zEnum(PHASE_IDS), days: number().int().min(0), jpTarget: jp.optional() });
const fieldRecord = <T extends ZodTypeAny>(value: T) => partialRecord(zEnum(FIELDS), value);

/** The configuration file: every key optional, unknown keys refused (a typo must not pass). */
export const configSchema = strictObject({
  year: number().int().min(1900).max(2099).optional(),
  lang: zEnum(LANGS).optional(),
  requirements: strictObject({ PNS: requirement.optional(), PPPK: requirement.optional(), CPNS: requirement.optional() }).optional(),
  minutesPerJp: number().finite().positive().optional(),
  prorate: union([boolean(), literal('auto')]).optional(),
  exemptStatuses: array(string().min(1)).optional(),
  latsar: strictObject({
    totalJp: jp.optional(),
    phases: array(phase).min(1).optional(),
  }).optional(),
  columns: fieldRecord(string().min(1)).optional(),
  headers: fieldRecord(array(string().min(1))).optional(),
  typeAliases: record(string().min(1), zEnum(EMPLOYEE_TYPES)).optional(),
  phaseAliases: record(string().min(1), zEnum(PHASE_IDS)).optional(),
  defaultType: zEnum(EMPLOYEE_TYPES).optional(),
  undatedYear: number().int().min(1900).max(2099).optional(),
  countIn: zEnum(COUNT_IN).optional(),
});
export type ConfigFile = output<typeof configSchema>;

/**
 * Zod issues as `key.path: what is allowed`, one per problem, in Indonesian (`id`) or English
 * (`en`): the error is shown in the language of the run, known only once the config is read.
 */
export function describeIssues(issues: readonly core.$ZodIssue[], lang: 'id' | 'en' = 'en'): string {
  const w =
    lang === 'id'
      ? { unknown: 'kunci tidak dikenal (yang boleh:', oneOf: 'salah satu dari', expected: 'harus berupa', atLeast: 'paling sedikit', atMost: 'paling banyak', file: '(berkas)' }
      : { unknown: 'unknown key (allowed:', oneOf: 'one of', expected: 'expected', atLeast: 'at least', atMost: 'at most', file: '(file)' };
  const types: Record<string, string> = lang === 'id' ? { number: 'angka', string: 'teks', boolean: 'true atau false', object: 'daftar kunci: nilai', array: 'daftar' } : {};
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path.length ? i.path.join('.') : w.file;
      if (i.code === 'unrecognized_keys') return `${[...i.path, ...i.keys].join('.')}: ${w.unknown} ${allowedAt(i.path).join(', ')})`;
      if (i.code === 'invalid_value') return `${path}: ${w.oneOf} ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
      if (i.code === 'invalid_type') return `${path}: ${w.expected} ${types[i.expected] ?? i.expected}`;
      if (i.code === 'too_small') return `${path}: ${w.atLeast} ${String(i.minimum)}`;
      if (i.code === 'too_big') return `${path}: ${w.atMost} ${String(i.maximum)}`;
      return `${path}: ${i.message}`;
    })
    .join('; ');
}

function allowedAt(path: readonly PropertyKey[]): string[] {
  let schema: ZodTypeAny = configSchema;
  for (const key of path) {
    const inner = unwrap(schema);
    if (inner instanceof ZodObject) schema = (inner.shape as Record<string, ZodTypeAny>)[String(key)] ?? inner;
    else if (inner instanceof ZodArray) schema = inner.element as ZodTypeAny;
  }
  const inner = unwrap(schema);
  return inner instanceof ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(s: ZodTypeAny): ZodTypeAny {
  let cur: ZodTypeAny = s;
  for (let i = 0; i < 5 && cur instanceof ZodOptional; i++) cur = cur.unwrap() as ZodTypeAny;
  return cur;
}

