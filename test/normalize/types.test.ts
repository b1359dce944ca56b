import { describe, expect, it } from 'vitest';
import { parseEmployeeType } from '../../src/normalize/types.js';

describe('parseEmployeeType: the one type word a label holds decides', () => {
  it.each([
    ['PNS', 'PNS'],
    ['pns', 'PNS'],
    ['Pegawai Negeri Sipil', 'PNS'],
    ['PNS Daerah', 'PNS'],
    ['PNS Daerah Kab./Kota', 'PNS'],
    ['PNS Pusat DPK', 'PNS'],
    ['PNS PUSAT', 'PNS'],
    ['CPNS', 'CPNS'],
    ['Calon PNS', 'CPNS'],
    ['Calon Pegawai Negeri Sipil', 'CPNS'],
    ['CPNS Daerah', 'CPNS'],
    ['CPNS DAERAH', 'CPNS'],
    ['PPPK', 'PPPK'],
    ['P3K', 'PPPK'],
    ['p3k', 'PPPK'],
    ['PPPK Paruh Waktu', 'PPPK'],
    ['Pegawai Pemerintah dengan Perjanjian Kerja', 'PPPK'],
    ['PEGAWAI PEMERINTAH DENGAN PERJANJIAN KERJA', 'PPPK'],
    ['  PNS   Daerah ', 'PNS'],
    // Labels that put a position first (issue 18).
    ['PELAKSANA - PNS', 'PNS'],
    ['Administrator / PNS', 'PNS'],
    ['JF - PPPK PENUH WAKTU', 'PPPK'],
    ['Fungsional (CPNS)', 'CPNS'],
    ['Status: P3K', 'PPPK'],
  ])('reads %j as %s', (raw, type) => {
    expect(parseEmployeeType(raw)).toEqual({ ok: true, type });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['Honorer', 'unknown'],
    ['Tenaga Honorer', 'unknown'],
    ['PNSD', 'unknown'],
    ['ASN', 'unknown'],
    ['PTT', 'unknown'],
    ['Non ASN', 'unknown'],
    ['Pegawai', 'unknown'],
    // Two types, or a type denied, cannot be read for certain.
    ['PNS/PPPK', 'ambiguous'],
    ['CPNS atau PNS', 'ambiguous'],
    // A denied type names none: `Non PNS` is an honorary worker, never a PNS.
    ['Non PNS', 'unknown'],
    ['Tenaga Non-PNS', 'unknown'],
    ['Bukan PPPK', 'unknown'],
    ['Non PNS / PPPK', 'ambiguous'],
  ])('does not read %j (%s)', (raw, reason) => {
    expect(parseEmployeeType(raw)).toEqual({ ok: false, reason });
  });

  it('takes a whole-label alias from the config file first', () => {
    expect(parseEmployeeType('Honorer Daerah', new Map([['honorer daerah', 'PPPK']]))).toEqual({ ok: true, type: 'PPPK' });
  });
});
