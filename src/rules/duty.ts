/**
 * What an employee owes in the audited year and where they stand (docs/rules.md): which months
 * count (service, exemptions, pro-rating), the duty, and the status of their JP against it.
 */
import { type CivilDate, civil } from '../normalize/dates.js';
import { daysInMonth } from '../normalize/nip.js';

/** When an employee served: `start` (TMT) is the first day in service, `end` the first day out. */
export interface Service {
  start?: CivilDate;
  end?: CivilDate;
}

/** An exemption; without dates it covers the whole year. Dates are inclusive. */
export interface Exemption {
  reason: string;
  from?: CivilDate;
  to?: CivilDate;
}

export type Status = 'compliant' | 'non-compliant' | 'on-track' | 'at-risk' | 'exempt' | 'not-applicable';

export interface Assessment {
  status: Status;
  /** The year's duty after pro-rating: ceil(min × months / 12). */
  requiredJp: number;
  /** The duty pro-rated to `asOf` (equal to `requiredJp` at the end of the year). */
  expectedJp: number;
  shortfallJp: number;
  /** Whole months that count towards the duty. */
  months: number;
  exemptReason?: string;
}

export interface AssessInput {
  min: number;
  jp: number;
  year: number;
  /** The day the audit looks at; the year's last day for a closed year. */
  asOf: CivilDate;
  service: Service;
  exemptions: readonly Exemption[];
  /** Pro-rate by months of service (the policy's `prorate`, resolved). */
  prorate: boolean;
}

/** Rounds up to a whole JP, forgiving float noise (20 × 7 / 12 is 11.67, 24 × 6 / 12 exactly 12). */
const ceilJp = (x: number): number => Math.max(0, Math.ceil(x - 1e-9));

const first = (y: number, m: number) => civil(y, m, 1)!;
const last = (y: number, m: number) => civil(y, m, daysInMonth(y, m))!;

/** Served the whole month: in service from its first day, still in service after its last. */
function servedWhole(y: number, m: number, s: Service): boolean {
  return (s.start === undefined || s.start <= first(y, m)) && (s.end === undefined || s.end > last(y, m));
}

function exemptWhole(y: number, m: number, exemptions: readonly Exemption[]): Exemption | undefined {
  return exemptions.find((e) => (e.from === undefined || e.from <= first(y, m)) && (e.to === undefined || e.to >= last(y, m)));
}

/** How one month of the year stands for an employee's duty: the one test `dutyOf` and `explain` share. */
export type MonthState = { kind: 'not-served' } | { kind: 'not-whole'; served: true } | { kind: 'exempt'; served: boolean; reason: string } | { kind: 'counts'; served: boolean };

/**
 * Month `m` of the year: not served at all, served but not whole (a month pro-rating leaves out),
 * wholly inside an exemption, or counting towards the duty. With pro-rating off, a month counts
 * whether served whole or not (unless exempt).
 */
export function monthState(i: Pick<AssessInput, 'year' | 'service' | 'exemptions' | 'prorate'>, m: number): MonthState {
  const whole = servedWhole(i.year, m, i.service);
  if (i.prorate && !whole) return servedAny(i.year, m, i.service) ? { kind: 'not-whole', served: true } : { kind: 'not-served' };
  const ex = exemptWhole(i.year, m, i.exemptions);
  if (ex) return { kind: 'exempt', served: whole, reason: ex.reason };
  return { kind: 'counts', served: whole };
}

/** In service on any day of the month (for `explain`'s words only; the duty counts whole months). */
function servedAny(y: number, m: number, s: Service): boolean {
  return (s.start === undefined || s.start <= last(y, m)) && (s.end === undefined || s.end > first(y, m));
}

/** What an employee owes in the year, before looking at their JP (see `dutyOf`). */
export type Duty =
  | { kind: 'not-applicable' }
  | { kind: 'exempt'; reason: string }
  | { kind: 'due'; requiredJp: number; expectedJp: number; months: number; yearEnd: CivilDate; asOf: CivilDate; reason?: string };

/**
 * The rules of the year's duty for one employee (pure; table-tested):
 * - a whole month counts when it is served from its first to its last day and no exemption covers
 *   all of it; with pro-rating off, every month of the year counts but exempt ones;
 * - no whole month served: `not-applicable`; every served month exempt: `exempt`;
 * - required = ceil(min × months / 12); expected to date = ceil(min × months ended by `asOf` / 12);
 * - JP ≥ required: `compliant`; before the year's end, JP ≥ expected: `on-track`, else `at-risk`;
 *   after it, `non-compliant`.
 */
export function assess(i: AssessInput): Assessment {
  return judge(dutyOf(i), i.jp);
}

/** The duty part of `assess`: everything but the JP, so that employees alike can share it. */
export function dutyOf(i: Omit<AssessInput, 'jp'>): Duty {
  const yearEnd = last(i.year, 12);
  let served = 0;
  let counted = 0;
  let countedToDate = 0;
  let reason: string | undefined;
  for (let m = 1; m <= 12; m++) {
    const state = monthState(i, m);
    if (state.kind === 'not-whole' || state.kind === 'not-served') continue;
    if (state.served) served++;
    if (state.kind === 'exempt') {
      reason ??= state.reason;
      continue;
    }
    counted++;
    if (last(i.year, m) <= i.asOf) countedToDate++;
  }
  if (served === 0) return { kind: 'not-applicable' };
  if (counted === 0) return { kind: 'exempt', reason: reason ?? i.exemptions[0]?.reason ?? '' };
  const requiredJp = ceilJp((i.min * counted) / 12);
  const expectedJp = i.asOf >= yearEnd ? requiredJp : ceilJp((i.min * countedToDate) / 12);
  const d: Duty = { kind: 'due', requiredJp, expectedJp, months: counted, yearEnd, asOf: i.asOf };
  if (reason !== undefined) d.reason = reason;
  return d;
}

/** The status of `jp` against a duty: `judge`'s status, without the rest of an assessment. */
export function statusOf(d: Duty, jp: number): Status {
  if (d.kind === 'not-applicable') return 'not-applicable';
  if (d.kind === 'exempt') return 'exempt';
  if (jp >= d.requiredJp) return 'compliant';
  if (d.asOf < d.yearEnd) return jp >= d.expectedJp ? 'on-track' : 'at-risk';
  return 'non-compliant';
}

/** The JP part of `assess`: the status and shortfall of `jp` against a duty. */
export function judge(d: Duty, jp: number): Assessment {
  const none = { requiredJp: 0, expectedJp: 0, shortfallJp: 0, months: 0 };
  if (d.kind === 'not-applicable') return { status: 'not-applicable', ...none };
  if (d.kind === 'exempt') return { status: 'exempt', ...none, exemptReason: d.reason };
  const { requiredJp, expectedJp } = d;
  const shortfallJp = Math.max(0, Math.round((requiredJp - jp) * 1000) / 1000);
  const status = statusOf(d, jp);
  const a: Assessment = { status, requiredJp, expectedJp, shortfallJp, months: d.months };
  if (d.reason !== undefined) a.exemptReason = d.reason;
  return a;
}
