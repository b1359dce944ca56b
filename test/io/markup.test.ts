import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JpAuditError } from '../../src/errors.js';
import { chooseUnit, type GridEvent } from '../../src/io/grid.js';
import { dataCell, htmlEvents, spreadsheetmlEvents } from '../../src/io/markup.js';
import { formatOfExtension, sniff } from '../../src/io/sniff.js';
import type { Cell, RawRow } from '../../src/io/types.js';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function events(make: (c: AsyncIterable<string>, file: string) => AsyncIterable<GridEvent>, text: string, size = 1 << 20): Promise<Array<string | [number, Cell[]]>> {
  const out: Array<string | [number, Cell[]]> = [];
  for await (const e of make(chunks(text, size), 't')) out.push(e.kind === 'unit' ? e.name : [e.row.row, e.row.cells]);
  return out;
}

async function chosen(make: (c: AsyncIterable<string>, file: string) => AsyncIterable<GridEvent>, text: string, wanted?: string, fallback: 'largest' | 'first' = 'largest'): Promise<{ name: string; rows: RawRow[] }> {
  let name = '';
  const rows: RawRow[] = [];
  for await (const r of chooseUnit(() => make(chunks(text, 7), 't'), { ...(wanted ? { wanted } : {}), fallback, noneCode: 'html-no-table', file: 't', onChosen: (n) => (name = n) })) rows.push(r);
  return { name, rows };
}

describe('sniff: a file is what its bytes say', () => {
  it.each<[string, Buffer | string, string]>([
    ['xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]), 'xlsx'],
    ['BIFF8 .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'xls'],
    ['PDF', '%PDF-1.4', 'pdf'],
    ['HTML page', '<!DOCTYPE html><html><body><table>', 'html'],
    ['a bare table (PHP export)', '\r\n  <table border="1"><tr><td>NIP</td>', 'html'],
    ['meta first', '<meta http-equiv="Content-Type" content="application/vnd.ms-excel"><table>', 'html'],
    ['Excel web page (office:excel namespace)', '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>', 'html'],
    ['SpreadsheetML', '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', 'spreadsheetml'],
    ['SpreadsheetML, prefixed', '<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">', 'spreadsheetml'],
    ['other XML', '<?xml version="1.0"?><pegawai/>', 'xml'],
    ['JSON object with a BOM', '\ufeff{"code": 1}', 'json'],
    ['JSON list', '  [{"nip": 1}]', 'json'],
    ['UTF-16LE JSON', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"nip": 1}]', 'utf16le')]), 'json'],
    ['CSV', 'NIP;Nama\n1;Budi', 'text'],
  ])('%s', (_, head, want) => {
    expect(sniff(typeof head === 'string' ? Buffer.from(head) : head)).toBe(want);
  });

  it.each<[string, readonly string[] | undefined]>([
    ['.xls', ['xls']],
    ['.xml', ['spreadsheetml']],
    ['.json', ['json', 'ndjson']],
    ['.jsonl', ['ndjson', 'json']],
    ['.csv', ['csv']],
    ['.dat', undefined],
  ])('extension %s promises %j', (ext, want) => {
    expect(formatOfExtension(ext)).toEqual(want);
  });
});

describe('HTML tables', () => {
  it('br is a line break, entities decoded, white space collapsed, th and td alike', async () => {
    const html = '<table><tr><th>NIP</th><th>Nama</th></tr><tr><td> 1985 </td><td>Budi&nbsp;Santoso,\n   S.Kom.<br />198503152010011001 &amp; &#47; &lt;x&gt;</td></tr></table>';
    for (const size of [1, 3, 1 << 20]) {
      expect(await events(htmlEvents, html, size)).toEqual(['table 1', [1, ['NIP', 'Nama']], [2, ['1985', 'Budi\u00a0Santoso, S.Kom.\n198503152010011001 & / <x>']]]);
    }
  });

  it('colspan leaves its other columns empty; rowspan repeats down and pushes later cells right', async () => {
    const html = `<table>
      <tr><td colspan="3">JUDUL</td></tr>
      <tr><td rowspan="3">A</td><td>b1</td><td>c1</td></tr>
      <tr><td>b2</td><td>c2</td></tr>
      <tr><td colspan="2">bc3</td></tr>
      <tr><td>a4</td><td>b4</td></tr>
    </table>`;
    expect(await events(htmlEvents, html)).toEqual([
      'table 1',
      [1, ['JUDUL']],
      [2, ['A', 'b1', 'c1']],
      [3, ['A', 'b2', 'c2']],
      [4, ['A', 'bc3']],
      [5, ['a4', 'b4']],
    ]);
  });

  it('implied ends (no </td>, no </tr>) and a table inside a cell', async () => {
    const html = '<table><tr><td>1<td>2<tr><td>3<td><table><tr><td>x</td></tr></table></table>';
    expect(await events(htmlEvents, html)).toEqual(['table 1', [1, ['1', '2']], [2, ['3', 'x']]]);
  });

  it('a million empty cells cost nothing; content past column 16,384 is refused', async () => {
    const wide = `<table><tr><td>NIP</td>${'<td></td>'.repeat(1_000_000)}</tr></table>`;
    expect(await events(htmlEvents, wide)).toEqual(['table 1', [1, ['NIP']]]);
    const bad = `<table><tr><td>NIP</td>${'<td></td>'.repeat(20_000)}<td>x</td></tr></table>`;
    await expect(events(htmlEvents, bad)).rejects.toMatchObject({ code: 'table-too-wide', params: { row: 1 } });
  });

  it('choice: the first table whose header names the NIP, else the largest, or --sheet', async () => {
    const page = '<table><tr><td>Logo</td></tr></table><table><tr><td>No</td><td>NIP</td><td>Nama</td></tr><tr><td>1</td><td>1985</td><td>Budi</td></tr></table><table><tr><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></table>';
    expect(await chosen(htmlEvents, page)).toMatchObject({ name: 'table 2', rows: [{ row: 1 }, { row: 2 }] });
    const noHeader = '<table><tr><td>a</td></tr></table><table><tr><td>x</td></tr><tr><td>y</td></tr></table>';
    expect(await chosen(htmlEvents, noHeader)).toMatchObject({ name: 'table 2', rows: [{ cells: ['x'] }, { cells: ['y'] }] });
    expect(await chosen(htmlEvents, page, 'table 3')).toMatchObject({ name: 'table 3', rows: [{}, {}, {}] });
    await expect(chosen(htmlEvents, page, 'table 9')).rejects.toMatchObject({ code: 'sheet-not-found' });
    await expect(chosen(htmlEvents, '<p>no table</p>')).rejects.toMatchObject({ code: 'html-no-table' });
  });
});

describe('SpreadsheetML', () => {
  const wb = (rows: string, sheets = '') =>
    `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">${sheets}<Worksheet ss:Name="Data"><Table>${rows}</Table></Worksheet></Workbook>`;

  it('ss:Index gaps for rows and cells, MergeAcross, MergeDown, comments skipped', async () => {
    const xml = wb(
      '<Row><Cell ss:MergeAcross="2"><Data ss:Type="String">JUDUL</Data></Cell></Row>' +
        '<Row ss:Index="3"><Cell ss:Index="2"><Data ss:Type="String">NIP</Data><Comment><ss:Data>teks</ss:Data></Comment></Cell><Cell><Data ss:Type="String">JP</Data></Cell></Row>' +
        '<Row><Cell ss:MergeDown="1"><Data ss:Type="String">A</Data></Cell><Cell><Data ss:Type="String">1985</Data></Cell><Cell><Data ss:Type="Number">24</Data></Cell></Row>' +
        '<Row><Cell ss:Index="2"><Data ss:Type="String">1990</Data></Cell><Cell ss:Index="4"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>x</B>y</ss:Data></Cell></Row>',
    );
    for (const size of [1, 5, 1 << 20]) {
      expect(await events(spreadsheetmlEvents, xml, size)).toEqual(['Data', [1, ['JUDUL']], [3, [null, 'NIP', 'JP']], [4, ['A', '1985', 24]], [5, ['A', '1990', null, 'xy']]]);
    }
  });

  it.each<[string | undefined, string, Cell]>([
    ['Number', '198503152010011001', 198503152010011001],
    ['Number', '2.5', 2.5],
    ['Number', 'abc', 'abc'],
    ['DateTime', '2025-02-28T00:00:00.000', new Date(Date.UTC(2025, 1, 28))],
    ['DateTime', '1999-12-31T13:45:00', new Date(Date.UTC(1999, 11, 31, 13, 45))],
    ['Boolean', '1', true],
    ['Error', '#N/A', null],
    ['String', ' 0123 ', ' 0123 '],
    [undefined, 'x', 'x'],
  ])('Data ss:Type=%s %j', (type, text, want) => {
    expect(dataCell(type, text)).toEqual(want);
  });

  it('the first sheet with a header, or --sheet; an entity declaration is refused', async () => {
    const two = wb('<Row><Cell><Data ss:Type="String">NIP</Data></Cell><Cell><Data ss:Type="String">Nama</Data></Cell></Row>', '<Worksheet ss:Name="Petunjuk"><Table><Row><Cell><Data ss:Type="String">isi</Data></Cell></Row></Table></Worksheet>');
    expect(await chosen(spreadsheetmlEvents, two, undefined, 'first')).toMatchObject({ name: 'Data' });
    expect(await chosen(spreadsheetmlEvents, two, 'petunjuk', 'first')).toMatchObject({ name: 'Petunjuk', rows: [{ cells: ['isi'] }] });
    const bomb = `<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${wb('<Row><Cell><Data ss:Type="String">&b;</Data></Cell></Row>').replace('<?xml version="1.0"?>', '')}`;
    const e = await events(spreadsheetmlEvents, bomb).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JpAuditError);
    expect((e as JpAuditError).code).toBe('xml-entities');
  });

  it('a row past Excel\u2019s last is refused', async () => {
    await expect(events(spreadsheetmlEvents, wb('<Row ss:Index="2000000"><Cell><Data ss:Type="String">x</Data></Cell></Row>'))).rejects.toMatchObject({ code: 'table-too-long' });
  });
});

describe('any markup gives rows or a JpAuditError, never another throw', () => {
  const piece = fc.constantFrom('<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th colspan="3">', '<td rowspan="0">', '<td rowspan="99999">', '<br>', 'NIP', 'x', '&amp;', '&#0;', '<Row ss:Index="0">', '<Cell ss:Index="-5" ss:MergeDown="9">', '<Data ss:Type="Number">', '<Data ss:Type="DateTime">', '2025-13-45T', '</Data>', '</Cell>', '</Row>', '<Worksheet>', '</Worksheet>', '<Table>', '<!ENTITY a "b">', ']]>');
  it.each([
    ['html', htmlEvents],
    ['spreadsheetml', spreadsheetmlEvents],
  ] as const)('%s', async (_, make) => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), async (parts, size) => {
        try {
          await events(make, parts.join(''), size);
        } catch (e) {
          expect(e).toBeInstanceOf(JpAuditError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
