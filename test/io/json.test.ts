import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JpAuditError } from '../../src/errors.js';
import { JsonSource } from '../../src/io/json.js';
import type { Cell } from '../../src/io/types.js';
import { allRows } from '../helpers/rows.js';

/** A JSON source over text, cut into chunks of `chunk` characters to test every boundary. */
function source(text: string, chunk = 1 << 20): JsonSource {
  const bytes = Buffer.from(text);
  return new JsonSource(async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }, 'test.json');
}

async function rows(text: string, chunk?: number): Promise<Cell[][]> {
  return (await allRows(source(text, chunk))).map((r) => r.cells);
}

async function failure(text: string): Promise<JpAuditError> {
  try {
    await allRows(source(text));
  } catch (e) {
    if (e instanceof JpAuditError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('JsonSource: the shapes records come in', () => {
  it.each<[string, string, Cell[][]]>([
    ['a list of records', '[{"nip": "1", "jp": 2}, {"nip": "3", "jp": 4}]', [['nip', 'jp'], ['1', 2], ['3', 4]]],
    ['SIASN: {"code", "data": [...]}', '{"code": 1, "data": [{"nipBaru": "1", "jumlahJam": 24}], "message": "ok"}', [['nipBaru', 'jumlahJam'], ['1', 24]]],
    ['the only list of an object', '{"status": "ok", "pegawai": [{"nip": "1"}]}', [['nip'], ['1']]],
    ['Laravel pagination: data inside data', '{"current_page": 1, "data": {"total": 1, "data": [{"nip": "1"}]}}', [['nip'], ['1']]],
    ['SIASN single record: data is an object', '{"code": 1, "data": {"nipBaru": "1", "jumlahJam": 2}}', [['nipBaru', 'jumlahJam'], ['1', 2]]],
    ['NDJSON', '{"nip": "1", "jp": 2}\n{"nip": "3", "jp": 4}\n', [['nip', 'jp'], ['1', 2], ['3', 4]]],
    ['rows as lists', '[["NIP", "JP"], ["1", 2]]', [['NIP', 'JP'], ['1', 2]]],
    ['keys met later join the header (within the first records)', '[{"nip": "1"}, {"nip": "2", "jp": 5}]', [['nip', 'jp'], ['1', null], ['2', 5]]],
    ['a nested object becomes "key sub"', '[{"nip": "1", "unor": {"nama": "Dinas A"}}]', [['nip', 'unor nama'], ['1', 'Dinas A']]],
    ['a list of plain values is joined', '[{"nip": "1", "tags": ["a", "b"]}]', [['nip', 'tags'], ['1', 'a, b']]],
    [
      'a person with trainings: one row each, person repeated, colliding keys renamed',
      '[{"nip": "1", "nama": "Budi", "pelatihan": [{"nama": "A", "jp": 2}, {"nama": "B", "jp": 3}]}, {"nip": "2", "nama": "Siti", "pelatihan": []}]',
      [['nip', 'nama', 'nama pelatihan', 'jp'], ['1', 'Budi', 'A', 2], ['1', 'Budi', 'B', 3], ['2', 'Siti', null, null]],
    ],
    [
      'NDJSON of people with trainings (the NIP key comes before the list)',
      '{"nip": "1", "pelatihan": [{"jp": 2}]}\n{"nip": "2", "pelatihan": [{"jp": 3}]}',
      [['nip', 'jp'], ['1', 2], ['2', 3]],
    ],
    ['literals, escapes, unicode', '[{"nip": "1", "a": true, "b": null, "c": "Sri\\u00a0Mulyani \\"S\\"\\n"}]', [['nip', 'a', 'b', 'c'], ['1', true, null, 'Sri\u00a0Mulyani "S"\n']]],
    ['__proto__ is a key like any other', '[{"__proto__": "x", "nip": "1"}]', [['__proto__', 'nip'], ['x', '1']]],
  ])('%s', async (_, text, want) => {
    expect(await rows(text)).toEqual(want);
    // Cut into pieces of every small size: strings, escapes and numbers across chunk edges.
    for (const chunk of [1, 2, 3, 7]) expect(await rows(text, chunk)).toEqual(want);
  });

  it('rows are numbered: header 1, records from 2, one a training', async () => {
    const r = await allRows(source('[{"nip": "1", "p": [{"jp": 1}, {"jp": 2}]}, {"nip": "2"}]'));
    expect(r.map((x) => x.row)).toEqual([1, 2, 3, 4]);
  });

  it('says NDJSON when a second value follows the first', async () => {
    const s = source('{"nip": "1"}\n{"nip": "2"}\n');
    await allRows(s);
    expect(s.info.format).toBe('ndjson');
    const t = source('[{"nip": "1"}]');
    await allRows(t);
    expect(t.info.format).toBe('json');
  });
});

describe('JsonSource: numbers', () => {
  it.each<[string, Cell]>([
    ['24', 24],
    ['2.5', 2.5],
    ['-3', -3],
    ['1e2', 100],
    // An 18-digit NIP written as a number: its digits, all of them, as the file holds them.
    ['198503152010011001', '198503152010011001'],
    // Digits Excel or a double already lost stay as they are, for the NIP check to call mangled.
    ['198503152010011000', '198503152010011000'],
    ['1.98503E+17', 1.98503e17],
  ])('%s', async (text, want) => {
    expect((await rows(`[{"v": ${text}}]`))[1]).toEqual([want]);
  });
});

describe('JsonSource: what is refused', () => {
  it.each<[string, string, string]>([
    ['cut short', '[{"nip": "1"', 'json-malformed'],
    ['inside a string', '[{"nip": "1', 'json-malformed'],
    ['a trailing comma', '[{"nip": "1"},]', 'json-malformed'],
    ['a missing colon', '[{"nip" "1"}]', 'json-malformed'],
    ['a bad literal', '[{"nip": tru}]', 'json-malformed'],
    ['a bad escape', '[{"nip": "\\x"}]', 'json-malformed'],
    ['a scalar', '"198503152010011001"', 'json-no-records'],
    ['a list of numbers', '[1, 2, 3]', 'json-no-records'],
    ['an empty answer', '{"code": 1, "data": []}', 'json-no-records'],
    ['objects and lists mixed', '[{"nip": "1"}, ["1"]]', 'json-mixed'],
    ['two lists of records', '{"pegawai": [{"nip": "1"}], "diklat": [{"nip": "1"}]}', 'json-several-lists'],
    ['a record with two lists of objects', '[{"nip": "1", "a": [{"x": 1}], "b": [{"y": 2}]}]', 'json-several-lists'],
    ['nesting past the limit', `${'['.repeat(65)}${']'.repeat(65)}`, 'json-too-deep'],
  ])('%s', async (_, text, code) => {
    expect((await failure(text)).code).toBe(code);
  });

  it('a string over 16 MB', async () => {
    const e = await failure(`[{"nip": "${'x'.repeat(16 * 1024 * 1024 + 1)}"}]`);
    expect(e.code).toBe('json-value-too-large');
  });

  it('says on which line it broke', async () => {
    const e = await failure('[\n{"nip": "1"},\n{"nip": 1x}\n]');
    expect(e.params).toMatchObject({ line: 3 });
  });

  it('any text gives rows or a JpAuditError, never another throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1))), async (text) => {
        if (!/^\s*[[{]/.test(text)) return;
        try {
          await allRows(source(text, 5));
        } catch (e) {
          expect(e).toBeInstanceOf(JpAuditError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('JsonSource: keys first met after the header is fixed', () => {
  it('are not read, and reported with the row they began on', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => `{"nip": "${i}"}`);
    const s = source(`[${records.join(',')}, {"nip": "x", "jp": 3}, {"nip": "y", "jp": null}]`);
    const r = await allRows(s);
    expect(r[0]!.cells).toEqual(['nip']);
    expect(r.at(-2)).toEqual({ row: 1002, cells: ['x'] });
    expect(s.info.lateKeys).toEqual({ keys: ['jp'], row: 1002 });
  });
});
