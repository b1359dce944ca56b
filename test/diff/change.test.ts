import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/rules/duty.js';
import { changeOf, STATUS_ORDER, statusRank } from '../../src/diff/change.js';
import type { Standing } from '../../src/diff/model.js';

const at = (status: Status, jp = 10, requiredJp = 20, opd = 'Dinas A'): Standing => ({ status, jp, requiredJp, opd });

// Every pair of statuses, the same JP and OPD: what the change is. Rows are before, columns after.
const STATUSES: Status[] = ['compliant', 'on-track', 'at-risk', 'non-compliant', 'exempt', 'not-applicable'];
const TRANSITIONS: Record<Status, Record<Status, string>> = {
  compliant: { compliant: 'unchanged', 'on-track': 'worsened', 'at-risk': 'worsened', 'non-compliant': 'worsened', exempt: 'status-changed', 'not-applicable': 'status-changed' },
  'on-track': { compliant: 'improved', 'on-track': 'unchanged', 'at-risk': 'worsened', 'non-compliant': 'worsened', exempt: 'status-changed', 'not-applicable': 'status-changed' },
  'at-risk': { compliant: 'improved', 'on-track': 'improved', 'at-risk': 'unchanged', 'non-compliant': 'worsened', exempt: 'status-changed', 'not-applicable': 'status-changed' },
  'non-compliant': { compliant: 'improved', 'on-track': 'improved', 'at-risk': 'improved', 'non-compliant': 'unchanged', exempt: 'status-changed', 'not-applicable': 'status-changed' },
  exempt: { compliant: 'status-changed', 'on-track': 'status-changed', 'at-risk': 'status-changed', 'non-compliant': 'status-changed', exempt: 'unchanged', 'not-applicable': 'status-changed' },
  'not-applicable': { compliant: 'status-changed', 'on-track': 'status-changed', 'at-risk': 'status-changed', 'non-compliant': 'status-changed', exempt: 'status-changed', 'not-applicable': 'unchanged' },
};

describe('changeOf: status transitions', () => {
  const rows = STATUSES.flatMap((b) => STATUSES.map((a) => [b, a, TRANSITIONS[b][a]] as const));
  it.each(rows)('%s → %s is %s', (before, after, expected) => {
    expect(changeOf(at(before), at(after))).toBe(expected);
  });

  it('covers every pair of statuses', () => {
    expect(rows).toHaveLength(36);
  });
});

describe('changeOf: same status', () => {
  it.each([
    ['more JP', at('non-compliant', 10), at('non-compliant', 14), 'jp-changed'],
    ['fewer JP (a record withdrawn)', at('compliant', 30), at('compliant', 24), 'jp-changed'],
    ['another required JP (pro-rating, type)', at('compliant', 24, 20), at('compliant', 24, 24), 'jp-changed'],
    ['half a JP more', at('non-compliant', 12.5), at('non-compliant', 13), 'jp-changed'],
    ['another OPD only', at('compliant', 20, 20, 'Dinas A'), at('compliant', 20, 20, 'Dinas B'), 'moved'],
    ['another OPD and JP: the JP change wins', at('compliant', 20, 20, 'Dinas A'), at('compliant', 22, 20, 'Dinas B'), 'jp-changed'],
    ['nothing', at('compliant', 20), at('compliant', 20), 'unchanged'],
    ['a status change wins over an OPD change', at('compliant', 20, 20, 'Dinas A'), at('non-compliant', 10, 20, 'Dinas B'), 'worsened'],
  ] as const)('%s', (_what, before, after, expected) => {
    expect(changeOf(before, after)).toBe(expected);
  });
});

describe('changeOf: in one report only', () => {
  it.each([
    ['added', null, at('non-compliant')],
    ['added', null, at('exempt')],
    ['removed', at('compliant'), null],
    ['removed', at('not-applicable'), null],
  ] as const)('%s', (expected, before, after) => {
    expect(changeOf(before, after)).toBe(expected);
  });

  it('refuses an employee in neither report', () => {
    expect(() => changeOf(null, null)).toThrow();
  });
});

describe('statusRank', () => {
  it('orders the audited statuses best first, and leaves the others out', () => {
    expect(STATUS_ORDER.map(statusRank)).toEqual([0, 1, 2, 3]);
    expect(statusRank('exempt')).toBeNull();
    expect(statusRank('not-applicable')).toBeNull();
  });
});
