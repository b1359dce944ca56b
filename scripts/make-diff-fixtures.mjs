#!/usr/bin/env node
// Writes fixtures/diff/: the same office in June and in September, for `jp-audit diff`. The
// roster (SIASN's pegawai export, 18 of its columns) gains a PPPK, loses a retiree, moves a teacher
// to the BKPSDM and puts a camat's secretary on study leave (Tugas Belajar: exempt); the OPD
// training sheet loses a record entered for the wrong NIP and gains three trainings. Between the
// two, every kind of change occurs once: worsened, improved, added, removed, status-changed,
// jp-changed, moved (test/e2e/diff.test.ts). CRLF line ends, as Excel saves them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'diff');
mkdirSync(dir, { recursive: true });
const put = (name, lines) => writeFileSync(join(dir, name), `${lines.join('\r\n')}\r\n`);

const HEADER = 'PNS_ID,NIP_BARU,NIP_LAMA,NAMA,GELAR_DEPAN,GELAR_BELAKANG,TEMPAT_LAHIR_NAMA,TANGGAL_LAHIR,JENIS_KELAMIN,JENIS_PEGAWAI_NAMA,KEDUDUKAN_HUKUM_NAMA,STATUS_CPNS_PNS,TMT_CPNS,GOL_AKHIR_NAMA,JABATAN_NAMA,UNOR_NAMA,INSTANSI_KERJA_NAMA,LOKASI_KERJA_NAMA';
const KES = 'Dinas Kesehatan';
const DIK = 'Dinas Pendidikan dan Kebudayaan';
const BKP = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia';
const KEC = 'Kecamatan Pontianak Kota';
// nip, name (quoted when it has commas), born, sex, type, STATUS_CPNS_PNS, TMT, grade, position
const people = {
  budi: ['198503152010011001', '"Budi Santoso, S.Kom., M.Si."', '15-03-1985', 'M', 'PNS Daerah', 'P', '01-01-2010', 'III/d', 'Pranata Komputer Ahli Muda'],
  siti: ['199001012015032002', 'dr. Siti Aminah', '01-01-1990', 'F', 'PNS Daerah', 'P', '01-03-2015', 'III/c', 'Dokter Ahli Muda'],
  andi: ['198712202012121003', '"Andi Pratama, S.E."', '20-12-1987', 'M', 'PNS Daerah', 'P', '01-12-2012', 'III/b', 'Analis Keuangan'],
  rina: ['199205102019032004', '"Rina Wulandari, S.Pd."', '10-05-1992', 'F', 'PNS Daerah', 'P', '01-03-2019', 'III/a', 'Guru Ahli Pertama'],
  fajar: ['199507172024211001', '"Fajar Nugroho, S.Pd."', '17-07-1995', 'M', 'PPPK', 'P', '', 'IX', 'Guru Ahli Pertama'],
  dedi: ['198811112014021005', '"Dedi Kurniawan, S.Pd., M.Pd."', '11-11-1988', 'M', 'PNS Daerah', 'P', '01-02-2014', 'III/c', 'Guru Ahli Muda'],
  hendra: ['197905202005011008', '"Ir. Hendra Gunawan, M.T."', '20-05-1979', 'M', 'PNS Daerah', 'P', '01-01-2005', 'IV/a', 'Kepala Bidang'],
  maya: ['199812252024212002', '"Maya Sari, S.Pd."', '25-12-1998', 'F', 'PPPK', 'P', '', 'IX', 'Guru Ahli Pertama'],
  sri: ['198002142006042009', '"Sri Mulyani, S.Sos."', '14-02-1980', 'F', 'PNS Daerah', 'P', '01-04-2006', 'III/d', 'Sekretaris Camat'],
};
function row(i, key, opd, status = 'Aktif') {
  const [nip, name, born, sex, type, cp, tmt, grade, position] = people[key];
  const n = String(i).padStart(2, '0');
  return `A8ACA7000${n}3912E040640A040269,${nip},1000${String(i).padStart(5, '0')},${name},,,PONTIANAK,${born},${sex},${type},${status},${cp},${tmt},${grade},${position},"${opd}",Pemerintah Kota Pontianak,Kota Pontianak`;
}
put('pegawai-juni.csv', [HEADER, row(1, 'budi', KES), row(2, 'siti', KES), row(3, 'andi', KES), row(4, 'rina', DIK), row(5, 'fajar', DIK), row(6, 'dedi', DIK), row(7, 'hendra', BKP), row(8, 'sri', KEC)]);
put('pegawai-september.csv', [HEADER, row(1, 'budi', KES), row(2, 'siti', KES), row(3, 'andi', KES), row(4, 'rina', DIK), row(5, 'fajar', DIK), row(6, 'dedi', BKP), row(9, 'maya', DIK), row(8, 'sri', KEC, 'Tugas Belajar')]);

const TRAINING_HEADER = 'No;NIP;Nama Pegawai;Nama Pelatihan;Tanggal Mulai;Tanggal Selesai;Jumlah JP;Penyelenggara';
// Two 2024 trainings too, for a comparison of two years (--allow-year-change).
const june = [
  ['198503152010011001', 'Budi Santoso', 'Diklat Teknis Arsip Digital', '04/11/2024', '08/11/2024', '20', 'ANRI'],
  ['198712202012121003', 'Andi Pratama', 'Pelatihan Pengadaan Barang/Jasa', '02/09/2024', '06/09/2024', '25', 'LKPP'],
  ['198503152010011001', 'Budi Santoso', 'Pelatihan Kepemimpinan Pengawas', '03/02/2025', '28/02/2025', '24', 'BPSDM Provinsi'],
  ['198503152010011001', 'Budi Santoso', 'Webinar Keamanan Siber', '14/05/2025', '14/05/2025', '12', 'BSSN'],
  ['199001012015032002', 'dr. Siti Aminah', 'Bimtek Tata Kelola BLUD', '10/03/2025', '10/03/2025', '8', 'Dinas Kesehatan'],
  ['198712202012121003', 'Andi Pratama', 'Bimtek Penyusunan LKjIP', '15/04/2025', '16/04/2025', '10', 'Bappeda'],
  ['199205102019032004', 'Rina Wulandari', 'Pelatihan Kurikulum Merdeka', '13/01/2025', '17/01/2025', '30', 'BBGP Kalbar'],
  ['199507172024211001', 'Fajar Nugroho', 'Orientasi PPPK', '10/03/2025', '12/03/2025', '24', 'BKPSDM'],
  ['198811112014021005', 'Dedi Kurniawan', 'Pelatihan Asesmen Pembelajaran', '17/02/2025', '20/02/2025', '20', 'BBGP Kalbar'],
  ['197905202005011008', 'Hendra Gunawan', 'Webinar Manajemen ASN', '21/05/2025', '21/05/2025', '10', 'BKN'],
];
// September: the PKP record was withdrawn (entered for the wrong NIP); new trainings since June.
const september = [
  ...june.filter((r) => r[2] !== 'Pelatihan Kepemimpinan Pengawas'),
  ['199001012015032002', 'dr. Siti Aminah', 'Pelatihan Manajemen BLUD', '04/08/2025', '08/08/2025', '18', 'BPSDM Provinsi'],
  ['198712202012121003', 'Andi Pratama', 'Webinar Akuntabilitas Kinerja', '02/09/2025', '02/09/2025', '4', 'KemenPAN-RB'],
  ['199812252024212002', 'Maya Sari', 'Webinar Literasi Digital', '12/08/2025', '12/08/2025', '6', 'Kemkomdigi'],
];
const sheet = (rows) => [TRAINING_HEADER, ...rows.map((r, i) => [String(i + 1), ...r].join(';'))];
put('diklat-juni.csv', sheet(june));
put('diklat-september.csv', sheet(september));
