import { isDeepStrictEqual } from 'node:util';
import { JpAuditError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { roundJp } from '../normalize/numbers.js';
import { changeOf } from './change.js';
import type { CheckReportInput, EmployeeInput } from './input.js';
import { emptyCounts, tally as tallyStatus } from '../audit/counts.js';
import { CHANGE_KINDS, COUNT_OF, type ChangeCounts, type ChangeKind, type DiffReport, type DiffTotals, type EmployeeChange, type OpdDiff, type ReportRef, type Standing, type StatusCounts } from './model.js';

export interface DiffOptions {
  /** The paths the reports came from, as the user gave them. */
  fromFile: string;
  toFile: string;
  /** Compare reports of different years (the older first), matching people by NIP. */
  allowYearChange?: boolean;
  lang: Lang;
}

const COUNT_KEY: Record<ChangeKind | 'unchanged', keyof ChangeCounts> = { ...COUNT_OF, unchanged: 'unchanged' };

const zeroStatus = (): StatusCounts => ({ ...emptyCounts(), totalJp: 0 });
const zeroChanges = (): ChangeCounts => ({ worsened: 0, improved: 0, added: 0, removed: 0, statusChanged: 0, jpChanged: 0, moved: 0, unchanged: 0 });
const zeroTotals = (): DiffTotals => ({ before: zeroStatus(), after: zeroStatus(), jpGained: 0, changes: zeroChanges() });

function tally(c: StatusCounts, e: EmployeeInput): void {
  tallyStatus(c, e.status);
  c.totalJp += e.jp;
}

function roundTotals(t: DiffTotals): void {
  t.before.totalJp = roundJp(t.before.totalJp);
  t.after.totalJp = roundJp(t.after.totalJp);
  t.jpGained = roundJp(t.jpGained);
}

const standing = (e: EmployeeInput): Standing => ({ status: e.status, jp: e.jp, requiredJp: e.requiredJp, opd: e.opd });
const ref = (r: CheckReportInput, file: string): ReportRef => ({ file, year: r.year, asOf: r.asOf, generatedAt: r.generatedAt ?? null });
/** Code-point order, as the check report sorts: the same on every machine, whatever its locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The policy without its Latsar curriculum, which plays no part in the yearly duty. */
function dutyPolicy(policy: unknown): unknown {
  if (policy === null || typeof policy !== 'object') return policy;
  const { latsar: _latsar, ...rest } = policy as Record<string, unknown>;
  return rest;
}

/** Refuses a pair of reports that cannot be compared as they are given. */
function checkPair(older: CheckReportInput, newer: CheckReportInput, o: DiffOptions): void {
  const files = { oldFile: o.fromFile, newFile: o.toFile };
  if (older.year !== newer.year) {
    if (!o.allowYearChange) throw new JpAuditError('diff-year-mismatch', { ...files, oldYear: older.year, newYear: newer.year });
    if (older.year > newer.year) throw new JpAuditError('diff-reversed', { ...files, old: older.year, new: newer.year });
  } else if (older.asOf > newer.asOf) {
    // Swapped arguments would turn every improvement into a worsening, and exit 1 for nothing.
    throw new JpAuditError('diff-reversed', { ...files, old: older.asOf, new: newer.asOf });
  }
}

/**
 * The diff of two check reports (pure: reports in, a model out): each employee's standing
 * before and after, matched by NIP, the kind of change (`changeOf`), and the counts before and
 * after, in total and per OPD. The older report comes first.
 */
export function diffReports(older: CheckReportInput, newer: CheckReportInput, o: DiffOptions): DiffReport {
  checkPair(older, newer, o);
  const summary = zeroTotals();
  const opds = new Map<string, OpdDiff>();
  const opd = (name: string): OpdDiff => {
    let x = opds.get(name);
    if (!x) opds.set(name, (x = { opd: name, ...zeroTotals() }));
    return x;
  };
  const oldByNip = new Map<string, EmployeeInput>();
  for (const e of older.employees) {
    oldByNip.set(e.nip, e);
    tally(summary.before, e);
    tally(opd(e.opd).before, e);
  }
  const changes: EmployeeChange[] = [];
  const note = (kind: ChangeKind | 'unchanged', where: OpdDiff, entry: Omit<EmployeeChange, 'change'>) => {
    summary.changes[COUNT_KEY[kind]]++;
    where.changes[COUNT_KEY[kind]]++;
    // Keys in the order the JSON shows them.
    if (kind !== 'unchanged') changes.push({ nip: entry.nip, name: entry.name, opd: entry.opd, before: entry.before, after: entry.after, change: kind, jpGained: entry.jpGained });
  };
  const matched = new Set<string>();
  for (const e of newer.employees) {
    tally(summary.after, e);
    const here = opd(e.opd);
    tally(here.after, e);
    const was = oldByNip.get(e.nip);
    const before = was ? standing(was) : null;
    const after = standing(e);
    const kind = changeOf(before, after);
    let jpGained: number | null = null;
    if (was) {
      matched.add(e.nip);
      jpGained = roundJp(e.jp - was.jp);
      summary.jpGained += jpGained;
      here.jpGained += jpGained;
    }
    note(kind, here, { nip: e.nip, name: e.name, opd: e.opd, before, after, jpGained });
  }
  for (const e of older.employees) {
    if (matched.has(e.nip)) continue;
    note('removed', opd(e.opd), { nip: e.nip, name: e.name, opd: e.opd, before: standing(e), after: null, jpGained: null });
  }
  roundTotals(summary);
  for (const x of opds.values()) roundTotals(x);
  const order = new Map(CHANGE_KINDS.map((k, i) => [k, i]));
  changes.sort((a, b) => order.get(a.change)! - order.get(b.change)! || cmp(a.opd, b.opd) || cmp(a.nip, b.nip));
  return {
    schemaVersion: 1,
    kind: 'diff',
    lang: o.lang,
    from: ref(older, o.fromFile),
    to: ref(newer, o.toFile),
    yearChanged: older.year !== newer.year,
    policyChanged: !isDeepStrictEqual(dutyPolicy(older.policy), dutyPolicy(newer.policy)) || older.prorated !== newer.prorated,
    summary,
    byOpd: [...opds.values()].sort((a, b) => cmp(a.opd, b.opd)),
    changes,
  };
}
