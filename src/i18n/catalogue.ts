import type { FindingCode } from '../audit/findings.js';
import type { YearReason } from '../audit/year.js';
import type { Status } from '../rules/duty.js';
import type { ChangeKind } from '../diff/model.js';
import type { Field } from '../normalize/header.js';
import type { PhaseId } from '../policy/policy.js';

export type Params = Readonly<Record<string, string | number>>;
type Msg = (p: Params) => string;

/** Everything a user reads, in one language. Codes stay in English; text does not. */
export interface Catalogue {
  /** Expected errors: `what; how to fix`. */
  errors: Record<string, Msg>;
  findings: Record<FindingCode, Msg>;
  /** Short names of finding codes for tables, one for every code (JSON keeps the code). */
  codeLabels: Record<FindingCode, string>;
  fields: Record<Field, string>;
  months: readonly string[];
  labels: {
    shapes: Record<'separate' | 'totals' | 'combined', string>;
    statuses: Record<Status, string>;
    roles: Record<'staff' | 'training' | 'combined' | 'exemptions' | 'attendance', string>;
    severity: Record<'error' | 'warning' | 'info', string>;
    title: Msg;
    employees: string;
    compliant: string;
    nonCompliant: string;
    rate: string;
    totalJp: string;
    averageJp: string;
    opd: string;
    nip: string;
    name: string;
    type: string;
    jp: string;
    requiredJp: string;
    shortfall: string;
    status: string;
    records: string;
    onTrack: string;
    atRisk: string;
    exempt: string;
    notApplicable: string;
    audited: string;
    expectedJp: string;
    months: string;
    reason: string;
    asOfLine: Msg;
    notAuditedList: Msg;
    attentionList: string;
    byOpd: string;
    byType: string;
    nonCompliantList: string;
    allComply: string;
    /** During the year: nobody behind, not all done yet. */
    noneAtRisk: Msg;
    nobodyAudited: string;
    /** Headline beside the number of employees: roster rows rejected. */
    rejectedStaff: Msg;
    /** The "Keterangan" of an employee whose duty is not the full year's. */
    notes: { notApplicable: string; prorated: Msg };
    inputs: string;
    findings: string;
    findingsSummary: Msg;
    moreFindings: Msg;
    noFindings: string;
    accounting: Msg;
    accountingTraining: Msg;
    /** During the year: records after the as-of date are outside the period too. */
    accountingTrainingAsOf: Msg;
    blankRows: Msg;
    shapeTaken: Msg;
    /** Why the year audited was chosen when `--year` was not given (see `chooseYear`). */
    yearChosen: Record<YearReason, Msg>;
    columnsUsed: Msg;
    threadsUsed: Msg;
    /** `--threads` given with `--engine reference`, which reads in one thread. */
    threadsIgnored: Msg;
    wrote: Msg;
    /** `init`: what was written and what to do next. */
    initWrote: Msg;
    /** The stderr line a run ends with (cron): figures, then where the report went. */
    summary: { short: Msg; atRisk: Msg; all: Msg; nobody: string; findings: Msg; latsar: Msg };
    reportAt: Msg;
    /** `validate`: a file that could not be read, and the run's figures. */
    unusable: Msg;
    validated: Msg;
    filesIn: Msg;
    /** The progress line's phases after reading. */
    phases: { counting: string; writing: string };
    more: Msg;
    /** Words of the Latsar report. */
    latsar: {
      title: string;
      opdTitle: Msg;
      participants: string;
      complete: string;
      incomplete: string;
      completionRate: string;
      days: string;
      totalJp: string;
      requiredJp: string;
      statuses: Record<'complete' | 'incomplete', string>;
      phases: Record<PhaseId, string>;
      curriculum: Msg;
      notCpns: Msg;
      allComplete: string;
      incompleteList: string;
      phaseCell: Msg;
      rateChart: string;
    };
    /** Words of the diff report (`jp-audit diff`). */
    diff: {
      title: string;
      from: string;
      to: string;
      /** One report as the diff names it: file, year, as-of day, time of the run when known. */
      reportLine: Msg;
      before: string;
      after: string;
      delta: string;
      change: string;
      /** A change as a table cell says it. */
      kinds: Record<ChangeKind, string>;
      /** The heading of each list of changes. */
      lists: Record<ChangeKind, string>;
      jpGained: string;
      unchanged: string;
      attention: string;
      counts: string;
      noChanges: string;
      noneWorsened: string;
      yearChanged: Msg;
      policyChanged: string;
      /** A standing in one report: status, JP and required JP. */
      standing: Msg;
      /** The same for an employee without a duty (exempt, not applicable): status and JP. */
      standingNoDuty: Msg;
      opdBefore: string;
      absent: string;
      order: string;
    };
    /** Words of the Excel and HTML reports. */
    doc: {
      period: string;
      generated: string;
      overviewSheet: string;
      findingsSheet: string;
      inputsSheet: string;
      overviewFile: string;
      rateChart: string;
      rateChartNote: string;
      histogram: string;
      histogramNote: string;
      threshold: Msg;
      employeesAxis: string;
      jpAxis: string;
      sortHint: string;
      code: string;
      /** The column of a finding's short name (its code is in the `code` column beside it). */
      finding: string;
      severity: string;
      file: string;
      row: string;
      column: string;
      value: string;
      message: string;
      role: string;
      format: string;
      encoding: string;
      delimiter: string;
      headerRow: string;
      rows: string;
      accepted: string;
      rejected: string;
      duplicates: string;
      outsidePeriod: string;
      unknownNip: string;
      counted: string;
      blankRows: string;
      findingsCapped: Msg;
      policy: Msg;
      opdReport: Msg;
      noOpd: string;
      /** A per-OPD file: its whole staff, who needs attention first. */
      staffList: string;
      attentionFirst: string;
      /** A per-OPD file's own accounting of rows. */
      opdAccounting: string;
      rosterRows: string;
      recordsCounted: string;
      findingsNamingStaff: string;
      opdAccountingNote: string;
      /** Files a per-OPD report was made from (their counts are the whole run's). */
      sources: string;
      /** Printed page numbers: `page 2 of 3`. */
      pageOf: string;
    };
    /** `jp-audit explain`. */
    explain: {
      heading: Msg;
      summary: Msg;
      records: string;
      noRecords: string;
      rosterRows: string;
      duty: string;
      training: string;
      start: string;
      end: string;
      outcome: string;
      note: string;
      outcomes: Record<'counted' | 'outside-year' | 'after-as-of' | 'duplicate' | 'rejected', string>;
      rosterOutcomes: Record<'used' | 'duplicate' | 'rejected', string>;
      duplicateOf: Msg;
      total: Msg;
      service: Msg;
      serviceNone: string;
      prorateOff: string;
      exemption: Msg;
      fromStatus: string;
      months: Msg;
      monthStates: Record<'counts' | 'not-served' | 'not-whole' | 'exempt', string>;
      formula: Msg;
      expected: Msg;
      max: Msg;
      owesNothing: Msg;
      countedSum: Msg;
      splitShare: Msg;
      /** The HTML report's expandable employee rows: the line that opens them, and the line when the run is over the limit. */
      rowSummary: Msg;
      rowsOmitted: Record<'roster' | 'training' | 'bytes', Msg>;
    };
  };
}
