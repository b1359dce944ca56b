// Named imports, not the `z` namespace: the bundler then leaves out what is unused (the other
// locales, JSON Schema), so the chunk that every run with a row for the general reader loads is
// a fraction of the size.
import { custom, NEVER, object, type output, preprocess, type RefinementCtx } from 'zod';
import type { FindingCode } from '../audit/findings.js';
import type { Cell } from '../io/types.js';
import { type AmountField, type AmountResult, rowAmount, type UnusedCell, unusedYear } from '../normalize/amount.js';
import { parseYear } from '../normalize/year.js';
import { type CivilDate, type DateOrder, parseDate } from '../normalize/dates.js';
import { parseNip } from '../normalize/nip.js';
import { parseJp } from '../normalize/numbers.js';
import { cellText } from '../normalize/text.js';
import type { EmployeeType } from '../normalize/types.js';
import { decideType, type TypeSource } from '../rules/employee-type.js';
import { parsePhase } from '../normalize/phase.js';
import { NO_TOTAL, typeRulesOf } from './staff-rules.js';
import type { PhaseId } from '../policy/policy.js';

/** The params a schema puts on an issue, so that it becomes a finding with a code. */
export interface IssueParams {
  finding: FindingCode;
  reason: string;
  /** The field the problem is in, when it is not the schema key it was found under (an amount's column). */
  field?: AmountField;
}

const cell = custom<Cell | undefined>(() => true);

function fail(ctx: RefinementCtx, finding: FindingCode, reason: string): never {
  ctx.addIssue({ code: 'custom', message: finding, params: { finding, reason } satisfies IssueParams });
  return NEVER;
}

function issue(ctx: RefinementCtx, path: string, finding: FindingCode, reason: string): void {
  ctx.addIssue({ code: 'custom', path: [path], message: finding, params: { finding, reason } satisfies IssueParams });
}

const nip = cell.transform((v, ctx): string => {
  const r = parseNip(v);
  return r.ok ? r.nip : fail(ctx, r.code, r.reason);
});

const requiredText = cell.transform((v, ctx): string => {
  const s = cellText(v);
  return s === '' ? fail(ctx, 'missing-value', 'empty') : s;
});

const optionalText = cell.transform((v): string => cellText(v));

/**
 * A row's amount as `rowAmount` decides it (put under `amount` by `withAmount`): the JP and the
 * unreadable cells it did not use; undefined when every amount cell is empty (reported by the
 * row's refinement, as a missing date is); `invalid-jp` on the deciding column otherwise.
 */
const amount = custom<AmountResult>(() => true).transform((a, ctx): Extract<AmountResult, { ok: true }> | undefined => {
  if (a.ok) return a;
  if (a.reason === 'empty') return undefined;
  ctx.addIssue({ code: 'custom', message: 'invalid-jp', params: { finding: 'invalid-jp', reason: a.reason, field: a.field } satisfies IssueParams });
  return NEVER;
});


/** A yearly total in a recap roster: 0 is a real total; an empty cell or a dash is 0, and said so. */
const totalJp = cell.transform((v, ctx): { jp: number; blank: boolean } => {
  if (NO_TOTAL.has(cellText(v))) return { jp: 0, blank: true };
  const r = parseJp(v, true);
  return r.ok ? { jp: r.value, blank: false } : fail(ctx, 'invalid-jp', r.reason);
});

/** The year of an undated record (`Tahun`, `tahunKursus`): four digits, 1900-2099. */
const optionalYear = cell.transform((v, ctx): number | undefined => {
  if (cellText(v) === '') return undefined;
  const y = parseYear(v);
  return y.ok ? y.year : fail(ctx, 'invalid-date', 'year');
});

const optionalDate = (order: DateOrder) =>
  cell.transform((v, ctx): CivilDate | undefined => {
    const r = parseDate(v, order);
    if (r.ok) return r.date;
    return r.reason === 'empty' ? undefined : fail(ctx, 'invalid-date', r.reason);
  });

export interface SchemaOptions {
  order: DateOrder;
  typeAliases?: ReadonlyMap<string, EmployeeType>;
  phaseAliases?: ReadonlyMap<string, PhaseId>;
  /** Converts minutes and hours to JP. */
  minutesPerJp: number;
  /** The type of a roster row whose type neither a column nor the NIP tells (policy `defaultType`). */
  defaultType?: EmployeeType;
  /** The year of training records that have neither a date nor a year (policy `undatedYear`). */
  undatedYear?: number;
}

/** The Zod schemas of every kind of row, for one run's options. */
export function rowSchemas(o: SchemaOptions) {
  const typeRules = typeRulesOf(o);
  /**
   * A roster row: who the employee is and where they work. The type comes from the type column,
   * SIASN's `STATUS CPNS PNS`, the NIP or the default (`rules/employee-type.ts`); a missing column
   * comes as `undefined`, an empty cell as '' or null.
   */
  const staffShape = { nip, name: optionalText, type: cell, cpnsStatus: cell, opd: requiredText };
  const withType = <T extends { nip: string; type: Cell | undefined; cpnsStatus: Cell | undefined }>(r: T, ctx: RefinementCtx) => {
    const d = decideType({ label: r.type === undefined ? undefined : cellText(r.type), cpnsStatus: r.cpnsStatus === undefined ? undefined : cellText(r.cpnsStatus), nip: r.nip }, typeRules);
    if (!d.ok) {
      issue(ctx, d.reason === 'cpns-status' ? 'cpnsStatus' : 'type', d.reason === 'empty' ? 'missing-value' : 'invalid-type', d.reason);
      return NEVER;
    }
    return { type: d.type, typeSource: d.source as TypeSource };
  };
  const staff = object(staffShape).transform((r, ctx) => ({ nip: r.nip, name: r.name, opd: r.opd, ...withType(r, ctx) }));

  /** A recap roster row, which carries the year's total JP (`jpBlank`: the cell was empty or `-`). */
  const staffTotal = object({ ...staffShape, jp: totalJp }).transform((r, ctx) => ({ nip: r.nip, name: r.name, opd: r.opd, ...withType(r, ctx), jp: r.jp.jp, jpBlank: r.jp.blank }));

  /**
   * The row's cells with `amount`: which JP they give (`rowAmount`, the one rule for every
   * reader); and a year cell a dated row does not use, taken out of `year` when it cannot be read
   * (`unusedYear`: a warning, not a rejection).
   */
  const withAmount = (raw: unknown) => {
    const cells = (raw ?? {}) as Partial<Record<AmountField | 'start' | 'end' | 'year', Cell | undefined>>;
    const yearUnused = unusedYear(cells);
    return { ...(raw as object), amount: rowAmount(cells, o.minutesPerJp), ...(yearUnused ? { year: undefined, yearUnused } : {}) };
  };
  const yearUnused = custom<UnusedCell | undefined>(() => true);

  /**
   * A training row. JP comes from the first amount cell that is not empty (JP, minutes, hours);
   * one date serves for both ends. `unused`: amount cells it did not use that cannot be read (a
   * warning each, see `noteUnusedCells`).
   */
  const training = preprocess(withAmount, object({ nip, training: optionalText, start: optionalDate(o.order), end: optionalDate(o.order), year: optionalYear, yearUnused: yearUnused.optional(), amount }))
    .superRefine((r, ctx) => {
      if (r.start === undefined && r.end === undefined && r.year === undefined && o.undatedYear === undefined) issue(ctx, 'end', 'invalid-date', 'empty');
      else if (r.start !== undefined && r.end !== undefined && r.end < r.start) issue(ctx, 'end', 'end-before-start', 'order');
      if (r.amount === undefined) issue(ctx, 'jp', 'invalid-jp', 'empty');
    })
    .transform((r) => {
      // A record with no date counts in its year (`Tahun`), else in the year the user named for
      // undated records; it is placed on that year's first day, inside any as-of date of the year.
      const dated = r.start !== undefined || r.end !== undefined;
      const day = dated ? 0 : (r.year ?? o.undatedYear!) * 10000 + 101;
      return {
        nip: r.nip,
        training: r.training,
        start: dated ? (r.start ?? r.end)! : day,
        end: dated ? (r.end ?? r.start)! : day,
        jp: r.amount!.jp,
        unused: r.yearUnused ? [...r.amount!.unused, r.yearUnused] : r.amount!.unused,
        dated,
      };
    });

  /** A row of an exemptions file: NIP, reason, optional dates (inclusive). */
  const exemption = object({ nip, reason: optionalText, start: optionalDate(o.order), end: optionalDate(o.order) })
    .superRefine((r, ctx) => {
      if (r.start !== undefined && r.end !== undefined && r.end < r.start) issue(ctx, 'end', 'end-before-start', 'order');
    });

  const phase = cell.transform((v, ctx): PhaseId => {
    if (cellText(v) === '') return fail(ctx, 'missing-value', 'empty');
    return parsePhase(v, o.phaseAliases) ?? fail(ctx, 'invalid-phase', 'unknown');
  });

  /** A Latsar attendance row: a participant on a day of a phase, with its JP (or minutes, hours). */
  const attendance = preprocess(withAmount, object({ nip, phase, start: optionalDate(o.order), end: optionalDate(o.order), amount }))
    .superRefine((r, ctx) => {
      if (r.start === undefined && r.end === undefined) issue(ctx, 'end', 'invalid-date', 'empty');
      if (r.amount === undefined) issue(ctx, 'jp', 'invalid-jp', 'empty');
    })
    .transform((r) => ({
      nip: r.nip,
      phase: r.phase,
      date: (r.end ?? r.start)!,
      jp: r.amount!.jp,
      unused: r.amount!.unused,
    }));

  return { nip, staff, staffTotal, training, exemption, attendance };
}

export type Schemas = ReturnType<typeof rowSchemas>;
export type StaffRow = output<Schemas['staff']>;
export type TrainingRow = output<Schemas['training']>;
