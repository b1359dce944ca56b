import type { Status } from '../rules/duty.js';
import type { ChangeKind, Standing } from './model.js';

/**
 * The order of the audited statuses, best first. `at-risk` (short of the pace during the year)
 * stands above `non-compliant` (short at the year's end): the first can still be made good.
 * `exempt` and `not-applicable` have no place in it: they owe no duty, which is neither better
 * nor worse than owing one.
 */
export const STATUS_ORDER = ['compliant', 'on-track', 'at-risk', 'non-compliant'] as const satisfies readonly Status[];

/** A status's place in `STATUS_ORDER` (0 is best), or null for a status without a duty. */
export function statusRank(status: Status): number | null {
  const i = (STATUS_ORDER as readonly Status[]).indexOf(status);
  return i < 0 ? null : i;
}

/**
 * What changed for one employee between two reports (null: not in that report):
 * - only in the new report: `added`; only in the old: `removed`;
 * - another status, both in `STATUS_ORDER`: `improved` when the new one stands higher, else `worsened`;
 * - another status, one of them `exempt` or `not-applicable`: `status-changed`;
 * - the same status with other JP or required JP: `jp-changed`;
 * - the same status and JP in another OPD: `moved`; otherwise `unchanged`.
 */
export function changeOf(before: Standing | null, after: Standing | null): ChangeKind | 'unchanged' {
  if (before === null && after === null) throw new Error('changeOf: an employee in neither report');
  if (before === null) return 'added';
  if (after === null) return 'removed';
  if (before.status !== after.status) {
    const b = statusRank(before.status);
    const a = statusRank(after.status);
    if (a === null || b === null) return 'status-changed';
    return a < b ? 'improved' : 'worsened';
  }
  if (before.jp !== after.jp || before.requiredJp !== after.requiredJp) return 'jp-changed';
  if (before.opd !== after.opd) return 'moved';
  return 'unchanged';
}
