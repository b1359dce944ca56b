import { describe, expect, it } from 'vitest';
import { decideType, nipLayout, readCpnsStatus } from '../../src/rules/employee-type.js';

const PNS_NIP = '198503152010011002'; // month 01 in digits 13-14
const PPPK_NIP = '199507172024211001'; // `21` where a PNS NIP has the month
const PPPK_PW_NIP = '199608082025212002'; // PPPK Paruh Waktu
const rules = { defaultType: 'PNS' as const };

describe('nipLayout: digits 13-14 that are not a month make an NI PPPK', () => {
  it.each([
    [PNS_NIP, 'PNS'],
    ['196608011988031001', 'PNS'],
    ['199001012015122001', 'PNS'],
    [PPPK_NIP, 'PPPK'],
    [PPPK_PW_NIP, 'PPPK'],
    ['200012312024211001', 'PPPK'],
    ['199001012015002001', 'PPPK'],
    ['199001012015132001', 'PPPK'],
  ])('%s is %s', (nip, layout) => expect(nipLayout(nip)).toBe(layout));
});

describe('readCpnsStatus', () => {
  it.each([
    ['C', 'CPNS'],
    ['c', 'CPNS'],
    [' CPNS ', 'CPNS'],
    ['P', 'PNS'],
    ['PNS', 'PNS'],
    ['PPPK', 'PPPK'],
    ['Aktif', undefined],
    ['', undefined],
  ])('%j is %s', (raw, type) => expect(readCpnsStatus(raw)).toBe(type));
});

describe('decideType: column, then STATUS CPNS PNS, then the NIP, then the default', () => {
  it.each([
    // A type column decides; its label's one type word.
    [{ label: 'PNS Daerah', nip: PNS_NIP }, { ok: true, type: 'PNS', source: 'column' }],
    [{ label: 'PELAKSANA - PNS', nip: PNS_NIP }, { ok: true, type: 'PNS', source: 'column' }],
    [{ label: 'PPPK', nip: PPPK_NIP }, { ok: true, type: 'PPPK', source: 'column' }],
    // SIASN: a CPNS is `PNS Daerah` with STATUS CPNS PNS = C.
    [{ label: 'PNS Daerah Kab./Kota', cpnsStatus: 'C', nip: PNS_NIP }, { ok: true, type: 'CPNS', source: 'column' }],
    [{ label: 'PNS Daerah Kab./Kota', cpnsStatus: 'P', nip: PNS_NIP }, { ok: true, type: 'PNS', source: 'column' }],
    [{ label: 'CPNS Daerah', cpnsStatus: 'P', nip: PNS_NIP }, { ok: true, type: 'PNS', source: 'column' }],
    [{ label: 'PPPK', cpnsStatus: '', nip: PPPK_NIP }, { ok: true, type: 'PPPK', source: 'column' }],
    [{ label: 'PPPK', cpnsStatus: 'PPPK', nip: PPPK_NIP }, { ok: true, type: 'PPPK', source: 'column' }],
    // SIASN writes P (not a candidate) for a PPPK too.
    [{ label: 'PPPK', cpnsStatus: 'P', nip: PPPK_NIP }, { ok: true, type: 'PPPK', source: 'column' }],
    [{ label: 'PNS Daerah', cpnsStatus: 'Aktif', nip: PNS_NIP }, { ok: true, type: 'PNS', source: 'column' }],
    // A status that contradicts a PPPK label is a finding, not a guess.
    [{ label: 'PPPK', cpnsStatus: 'C', nip: PPPK_NIP }, { ok: false, reason: 'cpns-status' }],
    [{ label: 'PNS', cpnsStatus: 'PPPK', nip: PNS_NIP }, { ok: false, reason: 'cpns-status' }],
    // Labels with no type, or two, are findings.
    [{ label: 'Honorer', nip: PNS_NIP }, { ok: false, reason: 'unknown' }],
    [{ label: 'PNS/PPPK', nip: PNS_NIP }, { ok: false, reason: 'ambiguous' }],
    [{ label: '', nip: PNS_NIP }, { ok: false, reason: 'empty' }],
    // An empty type cell beside a status that names the type.
    [{ label: '', cpnsStatus: 'C', nip: PNS_NIP }, { ok: true, type: 'CPNS', source: 'column' }],
    // No type column: the NIP tells a PPPK; the PNS layout takes the default.
    [{ nip: PPPK_NIP }, { ok: true, type: 'PPPK', source: 'nip' }],
    [{ nip: PPPK_PW_NIP }, { ok: true, type: 'PPPK', source: 'nip' }],
    [{ nip: PNS_NIP }, { ok: true, type: 'PNS', source: 'default' }],
    [{ nip: PNS_NIP, cpnsStatus: 'C' }, { ok: true, type: 'CPNS', source: 'column' }],
    [{ nip: PPPK_NIP, cpnsStatus: 'P' }, { ok: true, type: 'PPPK', source: 'nip' }],
    [{ nip: PPPK_NIP, cpnsStatus: 'C' }, { ok: false, reason: 'cpns-status' }],
    [{ nip: PNS_NIP, cpnsStatus: 'PPPK' }, { ok: false, reason: 'cpns-status' }],
  ])('%j -> %j', (row, decision) => {
    expect(decideType(row, rules)).toEqual(decision);
  });

  it('a default of CPNS applies to the PNS layout; a default of PPPK does not (the NIP denies it)', () => {
    expect(decideType({ nip: PNS_NIP }, { defaultType: 'CPNS' })).toEqual({ ok: true, type: 'CPNS', source: 'default' });
    expect(decideType({ nip: PNS_NIP }, { defaultType: 'PPPK' })).toEqual({ ok: true, type: 'PNS', source: 'nip' });
    expect(decideType({ nip: PPPK_NIP }, { defaultType: 'CPNS' })).toEqual({ ok: true, type: 'PPPK', source: 'nip' });
  });
});
