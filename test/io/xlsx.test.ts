import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JpAuditError } from '../../src/errors.js';
import type { Cell } from '../../src/io/types.js';
import { XlsxSource } from '../../src/io/xlsx.js';
import { isDateFormat } from '../../src/io/xlsx-parts.js';
import { isoDate } from '../../src/io/xlsx-sheet.js';
import { tempDir } from '../helpers/cli.js';
import { type BookSpec, row, workbook, zip } from '../helpers/xlsx.js';

const dir = tempDir();
let n = 0;

async function read(spec: BookSpec | Buffer, sheet?: string): Promise<Array<{ row: number; cells: Cell[] }>> {
  const path = join(dir, `t${n++}.xlsx`);
  writeFileSync(path, Buffer.isBuffer(spec) ? spec : workbook(spec));
  const src = new XlsxSource(path, path, sheet === undefined ? {} : { sheet });
  const out: Array<{ row: number; cells: Cell[] }> = [];
  for await (const r of src.rows()) out.push(r);
  return out;
}

async function failure(spec: BookSpec | Buffer, sheet?: string): Promise<JpAuditError> {
  const e = await read(spec, sheet).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(JpAuditError);
  return e as JpAuditError;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const one = (c: string, styles?: BookSpec['styles'], extra: Partial<BookSpec> = {}): BookSpec => ({ sheets: [{ name: 'S', rows: `<row r="1">${c}</row>` }], ...(styles ? { styles } : {}), ...extra });

describe('cell types (ECMA-376 ST_CellType) and date systems', () => {
  // [what, cell XML, styles, 1904?, shared strings, expected value]
  const cases: Array<[string, string, BookSpec['styles'], boolean, string[] | undefined, Cell]> = [
    ['n: a number', '<c r="A1"><v>21</v></c>', undefined, false, undefined, 21],
    ['n: a decimal and an exponent', '<c r="A1" t="n"><v>2.5E0</v></c>', undefined, false, undefined, 2.5],
    ['n: negative', '<c r="A1"><v>-45</v></c>', undefined, false, undefined, -45],
    ['n: no value', '<c r="A1" s="0"/>', undefined, false, undefined, null],
    ['n: not a number is kept as text, never a guess', '<c r="A1"><v>12x</v></c>', undefined, false, undefined, '12x'],
    ['s: shared string', '<c r="A1" t="s"><v>1</v></c>', undefined, false, ['<t>a</t>', '<t>Budi</t>'], 'Budi'],
    ['s: rich-text runs joined', '<c r="A1" t="s"><v>0</v></c>', undefined, false, ['<r><t>19850315</t></r><r><rPr><b/></rPr><t>2010011002</t></r>'], '198503152010011002'],
    ['s: phonetic runs left out', '<c r="A1" t="s"><v>0</v></c>', undefined, false, ['<t>Budi</t><rPh sb="0" eb="1"><t>ぶ</t></rPh>'], 'Budi'],
    ['s: entities and Excel escapes', '<c r="A1" t="s"><v>0</v></c>', undefined, false, ['<t>A &amp; B &#233;_x000D_</t>'], 'A & B é\r'],
    ['str: a formula string', '<c r="A1" t="str"><f>A2&amp;""</f><v>Dinas &lt;A&gt;</v></c>', undefined, false, undefined, 'Dinas <A>'],
    ['inlineStr: plain', '<c r="A1" t="inlineStr"><is><t xml:space="preserve"> Budi </t></is></c>', undefined, false, undefined, ' Budi '],
    ['inlineStr: rich-text runs joined', '<c r="A1" t="inlineStr"><is><r><t>Budi </t></r><r><t>Santoso</t></r></is></c>', undefined, false, undefined, 'Budi Santoso'],
    ['inlineStr: a NIP split over runs', '<c r="A1" t="inlineStr"><is><r><t>19850315</t></r><r><t>2010011002</t></r></is></c>', undefined, false, undefined, '198503152010011002'],
    ['inlineStr: CDATA', '<c r="A1" t="inlineStr"><is><t><![CDATA[A & <B>]]></t></is></c>', undefined, false, undefined, 'A & <B>'],
    ['b: true', '<c r="A1" t="b"><v>1</v></c>', undefined, false, undefined, true],
    ['b: false', '<c r="A1" t="b"><v>0</v></c>', undefined, false, undefined, false],
    ['e: the error as Excel shows it', '<c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c>', undefined, false, undefined, '#DIV/0!'],
    ['d: ISO date with Z', '<c r="A1" t="d"><v>2025-03-01T00:00:00Z</v></c>', undefined, false, undefined, utc(2025, 3, 1)],
    ['d: ISO date alone', '<c r="A1" t="d"><v>2025-03-01</v></c>', undefined, false, undefined, utc(2025, 3, 1)],
    ['d: not a date is kept as text', '<c r="A1" t="d"><v>2025-02-30</v></c>', undefined, false, undefined, '2025-02-30'],
    ['date style 14, 1900 system', '<c r="A1" s="1"><v>45717</v></c>', [0, 14], false, undefined, utc(2025, 3, 1)],
    ['date style 14, 1904 system', '<c r="A1" s="1"><v>44255</v></c>', [0, 14], true, undefined, utc(2025, 3, 1)],
    ['custom date format', '<c r="A1" s="1"><v>45717</v></c>', [0, 'dd/mm/yyyy'], false, undefined, utc(2025, 3, 1)],
    ['custom Indonesian locale date format', '<c r="A1" s="1"><v>45717</v></c>', [0, '[$-421]dd mmmm yyyy'], false, undefined, utc(2025, 3, 1)],
    ['a number format that is not a date', '<c r="A1" s="1"><v>45717</v></c>', [0, '0.0 "hari"'], false, undefined, 45717],
    ['formula date, 1900 system', '<c r="A1" s="1"><f>DATE(2025,3,1)</f><v>45717</v></c>', [0, 14], false, undefined, utc(2025, 3, 1)],
    ['formula date, 1904 system', '<c r="A1" s="1"><f>DATE(2025,3,1)</f><v>44255</v></c>', [0, 14], true, undefined, utc(2025, 3, 1)],
    ['shared formula, cached value', '<c r="A1" s="1"><f t="shared" si="0"/><v>44255</v></c>', [0, 14], true, undefined, utc(2025, 3, 1)],
    ['formula with no cached value', '<c r="A1"><f>B1</f></c>', undefined, false, undefined, null],
    ['serial 1 is 1 January 1900', '<c r="A1" s="1"><v>1</v></c>', [0, 14], false, undefined, utc(1900, 1, 1)],
    ['serial 61 is 1 March 1900', '<c r="A1" s="1"><v>61</v></c>', [0, 14], false, undefined, utc(1900, 3, 1)],
    ['an unknown t= is kept as text', '<c r="A1" t="x"><v>7</v></c>', undefined, false, undefined, '7'],
    ['a prefixed namespace', '<x:c r="A1" t="inlineStr"><x:is><x:t>Budi</x:t></x:is></x:c>', undefined, false, undefined, 'Budi'],
  ];
  it.each(cases)('%s', async (_, c, styles, date1904, shared, want) => {
    const rows = await read(one(c, styles, { date1904, ...(shared ? { shared } : {}) }));
    // A cell with no value is no column: the row has none.
    expect(rows).toEqual([{ row: 1, cells: want === null ? [] : [want] }]);
  });

  it('keeps the time of day of a date cell', async () => {
    const [r] = await read(one('<c r="A1" s="1"><v>45717.75</v></c>', [0, 22]));
    expect(r!.cells[0]).toEqual(new Date(Date.UTC(2025, 2, 1, 18)));
  });

  it.each([
    ['dd/mm/yyyy', true],
    ['d mmmm yyyy', true],
    ['[$-421]dd mmmm yyyy;@', true],
    ['h:mm', true],
    ['[h]:mm:ss', true],
    ['General', false],
    ['0.00', false],
    ['#,##0 "JP"', false],
    ['[Red]0;[Blue]-0', false],
    ['0\\d', false],
    ['0.00E+00', false],
    ['@', false],
  ])('format %s is a date: %s', (code, want) => {
    expect(isDateFormat(code)).toBe(want);
  });

  it.each([
    ['2025-03-01T00:00:00Z', utc(2025, 3, 1)],
    ['2025-03-01T23:30:00+07:00', new Date(Date.UTC(2025, 2, 1, 23, 30))],
    ['2025-03-01', utc(2025, 3, 1)],
    ['2025-13-01', undefined],
    ['T10:00:00', undefined],
    ['1 March 2025', undefined],
  ])('ISO cell value %s', (text, want) => {
    expect(isoDate(text)).toEqual(want);
  });
});

describe('rows and cells', () => {
  it('reads rows and cells without r= in order, and mixes them with r=', async () => {
    const rows = await read({
      sheets: [
        {
          name: 'S',
          rows:
            '<row><c t="inlineStr"><is><t>NIP</t></is></c><c t="inlineStr"><is><t>Nama</t></is></c></row>' +
            '<row><c><v>1</v></c><c r="D2"><v>4</v></c><c><v>5</v></c></row>' +
            '<row r="7"><c><v>7</v></c></row><row><c r="B8"><v>8</v></c></row>',
        },
      ],
    });
    expect(rows).toEqual([
      { row: 1, cells: ['NIP', 'Nama'] },
      { row: 2, cells: [1, null, null, 4, 5] },
      { row: 7, cells: [7] },
      { row: 8, cells: [null, 8] },
    ]);
  });

  it('gives empty rows as they are written (counted as blank rows later) and skips missing row numbers', async () => {
    const rows = await read({ sheets: [{ name: 'S', rows: `${row(1, ['a'])}<row r="2"/><row r="3" ht="15"></row>${row(9, ['b'])}` }] });
    expect(rows.map((r) => [r.row, r.cells.length])).toEqual([
      [1, 1],
      [2, 0],
      [3, 0],
      [9, 1],
    ]);
  });

  it('drops trailing cells that have a style and no value', async () => {
    const rows = await read({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="0"/><c r="C1" s="0"/></row>' }] });
    expect(rows).toEqual([{ row: 1, cells: [1] }]);
  });

  it('reads a 10,000-column row', async () => {
    const cells = Array.from({ length: 10_000 }, (_, i) => i);
    const rows = await read({ sheets: [{ name: 'S', rows: `<row r="1">${cells.map((c) => `<c><v>${c}</v></c>`).join('')}</row>` }] });
    expect(rows[0]!.cells).toHaveLength(10_000);
    expect(rows[0]!.cells[9_999]).toBe(9_999);
  });

  it('reads rows cut across inflate chunks (a large sheet) exactly', async () => {
    const body = Array.from({ length: 30_000 }, (_, i) => row(i + 1, [`198503152010011${String(i % 1000).padStart(3, '0')}`, `Pegawai ${i} &amp; co`, i])).join('');
    const rows = await read({ sheets: [{ name: 'S', rows: body }] });
    expect(rows).toHaveLength(30_000);
    expect(rows[29_999]).toEqual({ row: 30_000, cells: ['198503152010011999', 'Pegawai 29999 &amp; co', 29_999] });
  });
});

describe('sheets: order from the workbook, wherever the zip stores them', () => {
  const two: BookSpec = { sheets: [{ name: 'Pegawai', rows: row(1, ['first']) }, { name: 'Diklat', rows: row(1, ['second']) }] };

  it('the first sheet in the workbook order, stored as the last zip entry', async () => {
    expect((await read({ ...two, sheetsLast: true }))[0]!.cells).toEqual(['first']);
  });

  it('--sheet by name, case-insensitive, stored last', async () => {
    expect((await read({ ...two, sheetsLast: true }, 'diklat'))[0]!.cells).toEqual(['second']);
  });

  it('the workbook order, not the zip order, decides the first sheet', async () => {
    const swapped: BookSpec = { ...two, edit: (parts) => parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, name: 'xl/worksheets/sheet2.xml' } : p.name === 'xl/worksheets/sheet2.xml' ? { ...p, name: 'xl/worksheets/sheet1.xml' } : p)).reverse() };
    // sheet1.xml now holds "second": the relationships still send Pegawai to sheet1.xml.
    expect((await read(swapped))[0]!.cells).toEqual(['second']);
  });

  it('without workbook relationships: sheetN.xml by sheet id', async () => {
    expect((await read({ ...two, noRels: true }, 'Diklat'))[0]!.cells).toEqual(['second']);
  });

  it('shared strings found through the relationships, whatever their part is called', async () => {
    const spec: BookSpec = {
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      shared: ['<t>Budi</t>'],
      edit: (parts) =>
        parts.map((p) =>
          p.name === 'xl/sharedStrings.xml' ? { ...p, name: 'xl/strings/teks.xml' } : p.name === 'xl/_rels/workbook.xml.rels' ? { ...p, data: String(p.data).replace('Target="sharedStrings.xml"', 'Target="/xl/strings/teks.xml"') } : p,
        ),
    };
    expect(await read(spec)).toEqual([{ row: 1, cells: ['Budi'] }]);
  });

  it('a worksheet without sheetData has no rows (and is not cut short)', async () => {
    const spec: BookSpec = { sheets: [{ name: 'S', rows: '' }], edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, data: '<worksheet/>' } : p)) };
    expect(await read(spec)).toEqual([]);
  });

  it('an unknown --sheet lists the sheets', async () => {
    const e = await failure(two, 'Rekap');
    expect(e.code).toBe('sheet-not-found');
    expect(e.params.sheets).toBe('Pegawai, Diklat');
  });
});

describe('hostile and damaged files: one error that names the part, never a hang', () => {
  const good = (): BookSpec => ({ sheets: [{ name: 'Data', rows: Array.from({ length: 2000 }, (_, i) => row(i + 1, [`Pegawai ${i}`, i])).join('') }] });

  it('a sheet whose sizes lie: stops at the declared size, not at the end of the data', async () => {
    const e = await failure({ ...good(), edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, declaredSize: 1000 } : p)) });
    expect(e.code).toBe('xlsx-sheet-damaged');
    expect(e.params).toMatchObject({ sheet: 'Data', reason: 'longer' });
  });

  it('shared strings whose sizes lie', async () => {
    const e = await failure({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], shared: Array.from({ length: 5000 }, (_, i) => `<t>string ${i}</t>`), edit: (parts) => parts.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, declaredSize: 1000 } : p)) });
    expect(e.code).toBe('xlsx-part-damaged');
    expect(e.params).toMatchObject({ part: 'xl/sharedStrings.xml', reason: 'longer' });
  });

  it('a damaged deflate stream', async () => {
    const e = await failure({
      ...good(),
      edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, body: (b) => Buffer.concat([b.subarray(0, 200), Buffer.alloc(64, 0xff), b.subarray(264)]) } : p)),
    });
    expect(['xlsx-sheet-damaged', 'xlsx-row-unreadable']).toContain(e.code);
  });

  it('a deflate stream cut short', async () => {
    const e = await failure({ ...good(), edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, body: (b) => b.subarray(0, b.length >> 1) } : p)) });
    expect(e.code).toBe('xlsx-sheet-damaged');
  });

  it('a flipped byte that still inflates is caught by the CRC', async () => {
    const spec: BookSpec = { sheets: [{ name: 'S', rows: row(1, ['198503152010011001', 21]) }], edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, store: true, body: (b) => Buffer.from(b.toString().replace('<v>21</v>', '<v>71</v>')) } : p)) };
    const e = await failure(spec);
    expect(e.code).toBe('xlsx-sheet-damaged');
    expect(e.params.reason).toBe('crc');
  });

  it('a DTD (entity expansion) is refused', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
    const e = await failure({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], shared: ['<t>&lol2;</t>'], edit: (parts) => parts.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, data: `${bomb}<sst><si><t>&lol2;</t></si></sst>` } : p)) });
    expect(e.code).toBe('xlsx-doctype');
    expect(e.params.part).toBe('xl/sharedStrings.xml');
  });

  it('a DTD in the sheet is refused', async () => {
    const e = await failure({ sheets: [{ name: 'S', rows: row(1, ['a']) }], edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, data: `<!DOCTYPE x [<!ENTITY a "b">]>${String(p.data)}` } : p)) });
    expect(e.code).toBe('xlsx-doctype');
    expect(e.params.part).toBe('xl/worksheets/sheet1.xml');
  });

  it('a shared string the table does not have', async () => {
    const e = await failure({ sheets: [{ name: 'S', rows: `${row(1, ['a'])}<row r="2"><c r="A2" t="s"><v>7</v></c></row>` }], shared: ['<t>x</t>'] });
    expect(e.code).toBe('xlsx-row-unreadable');
    expect(e.params).toMatchObject({ sheet: 'S', row: 2, reason: 'shared-string' });
  });

  it('a cell beyond column XFD', async () => {
    const e = await failure({ sheets: [{ name: 'S', rows: '<row r="3"><c r="XFE3"><v>1</v></c></row>' }] });
    expect(e.params).toMatchObject({ row: 3, reason: 'column' });
  });

  it('a sheet that ends inside a row', async () => {
    const e = await failure({ sheets: [{ name: 'S', rows: row(1, ['a']) }], edit: (parts) => parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, data: String(p.data).replace(/<\/row><\/sheetData><\/worksheet>$/, '<c r="B1"><v>2') } : p)) });
    expect(e.code).toBe('xlsx-row-unreadable');
    expect(e.params.reason).toBe('cut');
  });

  it('a sheet listed in the workbook with no part in the zip', async () => {
    const e = await failure({ sheets: [{ name: 'S', rows: row(1, ['a']) }], edit: (parts) => parts.filter((p) => !p.name.startsWith('xl/worksheets/')) });
    expect(e.code).toBe('xlsx-sheet-missing');
  });

  it('an encrypted or unknown compression method', async () => {
    const file = zip([
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>' },
      { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData/></worksheet>' },
    ]);
    // Method 8 → 9 (deflate64) in the central directory entry of the sheet.
    const cd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    file.writeUInt16LE(9, cd + 10);
    const e = await failure(file);
    expect(e.code).toBe('xlsx-sheet-damaged');
    expect(e.params.reason).toBe('method');
  });
});

describe('scanJoined: only the cut item and the next chunk start are joined', () => {
  // Rows and shared strings cut at any byte, with the closing tag also inside comments, CDATA and
  // with a prefix (where the shortcut cannot trust it): the same rows and strings as one buffer gives.
  const sheetXml = (rows: string[]) => `<?xml version="1.0"?><worksheet xmlns:x="urn:x"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const rowXml = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.string({ maxLength: 8 })).map(([v, t]) => `<row><c><v>${v}</v></c><c t="inlineStr"><is><t>${t.replace(/[<&]/g, '')}</t></is></c></row>`),
    fc.constantFrom(
      '<row><!-- </row> --><c><v>1</v></c></row>',
      '<x:row><x:c><x:v>2</x:v></x:c></x:row>',
      '<row><c t="inlineStr"><is><t><![CDATA[a </row> b]]></t></is></c></row>',
      '<row/>',
      '<row><c t="s"><v>0</v></c></row>',
      '<row><c r="B7" s="0" t="s"><v>0</v></c><c r="C7"><v>-1.5e3</v></c><c r="D7"><v></v></c><c r="E7" t="str"><f>A1</f><v>x</v></c></row>',
      '<row><c t="inlineStr"><v>v</v><is><t>i</t></is></c><c><v><![CDATA[12]]></v></c></row>',
    ),
  );
  const cuts = fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 40 });
  const chunked = (bytes: Buffer, sizes: number[]) => {
    const out: Buffer[] = [];
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const size = sizes[k % sizes.length]!;
      out.push(Buffer.from(bytes.subarray(at, at + size)));
      at += size;
    }
    return out;
  };

  it('joins only the cut item with the chunk up to its first closing tag, and scans the rest in place', async () => {
    const { scanJoined } = await import('../../src/io/xlsx.js');
    const close = Buffer.from('</row>');
    // A scan that takes every whole item: it returns where the last closing tag ends.
    const seen: Array<{ length: number; same: boolean }> = [];
    const rest = Buffer.from('<row><c>1');
    const chunk = Buffer.from(`</c></row>${'<row><c>2</c></row>'.repeat(100)}<row><c>3`);
    const left = scanJoined(rest, chunk, close, (buf, pos) => {
      seen.push({ length: buf.length, same: buf === chunk });
      const last = buf.lastIndexOf(close);
      return last < pos ? pos : last + close.length;
    });
    expect(seen[0]).toEqual({ length: rest.length + chunk.indexOf(close) + close.length, same: false });
    expect(seen[1]).toEqual({ length: chunk.length, same: true });
    expect(seen).toHaveLength(2);
    expect(left?.toString()).toBe('<row><c>3');
  });

  it('reads the rows of a sheet as one buffer does', async () => {
    const { SheetScanner } = await import('../../src/io/xlsx-sheet.js');
    const { SharedStrings } = await import('../../src/io/xlsx-parts.js');
    const { scanJoined } = await import('../../src/io/xlsx.js');
    const strings = new SharedStrings(64);
    strings.scan(Buffer.from('<sst><si><t>s0</t></si></sst>'), 0);
    strings.finish();
    fc.assert(
      fc.property(fc.array(rowXml, { maxLength: 12 }), cuts, (rows, sizes) => {
        const xml = Buffer.from(sheetXml(rows));
        const whole: RawRowLike[] = [];
        new SheetScanner(strings, new Uint8Array(0), false).scan(xml, 0, whole);
        const scanner = new SheetScanner(strings, new Uint8Array(0), false);
        const parts: RawRowLike[] = [];
        let rest: Buffer | undefined;
        for (const chunk of chunked(xml, sizes)) rest = scanJoined(rest, chunk, Buffer.from('</row>'), (buf, pos) => scanner.scan(buf, pos, parts));
        expect(parts).toEqual(whole);
        expect(whole).toHaveLength(rows.length);
        expect(scanner.done).toBe(true);
      }),
      { numRuns: 1500, seed: 24 },
    );
  });

  it('reads a shared-strings table as one buffer does', async () => {
    const { SharedStrings } = await import('../../src/io/xlsx-parts.js');
    const { scanJoined } = await import('../../src/io/xlsx.js');
    const si = fc.oneof(
      fc.string({ maxLength: 10 }).map((t) => `<si><t>${t.replace(/[<&]/g, '')}</t></si>`),
      fc.string({ maxLength: 6 }).map((t) => `<si><t xml:space="preserve"> ${t.replace(/[<&]/g, '')} </t></si>`),
      fc.constantFrom('<si/>', '<si><t>a</t><t>b</t></si>', '<si><t xml:space="keep">k</t></si>', '<si><t></t></si>', '<si><!-- </si> --><t>c</t></si>', '<x:si><x:t>p</x:t></x:si>', '<si><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></si>', '<si><t>&amp;_x0041_</t></si>'),
    );
    fc.assert(
      fc.property(fc.array(si, { maxLength: 12 }), cuts, (items, sizes) => {
        const xml = Buffer.from(`<?xml version="1.0"?><sst count="${items.length}">${items.join('')}</sst>`);
        const whole = new SharedStrings(xml.length);
        whole.scan(xml, 0);
        whole.finish();
        const parts = new SharedStrings(xml.length);
        let rest: Buffer | undefined;
        for (const chunk of chunked(xml, sizes)) rest = scanJoined(rest, chunk, Buffer.from('</si>'), (buf, pos) => parts.scan(buf, pos));
        parts.finish();
        expect(parts.count).toBe(items.length);
        expect(parts.count).toBe(whole.count);
        for (let i = 0; i < whole.count; i++) expect(parts.get(i)).toBe(whole.get(i));
      }),
      { numRuns: 1500, seed: 25 },
    );
  });
});

type RawRowLike = { row: number; cells: Cell[] };
