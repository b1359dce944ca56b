import type { FindingCode } from '../audit/findings.js';
import { rate } from '../audit/counts.js';
import type { InputAccount } from '../ingest.js';
import type { Lang } from '../i18n/index.js';
import type { ReportFinding } from '../report/model.js';
import { reportFindings } from '../report/model.js';
import type { Splittable } from '../report/output.js';
import type { LatsarCurriculum } from '../policy/policy.js';
import type { LatsarOpd, LatsarResult, ParticipantResult } from './audit.js';
import type { LatsarRun } from './run.js';

/** The Latsar report every format shows; the JSON output is this object (`schemaVersion` 1). */
export interface LatsarReport {
  schemaVersion: 1;
  kind: 'latsar';
  lang: Lang;
  curriculum: LatsarCurriculum;
  inputs: InputAccount[];
  summary: LatsarResult['summary'];
  byOpd: LatsarOpd[];
  participants: ParticipantResult[];
  findingCounts: Partial<Record<FindingCode, number>>;
  findings: ReportFinding[];
}

export function buildLatsarReport(run: LatsarRun, lang: Lang): LatsarReport {
  const { findings, findingCounts } = reportFindings(run.findings, lang);
  return {
    schemaVersion: 1,
    kind: 'latsar',
    lang,
    curriculum: run.curriculum,
    inputs: run.inputs,
    summary: run.result.summary,
    byOpd: run.result.byOpd,
    participants: run.result.participants,
    findingCounts,
    findings,
  };
}

/** The report of one OPD: its participants and the findings that name one of them. */
export function sliceLatsar(report: LatsarReport, opd: string): LatsarReport {
  const participants = report.participants.filter((p) => p.opd === opd);
  const nips = new Set(participants.map((p) => p.nip));
  const complete = participants.filter((p) => p.status === 'complete').length;
  const { findings, findingCounts } = { findings: report.findings.filter((f) => f.value !== null && nips.has(f.value)), findingCounts: {} as Partial<Record<FindingCode, number>> };
  for (const f of findings) findingCounts[f.code] = (findingCounts[f.code] ?? 0) + 1;
  return {
    ...report,
    summary: { participants: participants.length, complete, incomplete: participants.length - complete, completionRate: rate(complete, participants.length) },
    byOpd: report.byOpd.filter((o) => o.opd === opd),
    participants,
    findings,
    findingCounts,
  };
}

export function splitLatsar(report: LatsarReport): Splittable<LatsarReport> {
  return { report, opds: report.byOpd.map((o) => o.opd), slice: (opd) => sliceLatsar(report, opd) };
}
