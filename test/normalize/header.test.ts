import { describe, expect, it } from 'vitest';
import { HEADER_ALIASES, looksLikeHeader, mapColumns, normalizeHeader } from '../../src/normalize/header.js';

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
    const m = mapColumns(['Tanggal', 'Tgl Selesai', 'NIP Baru', 'NIP']);
    expect(m.columns.get('end')?.header).toBe('Tgl Selesai');
    expect(m.columns.get('nip')?.header).toBe('NIP');
    expect(m.passedOver.get('end')).toEqual(['Tanggal']);
    expect(m.passedOver.get('nip')).toEqual(['NIP Baru']);
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
