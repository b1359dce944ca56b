import { describe, expect, it } from 'vitest';
import { closestHeader, HEADER_ALIASES, looksLikeHeader, mapColumns, normalizeHeader } from '../../src/normalize/header.js';

describe('header matching', () => {
  it('ignores case, spaces, underscores and punctuation', () => {
    expect(normalizeHeader('NIP/NI PPPK')).toBe(normalizeHeader('nip ni_pppk'));
    expect(normalizeHeader('Tgl. Mulai')).toBe(normalizeHeader('tgl_mulai'));
    expect(normalizeHeader('nipBaru')).toBe(normalizeHeader('NIP Baru'));
  });

  it.each(
    Object.entries(HEADER_ALIASES).flatMap(([field, names]) =>
      names.map((name) => [name, field] as const),
    ),
  )('maps %j to %s', (name, field) => {
    const m = mapColumns(['x', name.toUpperCase().replace(/ /g, '_')]);
    expect(m.columns.get(field as never)?.index).toBe(1);
  });

  it('takes the name that stands first in the list when several match, and says which it passed over', () => {
    const m = mapColumns(['Tgl Pelaksanaan', 'Tgl Selesai', 'NIP Baru', 'NIP']);
    expect(m.columns.get('end')?.header).toBe('Tgl Selesai');
    expect(m.columns.get('nip')?.header).toBe('NIP');
    expect(m.passedOver.get('end')).toEqual(['Tgl Pelaksanaan']);
    expect(m.passedOver.get('nip')).toEqual(['NIP Baru']);
  });

  it('reads `Tanggal` as the one date, or as the start beside an end column (SIASN riwayat diklat)', () => {
    expect(mapColumns(['NIP', 'Tanggal', 'JP']).columns.get('end')?.header).toBe('Tanggal');
    const diklat = mapColumns(['id', 'idPns', 'nipBaru', 'nipLama', 'latihanStrukturalId', 'latihanStrukturalNama', 'nomor', 'tanggal', 'tahun', 'path', 'jumlahJam', 'tanggalSelesai', 'institusiPenyelenggara']);
    expect(Object.fromEntries([...diklat.columns].map(([f, c]) => [f, c.header]))).toEqual({
      nip: 'nipBaru',
      training: 'latihanStrukturalNama',
      start: 'tanggal',
      end: 'tanggalSelesai',
      year: 'tahun',
      jp: 'jumlahJam',
    });
    expect(diklat.passedOver.size).toBe(0);
  });

  it.each([
    // Public layouts, header rows exactly as their systems write them (docs/rules.md).
    ['S20JP staff import', ['NIP', 'Nama', 'Kode Unit Eselon 2', 'Kode Unit Eselon 3'], { nip: 'NIP', name: 'Nama', opd: 'Kode Unit Eselon 2' }],
    ['S20JP recap', ['NIP ', 'Nama', 'Unit Kerja Eselon 2', 'Unit Kerja Eselon 3', 'Total JP'], { nip: 'NIP ', name: 'Nama', opd: 'Unit Kerja Eselon 2', jp: 'Total JP' }],
    [
      'S20JP training import',
      ['Tanggal Mulai', 'Tanggal Selesai', 'Nama Kegiatan', 'Penyelenggara Kegiatan', 'Kode Jenis Pengembangan', 'Total Jam Pelajaran', 'NIP Peserta'],
      { start: 'Tanggal Mulai', end: 'Tanggal Selesai', training: 'Nama Kegiatan', jp: 'Total Jam Pelajaran', nip: 'NIP Peserta' },
    ],
    [
      'S20JP raw export',
      ['NIP', 'Nama', 'Unit Kerja Eselon 2', 'Unit Kerja Eselon 3', 'Kode Pengembangan', 'Jenis/Jalur Pengembangan', 'Penyelenggara', 'JP'],
      { nip: 'NIP', name: 'Nama', opd: 'Unit Kerja Eselon 2', training: 'Jenis/Jalur Pengembangan', jp: 'JP' },
    ],
    [
      'SIASN riwayat kursus',
      ['id', 'idPns', 'nipBaru', 'nipLama', 'jenisKursusNama', 'jenisKursusSertifikat', 'institusiPenyelenggara', 'jenisKursusId', 'jumlahJam', 'namaKursus', 'noSertipikat', 'tahunKursus', 'tanggalKursus', 'path', 'jenisDiklatId', 'tanggalSelesaiKursus'],
      { nip: 'nipBaru', jp: 'jumlahJam', training: 'namaKursus', year: 'tahunKursus', start: 'tanggalKursus', end: 'tanggalSelesaiKursus' },
    ],
    [
      'SIDIKLAT import',
      ['nama', 'nip', 'jabatan', 'unit_kerja', 'nama_pelatihan', 'jenis_pelatihan', 'penyelenggara', 'tempat', 'tanggal_mulai', 'tanggal_selesai', 'jp', 'sertifikat_url', 'keterangan'],
      { name: 'nama', nip: 'nip', opd: 'unit_kerja', training: 'nama_pelatihan', start: 'tanggal_mulai', end: 'tanggal_selesai', jp: 'jp', reason: 'keterangan' },
    ],
    ['NIP and JP spellings', ['NIP/NIPPPK', 'NIP Pegawai', 'JPL', 'Tgl Pelaksanaan', 'Status ASN', 'Unit Kerja Eselon II'], { nip: 'NIP/NIPPPK', jp: 'JPL', end: 'Tgl Pelaksanaan', type: 'Status ASN', opd: 'Unit Kerja Eselon II' }],
  ])('%s', (_name, headers, want) => {
    const m = mapColumns(headers);
    expect(Object.fromEntries([...m.columns].map(([f, c]) => [f, c.header]))).toEqual(want);
  });

  it('never takes eselon 3 as the OPD', () => {
    expect(mapColumns(['NIP', 'Unit Kerja Eselon 3', 'Kode Unit Eselon 3']).columns.has('opd')).toBe(false);
  });

  it('finds the closest header for a missing field', () => {
    expect(closestHeader('type', ['NIP', 'Nama', 'Jenis', 'Unit'])).toBe('Jenis');
    expect(closestHeader('opd', ['NIP', 'Nama', 'Unit Kerja Induk'])).toBe('Unit Kerja Induk');
    expect(closestHeader('jp', ['NIP', 'Nama', 'Alamat'])).toBeUndefined();
  });

  it('lets --map name any column', () => {
    const m = mapColumns(['NIP', 'Lama Pelatihan (JP)', 'JP'], { map: new Map([['jp', 'lama pelatihan (jp)']]) });
    expect(m.columns.get('jp')?.header).toBe('Lama Pelatihan (JP)');
    expect(m.overridden.has('jp')).toBe(true);
    expect(m.passedOver.get('jp')).toEqual(['JP']);
  });

  it('is not fooled by names near the known ones', () => {
    const m = mapColumns(['NIP_LAMA', 'SATUAN_KERJA_INDUK_NAMA', 'TANGGAL_LAHIR']);
    expect(m.columns.size).toBe(0);
  });

  it('keeps header names like __proto__ as plain data', () => {
    const m = mapColumns(['__proto__', 'constructor', 'NIP', 'toString']);
    expect(m.columns.get('nip')?.index).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Such a header can even be mapped, and nothing leaks onto Object.prototype.
    const m2 = mapColumns(['__proto__', 'NIP', 'constructor'], { map: new Map([['name', '__proto__'], ['opd', 'constructor']]) });
    expect([m2.columns.get('name')?.index, m2.columns.get('opd')?.index, m2.columns.get('nip')?.index]).toEqual([0, 2, 1]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'nip')).toBe(false);
  });

  it('recognises a header: the NIP and one other known field', () => {
    expect(looksLikeHeader(['No', 'NIP', 'Nama'])).toBe(true);
    expect(looksLikeHeader(['PEMERINTAH KOTA CONTOH'])).toBe(false);
    expect(looksLikeHeader(['NIP'])).toBe(false);
    expect(looksLikeHeader(['Nama', 'OPD'])).toBe(false);
  });
});
