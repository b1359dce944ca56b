/** Every field jp-audit reads from an input file. */
export const FIELDS = [
  'nip',
  'name',
  'type',
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
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Header names seen in real exports (`domain.md`), in priority order: when several columns match a
 * field, the one whose name stands first here wins. `jp` is a training's JP in training files and
 * the yearly total in recap rosters (`Total JP`, `total_jp`).
 */
export const HEADER_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  nip: ['NIP', 'NIP Baru', 'nip_baru', 'nipBaru', 'NIP Peserta', 'NIP/NI PPPK', 'NI PPPK'],
  name: ['Nama', 'Nama Pegawai', 'Nama Lengkap', 'Nama Peserta'],
  type: ['Jenis Pegawai', 'jenis_pegawai_nama', 'Jenis Kepegawaian', 'Status Pegawai', 'Status Kepegawaian', 'Jenis ASN'],
  opd: ['OPD', 'Unit Kerja', 'unit_kerja', 'Perangkat Daerah', 'SKPD', 'Unit Organisasi', 'unor_nama', 'Satuan Kerja'],
  training: ['Nama Diklat', 'Nama Pelatihan', 'nama_pelatihan', 'Nama Kegiatan', 'Nama Kursus', 'namaKursus', 'Judul'],
  start: ['Tanggal Mulai', 'tanggal_mulai', 'Tgl Mulai', 'tanggalKursus'],
  end: ['Tanggal Selesai', 'tanggal_selesai', 'Tgl Selesai', 'tanggalSelesaiKursus', 'Tanggal'],
  jp: ['JP', 'Jumlah JP', 'Jam Pelajaran', 'Total Jam Pelajaran', 'Jumlah Jam', 'jumlahJam', 'Total JP', 'total_jp'],
  minutes: ['Durasi (menit)', 'Jumlah Menit', 'Durasi Menit', 'Menit'],
  hours: ['Jam', 'Durasi (jam)', 'Jumlah Jam Pelatihan'],
  serviceStart: ['TMT CPNS', 'tmt_cpns', 'TMT PNS', 'tmt_pns', 'TMT PPPK', 'tmt_pppk', 'TMT Kerja'],
  serviceEnd: ['Tanggal Pensiun', 'TMT Pensiun', 'tmt_pensiun', 'TMT Berhenti', 'Tanggal Berhenti'],
  status: ['kedudukan_hukum_nama', 'Kedudukan Hukum', 'Status'],
  reason: ['Alasan', 'Keterangan', 'Alasan Pengecualian', 'Reason'],
  phase: ['Tahap', 'Fase', 'Phase', 'Agenda Pembelajaran', 'Jenis Pembelajaran'],
};

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
