import type { EmployeeType } from '../normalize/types.js';
import type { CountIn } from '../rules/record-period.js';

/** The yearly duty of one employee type: at least `min` JP; over `max`, where set, is a warning. */
export interface Requirement {
  min: number;
  max?: number;
}

/** The Latsar phases, in the order they are taken. */
export const PHASE_IDS = ['mandiri', 'daring-1', 'aktualisasi', 'daring-2', 'klasikal'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export interface LatsarPhase {
  id: PhaseId;
  days: number;
  /** Optional JP target for the phase; the sources publish none. */
  jpTarget?: number;
}

export interface LatsarCurriculum {
  totalJp: number;
  phases: LatsarPhase[];
}

/** When to pro-rate a duty by months of service: always, never, or when the roster has dates. */
export type Prorate = 'auto' | true | false;

/** What an audit measures against. Defaults come from `domain.md` and its sources. */
export interface Policy {
  requirements: Record<EmployeeType, Requirement>;
  /** Minutes in one JP (LAN: 45); converts training given in minutes or hours. */
  minutesPerJp: number;
  prorate: Prorate;
  /** Legal statuses (kedudukan hukum) whose holders are exempt for the year. */
  exemptStatuses: string[];
  latsar: LatsarCurriculum;
  /** The type of an employee whose type neither a type column nor the NIP tells (PNS unless set). */
  defaultType: EmployeeType;
  /** The year of training records with neither a date nor a year; unset: such records stop the run. */
  undatedYear?: number;
  /** How a training that spans two years counts (see `recordShare`): `end` unless set. */
  countIn: CountIn;
}

/**
 * PP 11/2017 Pasal 203 (4): PNS at least 20 JP; Balikpapan BKPSDM 2025: PPPK 24 JP; CPNS as PNS;
 * LAN: 1 JP = 45 minutes; Latsar 647 JP over 64 days (Kota Pontianak, July 2025).
 */
export const DEFAULT_POLICY: Policy = {
  requirements: {
    PNS: { min: 20 },
    PPPK: { min: 24 },
    CPNS: { min: 20 },
  },
  minutesPerJp: 45,
  prorate: 'auto',
  exemptStatuses: ['Tugas Belajar', 'CLTN', 'Cuti di Luar Tanggungan Negara', 'Pemberhentian Sementara', 'Meninggal', 'Pensiun'],
  latsar: {
    totalJp: 647,
    phases: [
      { id: 'mandiri', days: 9 },
      { id: 'daring-1', days: 21 },
      { id: 'aktualisasi', days: 30 },
      { id: 'daring-2', days: 1 },
      { id: 'klasikal', days: 3 },
    ],
  },
  defaultType: 'PNS',
  countIn: 'end',
};
