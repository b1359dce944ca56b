// What the fuzzer feeds and how: the seed files (every fixture, and a few generated files), the
// role each plays, and the commands a mutant of each is run through.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/**
 * A role: the commands a mutant `M` of a seed is run through (`validate M` always too), and
 * whether it can be compared read by path and read from stdin (a CSV in a role that `-` takes).
 */
const ROLES = {
  // A roster without JP: audited against a training file.
  staff: (o) => ['check', 'M', '-t', o.with ?? 'fixtures/diklat.csv'],
  // A recap with totals, a combined sheet, or a file of unknown shape: audited alone.
  totals: () => ['check', 'M'],
  training: (o) => ['check', o.with ?? 'fixtures/pegawai.csv', '-t', 'M'],
  exemptions: () => ['check', 'fixtures/tahunan/pegawai-tmt.csv', '-t', 'fixtures/tahunan/diklat-menit.csv', '-e', 'M'],
  // Against a CSV of attendance (generated): an .xlsx here would make every CSV input an .xlsx test too.
  'latsar-roster': (o) => ['latsar', 'M', '-t', o.with],
  'latsar-attendance': () => ['latsar', 'fixtures/latsar/cpns.csv', '-t', 'M'],
};

/** The role of a fixture, from its place and name (new fixtures are taken in as they are added). */
export function roleOf(rel) {
  const name = rel.toLowerCase();
  if (name.includes('presensi')) return { role: 'latsar-attendance' };
  if (name.startsWith('fixtures/latsar/')) return { role: 'latsar-roster', with: 'GEN/presensi.csv' };
  if (name.includes('pengecualian') || name.includes('exempt')) return { role: 'exemptions' };
  if (name.startsWith('fixtures/tahunan/') && name.includes('diklat')) return { role: 'training', with: 'fixtures/tahunan/pegawai-tmt.csv' };
  if (name.startsWith('fixtures/tahunan/')) return { role: 'staff', with: 'fixtures/tahunan/diklat-menit.csv' };
  if (/diklat|training|kursus|lms|pelatihan|riwayat/.test(name)) return { role: 'training' };
  if (/pegawai|staff|roster/.test(name) && !/rekap|total|jahat/.test(name)) return { role: 'staff' };
  return { role: 'totals' };
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const NIPS = ['198503152010011001', '199001012015032002', '198712202012121003', '199205102019032004'];

/**
 * A training CSV with every optional column (minutes, hours beside JP), junk in each now and then,
 * and a roster of the same people: the seeds nearest the rule for amount columns.
 */
function generatedCsvs() {
  const junk = ['', '', '', 'x', '0', '-45', '90 menit', '2,5', '90', ' ', '1.5', '-'];
  const rows = [['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP', 'Durasi (menit)', 'Jam']];
  for (let i = 0; i < 40; i++) {
    const day = String((i % 27) + 1).padStart(2, '0');
    const jp = i % 5 === 0 ? '' : String((i % 9) + 1);
    rows.push([NIPS[i % 4], `Pelatihan ${i % 7}${i % 3 ? '' : ', Angkatan "II"'}`, `${day}/0${(i % 9) + 1}/2025`, i % 4 ? `${day}/0${(i % 9) + 1}/2025` : '', jp, junk[i % junk.length], junk[(i * 5) % junk.length]]);
  }
  const cell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const training = rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  const phases = ['Pembelajaran Mandiri', 'Daring Tahap 1', 'Aktualisasi', 'Daring Tahap 2', 'Klasikal'];
  const cpns = ['200001012025011006', '199609092025012007', '199811302025011003', '199903152025012004'];
  const attendance = ['NIP\tTahap\tTanggal\tJP\tDurasi (menit)', ...cpns.flatMap((n, i) => phases.map((p, k) => `${n}\t${p}\t${String(k + 1).padStart(2, '0')}/0${(i % 8) + 1}/2025\t${k === 2 ? '' : 9}\t${k === 2 ? 405 : k === 4 ? 'x' : ''}`))].join('\n');
  const staff = ['NIP;Nama;Jenis Pegawai;Unit Kerja;TMT PNS;Kedudukan Hukum', ...NIPS.map((n, i) => `${n};Pegawai ${i};${['PNS', 'PPPK', 'CPNS', 'PNS Daerah'][i]};Dinas ${'AB'[i % 2]};01/0${i + 1}/2010;${i === 3 ? 'Tugas Belajar' : 'Aktif'}`)].join('\n');
  return { training, staff, attendance };
}

/** Workbooks made with exceljs: a combined sheet under a title block, and a training sheet with date cells. */
async function generatedWorkbooks(dir) {
  const { default: ExcelJS } = await import('exceljs');
  const combined = new ExcelJS.Workbook();
  const ws = combined.addWorksheet('Rekap');
  ws.addRow(['PEMERINTAH KOTA CONTOH']);
  ws.addRow(['DAFTAR JP PEGAWAI 2025']);
  ws.addRow([]);
  ws.addRow(['No', 'NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Nama Pelatihan', 'Tanggal Selesai', 'JP']);
  NIPS.forEach((n, i) => ws.addRow([i + 1, n, `Pegawai ${i}`, i % 2 ? 'PPPK' : 'PNS', 'Dinas A', `Diklat ${i}`, new Date(Date.UTC(2025, i, 10)), i * 6 + 2]));
  await combined.xlsx.writeFile(join(dir, 'gabungan.xlsx'));
  const training = new ExcelJS.Workbook();
  const t = training.addWorksheet('Diklat');
  t.addRow(['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP', 'Durasi (menit)']);
  NIPS.forEach((n, i) => t.addRow([n, { richText: [{ text: 'Bimtek ' }, { text: `${i}` }] }, new Date(Date.UTC(2025, 2, i + 1)), { formula: `C${i + 2}`, result: new Date(Date.UTC(2025, 2, i + 1)) }, i + 1, i % 2 ? 'x' : 90]));
  await training.xlsx.writeFile(join(dir, 'diklat.xlsx'));
}

/**
 * The seeds: every file under fixtures/ and the generated files (written to `genDir`), each with
 * its role; workbooks (.xlsx and .xls) left out when `xlsx` is false.
 */
export async function seeds(root, genDir, { xlsx = true } = {}) {
  mkdirSync(genDir, { recursive: true });
  const gen = generatedCsvs();
  writeFileSync(join(genDir, 'diklat-lengkap.csv'), gen.training);
  writeFileSync(join(genDir, 'pegawai-tmt.csv'), gen.staff);
  writeFileSync(join(genDir, 'presensi.csv'), gen.attendance);
  if (xlsx) await generatedWorkbooks(genDir);
  const out = [];
  for (const file of walk(join(root, 'fixtures')).sort()) {
    const rel = relative(root, file).split('\\').join('/');
    const role = roleOf(rel);
    if (role.with?.startsWith('GEN/')) role.with = join(genDir, role.with.slice(4));
    out.push({ name: rel, ...role, data: readFileSync(file) });
  }
  out.push({ name: 'gen/diklat-lengkap.csv', role: 'training', data: readFileSync(join(genDir, 'diklat-lengkap.csv')) });
  out.push({ name: 'gen/presensi.csv', role: 'latsar-attendance', data: readFileSync(join(genDir, 'presensi.csv')) });
  out.push({ name: 'gen/pegawai-tmt.csv', role: 'staff', with: join(genDir, 'diklat-lengkap.csv'), data: readFileSync(join(genDir, 'pegawai-tmt.csv')) });
  if (xlsx) {
    out.push({ name: 'gen/gabungan.xlsx', role: 'totals', data: readFileSync(join(genDir, 'gabungan.xlsx')) });
    out.push({ name: 'gen/diklat.xlsx', role: 'training', data: readFileSync(join(genDir, 'diklat.xlsx')) });
  }
  return out.filter((s) => xlsx || !isWorkbook(s.data)).map((s) => ({ ...s, ext: extname(s.name) || '.csv' }));
}

export function isZip(b) {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** An Excel workbook: an .xlsx (zip) or an Excel 97-2003 .xls (OLE2 compound file). */
export function isWorkbook(b) {
  return isZip(b) || (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);
}

/** The command lines for a mutant at `path` of a seed (`M` replaced), `validate` first. */
export function commands(seed, path) {
  const fill = (args) => args.map((a) => (a === 'M' ? path : a));
  return [fill(['validate', 'M']), fill(ROLES[seed.role](seed))];
}

/**
 * Inputs that failed once (test/fuzz-corpus/): run as they are, before any mutant, each in the
 * role its name says (`diklat`: training; `presensi`: Latsar attendance; else a roster audited
 * alone). Workbooks (.xlsx, .xls) left out when `xlsx` is false.
 */
export function corpus(root, { xlsx = true } = {}) {
  const dir = join(root, 'test', 'fuzz-corpus');
  let files;
  try {
    files = walk(dir).sort();
  } catch {
    return [];
  }
  return files
    .map((file) => {
      const rel = relative(root, file).split('\\').join('/');
      const name = rel.toLowerCase();
      const role = name.includes('presensi') ? { role: 'latsar-attendance' } : /diklat|training/.test(name) ? { role: 'training' } : { role: 'totals' };
      return { name: rel, ...role, data: readFileSync(file), ext: extname(file) || '.csv' };
    })
    .filter((s) => xlsx || !isWorkbook(s.data));
}
