import { CsvSource } from '../../src/io/csv.js';
import type { RawRow, ReadOptions, RowSource } from '../../src/io/types.js';

/** A CSV source over bytes, cut into chunks of `chunk` bytes to test every boundary. */
export function csvFromBytes(bytes: Buffer, options: ReadOptions = {}, chunk = 1 << 20): CsvSource {
  return new CsvSource(
    async function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    },
    'test.csv',
    options,
  );
}

export async function allRows(source: RowSource): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of source.rows()) out.push(r);
  return out;
}
