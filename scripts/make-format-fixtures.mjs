#!/usr/bin/env node
// Writes fixtures/formats/: the data of fixtures/diklat.csv, fixtures/pegawai.csv and
// fixtures/latsar/presensi-latsar.xlsx saved as offices save them: an HTML table served as .xls
// (as SIDIKLAT's export), Excel 2003 XML, a SIASN riwayat kursus answer as JSON, NDJSON, a
// per-person recap with a nested list of trainings, and real Excel 97-2003 .xls files made by
// LibreOffice (`soffice --headless --convert-to xls`), not by the library that reads them.
// The end-to-end test (test/e2e/formats.test.ts) expects each to give the report of its original.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'fixtures', 'formats');
const only = process.argv.includes('--text-only');
mkdirSync(dir, { recursive: true });
const put = (name, data) => writeFileSync(join(dir, name), data);

/** A small CSV reader for our own fixtures (quotes, `;` or `,`). */
function readCsv(path, sep) {
  const rows = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.replaceAll(sep, '').trim() === '') continue;
    const cells = [];
    let cur = '';
    let q = false;
    for (const ch of line) {
      if (ch === '"') q = !q;
      else if (ch === sep && !q) {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// --- training records (fixtures/diklat.csv) ---
const [, ...diklat] = readCsv(join(root, 'fixtures', 'diklat.csv'), ';');
// No;NIP;Nama Pegawai;Nama Pelatihan;Tanggal Mulai;Tanggal Selesai;Jumlah JP;Penyelenggara

// HTML as a PHP export serves it: a layout table first, a title row spanning the table, a two-row
// header (rowspan/colspan), a person's NIP and name written once over their rows (rowspan),
// entities, and <br /> inside the organiser's cell. Then a summary table without NIP.
{
  const rows = [];
  for (let i = 0; i < diklat.length; i++) {
    const [no, nip, nama, pel, mulai, selesai, jp, peny] = diklat[i];
    const prev = diklat[i - 1];
    const next = diklat[i + 1];
    // The same NIP and name as the row above: covered by that row's rowspan.
    if (prev && prev[1] === nip && prev[2] === nama) {
      rows.push(`<tr><td>${no}</td><td>${esc(pel).replaceAll('/', '&#47;')}</td><td>${esc(mulai)}</td><td>${esc(selesai)}</td><td>${esc(jp)}</td><td>${esc(peny)}</td></tr>`);
      continue;
    }
    const span = next && next[1] === nip && next[2] === nama ? ' rowspan="2"' : '';
    const org = peny.includes(' ') ? peny.replace(' ', '<br />\n') : peny;
    rows.push(
      `<tr><td>${no}</td><td${span} style="mso-number-format:'\\@'">${esc(nip)}</td><td${span}>${esc(nama).replaceAll(' ', span ? '&nbsp;' : ' ')}</td><td>${esc(pel).replaceAll('/', '&#47;')}</td><td>${esc(mulai)}</td><td>${esc(selesai)}</td><td>${esc(jp)}</td><td>${org.includes('<br') ? org : esc(org)}</td></tr>`,
    );
  }
  // Rows of the NIP/Nama columns come through the rowspan; the other columns are in every row.
  const fixed = rows.map((r) => r);
  put(
    'diklat-sidiklat.xls',
    `<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Export Pelatihan</title></head>
<body>
<table><tr><td><img src="logo.png"></td><td><b>PEMERINTAH KOTA PONTIANAK</b><br>BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM</td></tr></table>
<table border="1">
<thead>
<tr><th colspan="8">DATA PELATIHAN PEGAWAI TAHUN 2025</th></tr>
<tr><th rowspan="2">No</th><th rowspan="2">NIP</th><th rowspan="2">Nama Pegawai</th><th rowspan="2">Nama Pelatihan</th><th colspan="2">Tanggal</th><th rowspan="2">Jumlah JP</th><th rowspan="2">Penyelenggara</th></tr>
<tr><th>Mulai</th><th>Selesai</th></tr>
</thead>
<tbody>
${fixed.join('\n')}
</tbody>
</table>
<table><tr><th>Jumlah pelatihan</th><td>${diklat.length}</td></tr></table>
</body>
</html>
`,
  );
}

// SIDIKLAT's own export (Kota Banjarbaru): no NIP column, `Pegawai` holds the name and the NIP split
// by <br />, dates as Y-m-d, served as .xls.
{
  const ymd = (s) => s.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1');
  // SIDIKLAT keeps NIPs as 18 digits: the spaced one is written plain, Excel's mangled one left out.
  const rows = diklat.filter(([, nip]) => !/E\+/.test(nip)).map(
    ([no, nip, nama, pel, mulai, selesai, jp, peny]) =>
      `<tr><td>${no}</td><td>${esc(nama)}<br />${esc(nip.replaceAll(' ', ''))}</td><td>${esc(pel)}</td><td>Pelatihan Teknis</td><td>${esc(peny)}</td><td>${esc(ymd(mulai))}</td><td>${esc(ymd(selesai))}</td><td>${esc(jp)}</td></tr>`,
  );
  put(
    'pelatihan-sidiklat.xls',
    `<table border="1">\n<thead>\n<tr><th>ID</th><th>Pegawai</th><th>Nama Pelatihan</th><th>Jenis</th><th>Penyelenggara</th><th>Tanggal Mulai</th><th>Tanggal Selesai</th><th>JP</th></tr>\n</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n`,
  );
}

/** `dd/mm/yyyy` or `yyyy-mm-dd` as an ISO date, else undefined (the text stays text). */
function isoDate(s) {
  let m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? s : undefined;
}

// Excel 2003 XML: DateTime cells for dates Excel would recognise, Number cells for JP and for the
// NIP that Excel already turned into a number; ss:Index after a skipped column, a merged title.
{
  const cell = (v, kind, extra = '') => {
    if (kind === 'date' && isoDate(v)) return `<Cell${extra} ss:StyleID="d"><Data ss:Type="DateTime">${isoDate(v)}T00:00:00.000</Data></Cell>`;
    if (kind === 'number' && /^-?\d+(\.\d+)?(E\+\d+)?$/.test(v)) return `<Cell${extra}><Data ss:Type="Number">${v}</Data></Cell>`;
    return `<Cell${extra}><Data ss:Type="String">${esc(v)}</Data></Cell>`;
  };
  const body = diklat
    .map(([no, nip, nama, pel, mulai, selesai, jp, peny], i) => {
      // The "No" column is left empty, so the NIP cell says where it stands (ss:Index="2").
      const nipCell = /E\+/.test(nip) ? cell(nip, 'number', ' ss:Index="2"') : cell(nip, 'text', ' ss:Index="2"');
      return `   <Row ss:Index="${i + 5}">${i % 2 ? cell(no, 'number').replace('<Cell', '<Cell') : ''}${i % 2 ? nipCell.replace(' ss:Index="2"', '') : nipCell}${cell(nama, 'text')}${cell(pel, 'text')}${cell(mulai, 'date')}${cell(selesai, 'date')}${cell(jp, 'number')}${cell(peny, 'text')}</Row>`;
    })
    .join('\n');
  put(
    'diklat-excel2003.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office"><Author>SIMPEG</Author></DocumentProperties>
 <Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>
 <Worksheet ss:Name="Petunjuk">
  <Table><Row><Cell><Data ss:Type="String">Isi data pada lembar Diklat</Data></Cell></Row></Table>
 </Worksheet>
 <Worksheet ss:Name="Diklat">
  <Table ss:ExpandedColumnCount="8" x:FullColumns="1" x:FullRows="1">
   <Row><Cell ss:MergeAcross="7"><Data ss:Type="String">RIWAYAT DIKLAT PEGAWAI</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Dicetak: 2 Januari 2026</Data><Comment ss:Author="admin"><ss:Data xmlns="http://www.w3.org/TR/REC-html40"><B>NIP</B> harus teks</ss:Data></Comment></Cell></Row>
   <Row ss:Index="4"><Cell><Data ss:Type="String">No</Data></Cell><Cell><Data ss:Type="String">NIP</Data></Cell><Cell><Data ss:Type="String">Nama Pegawai</Data></Cell><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>Nama</B> Pelatihan</ss:Data></Cell><Cell><Data ss:Type="String">Tanggal Mulai</Data></Cell><Cell><Data ss:Type="String">Tanggal Selesai</Data></Cell><Cell><Data ss:Type="String">Jumlah JP</Data></Cell><Cell><Data ss:Type="String">Penyelenggara</Data></Cell></Row>
${body}
  </Table>
 </Worksheet>
</Workbook>
`,
  );
}

/** SIASN writes dates `dd-mm-yyyy`. */
const siasnDate = (s) => s.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$1-$2-$3');
/** JP as SIASN gives it: a number where it is one (`2,5` too), else the text as written. */
const jpValue = (s) => (/^\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : s);
/** The JSON text of a NIP: Excel's `1.98503E+17` and the first record's NIP as JSON numbers. */
const nipJson = (nip, i) => (/E\+/.test(nip) || i === 0 ? nip : JSON.stringify(nip));

// SIASN riwayat kursus as its web service answers, saved as it came.
{
  const records = diklat.map(([no, nip, nama, pel, mulai, selesai, jp, peny], i) => {
    const fields = [
      ['id', JSON.stringify(`8a8a80${String(no).padStart(4, '0')}`)],
      ['idPns', JSON.stringify(`A8ACA7000${String(i).padStart(2, '0')}3912E040640A040269`)],
      ['nipBaru', nipJson(nip, i)],
      ['nipLama', 'null'],
      ['jenisKursusNama', JSON.stringify('Kursus')],
      ['jenisKursusSertifikat', JSON.stringify('')],
      ['institusiPenyelenggara', JSON.stringify(peny)],
      ['jenisKursusId', JSON.stringify('1')],
      ['jumlahJam', JSON.stringify(jpValue(jp))],
      ['namaKursus', JSON.stringify(pel)],
      ['noSertipikat', JSON.stringify(`SERT/${no}/2025`)],
      ['tahunKursus', JSON.stringify(/\d{4}/.exec(selesai)[0])],
      ['tanggalKursus', JSON.stringify(siasnDate(mulai))],
      ['path', '{"874": {"dok_id": "874", "dok_nama": "Dok Sertifikat Kursus", "object": null}}'],
      ['jenisDiklatId', JSON.stringify('1')],
      ['tanggalSelesaiKursus', JSON.stringify(siasnDate(selesai))],
    ];
    return `{${fields.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`;
  });
  put('riwayat-kursus-siasn.json', `{"code": 1, "data": [\n  ${records.join(',\n  ')}\n], "message": "success"}\n`);
  put('riwayat-kursus.ndjson', `${records.map((r) => r.replace(/, "path": \{[^}]*\}\}/, '')).join('\n')}\n`);
}

// SIDIKLAT's per-person recap: one object a person, their trainings in a nested list whose
// `nama` sits beside the person's own `nama`.
{
  const people = new Map();
  for (const [, nip, nama, pel, mulai, selesai, jp, peny] of diklat) {
    if (!people.has(nip)) people.set(nip, { nip, nama, total_jp: 0, pelatihan: [] });
    const p = people.get(nip);
    const v = jpValue(jp);
    if (typeof v === 'number') p.total_jp += v;
    p.pelatihan.push({ nama: pel, jenis: 'Pelatihan Teknis', penyelenggara: peny, tanggal_mulai: mulai, tanggal_selesai: selesai, jp: v });
  }
  // A person with no training this year: listed, with an empty list.
  people.set('199609092025012007', { nip: '199609092025012007', nama: 'Lestari Handayani, S.Psi.', total_jp: 0, pelatihan: [] });
  put('rekap-sidiklat.json', `${JSON.stringify([...people.values()], null, 2)}\n`);
}

// --- Latsar attendance (fixtures/latsar/presensi-latsar.xlsx) ---
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(join(root, 'fixtures', 'latsar', 'presensi-latsar.xlsx'));
const ws = wb.worksheets[0];
const grid = [];
ws.eachRow({ includeEmpty: true }, (r, n) => {
  grid[n - 1] = r.values.slice(1).map((v) => (v instanceof Date ? v : v ?? ''));
});
for (let i = 0; i < grid.length; i++) grid[i] ??= [];
const dmy = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const text = (v) => (v instanceof Date ? dmy(v) : String(v));
{
  const rows = grid.map((r, i) => `<tr>${i < 3 ? `<td colspan="7">${esc(text(r[0] ?? ''))}</td>` : r.map((v) => `<td>${esc(text(v))}</td>`).join('')}</tr>`);
  put('presensi-latsar-lms.xls', `<html><body><table>\n${rows.join('\n')}\n</table></body></html>\n`);
  const xmlCell = (v) =>
    v instanceof Date
      ? `<Cell><Data ss:Type="DateTime">${v.toISOString().slice(0, 19)}.000</Data></Cell>`
      : typeof v === 'number'
        ? `<Cell><Data ss:Type="Number">${v}</Data></Cell>`
        : v === ''
          ? ''
          : `<Cell><Data ss:Type="String">${esc(v)}</Data></Cell>`;
  const xmlRows = grid.map((r, i) => (r.length === 0 ? '' : `<Row ss:Index="${i + 1}">${r.map(xmlCell).join('')}</Row>`)).filter(Boolean);
  put(
    'presensi-latsar.xml',
    `<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Presensi"><Table>\n${xmlRows.join('\n')}\n</Table></Worksheet></Workbook>\n`,
  );
  const header = grid[4];
  const records = grid.slice(5).filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] instanceof Date ? text(r[i]) : r[i] ?? ''])));
  put('presensi-latsar.json', `${JSON.stringify(records)}\n`);
  put('presensi-latsar.ndjson', `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
}

// --- real .xls, by LibreOffice ---
if (!only) {
  const tmp = mkdtempSync(join(tmpdir(), 'jp-audit-xls-'));
  const soffice = (args) => execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, ...args], { stdio: 'pipe', timeout: 120_000 });
  try {
    // The roster: NIP columns imported as text (format 2), TMT_CPNS and TANGGAL_LAHIR as dd/mm/yyyy
    // dates (format 4), so the .xls holds text NIPs and date cells as an office's would.
    const columns = ['1/2', '2/2', '3/2', '8/4', '13/4'].join('/');
    copyFileSync(join(root, 'fixtures', 'pegawai.csv'), join(tmp, 'pegawai-simpeg.csv'));
    soffice(['--infilter=CSV:44,34,76,1,' + columns, '--convert-to', 'xls', '--outdir', tmp, join(tmp, 'pegawai-simpeg.csv')]);
    copyFileSync(join(tmp, 'pegawai-simpeg.xls'), join(dir, 'pegawai-simpeg.xls'));
    // The same roster imported as Calc does by default: every 18-digit NIP becomes a number.
    copyFileSync(join(root, 'fixtures', 'pegawai.csv'), join(tmp, 'pegawai-nip-angka.csv'));
    soffice(['--infilter=CSV:44,34,76,1', '--convert-to', 'xls', '--outdir', tmp, join(tmp, 'pegawai-nip-angka.csv')]);
    copyFileSync(join(tmp, 'pegawai-nip-angka.xls'), join(dir, 'pegawai-nip-angka.xls'));
    soffice(['--convert-to', 'xls', '--outdir', tmp, join(root, 'fixtures', 'latsar', 'presensi-latsar.xlsx')]);
    copyFileSync(join(tmp, 'presensi-latsar.xls'), join(dir, 'presensi-latsar.xls'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
