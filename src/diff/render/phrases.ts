import { catalogue, type Lang } from '../../i18n/index.js';
import { formatters, type NumberFormat } from '../../report/format.js';
import { longDate } from '../../report/dates.js';
import type { DiffReport, ReportRef, Standing, StatusCounts } from '../model.js';


type Numbers = { num: NumberFormat; signed: (n: number) => string };
// Made once per language: a formatter costs far more to make than to use, and a list may be long.
const NUMBERS = new Map<Lang, Numbers>();

/** Numbers in the report's language, and with their sign (`+4,5`, `-2`, `0`) for differences. */
export function numbers(lang: Lang): Numbers {
  let n = NUMBERS.get(lang);
  if (!n) {
    const s = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    NUMBERS.set(lang, (n = { num: formatters(lang).num, signed: (x) => s.format(x) }));
  }
  return n;
}

/** `2025-06-30` as `30 Juni 2025`. */
export function dateText(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return longDate(y, m, d, lang);
}

/** One side of the diff: `lama.json: tahun 2025, per 30 Juni 2025`. */
export function reportLine(r: ReportRef, lang: Lang): string {
  const params: Record<string, string | number> = { file: r.file, year: r.year, date: dateText(r.asOf, lang) };
  if (r.generatedAt) params.generatedAt = r.generatedAt;
  return catalogue(lang).labels.diff.reportLine(params);
}

/** A standing as a cell says it: `belum memenuhi, 12/20 JP`; a dash when absent. */
export function standingText(s: Standing | null, lang: Lang): string {
  const l = catalogue(lang).labels;
  if (s === null) return l.diff.absent;
  const { num } = numbers(lang);
  // Without a duty there is no required JP to show, only what was attended.
  if (s.status === 'exempt' || s.status === 'not-applicable') return l.diff.standingNoDuty({ status: l.statuses[s.status], jp: num.format(s.jp) });
  return l.diff.standing({ status: l.statuses[s.status], jp: num.format(s.jp), requiredJp: num.format(s.requiredJp) });
}

/** Employees who need attention: short of the duty, or behind the pace. */
export const attention = (c: StatusCounts): number => c.nonCompliant + c.atRisk;

/** The rows of the before/after counts: every status either report has, employees and JP always. */
export function countRows(r: DiffReport, lang: Lang): Array<{ label: string; before: number; after: number }> {
  const l = catalogue(lang).labels;
  const b = r.summary.before;
  const a = r.summary.after;
  const rows: Array<{ label: string; key: keyof StatusCounts; always?: boolean }> = [
    { label: l.employees, key: 'employees', always: true },
    { label: l.compliant, key: 'compliant', always: true },
    { label: l.onTrack, key: 'onTrack' },
    { label: l.atRisk, key: 'atRisk' },
    { label: l.nonCompliant, key: 'nonCompliant' },
    { label: l.exempt, key: 'exempt' },
    { label: l.notApplicable, key: 'notApplicable' },
    { label: l.totalJp, key: 'totalJp', always: true },
  ];
  return rows.filter((x) => x.always || b[x.key] || a[x.key]).map((x) => ({ label: x.label, before: b[x.key], after: a[x.key] }));
}
