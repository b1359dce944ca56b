import type { CivilDate } from '../normalize/dates.js';
import { roundJp } from '../normalize/numbers.js';
import type { Policy } from '../policy/policy.js';
import { recordShare } from '../rules/record-period.js';
import { sameTrainingKey } from '../rules/same-training.js';
import type { AuditEngine, RecordSink } from './engine.js';
import { groupOpds, type OpdGroups } from '../audit/opds.js';
import { assess, type Exemption } from '../rules/duty.js';
import { type AuditResult, compareText, type Counts, type Employee, type EmployeeOutcome, type EmployeeResult, type OpdResult, type RecordOutcome, type RowRef, type TrainingRecord } from '../audit/types.js';
import { countsOf, isAudited, rate } from '../audit/counts.js';
import { TYPE_CODES } from '../audit/employees.js';

/** One employee of the reference audit: the roster row, where it came from, and what was counted. */
interface Entry {
  employee: Employee;
  ref: RowRef;
  jp: number;
  records: number;
}

/**
 * The audit written plainly over the rules (`--engine reference`): employees in a Map by NIP,
 * duplicates in a Map by their exact key (`sameTrainingKey`), each employee's duty by `assess`.
 * No typed arrays, no hashes, no kernels, no threads: it is the model the fast engine (`Audit`,
 * `fastpath.ts`, `parallel/`) is tested against (`test/engine/differential.test.ts`), and a way
 * for a user to check a surprising figure by another road.
 */
export class ReferenceAudit implements AuditEngine, RecordSink {
  private readonly byNip = new Map<string, Entry>();
  private readonly rejected = new Map<string, RowRef>();
  /** The first place each training was seen, by its exact key. */
  private readonly seen = new Map<string, RowRef>();
  readonly asOf: CivilDate;
  private readonly prorate: boolean;
  private closed = false;

  constructor(
    readonly year: number,
    readonly policy: Policy,
    options: { asOf?: CivilDate; prorate?: boolean } = {},
  ) {
    this.asOf = options.asOf ?? year * 10000 + 1231;
    this.prorate = options.prorate ?? false;
  }

  get counter(): RecordSink {
    return this;
  }

  get employeeCount(): number {
    return this.byNip.size;
  }

  addEmployee(e: Employee, ref: RowRef): EmployeeOutcome {
    const known = this.byNip.get(e.nip);
    if (known) return { kind: 'duplicate', first: known.ref };
    const employee: Employee = { nip: e.nip, name: e.name, type: e.type, opd: e.opd };
    if (e.service !== undefined) employee.service = e.service;
    if (e.exemptions !== undefined) employee.exemptions = [...e.exemptions];
    this.byNip.set(e.nip, { employee, ref, jp: 0, records: 0 });
    return { kind: 'added' };
  }

  employee(nip: string): Employee | undefined {
    const e = this.byNip.get(nip)?.employee;
    return e && { ...e };
  }

  noteRejectedEmployee(nip: string, ref: RowRef): void {
    if (!this.rejected.has(nip)) this.rejected.set(nip, ref);
  }

  addExemption(nip: string, exemption: Exemption): boolean {
    const e = this.byNip.get(nip)?.employee;
    if (!e) return false;
    (e.exemptions ??= []).push(exemption);
    return true;
  }

  setTotal(nip: string, jp: number): void {
    const e = this.byNip.get(nip);
    if (e) e.jp = jp;
  }

  /** A record, in the rules' order: the period, the NIP on the roster, the same training seen before. */
  addRecord(r: TrainingRecord, ref: RowRef): RecordOutcome {
    const share = recordShare(r, this.year, this.asOf, this.policy.countIn);
    if (share.period !== 'in') return { kind: 'outside-period' };
    if (this.closed) throw new Error('ReferenceAudit: a record after closeRecords()');
    const e = this.byNip.get(r.nip);
    if (!e) {
      const rejectedAt = this.rejected.get(r.nip);
      return rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' };
    }
    const key = sameTrainingKey(r);
    const first = this.seen.get(key);
    if (first) return { kind: 'duplicate', first };
    this.seen.set(key, ref);
    e.jp += share.jp;
    e.records++;
    return share.jp === r.jp ? { kind: 'counted' } : { kind: 'counted', jp: share.jp };
  }

  closeRecords(): void {
    this.closed = true;
    this.seen.clear();
  }

  /** Each OPD spelling of the roster and how many employees have it, in the order first seen. */
  private spellings(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { employee } of this.byNip.values()) counts.set(employee.opd, (counts.get(employee.opd) ?? 0) + 1);
    return counts;
  }

  opdGroups(): OpdGroups {
    const counts = this.spellings();
    return groupOpds([...counts.keys()], [...counts.values()]);
  }

  result(): AuditResult {
    const counts = this.spellings();
    const list = [...counts.keys()];
    const groups = groupOpds(list, [...counts.values()]);
    // Every spelling of an OPD is reported under the OPD's one name.
    const opdName = new Map(list.map((spelling, k) => [spelling, groups.display[k]!]));
    const employees: EmployeeResult[] = [...this.byNip.values()].map(({ employee: e, jp: sum, records }) => {
      const jp = roundJp(sum);
      const a = assess({ min: this.policy.requirements[e.type].min, jp, year: this.year, asOf: this.asOf, service: e.service ?? {}, exemptions: e.exemptions ?? [], prorate: this.prorate });
      return {
        nip: e.nip,
        name: e.name,
        type: e.type,
        opd: opdName.get(e.opd)!,
        jp,
        requiredJp: a.requiredJp,
        expectedJp: a.expectedJp,
        shortfallJp: a.shortfallJp,
        status: a.status,
        months: a.months,
        records,
        exemptReason: a.exemptReason ?? null,
      };
    });
    // By OPD (its name, as every report lists OPDs), then NIP.
    employees.sort((x, y) => compareText(x.opd, y.opd) || (x.nip < y.nip ? -1 : x.nip > y.nip ? 1 : 0));

    // Each OPD's employees, in the result's order (so OPDs come by name).
    const opdLists = new Map<string, EmployeeResult[]>();
    for (const e of employees) {
      const l = opdLists.get(e.opd);
      if (l) l.push(e);
      else opdLists.set(e.opd, [e]);
    }
    const byOpd: OpdResult[] = [];
    for (const [opd, list] of opdLists) {
      const c = countsOf(list);
      const audited = list.filter((e) => isAudited(e.status));
      byOpd.push({ opd, ...c, complianceRate: rate(c.compliant, c.audited), totalJp: roundJp(sum(list)), averageJp: c.audited ? roundJp(sum(audited) / c.audited) : null });
    }
    const byType = TYPE_CODES.flatMap((type) => {
      const list = employees.filter((e) => e.type === type);
      const c: Counts = countsOf(list);
      return list.length > 0 ? [{ type, ...c, complianceRate: rate(c.compliant, c.audited) }] : [];
    });
    const all = countsOf(employees);
    return {
      year: this.year,
      asOf: this.asOf,
      summary: { ...all, complianceRate: rate(all.compliant, all.audited), totalJp: roundJp(sum(employees)) },
      byType,
      byOpd,
      employees,
    };
  }
}

/** The JP of a list of employees, added in its order. */
function sum(list: readonly EmployeeResult[]): number {
  let total = 0;
  for (const e of list) total += e.jp;
  return total;
}
