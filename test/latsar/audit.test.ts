import { describe, expect, it } from 'vitest';
import { type Attendance, LatsarAudit } from '../../src/latsar/audit.js';
import { parsePhase } from '../../src/normalize/phase.js';
import { DEFAULT_POLICY, type LatsarCurriculum } from '../../src/policy/policy.js';

describe('parsePhase', () => {
  it.each([
    ['Pembelajaran Mandiri', 'mandiri'],
    ['Mandiri', 'mandiri'],
    ['MOOC', 'mandiri'],
    ['Daring', 'daring-1'],
    ['Daring Tahap 1', 'daring-1'],
    ['daring tahap I', 'daring-1'],
    ['Daring I', 'daring-1'],
    ['PJJ', 'daring-1'],
    ['Pembelajaran Jarak Jauh', 'daring-1'],
    ['Distance Learning', 'daring-1'],
    ['Aktualisasi', 'aktualisasi'],
    ['HABITUASI', 'aktualisasi'],
    ['Daring Tahap 2', 'daring-2'],
    ['Daring II', 'daring-2'],
    ['PJJ Tahap 2', 'daring-2'],
    ['Klasikal', 'klasikal'],
    ['Tatap Muka', 'klasikal'],
    ['Klasikal (Asrama)', 'klasikal'],
    ['daring-2', 'daring-2'],
  ])('%j -> %s', (raw, id) => {
    expect(parsePhase(raw)).toBe(id);
  });

  it.each(['Orientasi', '', 'Daring 3'])('does not know %j', (raw) => {
    expect(parsePhase(raw)).toBeUndefined();
  });

  it('takes the config aliases first', () => {
    expect(parsePhase('Belajar  Mandiri', new Map([['belajar mandiri', 'mandiri']]))).toBe('mandiri');
  });
});

const C = DEFAULT_POLICY.latsar;
const P = { nip: '200001012025011006', name: 'Yoga', opd: 'BKPSDM' };

/** Attendance for every day of every phase, `jp` a day, with optional gaps. */
function fullAttendance(jpPerDay: Record<string, number>, skip: (phase: string, day: number) => boolean = () => false): Attendance[] {
  const out: Attendance[] = [];
  let d = 20250701;
  for (const ph of C.phases) {
    for (let k = 0; k < ph.days; k++, d++) if (!skip(ph.id, k)) out.push({ nip: P.nip, phase: ph.id, date: d, jp: jpPerDay[ph.id]! });
  }
  return out;
}

const PER_DAY = { mandiri: 10, 'daring-1': 10, aktualisasi: 8, 'daring-2': 10, klasikal: 32.33334 };

function run(rows: Attendance[], curriculum: LatsarCurriculum = C) {
  const a = new LatsarAudit(curriculum);
  a.addParticipant(P);
  const outcomes = rows.map((r, i) => a.addAttendance(r, { file: 1, row: i + 2 }).kind);
  return { result: a.result(), outcomes, participant: a.result().participants[0]! };
}

describe('Latsar completion: total >= 647 JP and every phase has its days (and JP target)', () => {
  it('all days, 647 JP: complete', () => {
    const { participant } = run(fullAttendance(PER_DAY));
    expect(participant).toMatchObject({ totalJp: 647, status: 'complete' });
    expect(participant.phases.map((p) => [p.phase, p.days, p.requiredDays])).toEqual([['mandiri', 9, 9], ['daring-1', 21, 21], ['aktualisasi', 30, 30], ['daring-2', 1, 1], ['klasikal', 3, 3]]);
  });

  it.each([
    ['three aktualisasi days missed', fullAttendance(PER_DAY, (ph, k) => ph === 'aktualisasi' && k < 3), 623],
    ['every day, but short of 647 JP', fullAttendance({ ...PER_DAY, klasikal: 30 }), 640],
    ['no attendance at all', [], 0],
  ])('%s: incomplete', (_what, rows, total) => {
    expect(run(rows).participant).toMatchObject({ totalJp: total, status: 'incomplete' });
  });

  it('enough JP but a phase short of days is incomplete', () => {
    const rows = fullAttendance({ ...PER_DAY, mandiri: 20 }, (ph, k) => ph === 'daring-2' && k === 0);
    expect(run(rows).participant).toMatchObject({ status: 'incomplete' });
    expect(run(rows).participant.totalJp).toBeGreaterThanOrEqual(647);
  });

  it('days are distinct dates: two sessions on one day are one day, their JP adds up', () => {
    const { participant, outcomes } = run([
      { nip: P.nip, phase: 'klasikal', date: 20250901, jp: 16 },
      { nip: P.nip, phase: 'klasikal', date: 20250901, jp: 17 },
    ]);
    expect(outcomes).toEqual(['counted', 'counted']);
    expect(participant.phases.find((p) => p.phase === 'klasikal')).toMatchObject({ days: 1, jp: 33 });
  });

  it('a row with the same NIP, phase, date and JP counts once and is reported', () => {
    const row: Attendance = { nip: P.nip, phase: 'mandiri', date: 20250701, jp: 10 };
    const { participant, outcomes } = run([row, { ...row }]);
    expect(outcomes).toEqual(['counted', 'duplicate']);
    expect(participant.totalJp).toBe(10);
  });

  it('honours a JP target per phase when the policy sets one', () => {
    const curriculum: LatsarCurriculum = { totalJp: 647, phases: C.phases.map((p) => (p.id === 'aktualisasi' ? { ...p, jpTarget: 300 } : p)) };
    const { participant } = run(fullAttendance(PER_DAY), curriculum);
    expect(participant.status).toBe('incomplete');
    expect(participant.phases.find((p) => p.phase === 'aktualisasi')).toMatchObject({ jp: 240, jpTarget: 300 });
  });

  it('attendance of someone not on the roster is unknown', () => {
    const a = new LatsarAudit(C);
    expect(a.addAttendance({ nip: '199909092020121010', phase: 'mandiri', date: 20250701, jp: 10 }, { file: 1, row: 2 })).toEqual({ kind: 'unknown-nip' });
  });
});
