import { closeSync, fstatSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../src/engine/fast/scan.js';
import { tempDir } from '../helpers/cli.js';

// Reading a record again from its offset (duplicates confirmed by their keys): a plain line is
// walked byte by byte, anything else scanned the general way; csv-parse is the oracle for both.
describe('FieldReader.record / cells: the cells of the record at an offset, as csv-parse reads them', () => {
  const cell = fc.constantFrom('', 'a', 'Diklat PIM', ' x ', 'é', '2,5', 'say "hi"', '198503152010011001', '01/03/2025');
  it('on generated files, plain and quoted, with LF and CRLF, small and tiny windows', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom(',', ';'), fc.constantFrom(64, 4096), (rows, eol, delimiter, window) => {
        const lines = rows.map((r) => stringify([r], { delimiter, record_delimiter: eol }));
        const file = join(dir, 't.csv');
        writeFileSync(file, lines.join(''));
        const fd = openSync(file, 'r');
        try {
          const reader = new FieldReader(fd, fstatSync(fd).size, delimiter.charCodeAt(0), window);
          let at = 0;
          for (const [k, line] of lines.entries()) {
            const expected = (parse(line, { delimiter, relax_column_count: true }) as string[][])[0] ?? [];
            // An empty line is no record for either reader.
            if (expected.length === 0 || (expected.length === 1 && expected[0] === '')) {
              at += Buffer.byteLength(line);
              continue;
            }
            expect(reader.cells(at), `line ${k}: ${JSON.stringify(line)}`).toEqual(expected);
            at += Buffer.byteLength(line);
          }
        } finally {
          closeSync(fd);
        }
      }),
      { numRuns: 200 },
    );
  });
});
