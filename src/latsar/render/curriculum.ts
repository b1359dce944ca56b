import type { LatsarReport } from '../report.js';

/** The curriculum in words: `647 JP; Mandiri 9 hari, Daring 1 21 hari, ...`. */
export function curriculumText(r: LatsarReport, phases: Record<string, string>, days: string): string {
  return r.curriculum.phases.map((p) => `${phases[p.id]} ${p.days} ${days}${p.jpTarget !== undefined ? ` (${p.jpTarget} JP)` : ''}`).join(', ');
}
