// Named imports, not the `z` namespace: the bundler then leaves out what is unused (the other
// locales, JSON Schema), and the chunk loads in about 20 ms instead of about 55 (issue 6).
import { custom, NEVER, object, type output, preprocess, type RefinementCtx } from 'zod';
import type { FindingCode } from '../audit/findings.js';
import type { Cell } from '../io/types.js';
import { type AmountField, type AmountResult, rowAmount } from '../normalize/amount.js';
import { type CivilDate, type DateOrder, parseDate } from '../normalize/dates.js';
import { parseNip } from '../normalize/nip.js';
import { parseJp } from '../normalize/numbers.js';
import { cellText } from '../normalize/text.js';
import { type EmployeeType, parseEmployeeType } from '../normalize/types.js';
import { parsePhase } from '../normalize/phase.js';
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

/** A yearly total in a recap roster: 0 is a real total, an empty cell means 0. */
const totalJp = cell.transform((v, ctx): number => {
  if (cellText(v) === '') return 0;
  const r = parseJp(v, true);
  return r.ok ? r.value : fail(ctx, 'invalid-jp', r.reason);
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
}

/** The Zod schemas of every kind of row, for one run's options. */
export function rowSchemas(o: SchemaOptions) {
  const type = cell.transform((v, ctx): EmployeeType => {
    if (cellText(v) === '') return fail(ctx, 'missing-value', 'empty');
    return parseEmployeeType(v, o.typeAliases) ?? fail(ctx, 'invalid-type', 'unknown');
  });

  /** A roster row: who the employee is and where they work. */
  const staff = object({ nip, name: optionalText, type, opd: requiredText });

  /** A recap roster row, which carries the year's total JP. */
  const staffTotal = staff.extend({ jp: totalJp });

  /** The row's cells with `amount`: which JP they give (`rowAmount`, the one rule for every reader). */
  const withAmount = (raw: unknown) => {
    const cells = (raw ?? {}) as Partial<Record<AmountField, Cell | undefined>>;
    return { ...(raw as object), amount: rowAmount(cells, o.minutesPerJp) };
  };

  /**
   * A training row. JP comes from the first amount cell that is not empty (JP, minutes, hours);
   * one date serves for both ends. `unused`: amount cells it did not use that cannot be read (a
   * warning each, see `noteUnusedAmounts`).
   */
  const training = preprocess(withAmount, object({ nip, training: optionalText, start: optionalDate(o.order), end: optionalDate(o.order), amount }))
    .superRefine((r, ctx) => {
      if (r.start === undefined && r.end === undefined) issue(ctx, 'end', 'invalid-date', 'empty');
      else if (r.start !== undefined && r.end !== undefined && r.end < r.start) issue(ctx, 'end', 'end-before-start', 'order');
      if (r.amount === undefined) issue(ctx, 'jp', 'invalid-jp', 'empty');
    })
    .transform((r) => ({
      nip: r.nip,
      training: r.training,
      start: (r.start ?? r.end)!,
      end: (r.end ?? r.start)!,
      jp: r.amount!.jp,
      unused: r.amount!.unused,
    }));

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

  return { staff, staffTotal, training, exemption, attendance };
}

export type Schemas = ReturnType<typeof rowSchemas>;
export type StaffRow = output<Schemas['staff']>;
export type TrainingRow = output<Schemas['training']>;
