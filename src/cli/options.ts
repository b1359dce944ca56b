import { ENGINES, type EngineName } from '../engine/engine.js';
import { SHAPES, type Shape } from '../check.js';
import { JpAuditError } from '../errors.js';
import { LANGS, type Lang } from '../i18n/index.js';
import type { Delimiter, Encoding } from '../io/types.js';
import { type CivilDate, type DateOrder, parseDate } from '../normalize/dates.js';
import { FIELDS, type Field } from '../normalize/header.js';
import { DIFF_FORMATS, type DiffFormat } from '../diff/render/index.js';
import { FORMATS, type Format } from '../report/render/index.js';
import { EMPLOYEE_TYPES, type EmployeeType } from '../normalize/types.js';

function bad(option: string, value: string, allowed: readonly string[]): never {
  throw new JpAuditError('bad-option', { option, value, allowed: allowed.join(', ') });
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const v = value.toLowerCase() as T;
  return allowed.includes(v) ? v : bad(option, value, allowed);
}

export const parseFormat = (v: string): Format => oneOf('--format', v, FORMATS);
export const parseDiffFormat = (v: string): DiffFormat => oneOf('--format', v, DIFF_FORMATS);
export const parseLang = (v: string): Lang => oneOf('--lang', v, LANGS);
export const parseValidateFormat = (v: string): 'table' | 'json' => oneOf('--format', v, ['table', 'json'] as const);
export const parseYamlJson = (v: string): 'yaml' | 'json' => oneOf('--format', v, ['yaml', 'json'] as const);
export const parseBy = (v: string): 'opd' => oneOf('--by', v, ['opd'] as const);
export const parseShape = (v: string): Shape => oneOf('--shape', v, SHAPES);
export const parseEngine = (v: string): EngineName => oneOf('--engine', v, ENGINES);
export const parseDateOrder = (v: string): DateOrder => oneOf('--date-format', v.replace(/[^a-z]/gi, '').replace(/^ddmmyyyy$/i, 'dmy').replace(/^mmddyyyy$/i, 'mdy'), ['dmy', 'mdy']);

const DELIMITERS: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };
/** `--delimiter`: any single character that is not a quote, a letter, a digit or a line end; or a name (`tab`, `pipe`). */
export function parseDelimiter(v: string): Delimiter {
  const named = DELIMITERS[v.toLowerCase()];
  if (named !== undefined) return named;
  if ([...v].length === 1 && !/[\p{L}\p{N}"\r\n]/u.test(v)) return v;
  return bad('--delimiter', v, [',', ';', 'tab', '|', 'pipe', '…']);
}

export function parseDefaultType(v: string): EmployeeType {
  const t = v.toUpperCase() === 'P3K' ? 'PPPK' : v.toUpperCase();
  return (EMPLOYEE_TYPES as readonly string[]).includes(t) ? (t as EmployeeType) : bad('--default-type', v, EMPLOYEE_TYPES);
}

const ENCODINGS: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
};
export function parseEncoding(v: string): Encoding {
  return ENCODINGS[v.toLowerCase()] ?? bad('--encoding', v, ['utf-8', 'windows-1252', 'utf-16le']);
}

/** `--as-of`: a day in any form the inputs accept (`31/12/2025`, `2025-12-31`, `7 Juli 2025`). */
export function parseAsOf(v: string): CivilDate {
  const r = parseDate(v);
  return r.ok ? r.date : bad('--as-of', v, ['dd/mm/yyyy', 'yyyy-mm-dd', '7 Juli 2025']);
}

export function parseYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 1900 || n > 2099) bad('--year', v, ['1900 … 2099']);
  return n;
}

export function parseUndatedYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 1900 || n > 2099) bad('--undated-year', v, ['1900 … 2099']);
  return n;
}

/** `--threads n`: 1 to 64. */
export function parseThreads(v: string): number {
  const n = Number(v);
  if (!/^\d{1,2}$/.test(v) || n < 1 || n > 64) bad('--threads', v, ['1 … 64']);
  return n;
}

/** `--map field=Header`, repeatable; the header may itself contain `=`. */
export function parseMap(entries: readonly string[]): Map<Field, string> {
  const m = new Map<Field, string>();
  for (const e of entries) {
    const i = e.indexOf('=');
    const name = i > 0 ? e.slice(0, i).trim().toLowerCase() : '';
    const field = FIELDS.find((f) => f.toLowerCase() === name);
    const header = i > 0 ? e.slice(i + 1).trim() : '';
    if (field === undefined || header === '') bad('--map', e, FIELDS.map((f) => `${f}=Header`));
    m.set(field, header);
  }
  return m;
}
