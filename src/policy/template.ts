import type { Lang } from '../i18n/index.js';
import { DEFAULT_POLICY } from './policy.js';

type Text = Record<Lang, string>;

const T: Record<string, Text> = {
  head: {
    id: `# Konfigurasi jp-audit. Setiap kunci boleh dihapus: nilai bawaannya yang dipakai.
# Dasar aturan: docs/rules.md jp-audit (PP 11/2017, PP 49/2018, Peraturan LAN 1/2021, BKPSDM Balikpapan 2025).
# Urutan: nilai bawaan <- berkas ini <- opsi baris perintah (opsi yang menang).
# Periksa hasilnya dengan: jp-audit policy`,
    en: `# jp-audit configuration. Every key may be removed: its default is then used.
# Sources of the rules: jp-audit's docs/rules.md (PP 11/2017, PP 49/2018, LAN regulation 1/2021, Balikpapan BKPSDM 2025).
# Order: defaults <- this file <- command-line options (options win).
# See the result with: jp-audit policy`,
  },
  year: { id: 'Tahun audit bila --year tidak diberikan (bawaan: tahun berjalan).', en: 'Year to audit when --year is not given (default: the current year).' },
  lang: { id: 'Bahasa laporan dan pesan: id atau en.', en: 'Language of reports and messages: id or en.' },
  requirements: {
    id: `Wajib JP per tahun per jenis pegawai. min: paling sedikit; max (opsional): di atasnya hanya peringatan.
# PNS: PP 11/2017 Pasal 203 (4) "paling sedikit 20 jam pelajaran dalam 1 tahun".
# PPPK: BKPSDM Balikpapan (Okt 2025) 24 JP. PP 49/2018 menyebut "paling lama 24 jam pelajaran":
#   instansi yang membacanya sebagai batas atas dapat menulis  PPPK: { min: 24, max: 24 }.
# CPNS: seperti PNS (jam Latsar dihitung).`,
    en: `Yearly JP duty per employee type. min: at least; max (optional): above it is only a warning.
# PNS: PP 11/2017 art. 203 (4) "at least 20 JP in 1 year".
# PPPK: Balikpapan BKPSDM (Oct 2025) 24 JP. PP 49/2018 says "at most 24 JP":
#   agencies that read it as a cap can write  PPPK: { min: 24, max: 24 }.
# CPNS: as PNS (Latsar hours count).`,
  },
  minutesPerJp: {
    id: 'Menit per JP (LAN: 45). Dipakai bila data diklat memberi menit (Durasi (menit), Jumlah Menit) atau jam (Jam).',
    en: 'Minutes per JP (LAN: 45). Used when training data gives minutes (Durasi (menit), Jumlah Menit) or hours (Jam).',
  },
  prorate: {
    id: `Wajib JP dihitung sebanding bulan kerja penuh dalam tahun itu, dibulatkan ke atas:
#   wajib = pembulatan ke atas (min x bulan / 12).
# auto: bila data pegawai punya kolom TMT (TMT CPNS, TMT PNS, TMT PPPK, TMT Kerja) atau tanggal berhenti
# (Tanggal Pensiun, TMT Pensiun, TMT Berhenti); true: selalu; false: tidak pernah.`,
    en: `The duty is pro-rated by whole months of service in the year, rounded up:
#   required = ceil(min x months / 12).
# auto: when the roster has a start column (TMT CPNS, TMT PNS, TMT PPPK, TMT Kerja) or an end column
# (Tanggal Pensiun, TMT Pensiun, TMT Berhenti); true: always; false: never.`,
  },
  exemptStatuses: {
    id: 'Kedudukan hukum (kolom Kedudukan Hukum, kedudukan_hukum_nama, Status) yang dikecualikan setahun penuh.',
    en: 'Legal statuses (column Kedudukan Hukum, kedudukan_hukum_nama, Status) exempt for the whole year.',
  },
  latsar: {
    id: 'Kurikulum Latsar CPNS (Peraturan LAN 1/2021; Kota Pontianak Juli 2025): 647 JP, 64 hari dalam 5 tahap.\n# jpTarget per tahap opsional (sumber tidak menerbitkannya).',
    en: 'Latsar CPNS curriculum (LAN regulation 1/2021; Kota Pontianak July 2025): 647 JP, 64 days in 5 phases.\n# jpTarget per phase is optional (the sources publish none).',
  },
  columns: {
    id: 'Nama kolom untuk suatu data, seperti --map (contoh: jp: "Lama Pelatihan (JP)").\n# Data: nip, name, type, cpnsStatus, opd, training, start, end, year, jp, minutes, hours, serviceStart, serviceEnd, status, reason, phase.',
    en: 'Column to use for a field, as --map (example: jp: "Lama Pelatihan (JP)").\n# Fields: nip, name, type, cpnsStatus, opd, training, start, end, year, jp, minutes, hours, serviceStart, serviceEnd, status, reason, phase.',
  },
  headers: {
    id: 'Nama kolom tambahan yang dikenali untuk suatu data, dicoba sebelum nama bawaan (contoh: nip: ["Nomor Induk"]).',
    en: 'Extra column names recognised for a field, tried before the built-in ones (example: nip: ["Nomor Induk"]).',
  },
  defaultType: {
    id: `Jenis pegawai bila data pegawai tidak punya kolom jenis dan NIP tidak menunjukkannya (NI PPPK dikenali dari
# digit 13-14 NIP yang bukan bulan; NIP PNS dan CPNS tidak bisa dibedakan): PNS, PPPK atau CPNS.`,
    en: `Employee type when the roster has no type column and the NIP does not tell (an NI PPPK is known by
# NIP digits 13-14 that are not a month; PNS and CPNS NIPs look alike): PNS, PPPK or CPNS.`,
  },
  undatedYear: {
    id: 'Tahun untuk baris diklat yang tidak punya tanggal maupun tahun (mis. ekspor mentah S20JP). Tanpa ini, berkas seperti itu ditolak.',
    en: 'Year of training rows that have neither a date nor a year (e.g. S20JP raw export). Without it, such files are refused.',
  },
  countIn: {
    id: `Tahun tempat diklat yang melewati dua tahun (mis. Latsar Desember-Januari) dihitung: end (bawaan: seluruhnya
# pada tahun selesainya), start (seluruhnya pada tahun mulainya) atau split (JP dibagi menurut jumlah harinya di
# tiap tahun, dibulatkan ke 0,5 JP, sisanya ke tahun selesai).`,
    en: `Which year a training that spans two years (e.g. Latsar December-January) counts in: end (default: wholly in
# the year it ends), start (wholly in the year it starts) or split (JP divided by its days in each year,
# rounded to 0.5 JP, the rest to the end year).`,
  },
  typeAliases: {
    id: 'Nilai jenis pegawai tambahan (contoh: "ASN PPPK": PPPK).',
    en: 'Extra employee type values (example: "ASN PPPK": PPPK).',
  },
  phaseAliases: {
    id: 'Nilai tahap Latsar tambahan (contoh: "Belajar Mandiri": mandiri).',
    en: 'Extra Latsar phase values (example: "Belajar Mandiri": mandiri).',
  },
};

const c = (key: string, lang: Lang) => `# ${T[key]![lang]}`;

/** The commented configuration file `jp-audit init` writes: every setting at its default. */
export function configTemplate(lang: Lang): string {
  const p = DEFAULT_POLICY;
  const r = p.requirements;
  const yamlList = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  return `${T.head![lang]}

${c('year', lang)}
# year: 2025

${c('lang', lang)}
lang: ${lang}

${c('requirements', lang)}
requirements:
  PNS: { min: ${r.PNS.min} }
  PPPK: { min: ${r.PPPK.min} }
  CPNS: { min: ${r.CPNS.min} }

${c('minutesPerJp', lang)}
minutesPerJp: ${p.minutesPerJp}

${c('prorate', lang)}
prorate: ${p.prorate}

${c('exemptStatuses', lang)}
exemptStatuses: ${yamlList(p.exemptStatuses)}

${c('latsar', lang)}
latsar:
  totalJp: ${p.latsar.totalJp}
  phases:
${p.latsar.phases.map((ph) => `    - { id: ${ph.id}, days: ${ph.days} }`).join('\n')}

${c('columns', lang)}
columns: {}

${c('headers', lang)}
headers: {}

${c('defaultType', lang)}
defaultType: ${p.defaultType}

${c('undatedYear', lang)}
# undatedYear: 2025

${c('countIn', lang)}
countIn: ${p.countIn}

${c('typeAliases', lang)}
typeAliases: {}

${c('phaseAliases', lang)}
phaseAliases: {}
`;
}
