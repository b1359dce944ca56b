import type { Lang } from '../i18n/index.js';

/**
 * The words of `--help` and of commander's own messages, in the language of the run (`--lang`,
 * read before the options are parsed). Option names stay as they are; what they do is translated.
 */
export interface HelpText {
  program: string;
  version: string;
  help: string;
  headings: Record<'Usage:' | 'Options:' | 'Arguments:' | 'Commands:', string>;
  commands: Record<'check' | 'latsar' | 'validate' | 'init' | 'policy' | 'explain' | 'diff', string>;
  args: Record<'staff' | 'latsarStaff' | 'files' | 'nipAndStaff' | 'diffOld' | 'diffNew', string>;
  opts: Record<string, string>;
  examples: string;
  exitCodes: Record<'check' | 'latsar' | 'validate' | 'init' | 'policy' | 'explain' | 'diff', string>;
  /** Commander's error messages, by their English form. */
  errors: Array<[RegExp, (m: RegExpMatchArray) => string]>;
}

const ID: HelpText = {
  program: 'Audit jam pelajaran (JP) pengembangan kompetensi ASN terhadap kewajiban tahunan',
  version: 'tampilkan nomor versi',
  help: 'tampilkan bantuan perintah ini',
  headings: { 'Usage:': 'Pemakaian:', 'Options:': 'Opsi:', 'Arguments:': 'Argumen:', 'Commands:': 'Perintah:' },
  commands: {
    check: 'audit JP setiap pegawai di data pegawai untuk satu tahun',
    latsar: 'progres Latsar CPNS: hari dan JP per tahap untuk setiap CPNS di data pegawai',
    validate: 'baca dan periksa berkas tanpa audit: temuan dan rekap baris',
    init: 'tulis jp-audit.config.yaml berketerangan di folder ini, semua pengaturan pada nilai bawaan',
    policy: 'tampilkan pengaturan yang berlaku: bawaan, lalu berkas konfigurasi, lalu opsi',
    explain: 'mengapa seorang pegawai punya JP dan status ini: setiap catatan NIP-nya dengan hasilnya, baris data pegawainya, dan perhitungan wajib JP-nya',
    diff: 'bandingkan dua laporan JSON dari check: siapa membaik, siapa memburuk, per OPD',
  },
  args: {
    staff: 'data pegawai (CSV/TSV/TXT atau .xlsx; - untuk stdin); boleh rekap dengan total JP, atau lembar gabungan',
    latsarStaff: 'data pegawai (hanya CPNS yang diaudit)',
    files: 'data pegawai, data diklat, lembar gabungan, daftar pengecualian atau presensi Latsar',
    nipAndStaff: 'satu NIP atau lebih, lalu data pegawai (seperti pada check)',
    diffOld: 'laporan JSON check yang lebih lama (- untuk stdin)',
    diffNew: 'laporan JSON check yang lebih baru (- untuk stdin)',
  },
  opts: {
    training: 'berkas data diklat (boleh diulang)',
    attendance: 'berkas presensi Latsar: NIP, tanggal, tahap, JP (boleh diulang)',
    exemptions: 'daftar pengecualian: NIP, alasan, tanggal mulai/selesai (boleh kosong)',
    year: 'tahun yang diaudit (bawaan: berkas konfigurasi, jika tidak ada: tahun tempat sebagian besar catatan diklat berakhir)',
    latsarYear: 'hanya presensi pada tahun ini yang dihitung (bawaan: semua)',
    policyYear: 'tahun',
    asOf: 'audit tahun berjalan per tanggal ini: siapa sesuai target, siapa berisiko (bawaan: akhir tahun, atau hari ini pada tahun berjalan); tanpa --year, tahunnya dari tanggal ini',
    shape: 'separate | totals | combined (bawaan: dikenali dari kolomnya)',
    timestamp: 'cantumkan waktu pembuatan di laporan (tanpa ini laporan untuk masukan yang sama selalu sama persis)',
    threads: 'thread untuk berkas diklat CSV 512 MB ke atas (bawaan: jumlah inti, paling banyak 4; 1: satu thread)',
    engine: 'fast (bawaan) | reference: mesin hitung sederhana tanpa percepatan, untuk memeriksa ulang angka (lebih lambat; hasilnya harus sama)',
    format: 'table | json | csv | xlsx | html (bawaan: dari akhiran --out, selain itu table; xlsx dengan --by opd)',
    validateFormat: 'table | json (bawaan: dari akhiran --out, selain itu table)',
    out: 'tulis laporan ke berkas ini (akhiran .txt, .csv, .xlsx, .html atau .json menentukan formatnya)',
    validateOut: 'tulis hasil pemeriksaan ke berkas ini (.txt atau .json)',
    by: 'satu berkas laporan per kelompok: opd',
    outDir: 'folder untuk laporan --by opd (dibuat jika belum ada)',
    force: 'timpa berkas laporan yang sudah ada di --out-dir',
    initForce: 'timpa jp-audit.config.yaml yang sudah ada',
    exitZero: 'keluar dengan kode 0 selama audit berjalan, walaupun ada yang belum memenuhi',
    rawCells: 'jangan netralkan sel yang diawali = + - @ pada CSV dan XLSX',
    noColor: 'tanpa warna',
    verbose: 'sebutkan konfigurasi, baris judul dan kolom yang dipakai',
    map: 'pakai kolom Header untuk field (nip, name, type, cpnsStatus, opd, training, start, end, year, jp, minutes, hours, serviceStart, serviceEnd, status, reason, phase); boleh diulang',
    delimiter: 'pemisah CSV: , ; tab atau | (satu karakter apa pun; bawaan: dikenali)',
    defaultType: 'jenis pegawai bila data pegawai tidak punya kolom jenis dan NIP-nya tidak menunjukkannya: PNS (bawaan), PPPK atau CPNS',
    undatedYear: 'tahun untuk baris diklat yang tidak punya tanggal maupun tahun (misalnya ekspor mentah S20JP)',
    encoding: 'utf-8 | windows-1252 | utf-16le (bawaan: dikenali)',
    sheet: 'lembar kerja .xlsx yang dibaca (bawaan: yang pertama)',
    dateFormat: 'dmy (bawaan) atau mdy, untuk tanggal a/b/yyyy',
    config: 'berkas konfigurasi (bawaan: jp-audit.config.yaml|yml|json di folder ini)',
    lang: 'bahasa pesan dan laporan: id (bawaan) | en',
    quiet: 'tanpa pesan di stderr kecuali kesalahan dan satu baris ringkasan bila ada masalah',
    debug: 'tampilkan stack trace',
    policyFormat: 'yaml (bawaan) | json',
    explainName: 'jelaskan setiap pegawai yang namanya memuat teks ini (huruf besar/kecil sama saja)',
    explainFormat: 'table (bawaan) | json',
    explainOut: 'tulis penjelasan ke berkas ini (.json: JSON)',
    diffFormat: 'table | json | csv | html (bawaan: dari akhiran --out, selain itu table)',
    diffOut: 'tulis perbandingan ke berkas ini (utuh atau tidak sama sekali), bukan ke stdout',
    allowYearChange: 'bandingkan dengan laporan tahun sebelumnya, pegawai dicocokkan menurut NIP',
    diffConfig: 'berkas konfigurasi, untuk bahasanya (bawaan: jp-audit.config.yaml|yml|json di folder ini)',
    diffRawCells: 'jangan netralkan sel yang diawali = + - @ pada CSV',
    diffQuiet: 'tanpa pesan di stderr kecuali kesalahan',
  },
  examples: `Contoh:
  jp-audit check pegawai.csv -t diklat.csv
  jp-audit check pegawai.xlsx -t diklat.xlsx --year 2025 --out laporan/jp-2025.xlsx
  jp-audit check pegawai.csv -t diklat.csv --by opd --out-dir laporan/per-opd --format html`,
  exitCodes: {
    check: 'Kode keluar: 0 semua memenuhi (atau --exit-zero), 1 ada yang belum memenuhi atau berisiko, 2 masukan atau opsi tidak bisa dipakai',
    latsar: 'Kode keluar: 0 semua CPNS tuntas (atau --exit-zero), 1 ada yang belum tuntas, 2 masukan atau opsi tidak bisa dipakai',
    validate: 'Kode keluar: 0 bersih, 1 ada temuan, 2 ada berkas yang tidak bisa dipakai',
    init: 'Kode keluar: 0 berkas ditulis, 2 berkas sudah ada (pakai --force)',
    policy: 'Kode keluar: 0 pengaturan ditampilkan, 2 berkas konfigurasi tidak sah',
    explain: 'Kode keluar: 0 penjelasan ditampilkan, 2 NIP tidak ada di data pegawai, atau masukan atau opsi tidak bisa dipakai',
    diff: 'Kode keluar: 0 tidak ada yang memburuk, 1 ada yang memburuk, 2 masukan tidak bisa dipakai',
  },
  errors: [
    [/^error: unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/, (m) => `opsi '${m[1]}' tidak dikenal${m[2] ? ` (maksudnya ${m[2]}?)` : ''}; lihat daftar opsi dengan --help`],
    [/^error: missing required argument '([^']+)'/, (m) => `argumen '${m[1]}' wajib diisi; lihat contohnya dengan --help`],
    [/^error: option '([^']+)' argument missing/, (m) => `opsi '${m[1]}' memerlukan nilai`],
    [/^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./, (m) => `terlalu banyak argumen${m[1] ? ` untuk '${m[1]}'` : ''}: seharusnya ${m[2]}, diberikan ${m[3]}; data diklat disebutkan dengan -t`],
    [/^error: unknown command '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/, (m) => `perintah '${m[1]}' tidak dikenal${m[2] ? ` (maksudnya ${m[2]}?)` : ''}; perintah yang ada: check, latsar, validate, explain, diff, init, policy`],
  ],
};

const EN: HelpText = {
  program: 'Audit ASN training hours (JP) against the yearly duty',
  version: 'output the version number',
  help: 'display help for command',
  headings: { 'Usage:': 'Usage:', 'Options:': 'Options:', 'Arguments:': 'Arguments:', 'Commands:': 'Commands:' },
  commands: {
    check: 'audit every employee on the roster for one year',
    latsar: 'Latsar CPNS progress: days and JP per phase for every CPNS on the roster',
    validate: 'read and validate files without auditing: findings and accounting',
    init: 'write a commented jp-audit.config.yaml here, every setting at its default',
    policy: 'print the settings in force: defaults, then the config file, then flags',
    explain: 'why an employee has this JP and status: every record of the NIP with its outcome, the roster rows, the duty worked out',
    diff: 'compare two JSON reports of check: who improved, who worsened, per OPD',
  },
  args: {
    staff: 'staff roster (CSV/TSV/TXT or .xlsx; - for stdin); a recap with total JP, or a combined sheet',
    latsarStaff: 'staff roster (only CPNS are audited)',
    files: 'rosters, training files, combined sheets, exemptions or Latsar attendance files',
    nipAndStaff: 'one or more NIPs, then the staff roster (as for check)',
    diffOld: 'the older JSON report of check (- for stdin)',
    diffNew: 'the newer JSON report of check (- for stdin)',
  },
  opts: {
    training: 'training records file (repeatable)',
    attendance: 'attendance file: NIP, date, phase, JP (repeatable)',
    exemptions: 'exemptions: NIP, reason, optional from/to dates',
    year: 'year to audit (default: the config file, else the year in which most training records end)',
    latsarYear: 'count only attendance in this year (default: all)',
    policyYear: 'year',
    asOf: 'audit the year as of this day: who is on track, who is at risk (default: the year end, or today in the current year); without --year, the year of this day',
    shape: 'separate | totals | combined (default: detected from the columns)',
    timestamp: 'put the time of the run in the report (otherwise reports are byte-identical for the same inputs)',
    threads: 'threads for training CSVs of 512 MB and more (default: the cores, at most 4; 1: one thread)',
    engine: 'fast (default) | reference: the plain engine without speed-ups, to check a figure another way (slower; the report must be the same)',
    format: 'table | json | csv | xlsx | html (default: from the --out extension, else table; xlsx with --by opd)',
    validateFormat: 'table | json (default: from the --out extension, else table)',
    out: 'write the report to this file (its extension .txt, .csv, .xlsx, .html or .json says the format)',
    validateOut: 'write the result to this file (.txt or .json)',
    by: 'one report file per group: opd',
    outDir: 'folder for --by opd reports (created when missing)',
    force: 'replace report files that exist in --out-dir',
    initForce: 'replace an existing jp-audit.config.yaml',
    exitZero: 'exit 0 whenever the run worked, even when someone falls short',
    rawCells: 'do not neutralise cells that start with = + - @ in CSV and XLSX output',
    noColor: 'no colours',
    verbose: 'say which config, header row and columns were used',
    map: 'use column Header for field (nip, name, type, cpnsStatus, opd, training, start, end, year, jp, minutes, hours, serviceStart, serviceEnd, status, reason, phase); repeatable',
    delimiter: 'CSV separator: , ; tab or | (any single character; default: detected)',
    defaultType: 'type of employees whose roster has no type column and whose NIP does not tell: PNS (default), PPPK or CPNS',
    undatedYear: 'year of training rows that have neither a date nor a year (e.g. an S20JP raw export)',
    encoding: 'utf-8 | windows-1252 | utf-16le (default: detected)',
    sheet: 'worksheet of an .xlsx to read (default: the first)',
    dateFormat: 'dmy (default) or mdy, for a/b/yyyy dates',
    config: 'configuration file (default: jp-audit.config.yaml|yml|json in this folder)',
    lang: 'language of messages and reports: id (default) | en',
    quiet: 'nothing on stderr but errors, and one summary line when something is wrong',
    debug: 'show stack traces',
    policyFormat: 'yaml (default) | json',
    explainName: 'explain every employee whose name holds this text (any case)',
    explainFormat: 'table (default) | json',
    explainOut: 'write the explanation to this file (.json: JSON)',
    diffFormat: 'table | json | csv | html (default: from the --out extension, else table)',
    diffOut: 'write the diff to this file (whole or not at all) instead of stdout',
    allowYearChange: 'compare with a report of an earlier year, matching people by NIP',
    diffConfig: 'configuration file, for its lang (default: jp-audit.config.yaml|yml|json in this folder)',
    diffRawCells: 'do not neutralise cells that start with = + - @ in CSV output',
    diffQuiet: 'nothing on stderr but errors',
  },
  examples: `Examples:
  jp-audit check pegawai.csv -t diklat.csv --lang en
  jp-audit check pegawai.xlsx -t diklat.xlsx --year 2025 --out reports/jp-2025.xlsx
  jp-audit check pegawai.csv -t diklat.csv --by opd --out-dir reports/by-opd --format html`,
  exitCodes: {
    check: 'Exit codes: 0 all comply (or --exit-zero), 1 someone falls short or is at risk, 2 unusable input or options',
    latsar: 'Exit codes: 0 every CPNS complete (or --exit-zero), 1 someone is not, 2 unusable input or options',
    validate: 'Exit codes: 0 clean, 1 findings, 2 a file cannot be used',
    init: 'Exit codes: 0 file written, 2 the file exists (use --force)',
    policy: 'Exit codes: 0 settings printed, 2 invalid config file',
    explain: 'Exit codes: 0 explained, 2 a NIP is not on the roster, or unusable input or options',
    diff: 'Exit codes: 0 nobody worsened, 1 someone did, 2 unusable input',
  },
  errors: [],
};

/** Examples of each command, for the end of its `--help`. */
export function examplesOf(command: keyof HelpText['exitCodes'], lang: Lang): string {
  const id = lang === 'id';
  const head = id ? 'Contoh:' : 'Examples:';
  const lines: Record<keyof HelpText['exitCodes'], string[]> = {
    check: helpText(lang).examples.split('\n').slice(1),
    latsar: [
      '  jp-audit latsar cpns.csv -t presensi-latsar.xlsx',
      `  jp-audit latsar cpns.csv -t presensi-latsar.xlsx --out ${id ? 'laporan/latsar.html' : 'reports/latsar.html'}`,
    ],
    validate: ['  jp-audit validate pegawai.csv diklat.csv', `  jp-audit validate pegawai.csv diklat.csv --out ${id ? 'laporan/periksa.json' : 'reports/check.json'}`],
    init: ['  jp-audit init', '  jp-audit init --lang en --force'],
    policy: ['  jp-audit policy', '  jp-audit policy --config kebijakan.yaml --format json'],
    explain: ['  jp-audit explain 198503152010011001 pegawai.csv -t diklat.csv --year 2025', '  jp-audit explain pegawai.csv -t diklat.csv --name "Siti" --year 2025'],
    diff: [`  jp-audit diff ${id ? 'laporan/juni.json laporan/september.json' : 'reports/june.json reports/september.json'}`, `  jp-audit diff ${id ? 'laporan/juni.json laporan/september.json --out laporan/perubahan.html' : 'reports/june.json reports/september.json --out reports/changes.html'}`],
  };
  return `\n${head}\n${lines[command].join('\n')}\n\n${helpText(lang).exitCodes[command]}\n`;
}

export function helpText(lang: Lang): HelpText {
  return lang === 'id' ? ID : EN;
}

/** Commander's own message (`error: unknown option '--x'`) in the language of the run. */
export function translateCommander(message: string, lang: Lang): string {
  const text = message.replace(/\n$/, '');
  for (const [re, say] of helpText(lang).errors) {
    const m = text.match(re);
    if (m) return `${say(m)}\n`;
  }
  return `${text.replace(/^error: /, '')}\n`;
}

/** Help output with its headings in the language of the run. */
export function translateHelp(text: string, lang: Lang): string {
  // An empty list as default (a repeatable option) says nothing to a reader.
  let out = text.replace(/ \(default: \[\]\)/g, '');
  for (const [en, local] of Object.entries(helpText(lang).headings)) out = out.replace(new RegExp(`^${en}`, 'gm'), local);
  return lang === 'id' ? out.replace(/^(Pemakaian: .*)\[options\]/m, '$1[opsi]').replace(/^(Pemakaian: .*)\[command\]/m, '$1[perintah]') : out;
}
