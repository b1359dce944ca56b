import type { Catalogue, Params } from './catalogue.js';

const fields = {
  nip: 'NIP',
  name: 'nama',
  type: 'jenis pegawai',
  opd: 'OPD/unit kerja',
  training: 'nama diklat',
  start: 'tanggal mulai',
  end: 'tanggal selesai',
  jp: 'JP',
} as const;

const field = (p: Params) => fields[p.field as keyof typeof fields] ?? String(p.field);

const EXCEL_TEXT =
  'Excel mengubah kolom NIP menjadi angka dan digit terakhirnya hilang; di Excel format kolom NIP sebagai Text (atau ekspor ulang dari SIASN/SIMPEG sebagai CSV) lalu ulangi';

const nipReason: Record<string, string> = {
  characters: 'NIP hanya boleh berisi angka (spasi dan tanda petik di depan boleh)',
  length: 'NIP harus 18 digit',
  'birth-date': '8 digit pertama NIP bukan tanggal lahir yang sah (YYYYMMDD)',
};

const dateReason: Record<string, string> = {
  format: 'bentuk tanggal tidak dikenal; pakai dd/mm/yyyy, yyyy-mm-dd atau "7 Juli 2025" (untuk mm/dd/yyyy pakai --date-format mdy)',
  calendar: 'tanggal tidak ada di kalender',
  'two-digit-year': 'tahun hanya 2 digit; ekspor ulang dengan tahun 4 digit',
  empty: 'baris tidak punya tanggal mulai maupun tanggal selesai',
};

const jpReason: Record<string, string> = {
  empty: 'JP kosong',
  'not-a-number': 'JP bukan angka (contoh yang sah: 2, 2,5, 2.5)',
  zero: 'JP 0 tidak dihitung',
  negative: 'JP negatif',
};

export const id: Catalogue = {
  errors: {
    'file-not-found': () => 'berkas tidak ditemukan; periksa nama dan foldernya',
    'file-unreadable': (p) => `berkas tidak bisa dibaca (${p.detail}); periksa hak aksesnya`,
    'file-is-directory': () => 'ini folder, bukan berkas; sebutkan berkas CSV atau .xlsx di dalamnya',
    'file-empty': () => 'berkas kosong; ekspor ulang datanya',
    'no-data': () => 'berkas tidak berisi baris data; ekspor ulang datanya',
    'xls-not-supported': () => 'ini berkas Excel lama (.xls) yang tidak didukung; buka di Excel lalu Simpan Sebagai .xlsx atau CSV',
    'pdf-not-supported': () => 'ini berkas PDF, bukan data; ekspor data dari aplikasinya sebagai CSV atau .xlsx',
    'xlsx-not-zip': () => 'berkas bernama .xlsx tetapi isinya bukan Excel; ekspor ulang sebagai .xlsx atau CSV',
    'xlsx-unreadable': (p) => `berkas .xlsx rusak atau tidak lengkap (${p.detail}); buka dan simpan ulang di Excel, atau ekspor sebagai CSV`,
    'xlsx-no-sheets': () => 'berkas .xlsx tidak punya lembar kerja; ekspor ulang datanya',
    'sheet-not-found': (p) => `lembar "${p.sheet}" tidak ada; lembar yang ada: ${p.sheets}`,
    'csv-quote-not-closed': (p) => `baris ${p.row}: tanda kutip (") dibuka tetapi tidak ditutup sampai akhir berkas; perbaiki sel itu atau ekspor ulang`,
    'csv-record-too-large': (p) => `baris ${p.row}: satu baris lebih dari 16 MB; berkas kemungkinan rusak atau tanda kutipnya tidak seimbang`,
    'csv-malformed': (p) => `baris ${p.row}: CSV tidak sah (${p.detail}); ekspor ulang berkasnya`,
    'missing-column': (p) =>
      `kolom ${field(p)} tidak ditemukan (kolom yang ada: ${p.headers}); ganti nama kolomnya atau pakai --map ${p.field}="Nama Kolom"`,
    'training-is-roster': (p) =>
      `berkas ini tampaknya data pegawai, bukan data diklat (kolom: ${p.headers}); sebutkan data pegawai sebagai berkas pertama dan data diklat dengan --training`,
    'roster-is-training': (p) =>
      `berkas ini tampaknya data diklat, bukan data pegawai (kolom: ${p.headers}); sebutkan data pegawai sebagai berkas pertama dan data diklat dengan --training`,
    'no-training-data': (p) =>
      `tidak ada data JP: berkas tidak punya kolom JP dan --training tidak diberikan (kolom: ${p.headers}); tambahkan --training diklat.csv`,
    'shape-needs-training': () => '--shape separate memerlukan sedikitnya satu --training',
    'shape-no-training': (p) => `--shape ${p.shape} membaca JP dari berkas pegawai sendiri; hapus --training atau pakai --shape separate`,
    'stdin-twice': () => 'input standar (-) hanya bisa dibaca sekali; simpan salah satu data sebagai berkas',
    'map-header-not-found': (p) => `--map ${p.field}="${p.header}": kolom itu tidak ada di ${p.files}; periksa ejaan nama kolomnya`,
    'bad-option': (p) => `${p.option} "${p.value}" tidak sah; yang boleh: ${p.allowed}`,
    'out-is-input': (p) => `--out ${p.out} sama dengan berkas input; pilih nama berkas lain agar data tidak tertimpa`,
    'out-write-failed': (p) => `tidak bisa menulis laporan (${p.detail}); periksa folder dan hak aksesnya`,
  },
  findings: {
    'invalid-nip': (p) => `${nipReason[String(p.reason)] ?? 'NIP tidak sah'}; perbaiki NIP di baris ini`,
    'nip-excel-mangled': () => EXCEL_TEXT,
    'missing-value': (p) => `${field(p)} kosong; isi sel ini`,
    'invalid-date': (p) => `${dateReason[String(p.reason)] ?? 'tanggal tidak sah'}`,
    'end-before-start': () => 'tanggal selesai sebelum tanggal mulai; periksa kedua tanggal',
    'invalid-jp': (p) => `${jpReason[String(p.reason)] ?? 'JP tidak sah'}; baris tidak dihitung`,
    'invalid-type': () => 'jenis pegawai tidak dikenal; pakai PNS, CPNS, PPPK (P3K) atau bentuk panjangnya',
    'repeated-header': () => 'baris judul kolom muncul lagi (dua ekspor digabung?); baris ini dilewati',
    'unknown-nip': (p) =>
      p.rejectedRow !== undefined
        ? `NIP ${p.nip} ditolak di data pegawai (baris ${p.rejectedRow}); perbaiki baris itu agar diklat ini dihitung`
        : `NIP ${p.nip} tidak ada di data pegawai; diklat ini tidak dihitung`,
    'duplicate-record': (p) => `diklat yang sama sudah tercatat (${p.firstFile} baris ${p.firstRow}); dihitung sekali`,
    'duplicate-employee': (p) => `NIP sudah ada di baris ${p.firstRow}; baris pertama yang dipakai`,
    'inconsistent-employee': (p) => `data pegawai berbeda dengan baris sebelumnya (${p.type}, ${p.opd}); yang pertama dipakai`,
    'over-max': (p) => `${p.nip} (${p.type}) punya ${p.jp} JP, di atas batas ${p.max} JP (peringatan, bukan pelanggaran)`,
    'encoding-replaced': (p) => `${p.count} byte tidak sah dalam ${p.encoding} diganti dengan �; periksa ejaan nama atau pakai --encoding`,
    'column-choice': (p) => `kolom ini dipakai untuk ${field(p)}; kolom lain yang cocok dilewati: ${p.others} (pakai --map ${p.field}="..." untuk memilih)`,
    'ignored-columns': (p) => `kolom yang tidak dipakai untuk peran berkas ini: ${p.columns}`,
  },
  fields,
  months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  labels: {
    shapes: {
      separate: 'data pegawai + data diklat',
      totals: 'data pegawai dengan total JP per orang',
      combined: 'satu lembar gabungan (pegawai dan diklatnya)',
    },
    statuses: { compliant: 'memenuhi', 'non-compliant': 'belum memenuhi' },
    roles: { staff: 'pegawai', training: 'diklat', combined: 'gabungan' },
    severity: { error: 'galat', warning: 'peringatan', info: 'info' },
    title: (p) => `Audit JP pengembangan kompetensi tahun ${p.year}`,
    employees: 'Pegawai',
    compliant: 'Memenuhi',
    nonCompliant: 'Belum memenuhi',
    rate: 'Persentase',
    totalJp: 'Total JP',
    averageJp: 'Rata-rata JP',
    opd: 'OPD',
    nip: 'NIP',
    name: 'Nama',
    type: 'Jenis',
    jp: 'JP',
    requiredJp: 'Wajib JP',
    shortfall: 'Kurang JP',
    status: 'Status',
    records: 'Jumlah diklat',
    byOpd: 'Per OPD',
    byType: 'Per jenis pegawai',
    nonCompliantList: 'Pegawai yang belum memenuhi',
    allComply: 'Semua pegawai memenuhi kewajiban JP.',
    inputs: 'Berkas input',
    findings: 'Temuan data',
    findingsSummary: (p) => `${p.count} temuan (${p.errors} galat, ${p.warnings} peringatan, ${p.infos} info)`,
    moreFindings: (p) => `... dan ${p.count} temuan lain; lihat semuanya dengan --format json`,
    noFindings: 'Tidak ada temuan data.',
    accounting: (p) => `${p.rows} baris: ${p.accepted} diterima, ${p.rejected} ditolak, ${p.duplicates} duplikat`,
    accountingTraining: (p) => `dihitung ${p.counted}, di luar tahun ${p.outsidePeriod}, NIP tak dikenal ${p.unknownNip}`,
    blankRows: (p) => `${p.count} baris kosong dilewati`,
    shapeTaken: (p) => `bentuk data: ${p.shape}; tahun ${p.year}`,
    columnsUsed: (p) => `${p.file}: judul kolom di baris ${p.headerRow}; kolom: ${p.columns}`,
    wrote: (p) => `laporan ditulis ke ${p.file}`,
    more: (p) => `... dan ${p.count} lagi`,
  },
};
