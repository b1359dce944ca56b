import { describe, expect, it } from 'vitest';
import { continueHeader, isHeaderContinuation, openSheet } from '../../src/normalize/sheet.js';
import { allRows, csvFromBytes } from '../helpers/rows.js';

describe('header row', () => {
  it('skips a title block and finds the header', async () => {
    const sheet = await openSheet(csvFromBytes(Buffer.from('PEMERINTAH KOTA CONTOH;;\nDAFTAR PEGAWAI;;\n31 Desember 2025;;\n;;\nNo;NIP;Nama\n1;198503152010011001;Budi\n')), {});
    expect(sheet.headerRow).toBe(5);
    expect(sheet.mapping.columns.get('nip')?.index).toBe(1);
    expect((await sheet.rows.next()).value).toEqual({ row: 6, cells: ['1', '198503152010011001', 'Budi'] });
  });

  it('joins a two-row header under merged cells', () => {
    const top = ['NIP', 'Nama', 'Tanggal', '', 'JP'];
    const sub = ['', '', 'Mulai', 'Selesai', ''];
    expect(isHeaderContinuation(top, sub, 0)).toBe(true);
    expect(continueHeader(top, sub)).toEqual(['NIP', 'Nama', 'Tanggal Mulai', 'Tanggal Selesai', 'JP']);
  });

  it.each([
    [['', 'Budi', 'PNS', 'Dinas A'], 'a data row without its NIP (every cell under a header)'],
    [['', '', '01/03/2025', '02/03/2025'], 'dates'],
    [['198503152010011001', '', 'Mulai', 'Selesai'], 'a row with a NIP'],
  ])('keeps %j as data: %s', (sub) => {
    expect(isHeaderContinuation(['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja'], sub, 0)).toBe(false);
  });

  it('gives back the first data row when it is not a continuation', async () => {
    const sheet = await openSheet(csvFromBytes(Buffer.from('NIP,Nama,Tanggal,,JP\n,Budi,01/01/2025,,2\n198503152010011001,Siti,02/01/2025,,3\n')), {});
    const rows = [];
    for (let r = await sheet.rows.next(); !r.done; r = await sheet.rows.next()) rows.push(r.value.row);
    expect(rows).toEqual([2, 3]);
    expect(await allRows(csvFromBytes(Buffer.from('a')))).toEqual([{ row: 1, cells: ['a'] }]);
  });
});
