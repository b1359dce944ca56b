#!/usr/bin/env node
// Writes fixtures/ from the tables below: files that look like real SIASN, SIMPEG, LMS and OPD
// exports (a many-column SIASN roster, a `;` file with decimal commas, Windows-1252, UTF-16LE
// "Unicode Text", an .xlsx with a title block, formulas and NIPs that Excel turned into numbers).
// Run `node scripts/make-fixtures.mjs` after changing it; the outputs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
mkdirSync(root, { recursive: true });
const q = (s) => (/[",;\t\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const line = (cells, sep = ',') => cells.map((c) => q(String(c))).join(sep);

// ---- 1. SIASN-style roster: many columns, the ones jp-audit needs among them. ----
const siasnHeader = [
  'PNS_ID', 'NIP_BARU', 'NIP_LAMA', 'NAMA', 'GELAR_DEPAN', 'GELAR_BELAKANG', 'TEMPAT_LAHIR_NAMA', 'TANGGAL_LAHIR',
  'JENIS_KELAMIN', 'JENIS_PEGAWAI_NAMA', 'KEDUDUKAN_HUKUM_NAMA', 'STATUS_CPNS_PNS', 'TMT_CPNS', 'GOL_AKHIR_NAMA',
  'JABATAN_NAMA', 'UNOR_NAMA', 'INSTANSI_KERJA_NAMA', 'LOKASI_KERJA_NAMA',
];
// [NIP as written, name, type, OPD, gol, jabatan, tmt_cpns]
const staff = [
  ['198503152010011001', 'Budi Santoso, S.Kom., M.Si.', 'PNS Daerah', 'Dinas Kesehatan', 'III/d', 'Pranata Komputer Ahli Muda', '01-01-2010'],
  ["'199001012015032002", 'dr. Siti Aminah', 'PNS Daerah', 'Dinas Kesehatan', 'III/c', 'Dokter Ahli Muda', '01-03-2015'],
  ['198712202012121003', 'Andi Pratama, S.E.', 'PNS', 'Dinas Kesehatan', 'III/b', 'Analis Keuangan', '01-12-2012'],
  ['19920510 201903 2 004', 'Rina Wulandari, S.Pd.', 'PNS Daerah', 'Dinas Pendidikan dan Kebudayaan', 'III/a', 'Guru Ahli Pertama', '01-03-2019'],
  ['198811112014021005', 'Dedi Kurniawan, S.Pd., M.Pd.', 'PNS Daerah', 'Dinas Pendidikan dan Kebudayaan', 'III/c', 'Guru Ahli Muda', '01-02-2014'],
  ['199507172024211001', 'Fajar Nugroho, S.Pd.', 'PPPK', 'Dinas Pendidikan dan Kebudayaan', 'IX', 'Guru Ahli Pertama', ''],
  ['199812252024212002', 'Maya Sari, S.Pd.', 'Pegawai Pemerintah dengan Perjanjian Kerja', 'Dinas Pendidikan dan Kebudayaan', 'IX', 'Guru Ahli Pertama', ''],
  ['200001012025011006', 'Yoga Prasetyo, S.STP', 'CPNS Daerah', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'III/a', 'Analis SDM Aparatur', '01-01-2025'],
  ['199609092025012007', 'Lestari Handayani, S.Psi.', 'CPNS', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'III/a', 'Psikolog Klinis', '01-01-2025'],
  ['197905202005011008', 'Ir. Hendra Gunawan, M.T.', 'PNS Daerah', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'IV/a', 'Kepala Bidang', '01-01-2005'],
  ['198002142006042009', 'Sri Mulyani, S.Sos.', 'PNS Daerah', 'Kecamatan Pontianak Kota', 'III/d', 'Sekretaris Camat', '01-04-2006'],
  ['199103032022211003', 'Agus Salim', 'PPPK', 'Kecamatan Pontianak Kota', 'VII', 'Pengadministrasi Perkantoran', ''],
  // Exported twice (SIASN sync glitch): the second is reported as a duplicate employee.
  ['198712202012121003', 'Andi Pratama, S.E.', 'PNS', 'Dinas Kesehatan', 'III/b', 'Analis Keuangan', '01-12-2012'],
  // Not an ASN type: rejected with invalid-type; their training then says why it does not count.
  ['199404042020121011', 'Wawan Setiawan', 'Tenaga Honorer', 'Kecamatan Pontianak Kota', '', 'Pengemudi', ''],
];
const siasnRows = staff.map(([nip, name, type, opd, gol, jab, tmt], i) => {
  const digits = nip.replace(/\D/g, '');
  const birth = `${digits.slice(6, 8)}-${digits.slice(4, 6)}-${digits.slice(0, 4)}`;
  return [
    `A8ACA7${String(i).padStart(4, '0')}3912E040640A040269`, nip, `${String(100000000 + i * 7919)}`, name, '', '', 'PONTIANAK', birth,
    digits[14] === '2' ? 'F' : 'M', type, 'Aktif', type.startsWith('C') ? 'C' : 'P', tmt, gol, jab, opd, 'Pemerintah Kota Pontianak', 'Kota Pontianak',
  ];
});
writeFileSync(join(root, 'pegawai.csv'), `${[siasnHeader, ...siasnRows].map((r) => line(r)).join('\n')}\n`);

// ---- 2. Training records from the OPD spreadsheet: `;` separated, decimal commas, mixed dates. ----
const diklatHeader = ['No', 'NIP', 'Nama Pegawai', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'Jumlah JP', 'Penyelenggara'];
const diklat = [
  ['198503152010011001', 'Budi Santoso, S.Kom., M.Si.', 'Pelatihan Kepemimpinan Pengawas', '03/02/2025', '28/02/2025', '24', 'BPSDM Provinsi'],
  // Same training, typed again with other case and spacing: counted once.
  ['198503152010011001', 'Budi Santoso', 'pelatihan  kepemimpinan pengawas', '03/02/2025', '28/02/2025', '24', 'BPSDM Provinsi'],
  ['199001012015032002', 'dr. Siti Aminah', 'Bimtek Tata Kelola BLUD', '2025-03-10', '2025-03-10', '2,5', 'Dinas Kesehatan'],
  ['199001012015032002', 'dr. Siti Aminah', 'Webinar Kesehatan Jiwa Masyarakat', '14 Mei 2025', '14 Mei 2025', '4', 'Kemenkes'],
  ['198712202012121003', 'Andi Pratama, S.E.', 'Sosialisasi SAKIP', '05/06/2025', '05/06/2025', '8', 'Inspektorat'],
  // 2024: outside the audited year.
  ['198712202012121003', 'Andi Pratama, S.E.', 'Diklat Pengadaan Barang/Jasa', '02/09/2024', '06/09/2024', '30', 'LKPP'],
  ['19920510 201903 2 004', 'Rina Wulandari, S.Pd.', 'Workshop Kurikulum Merdeka', '7 Juli 2025', '9 Juli 2025', '24', 'Disdikbud'],
  // Starts in 2024, ends in 2025: counts in 2025 (the year of the end date).
  ['198811112014021005', 'Dedi Kurniawan, S.Pd., M.Pd.', 'Pelatihan Guru Penggerak', '15/12/2024', '10/01/2025', '20', 'Kemendikdasmen'],
  ['199507172024211001', 'Fajar Nugroho, S.Pd.', 'Pelatihan Pembelajaran Berdiferensiasi', '21 Agt 2025', '23 Agt 2025', '20', 'BGP Kalbar'],
  ['199812252024212002', 'Maya Sari, S.Pd.', 'Bimtek Asesmen Nasional', '01/08/2025', '02/08/2025', '12', 'Disdikbud'],
  ['200001012025011006', 'Yoga Prasetyo, S.STP', 'Pelatihan Dasar CPNS Golongan III Angkatan V', '02/06/2025', '29/08/2025', '647', 'BPSDM Provinsi'],
  ['197905202005011008', 'Ir. Hendra Gunawan, M.T.', 'Rapat Koordinasi Manajemen ASN', '12/03/2025', '12/03/2025', 'dua', 'BKN'],
  ['197905202005011008', 'Ir. Hendra Gunawan, M.T.', 'Seminar Manajemen Talenta', '19 Nop 2025', '19 Nop 2025', '10', 'KemenPANRB'],
  ['198002142006042009', 'Sri Mulyani, S.Sos.', 'Apel Kesadaran Nasional', '17/08/2025', '17/08/2025', '0', 'Pemkot'],
  ['198002142006042009', 'Sri Mulyani, S.Sos.', 'Bimtek Pelayanan Publik', '20/10/2025', '18/10/2025', '16', 'Ombudsman'],
  ['199103032022211003', 'Agus Salim', 'Pelatihan Kearsipan Dinamis', '08/09/2025', '12/09/2025', '30', 'ANRI'],
  // Not on the roster.
  ['199909092020121010', 'Pegawai Pindahan', 'Pelatihan Teknis Perpajakan Daerah', '10/04/2025', '11/04/2025', '12', 'Bapenda'],
  // Roster row rejected (Tenaga Honorer): the message says so.
  ['199404042020121011', 'Wawan Setiawan', 'Pelatihan Keselamatan Berkendara', '05/05/2025', '05/05/2025', '6', 'Dishub'],
  // NIP that Excel turned into a number and back to text.
  ['1.98503E+17', 'Budi Santoso', 'Webinar Keamanan Siber', '11/11/2025', '11/11/2025', '3', 'BSSN'],
];
writeFileSync(
  join(root, 'diklat.csv'),
  `${[diklatHeader, ...diklat.map((r, i) => [i + 1, ...r])].map((r) => line(r, ';')).join('\r\n')}\r\n\r\n;;;;;;;\r\n`,
);

// ---- 3. LMS export from an old SIMPEG module: Windows-1252, CRLF, camelCase headers. ----
const lmsHeader = ['nip_baru', 'nama', 'namaKursus', 'tanggalKursus', 'tanggalSelesaiKursus', 'jumlahJam'];
const lms = [
  ['199001012015032002', 'dr. Siti Aminah', 'MOOC Manajemen Risiko – Sektor Kesehatan', '2025-09-01', '2025-09-20', '15'],
  ['199812252024212002', 'Maya Sari, S.Pd.', 'Kursus Daring “Literasi Digital” ASN', '2025-10-06', '2025-10-10', '12'],
  // The same training as in diklat.csv: counted once across files.
  ['199812252024212002', 'Maya Sari, S.Pd.', 'Bimtek Asesmen Nasional', '2025-08-01', '2025-08-02', '12'],
  ['198712202012121003', 'Andi Pratama, S.E.', 'Pengenalan Café Literasi Keuangan', '2025-11-03', '2025-11-03', '2'],
];
writeFileSync(
  join(root, 'lms-simpeg-1252.csv'),
  iconv.encode(`${[lmsHeader, ...lms].map((r) => line(r)).join('\r\n')}\r\n`, 'win1252'),
);

// ---- 4. Excel's "Unicode Text" export: UTF-16LE with BOM, tab separated. ----
const unicodeHeader = ['NIP Peserta', 'Nama Peserta', 'Judul', 'Tanggal', 'Jam Pelajaran'];
const unicodeRows = [
  ['198811112014021005', 'Dedi Kurniawan, S.Pd., M.Pd.', 'Diseminasi Praktik Baik', '03/12/2025', '4'],
  ['199103032022211003', 'Agus Salim', 'Bimtek SRIKANDI', '04/12/2025', '6'],
];
writeFileSync(
  join(root, 'diklat-unicode.txt'),
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${[unicodeHeader, ...unicodeRows].map((r) => r.join('\t')).join('\r\n')}\r\n`, 'utf16le')]),
);

// ---- 5. A recap workbook with total JP per person: title block, formulas, numeric NIPs. ----
async function rekap() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BKPSDM Kota Contoh';
  const ws = wb.addWorksheet('Rekap JP 2025');
  ws.addRow(['PEMERINTAH KOTA CONTOH']);
  ws.addRow(['REKAPITULASI JAM PELAJARAN PENGEMBANGAN KOMPETENSI ASN TAHUN 2025']);
  ws.addRow(['Keadaan per 31 Desember 2025']);
  ws.addRow([]);
  ws.addRow(['No', 'NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'JP Semester I', 'JP Semester II', 'Total JP']);
  const rows = [
    ['198503152010011001', 'Budi Santoso, S.Kom., M.Si.', 'PNS', 'Dinas Kesehatan', 12, 14],
    ['199001012015032002', 'dr. Siti Aminah', 'PNS', 'Dinas Kesehatan', 4, 6],
    // Excel turned these NIP cells into numbers: the last digits are gone.
    [198712202012121003, 'Andi Pratama, S.E.', 'PNS', 'Dinas Kesehatan', 10, 12],
    ['199507172024211001', 'Fajar Nugroho, S.Pd.', 'P3K', 'Dinas Pendidikan dan Kebudayaan', 10, 16],
    ['199812252024212002', 'Maya Sari, S.Pd.', 'PPPK', 'Dinas Pendidikan dan Kebudayaan', 10, 10],
    [199609092025012007, 'Lestari Handayani, S.Psi.', 'CPNS', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 0, 647],
    ['197905202005011008', 'Ir. Hendra Gunawan, M.T.', 'PNS', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 0, 0],
  ];
  rows.forEach(([nip, name, type, opd, s1, s2], i) => {
    const r = ws.addRow([i + 1, nip, name, type, opd, s1, s2]);
    r.getCell(8).value = { formula: `F${r.number}+G${r.number}`, result: s1 + s2 };
  });
  ws.getColumn(2).width = 22;
  const notes = wb.addWorksheet('Catatan');
  notes.addRow(['Lembar ini bukan data.']);
  await wb.xlsx.writeFile(join(root, 'rekap-jp-2025.xlsx'));
}

// ---- 6. One combined OPD sheet: a row per training, employee columns repeated; date cells. ----
async function gabungan() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Diklat Pegawai');
  ws.addRow(['DAFTAR PENGEMBANGAN KOMPETENSI PEGAWAI']);
  ws.addRow(['DINAS KOMUNIKASI DAN INFORMATIKA']);
  ws.addRow([]);
  ws.addRow(['No', 'NIP', 'Nama Lengkap', 'Status Kepegawaian', 'Unit Kerja', 'Nama Diklat', 'Tgl Mulai', 'Tgl Selesai', 'JP']);
  const d = (y, m, day) => new Date(Date.UTC(y, m - 1, day));
  const rows = [
    ['198604042011011001', 'Rudi Hartono, S.T.', 'PNS', 'Dinas Komunikasi dan Informatika', 'Pelatihan Keamanan Informasi', d(2025, 2, 10), d(2025, 2, 14), 40],
    ['198604042011011001', 'Rudi Hartono, S.T.', 'PNS', 'Dinas Komunikasi dan Informatika', 'Webinar SPBE', d(2025, 5, 20), d(2025, 5, 20), 2.5],
    ['199202022019032002', 'Nur Aisyah, S.Kom.', 'PNS', 'Dinas Komunikasi dan Informatika', 'Bimtek Satu Data', '12/06/2025', '13/06/2025', '12'],
    ['199202022019032002', 'Nur Aisyah, S.Kom.', 'PNS', 'Dinas Komunikasi dan Informatika', 'Bimtek Satu Data', '12/06/2025', '13/06/2025', '12'],
    // No training this year: listed once with the training cells empty.
    ['199707072024211004', 'Bayu Saputra, A.Md.', 'PPPK', 'Dinas Komunikasi dan Informatika', null, null, null, null],
    ['199808082024212005', 'Dewi Lestari, S.I.Kom.', 'PPPK', 'Dinas Komunikasi dan Informatika', 'Pelatihan Kehumasan Digital', d(2025, 9, 1), d(2025, 9, 5), 24],
  ];
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.getColumn(7).numFmt = 'dd/mm/yyyy';
  ws.getColumn(8).numFmt = 'dd/mm/yyyy';
  await wb.xlsx.writeFile(join(root, 'gabungan-diskominfo.xlsx'));
}

// ---- 7. Hostile values: OPD names that try to leave --out-dir, markup and formulas in names. ----
mkdirSync(join(root, 'hostile'), { recursive: true });
writeFileSync(
  join(root, 'hostile', 'pegawai-jahat.csv'),
  `${[
    ['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP'],
    ['198503152010011001', '<script>alert("xss")</script>', 'PNS', '../../etc', '5'],
    ['199001012015032002', '=HYPERLINK("http://example.invalid","klik")', 'PNS', 'Dinas A/B', '25'],
    ['198712202012121003', '+62 812', 'PPPK', 'Dinas A\\B', '10'],
    ['199205102019032004', '@SUM(1+1)', 'PNS', 'CON', '0'],
    ['198811112014021005', 'Budi "<b>tebal</b>"', 'CPNS', '<img src=x onerror=alert(1)>', '3'],
    ['199103032022211003', '-Siti', 'PNS', '=cmd|\' /C calc\'!A0', '21'],
  ]
    .map((r) => line(r))
    .join('\n')}\n`,
);

// ---- 8. Joiners, leavers, exemptions, training in minutes (issue 5's rules). ----
mkdirSync(join(root, 'tahunan'), { recursive: true });
writeFileSync(
  join(root, 'tahunan', 'pegawai-tmt.csv'),
  `${[
    ['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'TMT PNS', 'Tanggal Pensiun', 'Kedudukan Hukum'],
    ['198503152010011001', 'Budi Santoso', 'PNS', 'Dinas A', '01/01/2010', '', 'Aktif'],
    // Joined 1 July 2025: 6 months, 10 JP.
    ['200001012025011006', 'Yoga Prasetyo', 'CPNS', 'Dinas A', '01/07/2025', '', 'Aktif'],
    // Retires 1 August 2025 (TMT Pensiun): January to July, 7 months, 12 JP.
    ['196508172005011002', 'Sri Wahyuni', 'PNS', 'Dinas B', '01/01/2005', '01/08/2025', 'Aktif'],
    // On study leave: exempt for the year.
    ['199001012015032002', 'dr. Siti Aminah', 'PNS', 'Dinas B', '01/03/2015', '', 'Tugas Belajar'],
    // Starts in 2026: no month of service in 2025.
    ['199507172024211001', 'Fajar Nugroho', 'PPPK', 'Dinas A', '01/01/2026', '', 'Aktif'],
    // CLTN January to June (exemptions file): 6 months, 10 JP.
    ['198712202012121003', 'Andi Pratama', 'PNS', 'Dinas B', '01/12/2012', '', 'Aktif'],
    ['199205102019032004', 'Rina Wulandari', 'PNS', 'Dinas A', '01/03/2019', '', 'Aktif'],
  ]
    .map((r) => line(r, ';'))
    .join('\n')}\n`,
);
writeFileSync(
  join(root, 'tahunan', 'diklat-menit.csv'),
  `${[
    ['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'Durasi (menit)'],
    ['198503152010011001', 'Pelatihan Kepemimpinan', '10/03/2025', '14/03/2025', '1200'],
    ['200001012025011006', 'Orientasi CPNS', '01/09/2025', '01/09/2025', '480'],
    ['196508172005011002', 'Persiapan Purnabakti', '20/05/2025', '20/05/2025', '540'],
    ['198712202012121003', 'Bimtek Keuangan', '10/10/2025', '10/10/2025', '360'],
  ]
    .map((r) => line(r))
    .join('\n')}\n`,
);
writeFileSync(
  join(root, 'tahunan', 'pengecualian.csv'),
  `${[
    ['NIP', 'Alasan', 'Tanggal Mulai', 'Tanggal Selesai'],
    ['198712202012121003', 'CLTN', '01/01/2025', '30/06/2025'],
  ]
    .map((r) => line(r))
    .join('\n')}\n`,
);

// ---- 9. Latsar CPNS: a roster and an LMS attendance export (one row per participant per day). ----
mkdirSync(join(root, 'latsar'), { recursive: true });
const cpns = [
  ['200001012025011006', 'Yoga Prasetyo, S.STP', 'CPNS Daerah', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'],
  ['199609092025012007', 'Lestari Handayani, S.Psi.', 'CPNS', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'],
  ['199811302025011003', 'Rizky Ramadhan, S.Kom.', 'CPNS', 'Dinas Komunikasi dan Informatika'],
  ['199903152025012004', 'Putri Ayu Lestari, S.H.', 'Calon Pegawai Negeri Sipil', 'Dinas Komunikasi dan Informatika'],
  // Not CPNS: counted in the accounting as not applicable.
  ['198503152010011001', 'Budi Santoso, S.Kom., M.Si.', 'PNS', 'Dinas Kesehatan'],
];
writeFileSync(join(root, 'latsar', 'cpns.csv'), `${[['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja'], ...cpns].map((r) => line(r)).join('\n')}\n`);

async function presensi() {
  // Angkatan V, July to September 2025: 9 + 21 + 30 + 1 + 3 = 64 days, 647 JP.
  const plan = [
    { spellings: ['Pembelajaran Mandiri', 'MOOC'], days: 9, jp: [10] },
    { spellings: ['Daring Tahap 1', 'PJJ'], days: 21, jp: [10] },
    { spellings: ['Aktualisasi', 'Habituasi'], days: 30, jp: [8] },
    { spellings: ['Daring II', 'PJJ Tahap 2'], days: 1, jp: [10] },
    { spellings: ['Klasikal', 'Tatap Muka'], days: 3, jp: [32, 33, 32] },
  ];
  const d = (i) => new Date(Date.UTC(2025, 6, 1 + i));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Presensi');
  ws.addRow(['PRESENSI PELATIHAN DASAR CPNS ANGKATAN V TAHUN 2025']);
  ws.addRow(['BPSDM PROVINSI KALIMANTAN BARAT']);
  ws.addRow(['Diunduh dari LMS: 3 September 2025']);
  ws.addRow([]);
  ws.addRow(['No', 'NIP', 'Nama Peserta', 'Tanggal', 'Agenda Pembelajaran', 'JP', 'Keterangan']);
  let no = 0;
  const add = (nip, name, day, phase, jp, note = '') => {
    // Some dates as date cells, some typed the Indonesian way: both occur in LMS exports.
    const dt = d(day);
    const cell = no % 3 === 0 ? `${dt.getUTCDate()} ${['Juli', 'Agustus', 'September'][dt.getUTCMonth() - 6]} 2025` : dt;
    ws.addRow([++no, nip, name, cell, phase, jp, note]);
  };
  const attend = (nip, name, skip = () => false, who = 0) => {
    let day = 0;
    plan.forEach((p) => {
      for (let k = 0; k < p.days; k++, day++) {
        if (skip(p, k)) continue;
        add(nip, name, day, p.spellings[(k + who) % p.spellings.length], p.jp[k % p.jp.length], 'Hadir');
      }
    });
  };
  attend(cpns[0][0], cpns[0][1], () => false, 0);
  // Missed three days of aktualisasi: 27/30 days, 623 JP.
  attend(cpns[2][0], cpns[2][1], (p, k) => p.spellings[0] === 'Aktualisasi' && k >= 10 && k < 13, 1);
  attend(cpns[3][0], cpns[3][1], () => false, 1);
  // The LMS exported one day twice: counted once.
  add(cpns[3][0], cpns[3][1], 0, 'MOOC', 10, 'Hadir');
  // A phase the tool does not know.
  add(cpns[3][0], cpns[3][1], 5, 'Orientasi', 2, 'Hadir');
  // cpns[1] (Lestari) has no attendance at all.
  ws.getColumn(4).numFmt = 'dd/mm/yyyy';
  await wb.xlsx.writeFile(join(root, 'latsar', 'presensi-latsar.xlsx'));
}

await rekap();
await gabungan();
await presensi();
console.log(`fixtures written to ${root}`);
