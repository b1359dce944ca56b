import { z } from 'zod';
import { LANGS } from '../i18n/index.js';
import { FIELDS } from '../normalize/header.js';
import { EMPLOYEE_TYPES } from '../normalize/types.js';
import { PHASE_IDS } from './policy.js';

// The configuration file's schema, apart from the rest of src/policy/config.ts: Zod (about a
// third of the tool's code) is loaded only when a configuration file is read.

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

