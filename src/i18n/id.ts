import { PHASE_SPELLINGS } from '../normalize/phase.js';
import type { Catalogue, Params } from './catalogue.js';

const fields = {
  nip: 'NIP',
  name: 'nama',
  type: 'jenis pegawai',
  cpnsStatus: 'status CPNS/PNS',
  opd: 'OPD/unit kerja',
  training: 'nama diklat',
  start: 'tanggal mulai',
  end: 'tanggal selesai',
  jp: 'JP',
  minutes: 'durasi (menit)',
  hours: 'durasi (jam)',
  serviceStart: 'TMT (mulai bekerja)',
  serviceEnd: 'tanggal berhenti/pensiun',
  status: 'kedudukan hukum',
  reason: 'alasan',
  phase: 'tahap',
  year: 'tahun',
} as const;

/** `kolom jenis pegawai (paling mirip: "Jabatan") dan OPD/unit kerja`, from `fields` and `closest`. */
const missingList = (p: Params, like: string) => {
  const closest = new Map(String(p.closest).split(', ').map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)]));
  const names = String(p.fields).split(',').map((f) => `${fields[f as keyof typeof fields] ?? f}${closest.get(f) ? ` (${like}: ${closest.get(f)})` : ''}`);
  return `kolom ${names.length > 1 ? `${names.slice(0, -1).join(', ')} dan ${names.at(-1)}` : names[0]}`;
};

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
  year: 'tahun harus 4 digit (contoh: 2025)',
};

const typeReason: Record<string, string> = {
  unknown: 'jenis pegawai tidak dikenal; pakai PNS, CPNS, PPPK (P3K) atau bentuk panjangnya',
  ambiguous: 'keterangan jenis pegawai memuat lebih dari satu jenis (atau menyangkalnya, mis. "Non PNS"); tulis satu jenis saja: PNS, CPNS atau PPPK',
  'cpns-status': 'STATUS CPNS PNS bertentangan dengan jenis pegawai atau NIP (PPPK lawan PNS/CPNS); periksa kedua kolom',
};

const jpReason: Record<string, string> = {
  empty: 'JP kosong',
  'not-a-number': 'JP bukan angka (contoh yang sah: 2, 2,5, 2.5)',
  zero: 'JP 0 tidak dihitung',
  negative: 'JP negatif',
};

const amountReason: Record<string, string> = {
  'not-a-number': 'bukan angka',
  zero: 'nol',
  negative: 'negatif',
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
    'xlsx-truncated': () => 'berkas .xlsx terpotong atau rusak (daftar isi zip tidak ada); unduh atau ekspor ulang berkasnya',
    'xlsx-too-large': (p) => `berkas .xlsx terlalu besar saat dibuka (${p.what}, batas ${p.limit}); kemungkinan rusak atau sengaja dibuat berbahaya; ekspor ulang sebagai CSV`,
    'not-a-workbook': (p) => `berkas ini ${p.kind}, bukan Excel; ekspor data sebagai .xlsx atau CSV`,
    'binary-file': () => 'berkas ini bukan teks (CSV) atau Excel; ekspor data sebagai CSV atau .xlsx',
    'no-data-rows': () => 'berkas pegawai hanya berisi judul kolom, tanpa baris data; ekspor ulang datanya',
    'no-valid-rows': (p) => `tidak ada baris pegawai yang sah (${p.rejected} ditolak; pertama: baris ${p.row}, ${p.code}); perbaiki berkasnya atau periksa dengan --format json`,
    'unknown-file-kind': (p) => `tidak jelas ini data pegawai, data diklat, atau pengecualian (kolom: ${p.headers}); pakai --map untuk menamai kolomnya`,
    'config-syntax': (p) => `berkas konfigurasi tidak terbaca (${p.detail}); periksa penulisannya atau buat ulang dengan jp-audit init`,
    'config-invalid': (p) => `konfigurasi tidak sah: ${p.detail}; lihat contohnya dengan jp-audit init`,
    'config-exists': () => 'berkas konfigurasi sudah ada; pakai --force untuk menimpanya',
    'year-in-future': (p) => `tahun ${p.year} belum dimulai (hari ini ${p.today}); pilih --year yang lain`,
    'as-of-outside-year': (p) => `--as-of ${p.asOf} tidak di dalam tahun ${p.year}; pilih tanggal di tahun itu`,
    'latsar-needs-attendance': () => 'latsar memerlukan data presensi dengan --training presensi.csv (NIP, tanggal, tahap, JP)',
    'latsar-no-cpns': (p) => `tidak ada CPNS di data pegawai (${p.rows} baris diterima, ${p.rejected} ditolak); periksa kolom jenis pegawai`,
    'sheet-not-found': (p) => `lembar "${p.sheet}" tidak ada; lembar yang ada: ${p.sheets}`,
    'csv-quote-not-closed': (p) => `baris ${p.row}: tanda kutip (") dibuka tetapi tidak ditutup sampai akhir berkas; perbaiki sel itu atau ekspor ulang`,
    'csv-record-too-large': (p) => `baris ${p.row}: satu baris lebih dari 16 MB; berkas kemungkinan rusak atau tanda kutipnya tidak seimbang`,
    'csv-malformed': (p) => `baris ${p.row}: CSV tidak sah (${p.detail}); ekspor ulang berkasnya`,
    'missing-column': (p) =>
      p.maps !== undefined
        ? `${missingList(p, 'paling mirip')} tidak ditemukan (kolom yang ada: ${p.headers}); ganti nama kolomnya atau tambahkan ${p.maps}`
        : `kolom ${field(p)} tidak ditemukan (kolom yang ada: ${p.headers}); ganti nama kolomnya atau pakai --map ${p.field}="Nama Kolom"`,
    'undated-records': (p) =>
      `baris diklat tidak punya tanggal maupun tahun (kolom: ${p.headers}), jadi tidak bisa ditentukan tahunnya; jika semua baris ini dari satu tahun, sebutkan dengan --undated-year ${p.year} (atau undatedYear di konfigurasi)`,
    'one-column-header': (p) => `baris judul terbaca sebagai satu kolom yang memuat "${p.separator}"; berkas ini tampaknya dipisah dengan ${p.separator}: ulangi dengan --delimiter "${p.separator}"`,
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
    'outputs-exist': (p) => `${p.count} berkas laporan sudah ada (${p.files}); pakai --force untuk menimpanya atau pilih --out-dir lain`,
    'binary-to-terminal': (p) => `format ${p.format} tidak bisa ditampilkan di terminal; pakai --out laporan.${p.format}`,
    'by-needs-out-dir': () => '--by opd menulis satu berkas per OPD; sebutkan foldernya dengan --out-dir',
    'out-dir-needs-by': () => '--out-dir dipakai bersama --by opd; untuk satu berkas pakai --out',
    'format-not-per-opd': (p) => `format ${p.format} tidak bisa dipecah per OPD; pakai --format xlsx, csv, html atau json`,
    'out-write-failed': (p) => `tidak bisa menulis laporan (${p.detail}); periksa folder dan hak aksesnya`,
    'temp-failed': (p) => `tidak bisa memakai folder sementara ${p.dir} (${p.detail}); berkas pelatihan besar butuh sekitar 40 MB di sana per sejuta catatan: kosongkan ruang di sana, atau atur TMPDIR (TEMP di Windows) ke folder yang lebih lega`,
    'temp-room': (p) => `folder sementara ${p.dir} hanya punya ${p.free} MB kosong, padahal membaca berkas pelatihan ini dengan thread butuh sampai ${p.need} MB di sana: kosongkan ruang di sana, atau atur TMPDIR (TEMP di Windows) ke folder yang lebih lega`,
  },
  findings: {
    'invalid-nip': (p) => `${nipReason[String(p.reason)] ?? 'NIP tidak sah'}; perbaiki NIP di baris ini`,
    'nip-excel-mangled': () => EXCEL_TEXT,
    'missing-value': (p) => `${field(p)} kosong; isi sel ini`,
    'invalid-date': (p) => `${dateReason[String(p.reason)] ?? 'tanggal tidak sah'}`,
    'end-before-start': () => 'tanggal selesai sebelum tanggal mulai; periksa kedua tanggal',
    'invalid-jp': (p) => `${jpReason[String(p.reason)] ?? 'JP tidak sah'}; baris tidak dihitung`,
    'ignored-cell': (p) =>
      p.field === 'year'
        ? `tahun ini tidak terbaca (contoh yang sah: 2025); tidak dipakai, karena baris ini dihitung menurut tanggal di kolom ${p.from}; periksa atau kosongkan sel ini`
        : `nilai ini tidak terbaca sebagai jumlah (${amountReason[String(p.reason)] ?? 'tidak sah'}); tidak dipakai, karena JP baris ini diambil dari kolom ${p.from}; periksa atau kosongkan sel ini`,
    'invalid-type': (p) => typeReason[String(p.reason)] ?? typeReason.unknown!,
    'invalid-phase': () => `tahap Latsar tidak dikenal; yang dikenal: ${PHASE_SPELLINGS} (atau tambahkan phaseAliases di konfigurasi)`,
    'repeated-header': () => 'baris judul kolom muncul lagi (dua ekspor digabung?); baris ini dilewati',
    'unknown-nip': (p) =>
      p.rejectedRow !== undefined
        ? `NIP ${p.nip} ditolak di data pegawai (baris ${p.rejectedRow}); perbaiki baris itu agar diklat ini dihitung`
        : `NIP ${p.nip} tidak ada di data pegawai; diklat ini tidak dihitung`,
    'duplicate-record': (p) => `diklat yang sama sudah tercatat (${p.firstFile} baris ${p.firstRow}); dihitung sekali`,
    'duplicate-employee': (p) =>
      p.droppedJp !== undefined
        ? `NIP sudah ada di baris ${p.firstRow}; baris pertama yang dipakai, total ${p.droppedJp} JP di baris ini tidak dihitung`
        : `NIP sudah ada di baris ${p.firstRow}; baris pertama yang dipakai`,
    'inconsistent-employee': (p) => `data pegawai berbeda dengan baris sebelumnya (${p.type}, ${p.opd}); yang pertama dipakai`,
    'invalid-service-date': (p) => `tanggal ${p.field === 'serviceStart' ? 'TMT' : 'berhenti/pensiun'} tidak terbaca; pegawai dianggap bekerja setahun penuh`,
    'over-max': (p) => `${p.nip} (${p.type}) punya ${p.jp} JP, di atas batas ${p.max} JP (peringatan, bukan pelanggaran)`,
    'encoding-replaced': (p) => `${p.count} byte tidak sah dalam ${p.encoding} diganti dengan �; periksa ejaan nama atau pakai --encoding`,
    'type-inferred': (p) =>
      `berkas tidak punya kolom jenis pegawai: ${p.fromNip} pegawai dianggap dari NIP-nya (NI PPPK: digit 13-14 bukan bulan) dan ${p.byDefault} pegawai dianggap ${p.defaultType} (bawaan; ubah dengan --default-type atau defaultType di konfigurasi)`,
    'total-jp-blank': (p) => `${p.count} pegawai bertotal JP kosong atau "-"; dihitung 0 JP`,
    'date-from-serial': (p) => `angka ${p.value} dibaca sebagai tanggal Excel ${p.date}; sebaiknya format kolom itu sebagai tanggal sebelum mengekspor`,
    'nip-from-cell': (p) => `tidak ada kolom NIP: NIP diambil dari kolom "${p.column}" (setiap selnya memuat satu NIP 18 digit), sisanya dipakai sebagai nama`,
    'column-choice': (p) => `kolom ini dipakai untuk ${field(p)}; kolom lain yang cocok dilewati: ${p.others} (pakai --map ${p.field}="..." untuk memilih)`,
    'ignored-columns': (p) => `kolom yang tidak dipakai untuk peran berkas ini: ${p.columns}`,
    'findings-omitted': (p) => `${p.count} temuan '${p.code}' lain di berkas ini tidak dicantumkan (paling banyak ${p.limit} per jenis per berkas); semuanya tetap dihitung dalam rekap baris`,
  },
  fields,
  months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  labels: {
    shapes: {
      separate: 'data pegawai + data diklat',
      totals: 'data pegawai dengan total JP per orang',
      combined: 'satu lembar gabungan (pegawai dan diklatnya)',
    },
    statuses: {
      compliant: 'memenuhi',
      'non-compliant': 'belum memenuhi',
      'on-track': 'sesuai jalur',
      'at-risk': 'berisiko',
      exempt: 'dikecualikan',
      'not-applicable': 'tidak berlaku',
    },
    roles: { staff: 'pegawai', training: 'diklat', combined: 'gabungan', exemptions: 'pengecualian' },
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
    onTrack: 'Sesuai jalur',
    atRisk: 'Berisiko',
    exempt: 'Dikecualikan',
    notApplicable: 'Tidak berlaku',
    audited: 'Diaudit',
    expectedJp: 'JP seharusnya',
    months: 'Bulan',
    reason: 'Keterangan',
    asOfLine: (p) => `Keadaan per ${p.date}: JP sampai tanggal itu, dibandingkan dengan wajib JP yang sebanding waktunya.`,
    notAuditedList: 'Tidak diaudit (dikecualikan atau tidak berlaku)',
    attentionList: 'Pegawai yang belum memenuhi atau berisiko',
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
    threadsUsed: (p) => `berkas diklat dibaca oleh ${p.threads} thread`,
    wrote: (p) => `laporan ditulis ke ${p.file}`,
    more: (p) => `... dan ${p.count} lagi`,
    latsar: {
      title: 'Progres Pelatihan Dasar (Latsar) CPNS',
      opdTitle: (p) => `Progres Latsar CPNS ${p.opd}`,
      participants: 'Peserta',
      complete: 'Tuntas',
      incomplete: 'Belum tuntas',
      completionRate: 'Persentase tuntas',
      days: 'hari',
      totalJp: 'Total JP',
      requiredJp: 'Wajib JP',
      statuses: { complete: 'tuntas', incomplete: 'belum tuntas' },
      phases: { mandiri: 'Mandiri', 'daring-1': 'Daring 1', aktualisasi: 'Aktualisasi', 'daring-2': 'Daring 2', klasikal: 'Klasikal' },
      curriculum: (p) => `Kurikulum: ${p.totalJp} JP; ${p.phases}`,
      notCpns: (p) => `${p.count} pegawai bukan CPNS tidak diaudit`,
      allComplete: 'Semua CPNS sudah tuntas Latsar.',
      incompleteList: 'CPNS yang belum tuntas',
      phaseCell: (p) => `${p.days}/${p.requiredDays} hari, ${p.jp}${p.jpTarget ? `/${p.jpTarget}` : ''} JP`,
      rateChart: 'Persentase CPNS yang tuntas, per OPD',
    },
    doc: {
      period: 'Periode',
      generated: 'Dibuat',
      overviewSheet: 'Ringkasan',
      findingsSheet: 'Temuan Data',
      inputsSheet: 'Berkas Input',
      overviewFile: '_ringkasan',
      rateChart: 'Persentase pegawai yang memenuhi, per OPD',
      rateChartNote: 'diurutkan dari yang terendah',
      histogram: 'Sebaran JP per pegawai',
      histogramNote: 'garis putus-putus: batas wajib JP',
      threshold: (p) => `wajib ${p.jp} JP (${p.types})`,
      employeesAxis: 'pegawai',
      jpAxis: 'JP',
      sortHint: 'Klik judul kolom untuk mengurutkan.',
      code: 'Kode',
      severity: 'Tingkat',
      file: 'Berkas',
      row: 'Baris',
      column: 'Kolom',
      value: 'Nilai',
      message: 'Keterangan',
      role: 'Peran',
      format: 'Format',
      encoding: 'Encoding',
      delimiter: 'Pemisah',
      headerRow: 'Baris judul',
      rows: 'Baris',
      accepted: 'Diterima',
      rejected: 'Ditolak',
      duplicates: 'Duplikat',
      outsidePeriod: 'Di luar tahun',
      unknownNip: 'NIP tak dikenal',
      counted: 'Dihitung',
      blankRows: 'Baris kosong',
      findingsCapped: (p) => `Ditampilkan ${p.shown} dari ${p.count} temuan; semuanya ada di laporan JSON.`,
      policy: (p) => `Wajib JP per tahun: PNS ${p.PNS}, PPPK ${p.PPPK}, CPNS ${p.CPNS}`,
      opdReport: (p) => `Laporan JP ${p.opd} tahun ${p.year}`,
      noOpd: 'Tidak ada pegawai.',
    },
  },
};
