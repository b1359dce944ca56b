import { describe, expect, it } from 'vitest';
import { assess, type AssessInput, type Exemption } from '../../src/rules/duty.js';

const base: AssessInput = { min: 20, jp: 0, year: 2025, asOf: 20251231, service: {}, exemptions: [], prorate: true };

describe('pro-rating by whole months of service: required = ceil(min × months / 12)', () => {
  it.each([
    ['a full year', {}, 12, 20],
    ['joined 1 July (TMT CPNS 2025-07-01)', { start: 20250701 }, 6, 10],
    ['joined 15 March: March is not whole', { start: 20250315 }, 9, 15],
    ['joined 1 December', { start: 20251201 }, 1, 2],
    ['joined before the year', { start: 20100101 }, 12, 20],
    ['retired: TMT Pensiun 1 August (served January to July)', { end: 20250801 }, 7, 12],
    ['left on 15 August (August not whole)', { end: 20250815 }, 7, 12],
    ['joined 1 April, left 1 October', { start: 20250401, end: 20251001 }, 6, 10],
    ['left after the year', { end: 20260101 }, 12, 20],
  ])('%s', (_what, service, months, required) => {
    const a = assess({ ...base, service });
    expect(a).toMatchObject({ months, requiredJp: required, status: 'non-compliant', shortfallJp: required });
  });

  it.each([
    [24, { start: 20250701 }, 12],
    [24, { start: 20250201 }, 22],
    [20, { start: 20250201 }, 19],
  ])('min %d, %j -> %d (rounded up to a whole JP)', (min, service, required) => {
    expect(assess({ ...base, min, service }).requiredJp).toBe(required);
  });

  it.each([
    ['joined in 2026', { start: 20260105 }],
    ['left before the year', { end: 20241201 }],
    ['joined 2 December: no whole month', { start: 20251202 }],
  ])('%s: not-applicable', (_what, service) => {
    expect(assess({ ...base, service })).toMatchObject({ status: 'not-applicable', requiredJp: 0 });
  });

  it('asks the full duty when pro-rating is off, but not of someone with no month of service', () => {
    expect(assess({ ...base, prorate: false, service: { start: 20250701 } })).toMatchObject({ requiredJp: 20, months: 12 });
    expect(assess({ ...base, prorate: false, service: { start: 20260101 } }).status).toBe('not-applicable');
  });
});

describe('exemptions', () => {
  const tb: Exemption = { reason: 'Tugas Belajar' };
  it.each([
    ['a status (no dates): the whole year', [tb], 'exempt', 0],
    ['study leave January to June', [{ reason: 'Tugas Belajar', from: 20250101, to: 20250630 }], 'non-compliant', 10],
    ['from 10 March: March is not wholly exempt', [{ reason: 'CLTN', from: 20250310 }], 'non-compliant', 5],
    ['covering the year and more', [{ reason: 'CLTN', from: 20240101, to: 20261231 }], 'exempt', 0],
  ] as const)('%s', (_what, exemptions, status, required) => {
    const a = assess({ ...base, exemptions });
    expect(a).toMatchObject({ status, requiredJp: required });
    if (status === 'exempt') expect(a.exemptReason).toBe(exemptions[0]!.reason);
  });

  it('exempt months and months out of service both reduce the duty', () => {
    expect(assess({ ...base, service: { start: 20250401 }, exemptions: [{ reason: 'x', from: 20251001, to: 20251231 }] })).toMatchObject({ months: 6, requiredJp: 10 });
  });
});

describe('during the year (--as-of): on track or at risk', () => {
  it.each([
    ['30 June, 10 JP: half the duty, on pace', 20250630, 10, 'on-track', 10],
    ['30 June, 9 JP: behind', 20250630, 9, 'at-risk', 10],
    ['15 June: May is the last whole month (5/12 → 9 JP)', 20250615, 9, 'on-track', 9],
    ['31 January, 0 JP', 20250131, 0, 'at-risk', 2],
    ['10 January, 0 JP: no month ended yet', 20250110, 0, 'on-track', 0],
    ['30 June, 20 JP: already compliant', 20250630, 20, 'compliant', 10],
    ['31 December: the year is over', 20251231, 19, 'non-compliant', 20],
  ] as const)('%s', (_what, asOf, jp, status, expected) => {
    expect(assess({ ...base, asOf, jp })).toMatchObject({ status, expectedJp: expected, requiredJp: 20 });
  });

  it('paces a mid-year joiner on the months they served', () => {
    expect(assess({ ...base, asOf: 20250930, jp: 5, service: { start: 20250701 } })).toMatchObject({ requiredJp: 10, expectedJp: 5, status: 'on-track' });
  });
});
