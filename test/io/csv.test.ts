import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvSource, sniffDelimiter } from '../../src/io/csv.js';
import { JpAuditError } from '../../src/errors.js';
import { allRows, csvFromBytes } from '../helpers/rows.js';

describe('sniffDelimiter', () => {
  it.each([
    ['NIP,Nama,JP\n1,Budi,2\n2,Siti,3\n', ','],
    ['NIP;Nama;JP\n1;Budi;2,5\n2;Siti;3,5\n', ';'],
    ['NIP\tNama\tJP\n1\tBudi, S.Kom.\t2\n', '\t'],
    ['NIP,Nama,JP\n1,"Budi; S.Kom., M.Si.",2\n', ','],
    ['NIP;Nama;JP\n1;"Budi Santoso, S.Kom., M.Si.";2,5\n2;"Siti, S.E.";4,5\n', ';'],
    // An Excel title block padded with separators, then the table.
    ['PEMERINTAH KOTA CONTOH;;;\nDAFTAR PEGAWAI;;;\n;;;\nNo;NIP;Nama;OPD\n1;1;Budi;Dinkes\n', ';'],
    ['PEMERINTAH KOTA CONTOH\n\nNo,NIP,Nama,OPD\n1,1,"Budi, S.E.",Dinkes\n', ','],
  ])('%j -> %j', (sample, d) => {
    expect(sniffDelimiter(sample)).toBe(d);
  });
});

describe('CsvSource', () => {
  it('numbers rows as a spreadsheet does, with quoted newlines inside one row', async () => {
    const text = 'NIP,Nama\r\n1,"Budi\r\nSantoso"\r\n\r\n2,"Siti ""Ami"" A."\r\n';
    const rows = await allRows(csvFromBytes(Buffer.from(text)));
    expect(rows).toEqual([
      { row: 1, cells: ['NIP', 'Nama'] },
      { row: 2, cells: ['1', 'Budi\r\nSantoso'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['2', 'Siti "Ami" A.'] },
    ]);
  });

  it('records the detected separator and encoding', async () => {
    const src = csvFromBytes(Buffer.from('\ufeffNIP;Nama\n1;Budi\n'));
    const rows = await allRows(src);
    expect(rows[1]!.cells).toEqual(['1', 'Budi']);
    expect(src.info).toMatchObject({ delimiter: ';', encoding: 'utf-8', bom: true });
  });

  it('keeps a stray quote inside an unquoted cell as text', async () => {
    const rows = await allRows(csvFromBytes(Buffer.from('NIP,Nama\n1,Budi "Bud" S\n')));
    expect(rows[1]!.cells).toEqual(['1', 'Budi "Bud" S']);
  });

  it('reports an unclosed quote with its row', async () => {
    const err = await allRows(csvFromBytes(Buffer.from('NIP,Nama\n1,Budi\n2,"Siti\n'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JpAuditError);
    expect(err).toMatchObject({ code: 'csv-quote-not-closed', params: { row: 3 } });
  });

  it('judges the separator on sixty lines even when they go past the first chunk read', async () => {
    // 25 long lines that vote for ',' (about 10 KB, more than the first 8 KiB chunk), then 35 that
    // vote for ';': sixty lines say ';', the first chunk alone would say ','.
    const comma = `${'x'.repeat(200)},${'y'.repeat(200)},z\n`.repeat(25);
    const semi = 'a;b;c;d;e;f\n'.repeat(35);
    const dir = mkdtempSync(join(tmpdir(), 'jp-sniff-'));
    const file = join(dir, 'long.csv');
    writeFileSync(file, comma + semi + 'a;b;c;d;e;f\n'.repeat(100));
    try {
      for (const src of [CsvSource.fromFile(file, 'long.csv'), csvFromBytes(readFileSync(file), {}, 4096)]) {
        const rows = await allRows(src);
        expect(src.info.delimiter).toBe(';');
        expect(rows).toHaveLength(160);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('honours --delimiter', async () => {
    const rows = await allRows(csvFromBytes(Buffer.from('a;b,c\n1;2,3\n'), { delimiter: ',' }));
    expect(rows[1]!.cells).toEqual(['1;2', '3']);
  });

  it('agrees with csv-stringify on any table, however it is chunked (differential)', async () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('"', '""', ',', ';', '\t', '\n', '\r\n', ' x ', 'Budi, S.Kom.', '1,5', 'é’€'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t'),
        fc.integer({ min: 1, max: 64 }),
        async (body, delimiter, chunk) => {
          // A header row that names the columns plainly, as real exports do.
          const table = [['NIP', 'Nama', 'JP'], ...body];
          const text = stringify(table, { delimiter, quoted_match: /^$|[\s"]/ , record_delimiter: 'unix' });
          const rows = await allRows(csvFromBytes(Buffer.from(text), { delimiter: delimiter as ',' }, chunk));
          expect(rows.map((r) => r.cells)).toEqual(table);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives rows or a typed error for any bytes, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          const rows = await allRows(csvFromBytes(Buffer.from(bytes), {}, 17));
          for (const r of rows) expect(Array.isArray(r.cells)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(JpAuditError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
