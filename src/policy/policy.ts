import type { EmployeeType } from '../normalize/types.js';

/** The yearly duty of one employee type: at least `min` JP; over `max`, where set, is a warning. */
export interface Requirement {
  min: number;
  max?: number;
}

/** What an audit measures against. Defaults come from `domain.md` and its sources. */
export interface Policy {
  requirements: Record<EmployeeType, Requirement>;
  /** Minutes in one JP (LAN: 45). */
  minutesPerJp: number;
}

/** PP 11/2017 Pasal 203 (4): PNS at least 20 JP; Balikpapan BKPSDM 2025: PPPK 24 JP; CPNS as PNS. */
export const DEFAULT_POLICY: Policy = {
  requirements: {
    PNS: { min: 20 },
    PPPK: { min: 24 },
    CPNS: { min: 20 },
  },
  minutesPerJp: 45,
};
