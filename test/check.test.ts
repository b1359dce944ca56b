import { describe, expect, it } from 'vitest';
import { runCheck, type CheckResult, type InputAccount } from '../src/check.js';
import { JpAuditError } from '../src/errors.js';

const F = (name: string) => `fixtures/${name}`;

function expectAccountingHolds(inputs: InputAccount[]): void {
  for (const i of inputs) {
    expect(i.rows, i.file).toBe(i.accepted + i.rejected);
    if (i.role === 'training') expect(i.accepted, i.file).toBe(i.counted + i.duplicates + i.outsidePeriod + i.unknownNip);
  }
}

const codes = (r: CheckResult) => r.findings.map((f) => `${f.file.replace('fixtures/', '')}:${f.row ?? ''} ${f.code}`);

describe('runCheck on the fixtures', () => {
  it('roster + two training files (SIASN roster, ; with decimal commas, Windows-1252)', async () => {
    const r = await runCheck({ staff: F('pegawai.csv'), training: [F('diklat.csv'), F('lms-simpeg-1252.csv')], year: 2025 });
    expect(r.shape).toBe('separate');
    expect(r.audit.summary).toEqual({ employees: 12, audited: 12, compliant: 7, nonCompliant: 5, onTrack: 0, atRisk: 0, exempt: 0, notApplicable: 0, complianceRate: 0.5833, totalJp: 830.5 });
    // The SIASN roster has TMT_CPNS, so duties are pro-rated; every TMT here is before 2025 or on 1 January.
    expect(r.prorated).toBe(true);
    expect(r.audit.employees.every((e) => e.months === 12)).toBe(true);
    const jp = Object.fromEntries(r.audit.employees.map((e) => [e.name.split(/[ ,]/)[0] === 'dr.' ? 'Siti' : e.name.split(/[ ,]/)[0], [e.jp, e.status]]));
    expect(jp).toEqual({
      Budi: [24, 'compliant'],
      Siti: [21.5, 'compliant'],
      Andi: [10, 'non-compliant'],
      Rina: [24, 'compliant'],
      Dedi: [20, 'compliant'],
      Fajar: [20, 'non-compliant'],
      Maya: [24, 'compliant'],
      Yoga: [647, 'compliant'],
      Lestari: [0, 'non-compliant'],
      'Ir.': [10, 'non-compliant'],
      Sri: [0, 'non-compliant'],
      Agus: [30, 'compliant'],
    });
    expect(r.inputs.map(({ file, role, format, encoding, delimiter, headerRow, rows, accepted, rejected, duplicates, outsidePeriod, unknownNip, counted, blankRows }) => ({ file, role, format, encoding, delimiter, headerRow, rows, accepted, rejected, duplicates, outsidePeriod, unknownNip, counted, blankRows }))).toEqual([
      { file: F('pegawai.csv'), role: 'staff', format: 'csv', encoding: 'utf-8', delimiter: ',', headerRow: 1, rows: 14, accepted: 13, rejected: 1, duplicates: 1, outsidePeriod: 0, unknownNip: 0, counted: 0, blankRows: 0 },
      { file: F('diklat.csv'), role: 'training', format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 1, rows: 19, accepted: 15, rejected: 4, duplicates: 1, outsidePeriod: 1, unknownNip: 2, counted: 11, blankRows: 2 },
      { file: F('lms-simpeg-1252.csv'), role: 'training', format: 'csv', encoding: 'windows-1252', delimiter: ',', headerRow: 1, rows: 4, accepted: 4, rejected: 0, duplicates: 1, outsidePeriod: 0, unknownNip: 0, counted: 3, blankRows: 0 },
    ]);
    expect(r.inputs[0]!.columns).toEqual({ nip: 'NIP_BARU', name: 'NAMA', type: 'JENIS_PEGAWAI_NAMA', cpnsStatus: 'STATUS_CPNS_PNS', opd: 'UNOR_NAMA', serviceStart: 'TMT_CPNS', status: 'KEDUDUKAN_HUKUM_NAMA' });
    expect(r.inputs[2]!.columns).toEqual({ nip: 'nip_baru', name: 'nama', training: 'namaKursus', start: 'tanggalKursus', end: 'tanggalSelesaiKursus', jp: 'jumlahJam' });
    expect(codes(r)).toEqual([
      'pegawai.csv:14 duplicate-employee',
      'pegawai.csv:15 invalid-type',
      'diklat.csv:3 duplicate-record',
      'diklat.csv:13 invalid-jp',
      'diklat.csv:15 invalid-jp',
      'diklat.csv:16 end-before-start',
      'diklat.csv:18 unknown-nip',
      'diklat.csv:19 unknown-nip',
      'diklat.csv:20 nip-excel-mangled',
      'lms-simpeg-1252.csv:4 duplicate-record',
    ]);
    expect(r.findings.find((f) => f.code === 'unknown-nip' && f.row === 19)!.args).toEqual({ nip: '199404042020121011', rejectedRow: 15 });
    expect(r.findings.find((f) => f.file.endsWith('1252.csv'))!.args).toEqual({ firstFile: F('diklat.csv'), firstRow: 11 });
    expectAccountingHolds(r.inputs);
  });

  it('reads Windows-1252 text correctly', async () => {
    const r = await runCheck({ staff: F('pegawai.csv'), training: [F('lms-simpeg-1252.csv')], year: 2025 });
    expect(r.inputs[1]!.encoding).toBe('windows-1252');
    expect(r.findings.filter((f) => f.code === 'encoding-replaced')).toEqual([]);
  });

  it('Excel "Unicode Text" (UTF-16LE, tab) with one date column', async () => {
    const r = await runCheck({ staff: F('pegawai.csv'), training: [F('diklat-unicode.txt')], year: 2025 });
    expect(r.inputs[1]).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', counted: 2, columns: { end: 'Tanggal', jp: 'Jam Pelajaran', nip: 'NIP Peserta' } });
  });

  it('a recap .xlsx with a title block, formulas and NIPs that Excel made numbers', async () => {
    const r = await runCheck({ staff: F('rekap-jp-2025.xlsx'), year: 2025 });
    expect(r.shape).toBe('totals');
    expect(r.inputs[0]).toMatchObject({ format: 'xlsx', sheet: 'Rekap JP 2025', headerRow: 5, rows: 7, accepted: 5, rejected: 2 });
    // Row 12's total is a formula whose cached value is 0: a 0, not a blank total (no total-jp-blank).
    expect(codes(r)).toEqual(['rekap-jp-2025.xlsx:8 nip-excel-mangled', 'rekap-jp-2025.xlsx:11 nip-excel-mangled']);
    expect(r.audit.employees.map((e) => [e.name, e.jp, e.status])).toEqual([
      ['Ir. Hendra Gunawan, M.T.', 0, 'non-compliant'],
      ['Budi Santoso, S.Kom., M.Si.', 26, 'compliant'],
      ['dr. Siti Aminah', 10, 'non-compliant'],
      ['Fajar Nugroho, S.Pd.', 26, 'compliant'],
      ['Maya Sari, S.Pd.', 20, 'non-compliant'],
    ]);
    expectAccountingHolds(r.inputs);
  });

  it('a combined OPD sheet is split into employees and records', async () => {
    const r = await runCheck({ staff: F('gabungan-diskominfo.xlsx'), year: 2025 });
    expect(r.shape).toBe('combined');
    expect(r.inputs[0]).toMatchObject({ role: 'combined', rows: 6, accepted: 6, rejected: 0, duplicates: 1, counted: 4, headerRow: 4 });
    expect(r.audit.employees.map((e) => [e.nip, e.jp, e.status, e.records])).toEqual([
      ['198604042011011001', 42.5, 'compliant', 2],
      ['199202022019032002', 12, 'non-compliant', 1],
      ['199707072024211004', 0, 'non-compliant', 0],
      ['199808082024212005', 24, 'compliant', 1],
    ]);
    expect(codes(r)).toEqual(['gabungan-diskominfo.xlsx:8 duplicate-record']);
  });

  it('--sheet picks another sheet, and names the sheets when it is missing', async () => {
    await expect(runCheck({ staff: F('rekap-jp-2025.xlsx'), year: 2025, sheet: 'Rekap' })).rejects.toMatchObject({
      code: 'sheet-not-found',
      params: { sheets: 'Rekap JP 2025, Catatan' },
    });
    await expect(runCheck({ staff: F('rekap-jp-2025.xlsx'), year: 2025, sheet: 'catatan' })).rejects.toMatchObject({ code: 'missing-column' });
  });

  it('--shape overrides the detected shape', async () => {
    await expect(runCheck({ staff: F('gabungan-diskominfo.xlsx'), year: 2025, shape: 'separate' })).rejects.toMatchObject({ code: 'shape-needs-training' });
    await expect(runCheck({ staff: F('rekap-jp-2025.xlsx'), year: 2025, shape: 'combined' })).rejects.toMatchObject({ code: 'missing-column', params: { field: 'end' } });
  });

  it('--map names a column the tool does not know, and fails when no file has it', async () => {
    const r = await runCheck({ staff: F('rekap-jp-2025.xlsx'), year: 2025, map: new Map([['jp', 'JP Semester II']]) });
    expect(r.audit.employees.find((e) => e.name.startsWith('Budi'))!.jp).toBe(14);
    expect(r.inputs[0]!.columns.jp).toBe('JP Semester II');
    await expect(runCheck({ staff: F('rekap-jp-2025.xlsx'), year: 2025, map: new Map([['jp', 'Tidak Ada']]) })).rejects.toMatchObject({ code: 'map-header-not-found' });
  });

  it('other years count nothing but keep the roster', async () => {
    const r = await runCheck({ staff: F('pegawai.csv'), training: [F('diklat.csv')], year: 2024 });
    expect(r.audit.summary.compliant).toBe(1);
    // Checked in order: period first, so the duplicate pair from 2025 is outside the period, not a duplicate.
    expect(r.inputs[1]).toMatchObject({ counted: 1, outsidePeriod: 14, duplicates: 0 });
  });

  it.each([
    [{ staff: 'fixtures/none.csv', year: 2025 }, 'file-not-found'],
    [{ staff: 'fixtures', year: 2025 }, 'file-is-directory'],
    [{ staff: F('pegawai.csv'), year: 2025 }, 'no-training-data'],
    [{ staff: F('diklat.csv'), training: [F('pegawai.csv')], year: 2025 }, 'roster-is-training'],
    [{ staff: F('pegawai.csv'), training: [F('pegawai.csv')], year: 2025 }, 'training-is-roster'],
    [{ staff: '-', training: ['-'], year: 2025 }, 'stdin-twice'],
  ])('refuses unusable input %j with %s', async (options, code) => {
    const err = await runCheck(options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JpAuditError);
    expect((err as JpAuditError).code).toBe(code);
  });
});
