import { rate } from '../audit/counts.js';
import { compareText, type RowRef } from '../audit/types.js';
import type { CivilDate } from '../normalize/dates.js';
import { roundJp } from '../normalize/numbers.js';
import type { LatsarCurriculum, PhaseId } from '../policy/policy.js';

export interface Participant {
  nip: string;
  name: string;
  opd: string;
}

/** One attendance row: a participant on a day (or a session) of a phase, with its JP. */
export interface Attendance {
  nip: string;
  phase: PhaseId;
  date: CivilDate;
  jp: number;
}

export type AttendanceOutcome = { kind: 'counted' } | { kind: 'unknown-nip' } | { kind: 'duplicate'; first: RowRef };

export interface PhaseProgress {
  phase: PhaseId;
  jp: number;
  days: number;
  requiredDays: number;
  jpTarget: number | null;
}

export type LatsarStatus = 'complete' | 'incomplete';

export interface ParticipantResult extends Participant {
  totalJp: number;
  requiredJp: number;
  status: LatsarStatus;
  phases: PhaseProgress[];
}

export interface LatsarOpd {
  opd: string;
  participants: number;
  complete: number;
  incomplete: number;
  completionRate: number | null;
  totalJp: number;
}

export interface LatsarResult {
  summary: { participants: number; complete: number; incomplete: number; completionRate: number | null };
  byOpd: LatsarOpd[];
  /** Sorted by OPD, incomplete first, then NIP. */
  participants: ParticipantResult[];
}

interface State {
  p: Participant;
  jp: Map<PhaseId, number>;
  days: Map<PhaseId, Set<CivilDate>>;
}

/**
 * Latsar CPNS progress (pure): per participant and phase, JP summed and distinct days attended.
 * Complete when the total reaches the curriculum's JP and every phase has its days (and its JP
 * target, where one is set). A row with the same NIP, phase, date and JP as an earlier one counts
 * once.
 */
export class LatsarAudit {
  private readonly people = new Map<string, State>();
  private readonly seen = new Map<string, RowRef>();

  constructor(readonly curriculum: LatsarCurriculum) {}

  addParticipant(p: Participant): boolean {
    if (this.people.has(p.nip)) return false;
    this.people.set(p.nip, { p, jp: new Map(), days: new Map() });
    return true;
  }

  get participantCount(): number {
    return this.people.size;
  }

  addAttendance(a: Attendance, ref: RowRef): AttendanceOutcome {
    const s = this.people.get(a.nip);
    if (!s) return { kind: 'unknown-nip' };
    const key = `${a.nip}\u0000${a.phase}\u0000${a.date}\u0000${a.jp}`;
    const first = this.seen.get(key);
    if (first) return { kind: 'duplicate', first };
    this.seen.set(key, ref);
    s.jp.set(a.phase, (s.jp.get(a.phase) ?? 0) + a.jp);
    let days = s.days.get(a.phase);
    if (!days) s.days.set(a.phase, (days = new Set()));
    days.add(a.date);
    return { kind: 'counted' };
  }

  result(): LatsarResult {
    const c = this.curriculum;
    const participants: ParticipantResult[] = [];
    for (const s of this.people.values()) {
      const phases: PhaseProgress[] = c.phases.map((ph) => ({
        phase: ph.id,
        jp: roundJp(s.jp.get(ph.id) ?? 0),
        days: s.days.get(ph.id)?.size ?? 0,
        requiredDays: ph.days,
        jpTarget: ph.jpTarget ?? null,
      }));
      const totalJp = roundJp([...s.jp.values()].reduce((a, b) => a + b, 0));
      const complete = totalJp >= c.totalJp && phases.every((p) => p.days >= p.requiredDays && (p.jpTarget === null || p.jp >= p.jpTarget));
      participants.push({ ...s.p, totalJp, requiredJp: c.totalJp, status: complete ? 'complete' : 'incomplete', phases });
    }
    participants.sort((a, b) => compareText(a.opd, b.opd) || (a.status === b.status ? 0 : a.status === 'incomplete' ? -1 : 1) || compareText(a.nip, b.nip));
    const opds = new Map<string, LatsarOpd>();
    for (const p of participants) {
      let o = opds.get(p.opd);
      if (!o) opds.set(p.opd, (o = { opd: p.opd, participants: 0, complete: 0, incomplete: 0, completionRate: null, totalJp: 0 }));
      o.participants++;
      if (p.status === 'complete') o.complete++;
      else o.incomplete++;
      o.totalJp += p.totalJp;
    }
    const byOpd = [...opds.values()].map((o) => ({ ...o, totalJp: roundJp(o.totalJp), completionRate: rate(o.complete, o.participants) }));
    const complete = participants.filter((p) => p.status === 'complete').length;
    return {
      summary: { participants: participants.length, complete, incomplete: participants.length - complete, completionRate: rate(complete, participants.length) },
      byOpd,
      participants,
    };
  }
}
