import { z } from 'zod';
import type { FindingCode } from '../audit/findings.js';
import type { Cell } from '../io/types.js';
import { type CivilDate, type DateOrder, parseDate } from '../normalize/dates.js';
import { parseNip } from '../normalize/nip.js';
import { parseJp } from '../normalize/numbers.js';
import { cellText } from '../normalize/text.js';
import { type EmployeeType, parseEmployeeType } from '../normalize/types.js';

/** The params a schema puts on an issue, so that it becomes a finding with a code. */
export interface IssueParams {
  finding: FindingCode;
  reason: string;
}

const cell = z.custom<Cell | undefined>(() => true);

function fail(ctx: z.RefinementCtx, finding: FindingCode, reason: string): never {
  ctx.addIssue({ code: 'custom', message: finding, params: { finding, reason } satisfies IssueParams });
  return z.NEVER;
}

const nip = cell.transform((v, ctx): string => {
  const r = parseNip(v);
  return r.ok ? r.nip : fail(ctx, r.code, r.reason);
});

const type = cell.transform((v, ctx): EmployeeType => {
  if (cellText(v) === '') return fail(ctx, 'missing-value', 'empty');
  return parseEmployeeType(v) ?? fail(ctx, 'invalid-type', 'unknown');
});

const requiredText = cell.transform((v, ctx): string => {
  const s = cellText(v);
  return s === '' ? fail(ctx, 'missing-value', 'empty') : s;
});

const optionalText = cell.transform((v): string => cellText(v));

const trainingJp = cell.transform((v, ctx): number => {
  const r = parseJp(v);
  return r.ok ? r.value : fail(ctx, 'invalid-jp', r.reason);
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

/** A roster row: who the employee is and where they work. */
export const staffRow = z.object({ nip, name: optionalText, type, opd: requiredText });
export type StaffRow = z.output<typeof staffRow>;

/** A recap roster row, which carries the year's total JP. */
export const staffTotalRow = staffRow.extend({ jp: totalJp });
export type StaffTotalRow = z.output<typeof staffTotalRow>;

/** A training row: one training attended. A record with one date uses it for both ends. */
export function trainingRow(order: DateOrder) {
  return z
    .object({ nip, training: optionalText, start: optionalDate(order), end: optionalDate(order), jp: trainingJp })
    .superRefine((r, ctx) => {
      if (r.start === undefined && r.end === undefined) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'invalid-date', params: { finding: 'invalid-date', reason: 'empty' } satisfies IssueParams });
      } else if (r.start !== undefined && r.end !== undefined && r.end < r.start) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'end-before-start', params: { finding: 'end-before-start', reason: 'order' } satisfies IssueParams });
      }
    })
    .transform((r) => ({ nip: r.nip, training: r.training, start: (r.start ?? r.end)!, end: (r.end ?? r.start)!, jp: r.jp }));
}
export type TrainingRow = z.output<ReturnType<typeof trainingRow>>;
