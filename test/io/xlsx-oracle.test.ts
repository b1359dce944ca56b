// The differential test: exceljs (its full, non-streaming reader) is the oracle; our reader must
// give the same sheet on every .xlsx fixture and on generated workbooks.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/io/types.js';
import { XlsxSource } from '../../src/io/xlsx.js';
import { tempDir } from '../helpers/cli.js';
import { workbook } from '../helpers/xlsx.js';

type Rows = Array<[number, Cell[]]>;

/**
 * Where exceljs's full reader is known to be wrong, so its answer is no oracle: it drops a formula's
 * cached result when that result is 0 (`<f>F12+G12</f><v>0</v>` comes out as `{formula}` alone).
 * Such a cell must read as 0 or, for a formula with no cached value at all, as empty.
 */
const DROPPED_ZERO = Symbol('formula result exceljs dropped');

/** exceljs's value as a plain cell: formulas give their result, rich text its runs joined, an error its text. */
function oracleCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? oracleCell(o.result) : (DROPPED_ZERO as unknown as Cell);
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('error' in o) return String(o.error);
  if ('text' in o) return oracleCell(o.text);
  return null;
}

function trim(cells: Cell[]): Cell[] {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] === null || cells[n - 1] === undefined)) n--;
  return cells.slice(0, n).map((c) => (c === undefined ? null : c));
}

/** Every sheet, by name, in the workbook's order: its rows that hold a value. */
async function oracle(path: string): Promise<Map<string, Rows>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, Rows>();
  for (const ws of wb.worksheets) {
    const rows: Rows = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      const values = r.values as unknown[];
      // A merged cell's other cells are empty in the file; exceljs shows the first cell's value there.
      const cells = trim(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => (r.getCell(i + 1).type === ExcelJS.ValueType.Merge ? null : oracleCell(values[i + 1]))));
      if (cells.length) rows.push([n, cells]);
    });
    out.set(ws.name, rows);
  }
  return out;
}

async function ours(path: string, sheet: string): Promise<Rows> {
  const src = new XlsxSource(path, path, { sheet });
  const rows: Rows = [];
  for await (const r of src.rows()) if (r.cells.length) rows.push([r.row, r.cells]);
  return rows;
}

async function sheetNames(path: string): Promise<string | undefined> {
  const src = new XlsxSource(path, path);
  for await (const _ of src.rows()) void _;
  return src.info.sheet;
}

/** Compares every sheet; returns how many cells with a value were compared. */
async function agree(path: string): Promise<number> {
  const want = await oracle(path);
  expect(await sheetNames(path)).toBe([...want.keys()][0]);
  let compared = 0;
  for (const [name, rows] of want) {
    const got = await ours(path, name);
    const byRow = new Map(got);
    const fixed: Rows = rows.map(([n, cells]) => [n, trim(cells.map((c, i) => ((c as unknown) === DROPPED_ZERO ? (byRow.get(n)?.[i] === 0 ? 0 : null) : c)))]);
    expect(got, `${path}, sheet ${name}`).toEqual(fixed.filter(([, c]) => c.length > 0));
    compared += got.reduce((a, [, c]) => a + c.filter((x) => x !== null).length, 0);
  }
  return compared;
}

function fixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? fixtures(p) : f.endsWith('.xlsx') ? [p] : [];
  });
}

// Files exceljs itself cannot read (damaged on purpose), or that stop before any sheet.
const NOT_FOR_THE_ORACLE = new Set(['fixtures/broken/truncated.xlsx', 'fixtures/broken/not-a-zip.xlsx', 'fixtures/broken/zip-bomb.xlsx', 'fixtures/broken/no-sheets.xlsx']);

describe('our reader and exceljs read the same sheets', () => {
  it.each(fixtures('fixtures').filter((f) => !NOT_FOR_THE_ORACLE.has(f)))('%s', async (file) => {
    expect(await agree(file)).toBeGreaterThan(0);
  });

  const dir = tempDir();
  let n = 0;

  // A cell as a generator makes it: [value for exceljs, its style]
  const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('Budi & Siti <A>', 'Dinas "B"', 'Ñandú é ü', '198503152010011002', '  spasi  ', "O'Neil"));
  const value = fc.oneof(
    { weight: 3, arbitrary: text.filter((s) => s.trim() !== '' && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/.test(s) && !/[\ud800-\udfff]/.test(s)) },
    { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
    { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.integer({ min: 40000, max: 47000 }).map((d) => ({ date: d })) },
    { weight: 1, arbitrary: fc.tuple(text, text).map(([a, b]) => ({ rich: [a, b] })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 500 }).map((x) => ({ formula: x })) },
    { weight: 1, arbitrary: fc.integer({ min: 44000, max: 47000 }).map((x) => ({ formulaDate: x })) },
  );
  const grid = fc.array(fc.array(fc.option(value, { nil: null, freq: 4 }), { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 25 });

  type V = fc.Arbitrary<unknown> extends fc.Arbitrary<infer T> ? T : never;
  const toExcel = (v: unknown, date1904: boolean): unknown => {
    const o = v as Record<string, unknown>;
    if (v && typeof v === 'object' && 'date' in o) return serialToDate(o.date as number, date1904);
    if (v && typeof v === 'object' && 'rich' in o) return { richText: (o.rich as string[]).map((t, i) => ({ text: t, font: i ? { bold: true } : {} })) };
    if (v && typeof v === 'object' && 'formula' in o) return { formula: `${o.formula}+0`, result: o.formula };
    if (v && typeof v === 'object' && 'formulaDate' in o) return { formula: 'DATE(2025,3,1)', result: serialToDate(o.formulaDate as number, date1904) };
    return v as V;
  };
  const serialToDate = (d: number, date1904: boolean) => new Date(Math.round((d - 25569 + (date1904 ? 1462 : 0)) * 86400000));

  it('on workbooks written by exceljs: shared strings, rich text, formulas, dates in both systems, sparse rows, several sheets, a title block', async () => {
    await fc.assert(
      fc.asyncProperty(grid, grid, fc.boolean(), fc.integer({ min: 0, max: 4 }), fc.boolean(), async (a, b, date1904, gap, title) => {
        const wb = new ExcelJS.Workbook();
        if (date1904) wb.properties.date1904 = true;
        for (const [k, g] of [a, b].entries()) {
          const ws = wb.addWorksheet(k === 0 ? 'Pegawai' : 'Diklat');
          let r = 1;
          if (title) {
            ws.getCell(r++, 1).value = 'PEMERINTAH KOTA CONTOH';
            ws.getCell(r++, 1).value = { formula: 'TODAY()', result: new Date(Date.UTC(2025, 11, 31)) };
            ws.getCell(r - 1, 1).numFmt = 'dd/mm/yyyy';
            r++;
          }
          for (const cells of g) {
            for (const [i, v] of cells.entries()) {
              if (v === null) continue;
              const cell = ws.getCell(r, i + 1);
              cell.value = toExcel(v, date1904) as ExcelJS.CellValue;
              const o = v as Record<string, unknown>;
              if (o && typeof o === 'object' && ('date' in o || 'formulaDate' in o)) cell.numFmt = i % 2 ? 'dd/mm/yyyy' : 'd mmmm yyyy';
            }
            r += 1 + gap * (r % 2);
          }
        }
        const path = join(dir, `g${n++}.xlsx`);
        await wb.xlsx.writeFile(path);
        expect(await agree(path)).toBeGreaterThan(0);
      }),
      { numRuns: 25, seed: 20251231 },
    );
  }, 120_000);

  it('on hand-written sheets with inline strings: with r= exceljs agrees, and without r= the sheet reads the same', async () => {
    const cellXml = (v: unknown, ref: string): string => {
      if (v === null) return '';
      const o = v as Record<string, unknown>;
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      if (typeof v === 'string') return `<c${ref} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
      if (typeof v === 'number') return `<c${ref}><v>${v}</v></c>`;
      if (typeof v === 'boolean') return `<c${ref} t="b"><v>${v ? 1 : 0}</v></c>`;
      if ('date' in o) return `<c${ref} s="1"><v>${o.date}</v></c>`;
      if ('rich' in o) return `<c${ref} t="inlineStr"><is>${(o.rich as string[]).map((t) => `<r><t xml:space="preserve">${esc(t)}</t></r>`).join('')}</is></c>`;
      if ('formula' in o) return `<c${ref}><f>${o.formula}+0</f><v>${o.formula}</v></c>`;
      return `<c${ref} s="1"><f>DATE(2025,3,1)</f><v>${o.formulaDate}</v></c>`;
    };
    const letter = (i: number) => String.fromCharCode(65 + i);
    await fc.assert(
      fc.asyncProperty(grid, fc.boolean(), async (g, date1904) => {
        // Without r=, a row must have no holes: a missing cell would shift the next one.
        const dense = g.map((cells) => cells.map((c, i) => c ?? i));
        const withRefs = dense.map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => cellXml(c, ` r="${letter(i)}${r + 1}"`)).join('')}</row>`).join('');
        const without = dense.map((cells) => `<row>${cells.map((c) => cellXml(c, '')).join('')}</row>`).join('');
        const a = join(dir, `h${n++}.xlsx`);
        const b = join(dir, `h${n++}.xlsx`);
        writeFileSync(a, workbook({ sheets: [{ name: 'Data', rows: withRefs }], styles: [0, 14], date1904 }));
        writeFileSync(b, workbook({ sheets: [{ name: 'Data', rows: without }], styles: [0, 14], date1904 }));
        expect(await agree(a)).toBeGreaterThan(0);
        expect(await ours(b, 'Data')).toEqual(await ours(a, 'Data'));
      }),
      { numRuns: 25, seed: 20251231 },
    );
  }, 120_000);
});
