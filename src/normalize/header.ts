/** Every field jp-audit reads from an input file. */
export const FIELDS = [
  'nip',
  'name',
  'type',
  'cpnsStatus',
  'opd',
  'training',
  'start',
  'end',
  'jp',
  'minutes',
  'hours',
  'serviceStart',
  'serviceEnd',
  'status',
  'reason',
  'phase',
  'year',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Header names seen in real exports (`domain.md`), in priority order: when several columns match a
 * field, the one whose name stands first here wins. `jp` is a training's JP in training files and
 * the yearly total in recap rosters (`Total JP`, `total_jp`).
 */
export const HEADER_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  nip: ['NIP', 'NIP Baru', 'nip_baru', 'nipBaru', 'NIP Peserta', 'NIP/NI PPPK', 'NIP/NIPPPK', 'NIP Pegawai', 'NIP ASN', 'NI PPPK'],
  name: ['Nama', 'Nama Pegawai', 'Nama Lengkap', 'Nama Peserta'],
  type: ['Jenis Pegawai', 'jenis_pegawai_nama', 'Jenis Kepegawaian', 'Status Pegawai', 'Status Kepegawaian', 'Jenis ASN', 'Status ASN'],
  // SIASN's pegawai export: `C` for a CPNS, `P` for a PNS (its JENIS PEGAWAI NAMA says `PNS Daerah` for both).
  cpnsStatus: ['STATUS CPNS PNS', 'status_cpns_pns', 'statusCpnsPns'],
  // Eselon 2 is the OPD level (S20JP's staff import and recap); eselon 3 is a unit inside it, never the OPD.
  opd: ['OPD', 'Unit Kerja', 'unit_kerja', 'Perangkat Daerah', 'SKPD', 'Unit Organisasi', 'unor_nama', 'Satuan Kerja', 'Unit Kerja Eselon 2', 'Unit Kerja Eselon II', 'Kode Unit Eselon 2', 'Kode Unit Eselon II'],
  // SIASN riwayat diklat names its training `latihanStrukturalNama`; S20JP's raw export has only the kind.
  training: ['Nama Diklat', 'Nama Pelatihan', 'nama_pelatihan', 'Nama Kegiatan', 'Nama Kursus', 'namaKursus', 'latihanStrukturalNama', 'Judul', 'Jenis/Jalur Pengembangan'],
  start: ['Tanggal Mulai', 'tanggal_mulai', 'Tgl Mulai', 'tanggalKursus'],
  // `Tanggal` is the one date of a record, or its start beside an end column (SIASN riwayat diklat:
  // `tanggal` and `tanggalSelesai`): see `mapColumns`.
  end: ['Tanggal Selesai', 'tanggal_selesai', 'Tgl Selesai', 'tanggalSelesaiKursus', 'tanggalSelesai', 'Tanggal', 'Tanggal Pelaksanaan', 'Tgl Pelaksanaan'],
  jp: ['JP', 'Jumlah JP', 'Jam Pelajaran', 'Total Jam Pelajaran', 'Jumlah Jam Pelajaran', 'Jumlah Jam', 'jumlahJam', 'JPL', 'Jumlah JPL', 'Total JP', 'total_jp'],
  minutes: ['Durasi (menit)', 'Jumlah Menit', 'Durasi Menit', 'Menit'],
  hours: ['Jam', 'Durasi (jam)', 'Jumlah Jam Pelatihan'],
  serviceStart: ['TMT CPNS', 'tmt_cpns', 'TMT PNS', 'tmt_pns', 'TMT PPPK', 'tmt_pppk', 'TMT Kerja'],
  serviceEnd: ['Tanggal Pensiun', 'TMT Pensiun', 'tmt_pensiun', 'TMT Berhenti', 'Tanggal Berhenti'],
  status: ['kedudukan_hukum_nama', 'Kedudukan Hukum', 'Status'],
  reason: ['Alasan', 'Keterangan', 'Alasan Pengecualian', 'Reason'],
  phase: ['Tahap', 'Fase', 'Phase', 'Agenda Pembelajaran', 'Jenis Pembelajaran'],
  // The year of a record that has no date (SIASN: `tahunKursus`, riwayat diklat `tahun`).
  year: ['Tahun', 'tahunKursus', 'Tahun Diklat', 'Tahun Pelatihan'],
};

/** Single-date names that mean the start when a more specific end column is there too. */
const START_WHEN_END_TAKEN = new Set(['tanggal']);

/** Header text compared case-, space-, underscore- and punctuation-insensitively. */
export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

type AliasIndex = ReadonlyMap<string, { field: Field; rank: number }>;

/** Known names by their folded form; `extra` names (from the config file) rank before the built-in ones. */
function aliasIndex(extra?: ReadonlyMap<Field, readonly string[]>): AliasIndex {
  const m = new Map<string, { field: Field; rank: number }>();
  if (extra) {
    for (const [field, names] of extra) {
      names.forEach((alias, i) => {
        const key = normalizeHeader(alias);
        if (!m.has(key)) m.set(key, { field, rank: i - 1000 });
      });
    }
  }
  for (const field of FIELDS) {
    HEADER_ALIASES[field].forEach((alias, rank) => {
      const key = normalizeHeader(alias);
      if (!m.has(key)) m.set(key, { field, rank });
    });
  }
  return m;
}

const BUILT_IN: AliasIndex = aliasIndex();
const indexes = new WeakMap<ReadonlyMap<Field, readonly string[]>, AliasIndex>();

function indexFor(extra?: ReadonlyMap<Field, readonly string[]>): AliasIndex {
  if (!extra || extra.size === 0) return BUILT_IN;
  let idx = indexes.get(extra);
  if (!idx) indexes.set(extra, (idx = aliasIndex(extra)));
  return idx;
}

/** `--map field=Header` overrides, keyed by field. */
export type HeaderMap = ReadonlyMap<Field, string>;

/** How headers are matched: `--map` overrides and extra names from the config file. */
export interface HeaderOptions {
  map?: HeaderMap;
  extra?: ReadonlyMap<Field, readonly string[]>;
}

export interface ColumnChoice {
  index: number;
  header: string;
}

export interface ColumnMapping {
  columns: Map<Field, ColumnChoice>;
  /** Other columns that also matched a field and were passed over (the tool says so). */
  passedOver: Map<Field, string[]>;
  /** Fields whose column was named by `--map`. */
  overridden: Set<Field>;
  headers: string[];
  /** Columns that are not in the file but made from another column's cells (see `sheet.ts`). */
  derived?: { from: string };
}

/** Matches a header row to fields: `--map` first, then the known names by priority. */
export function mapColumns(headers: readonly string[], opts: HeaderOptions = {}): ColumnMapping {
  const overrides = opts.map ?? new Map<Field, string>();
  const aliases = indexFor(opts.extra);
  const columns = new Map<Field, ColumnChoice>();
  const ranks = new Map<Field, number>();
  const passedOver = new Map<Field, string[]>();
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const overridden = new Set<Field>();

  for (const [field, wanted] of overrides) {
    const key = normalizeHeader(wanted);
    const index = normalized.indexOf(key);
    if (index >= 0) {
      columns.set(field, { index, header: headers[index]! });
      taken.add(index);
      overridden.add(field);
    }
  }
  normalized.forEach((key, index) => {
    if (taken.has(index) || key === '') return;
    const hit = aliases.get(key);
    if (!hit) return;
    const { field, rank } = hit;
    if (overridden.has(field)) {
      addTo(passedOver, field, headers[index]!);
      return;
    }
    const current = columns.get(field);
    if (current === undefined) {
      columns.set(field, { index, header: headers[index]! });
      ranks.set(field, rank);
    } else if (rank < ranks.get(field)!) {
      addTo(passedOver, field, current.header);
      columns.set(field, { index, header: headers[index]! });
      ranks.set(field, rank);
    } else {
      addTo(passedOver, field, headers[index]!);
    }
  });
  // `Tanggal` beside `Tanggal Selesai` is the start (SIASN riwayat diklat), not a second end.
  const over = passedOver.get('end');
  if (!columns.has('start') && over && !overridden.has('start')) {
    const k = over.findIndex((h) => START_WHEN_END_TAKEN.has(normalizeHeader(h)));
    if (k >= 0) {
      const header = over[k]!;
      const used = new Set([...columns.values()].map((c) => c.index));
      const index = normalized.findIndex((key, i) => key === normalizeHeader(header) && !used.has(i));
      columns.set('start', { index, header });
      over.splice(k, 1);
      if (over.length === 0) passedOver.delete('end');
    }
  }
  return { columns, passedOver, overridden, headers: [...headers] };
}

function addTo(m: Map<Field, string[]>, field: Field, header: string): void {
  const list = m.get(field);
  if (list) list.push(header);
  else m.set(field, [header]);
}

/** Is this row the header: it names the NIP and at least one other known field (`domain.md`). */
export function looksLikeHeader(cells: readonly string[], opts: HeaderOptions = {}): boolean {
  const { columns } = mapColumns(cells, opts);
  return columns.has('nip') && columns.size >= 2;
}

/**
 * The header most like one of `field`'s known names, for a "did you mean" when the field is missing:
 * Dice's coefficient on letter pairs of the folded names (a name inside the other counts as close).
 * Headers already used for another field are passed over; undefined when nothing is close.
 */
export function closestHeader(field: Field, headers: readonly string[], taken: ReadonlySet<number> = new Set()): string | undefined {
  let best: string | undefined;
  let bestScore = 0.4;
  headers.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (taken.has(i) || key === '') return;
    for (const alias of HEADER_ALIASES[field]) {
      const a = normalizeHeader(alias);
      const score = key.includes(a) || a.includes(key) ? Math.max(0.6, dice(key, a)) : dice(key, a);
      if (score > bestScore) {
        bestScore = score;
        best = h;
      }
    }
  });
  return best;
}

function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) pairs.set(a.slice(i, i + 2), (pairs.get(a.slice(i, i + 2)) ?? 0) + 1);
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const k = b.slice(i, i + 2);
    const n = pairs.get(k) ?? 0;
    if (n > 0) {
      shared++;
      pairs.set(k, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
