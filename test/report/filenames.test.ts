import { describe, expect, it } from 'vitest';
import { opdFileNames, slugify } from '../../src/report/filenames.js';
import { sheetNames } from '../../src/report/xlsx/sheet.js';

describe('file names from OPD names', () => {
  it.each([
    ['Dinas Kesehatan', 'dinas-kesehatan'],
    ['Badan Kepegawaian dan Pengembangan SDM', 'badan-kepegawaian-dan-pengembangan-sdm'],
    ['Dinas A/B', 'dinas-a-b'],
    ['../../etc', 'etc'],
    ['..', 'opd'],
    ['', 'opd'],
    ['C:\\Windows\\System32', 'c-windows-system32'],
    ['CON', 'con-opd'],
    ['lpt1', 'lpt1-opd'],
    ['Dinas Pariwisata & Ekonomi Kreatif', 'dinas-pariwisata-ekonomi-kreatif'],
    ['Kecamatan Pontianak Kota ', 'kecamatan-pontianak-kota'],
    ['Sekretariat DPRD: Bagian <Umum>', 'sekretariat-dprd-bagian-umum'],
    ['Dinas Koperasi, UKM, dan Perdagangan', 'dinas-koperasi-ukm-dan-perdagangan'],
    ['Café Ñusantara', 'cafe-nusantara'],
    ['a'.repeat(300), 'a'.repeat(80)],
  ])('%j -> %j', (opd, stem) => {
    expect(slugify(opd)).toBe(stem);
  });

  it('gives every OPD its own file, also when names differ only in case or punctuation', () => {
    const names = opdFileNames(['Dinas A/B', 'Dinas A-B', 'dinas a b', 'Dinas Kesehatan'], 'xlsx', ['_ringkasan.xlsx']);
    const files = [...names.values()];
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(4);
    expect(names.get('Dinas Kesehatan')).toBe('dinas-kesehatan.xlsx');
    for (const f of files) expect(f).toMatch(/^dinas-[a-z0-9-]+\.xlsx$/);
    // Stable between runs.
    expect(opdFileNames(['Dinas A/B', 'Dinas A-B', 'dinas a b', 'Dinas Kesehatan'], 'xlsx', ['_ringkasan.xlsx'])).toEqual(names);
  });

  it('never takes a reserved name', () => {
    const names = opdFileNames(['Ringkasan'], 'csv', ['ringkasan.csv']);
    expect(names.get('Ringkasan')).not.toBe('ringkasan.csv');
  });
});

describe('Excel sheet names', () => {
  it('obeys Excel: 31 characters, no []:*?/\\, unique, not History', () => {
    expect(sheetNames(['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'Dinas A/B', 'Dinas A\\B', 'History', '[x]*?:'], ['Ringkasan'])).toEqual([
      'Badan Kepegawaian dan Pengemban',
      'Dinas A B',
      'Dinas A B (2)',
      'History OPD',
      'x',
    ]);
    expect(sheetNames(['Ringkasan'], ['Ringkasan'])).toEqual(['Ringkasan (2)']);
  });

  it('turns an apostrophe inside into a typographic one: print titles quote the sheet name', () => {
    expect(sheetNames(["'Dinas Ma'arif'"])).toEqual(['Dinas Ma’arif']);
  });
});
