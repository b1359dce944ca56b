#!/usr/bin/env node
// Writes fixtures/broken/: files as they break in real life (cut short, saved in the wrong
// format, typed by hand) and as an attacker would craft them. The end-to-end test runs every
// command on each and expects exit 2 with one clear line, or a report with findings.
// Large cases (a 10 MB field, 10,000 columns, 1,048,576 empty rows) are made by the test itself.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip as writeZip } from './lib/zip.mjs';
import ExcelJS from 'exceljs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'fixtures', 'broken');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const put = (name, data) => writeFileSync(join(dir, name), data);

/** A zip of `entries`, deflated at level 9 (the shared writer: scripts/lib/zip.mjs). */
function zip(entries) {
  return writeZip(entries.map((e) => ({ ...e, level: 9 })));
}

const ROSTER = 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n198503152010011001,Budi,PNS,Dinas A,21\n199001012015032002,Siti,PNS,Dinas B,12\n';
const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

put('empty.csv', '');
put('header-only.csv', 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n');
put('blank-lines-only.csv', '\n\n;;;;\n\n');
// A deterministic stream of noise with NUL bytes, as a corrupted download gives.
let seed = 42;
put('binary-garbage.csv', Buffer.from(Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff)));
put('pdf-renamed.csv', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
put('word-renamed.csv', zip([{ name: '[Content_Types].xml', data: Buffer.from(CT) }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));
put('old-excel.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
put('not-a-zip.xlsx', 'NIP,Nama\n198503152010011001,Budi\n');
put('unclosed-quote.csv', `${ROSTER}199205102019032004,"Rina, S.Pd.,PNS,Dinas A,30\n`);
put('invalid-utf8.csv', Buffer.concat([Buffer.from('NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n198503152010011001,Désirée,PNS,Dinas A,21\n'), Buffer.from([0x31, 0x39, 0x39, 0x30, 0x30, 0x31, 0x30, 0x31, 0x32, 0x30, 0x31, 0x35, 0x30, 0x33, 0x32, 0x30, 0x30, 0x32, 0x2c, 0x53, 0x69, 0xff, 0x74, 0x69, 0x2c]), Buffer.from('PNS,Dinas B,12\n')]));
put('utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROSTER.replaceAll(',', '\t'), 'utf16le')]));
put('utf16le-nobom.txt', Buffer.from(ROSTER.replaceAll(',', '\t'), 'utf16le'));
put('mixed-line-endings.csv', 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\r\n198503152010011001,Budi,PNS,Dinas A,21\n199001012015032002,Siti,PNS,Dinas B,12\r199205102019032004,Rina,PNS,Dinas A,30\r\n');
put('header-repeated.csv', `${ROSTER}NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n199205102019032004,Rina,PNS,Dinas A,30\n`);
put('ragged-rows.csv', 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n198503152010011001,Budi,PNS\n199001012015032002,Siti,PNS,Dinas B,12,extra,cells\n');
put('proto-headers.csv', '__proto__,constructor,NIP,Nama,Jenis Pegawai,Unit Kerja,toString,Total JP,hasOwnProperty\nx,y,198503152010011001,Budi,PNS,Dinas A,z,21,w\n');
put('all-rows-invalid.csv', 'NIP,Nama,Jenis Pegawai,Unit Kerja,Total JP\n1.98503E+17,Budi,PNS,Dinas A,21\n12345,Siti,PNS,Dinas B,12\n');
// A zip bomb: 100 MB of zeros packed into about 100 KB, declared honestly.
put('zip-bomb.xlsx', zip([
  { name: '[Content_Types].xml', data: Buffer.from(CT) },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
  { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * 1024 * 1024, 0x20) },
]));

// A workbook with an external link to a URL, a formula that uses it, and a macro project: read for
// its cached values only; the link is not followed and the macro not run.
const X = (body) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const str = (ref, text) => `<c r="${ref}" t="str"><v>${text}</v></c>`;
put('external-link-macro.xlsx', zip([
  { name: '[Content_Types].xml', data: X('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>') },
  { name: '_rels/.rels', data: X(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
  { name: 'xl/workbook.xml', data: X(`<workbook ${NS}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets><externalReferences><externalReference r:id="rId2"/></externalReferences></workbook>`) },
  { name: 'xl/_rels/workbook.xml.rels', data: X(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/><Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`) },
  { name: 'xl/worksheets/sheet1.xml', data: X(`<worksheet ${NS}><sheetData><row r="1">${str('A1', 'NIP')}${str('B1', 'Nama')}${str('C1', 'Jenis Pegawai')}${str('D1', 'Unit Kerja')}${str('E1', 'Total JP')}</row><row r="2">${str('A2', '198503152010011001')}${str('B2', 'Budi')}${str('C2', 'PNS')}${str('D2', 'Dinas A')}<c r="E2"><f>[1]Rekap!E2</f><v>21</v></c></row></sheetData></worksheet>`) },
  { name: 'xl/externalLinks/externalLink1.xml', data: X(`<externalLink ${NS}><externalBook r:id="rId1"><sheetNames><sheetName val="Rekap"/></sheetNames></externalBook></externalLink>`) },
  { name: 'xl/externalLinks/_rels/externalLink1.xml.rels', data: X(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="http://example.invalid/rekap.xlsx" TargetMode="External"/></Relationships>`) },
  { name: 'xl/vbaProject.bin', data: Buffer.from('not a real macro project: never run') },
]));

async function workbooks() {
  // A good workbook to break in several ways.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP']);
  ws.addRow(['198503152010011001', 'Budi', 'PNS', 'Dinas A', 21]);
  ws.addRow(['199001012015032002', 'Siti', 'PNS', 'Dinas B', 12]);
  const good = Buffer.from(await wb.xlsx.writeBuffer());
  put('truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)));
  put('no-sheets.xlsx', zip([
    { name: '[Content_Types].xml', data: Buffer.from(CT) },
    { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>') },
  ]));

  // A two-row header with merged cells, as hand-made OPD sheets have.
  const m = new ExcelJS.Workbook();
  const ms = m.addWorksheet('Diklat');
  ms.addRow(['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Nama Diklat', 'Tanggal', null, 'JP']);
  ms.addRow([null, null, null, null, null, 'Mulai', 'Selesai', null]);
  for (const c of ['A', 'B', 'C', 'D', 'E', 'H']) ms.mergeCells(`${c}1:${c}2`);
  ms.mergeCells('F1:G1');
  ms.addRow(['198503152010011001', 'Budi', 'PNS', 'Dinas A', 'Bimtek', '01/03/2025', '02/03/2025', 24]);
  ms.addRow(['199001012015032002', 'Siti', 'PNS', 'Dinas B', 'Webinar', '05/05/2025', '05/05/2025', 4]);
  await m.xlsx.writeFile(join(dir, 'merged-header.xlsx'));

  // Every NIP a number: the whole column was converted by Excel.
  const n = new ExcelJS.Workbook();
  const ns = n.addWorksheet('Pegawai');
  ns.addRow(['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP']);
  ns.addRow([198503152010011001, 'Budi', 'PNS', 'Dinas A', 21]);
  ns.addRow([199001012015032002, 'Siti', 'PNS', 'Dinas B', 12]);
  await n.xlsx.writeFile(join(dir, 'nip-numbers.xlsx'));
}

await workbooks();

// The formats offices save, broken or made to harm (fixtures/formats holds them whole).
const ROSTER_XML = (cell) =>
  `<?xml version="1.0"?>\n<!DOCTYPE Workbook [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Pegawai"><Table><Row><Cell><Data ss:Type="String">NIP</Data></Cell><Cell><Data ss:Type="String">Nama</Data></Cell><Cell><Data ss:Type="String">Total JP</Data></Cell></Row><Row><Cell><Data ss:Type="String">198503152010011001</Data></Cell><Cell><Data ss:Type="String">${cell}</Data></Cell><Cell><Data ss:Type="Number">21</Data></Cell></Row></Table></Worksheet></Workbook>\n`;
put('billion-laughs.xml', ROSTER_XML('&lol9;'));
put('page-without-table.xls', '<html><head><title>Export</title></head><body><p>Data tidak ditemukan</p></body></html>\n');
put('other-xml.xml', '<?xml version="1.0"?>\n<pegawai><nip>198503152010011001</nip></pegawai>\n');
put('truncated.json', '{"code": 1, "data": [{"nipBaru": "198503152010011001", "namaKursus": "Bimtek", "jumlahJam": 24, "tanggalKursus": "03-02-2025", "tanggalSel');
// A real .xls (LibreOffice's) whose sector chains all point at themselves: a loop, not a file.
{
  const b = readFileSync(join(here, '..', 'fixtures', 'formats', 'pegawai-simpeg.xls'));
  const sector = 1 << b.readUInt16LE(30);
  const fat = (b.readUInt32LE(76) + 1) * sector;
  for (let i = 0; i < sector / 4; i++) if (b.readUInt32LE(fat + 4 * i) < 0xfffffffa) b.writeUInt32LE(i, fat + 4 * i);
  put('corrupt-sector-chain.xls', b);
}
console.log(`broken corpus written to ${dir}`);

