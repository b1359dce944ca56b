import { PHASE_IDS, type PhaseId } from '../policy/policy.js';

/** Phase values seen in LMS attendance exports, folded (lower case, single spaces). */
const PHASES: ReadonlyMap<string, PhaseId> = new Map([
  ['pembelajaran mandiri', 'mandiri'],
  ['mandiri', 'mandiri'],
  ['mooc', 'mandiri'],
  ['daring', 'daring-1'],
  ['daring tahap 1', 'daring-1'],
  ['daring tahap i', 'daring-1'],
  ['daring 1', 'daring-1'],
  ['daring i', 'daring-1'],
  ['pjj', 'daring-1'],
  ['pjj tahap 1', 'daring-1'],
  ['pembelajaran jarak jauh', 'daring-1'],
  ['distance learning', 'daring-1'],
  ['aktualisasi', 'aktualisasi'],
  ['habituasi', 'aktualisasi'],
  ['daring tahap 2', 'daring-2'],
  ['daring tahap ii', 'daring-2'],
  ['daring 2', 'daring-2'],
  ['daring ii', 'daring-2'],
  ['pjj tahap 2', 'daring-2'],
  ['pjj 2', 'daring-2'],
  ['klasikal', 'klasikal'],
  ['tatap muka', 'klasikal'],
  ...PHASE_IDS.map((id) => [id, id] as const),
]);

/** The accepted spellings, for the message of an unknown phase. */
export const PHASE_SPELLINGS = 'Pembelajaran Mandiri/Mandiri/MOOC, Daring (Tahap 1)/Daring I/PJJ/Pembelajaran Jarak Jauh/Distance Learning, Aktualisasi/Habituasi, Daring Tahap 2/Daring II/PJJ Tahap 2, Klasikal/Tatap Muka';

/** Folds a phase value: case, spaces, dashes and a trailing "(...)" do not matter. */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[\s_\u00a0-]+/g, ' ')
    .trim();
}

/** Reads a Latsar phase; `aliases` (the config's `phaseAliases`, folded keys) come first. */
export function parsePhase(raw: unknown, aliases?: ReadonlyMap<string, PhaseId>): PhaseId | undefined {
  const s = fold(typeof raw === 'string' ? raw : raw == null ? '' : String(raw));
  if (s === '') return undefined;
  for (const [k, v] of aliases ?? []) if (fold(k) === s) return v;
  return PHASES.get(s) ?? PHASES.get(s.replace(/ /g, '-'));
}
