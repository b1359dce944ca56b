import { type EmployeeType, parseEmployeeType, type TypeLabel } from '../normalize/types.js';

/**
 * Which type a roster row is, and how that was known. The order is the rule (docs/rules.md):
 * 1. the type column, read as a label whose one type word decides (`PELAKSANA - PNS`);
 * 2. SIASN's `STATUS CPNS PNS` (`C` / `P`) decides CPNS against PNS when the type is one of them
 *    (SIASN writes a CPNS as `PNS Daerah` with `C`); a status that contradicts a PPPK is a finding;
 * 3. without a type column, the NIP: digits 13-14 that are not a month (`21` in every NI PPPK seen)
 *    make an NI PPPK; a month there is the PNS layout, which cannot tell PNS from CPNS;
 * 4. otherwise the policy's `defaultType` (PNS unless set).
 */
export type TypeSource = 'column' | 'nip' | 'default';

export type TypeDecision = { ok: true; type: EmployeeType; source: TypeSource } | { ok: false; reason: 'unknown' | 'ambiguous' | 'empty' | 'cpns-status' };

export interface TypeInputs {
  /** The type column's cell, when the file has that column (undefined: no column). */
  label?: string | undefined;
  /** The `STATUS CPNS PNS` cell, when the file has that column (a value it cannot read tells nothing). */
  cpnsStatus?: string | undefined;
  /** The row's NIP, already valid (18 digits). */
  nip: string;
}

export interface TypeRules {
  defaultType: EmployeeType;
  aliases?: ReadonlyMap<string, EmployeeType>;
}

/** The layout an 18-digit NIP shows: an NI PPPK, or the PNS layout (PNS or CPNS: they look alike). */
export function nipLayout(nip: string): 'PPPK' | 'PNS' {
  const m = Number(nip.slice(12, 14));
  return m >= 1 && m <= 12 ? 'PNS' : 'PPPK';
}

/**
 * SIASN's `STATUS CPNS PNS`: `C` (or `CPNS`), `P` (or `PNS`); some exports write `PPPK` there too.
 * Undefined for anything else (an export that put another status in that column): it tells nothing.
 */
export function readCpnsStatus(raw: string): EmployeeType | undefined {
  const s = raw.trim().toUpperCase();
  if (s === 'C' || s === 'CPNS') return 'CPNS';
  if (s === 'P' || s === 'PNS') return 'PNS';
  if (s === 'PPPK' || s === 'P3K') return 'PPPK';
  return undefined;
}

/** Decides a row's type (see the order above). */
export function decideType(row: TypeInputs, rules: TypeRules): TypeDecision {
  const status = row.cpnsStatus === undefined ? undefined : readCpnsStatus(row.cpnsStatus);
  if (row.label !== undefined) {
    const label: TypeLabel = parseEmployeeType(row.label, rules.aliases);
    if (label.ok) return withStatus(label.type, status, 'column');
    // An empty type cell beside a status that names the type: the status decides.
    if (label.reason !== 'empty' || status === undefined) return { ok: false, reason: label.reason };
    return { ok: true, type: status, source: 'column' };
  }
  if (nipLayout(row.nip) === 'PPPK') return withStatus('PPPK', status, 'nip');
  if (status !== undefined) return status === 'PPPK' ? { ok: false, reason: 'cpns-status' } : { ok: true, type: status, source: 'column' };
  // The PNS layout cannot tell PNS from CPNS: the default, unless it says PPPK, which the NIP denies.
  if (rules.defaultType === 'PPPK') return { ok: true, type: 'PNS', source: 'nip' };
  return { ok: true, type: rules.defaultType, source: 'default' };
}

/**
 * The status column applied to a type: `C` / `P` choose CPNS or PNS for a PNS-family type; a PPPK
 * with `P` (SIASN writes it so: not a candidate) stays a PPPK; `C` for a PPPK, or `PPPK` for a PNS,
 * contradicts and is a finding.
 */
function withStatus(type: EmployeeType, status: EmployeeType | undefined, source: TypeSource): TypeDecision {
  if (status === undefined || status === type) return { ok: true, type, source };
  if (type === 'PPPK') return status === 'PNS' ? { ok: true, type, source } : { ok: false, reason: 'cpns-status' };
  if (status === 'PPPK') return { ok: false, reason: 'cpns-status' };
  return { ok: true, type: status, source: 'column' };
}
