import { describe, expect, it } from 'vitest';
import { parseEmployeeType } from '../../src/normalize/types.js';

describe('parseEmployeeType', () => {
  it.each([
    ['PNS', 'PNS'],
    ['pns', 'PNS'],
    ['Pegawai Negeri Sipil', 'PNS'],
    ['PNS Daerah', 'PNS'],
    ['PNS Pusat DPK', 'PNS'],
    ['CPNS', 'CPNS'],
    ['Calon PNS', 'CPNS'],
    ['Calon Pegawai Negeri Sipil', 'CPNS'],
    ['CPNS Daerah', 'CPNS'],
    ['PPPK', 'PPPK'],
    ['P3K', 'PPPK'],
    ['p3k', 'PPPK'],
    ['PPPK Paruh Waktu', 'PPPK'],
    ['Pegawai Pemerintah dengan Perjanjian Kerja', 'PPPK'],
    ['PEGAWAI PEMERINTAH DENGAN PERJANJIAN KERJA', 'PPPK'],
    ['  PNS   Daerah ', 'PNS'],
  ])('reads %j as %s', (raw, type) => {
    expect(parseEmployeeType(raw)).toBe(type);
  });

  it.each(['', 'Honorer', 'Tenaga Honorer', 'PNSD', 'Non ASN', 'Pegawai'])('does not know %j', (raw) => {
    expect(parseEmployeeType(raw)).toBeUndefined();
  });
});
