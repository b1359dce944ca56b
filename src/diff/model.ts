import type { Counts } from '../audit/types.js';
import type { Status } from '../rules/duty.js';
import type { Lang } from '../i18n/lang.js';

/**
 * What became of one employee between two reports, most urgent first: the order the renderers
 * list them in. `unchanged` employees are counted, not listed.
 */
export const CHANGE_KINDS = ['worsened', 'improved', 'added', 'removed', 'status-changed', 'jp-changed', 'moved'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** An employee's standing in one report. */
export interface Standing {
  status: Status;
  jp: number;
  requiredJp: number;
  opd: string;
}

/** One listed change: `before` is null for `added`, `after` for `removed`. */
export interface EmployeeChange {
  nip: string;
  /** The name in the newer report (the older one's for `removed`). */
  name: string;
  /** The OPD in the newer report (the older one's for `removed`). */
  opd: string;
  before: Standing | null;
  after: Standing | null;
  change: ChangeKind;
  /** `after.jp - before.jp`; null for `added` and `removed`. */
  jpGained: number | null;
}

/** How many employees are in each state in one report (the audit's `Counts`), and their JP. */
export interface StatusCounts extends Counts {
  totalJp: number;
}

/** The key of a change kind in `ChangeCounts`. */
export const COUNT_OF: Record<ChangeKind, keyof ChangeCounts> = {
  worsened: 'worsened',
  improved: 'improved',
  added: 'added',
  removed: 'removed',
  'status-changed': 'statusChanged',
  'jp-changed': 'jpChanged',
  moved: 'moved',
};

/** How many employees had each kind of change (camelCase keys, as the check report's counts). */
export interface ChangeCounts {
  worsened: number;
  improved: number;
  added: number;
  removed: number;
  statusChanged: number;
  jpChanged: number;
  moved: number;
  unchanged: number;
}

/** Which report a side of the diff is. */
export interface ReportRef {
  /** The path as given on the command line (`-` for stdin). */
  file: string;
  year: number;
  asOf: string;
  /** The report's `generatedAt` (a check run with `--timestamp`), else null. */
  generatedAt: string | null;
}

export interface DiffTotals {
  before: StatusCounts;
  after: StatusCounts;
  /** JP gained by the employees in both reports: the sum of their `jpGained` (negative when records were withdrawn). */
  jpGained: number;
  changes: ChangeCounts;
}

export interface OpdDiff extends DiffTotals {
  opd: string;
}

/** The diff of two check reports; the JSON output is this object (`schemaVersion` 1). */
export interface DiffReport {
  schemaVersion: 1;
  kind: 'diff';
  lang: Lang;
  from: ReportRef;
  to: ReportRef;
  /** The two reports are of different years (`--allow-year-change`). */
  yearChanged: boolean;
  /** The policies (duties, pro-rating, exempt statuses) of the two reports differ. */
  policyChanged: boolean;
  summary: DiffTotals;
  /** Every OPD of either report, sorted by name; an employee counts in the OPD of each report. */
  byOpd: OpdDiff[];
  /** Every employee with a change, in `CHANGE_KINDS` order, then by OPD and NIP. */
  changes: EmployeeChange[];
}
