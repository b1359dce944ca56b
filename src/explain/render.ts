import { Chalk } from 'chalk';
import { catalogue, type Lang } from '../i18n/index.js';
import { isoDate } from '../normalize/dates.js';
import { formatters } from '../report/format.js';
import type { ExplainedRecord, Explanation, ExplainResult } from './explain.js';

/** The JSON of `explain` (schemaVersion 1): the result, with every rejected row's reasons in `lang`. */
export function explainJson(r: ExplainResult, lang: Lang): string {
  const cat = catalogue(lang);
  // A rejected row's reasons carry their message in the report's language instead of the raw args.
  const worded = <T extends { reasons?: ExplainedRecord['reasons'] }>(x: T) =>
    x.reasons ? { ...x, reasons: x.reasons.map(({ args, ...f }) => ({ ...f, message: cat.findings[f.code as keyof typeof cat.findings](args) })) } : x;
  const explanations = r.explanations.map((e) => ({ ...e, records: e.records.map(worded), rosterRows: e.rosterRows.map(worded) }));
  return `${JSON.stringify({ schemaVersion: 1, kind: 'explain', year: r.year, asOf: isoDate(r.asOf), shape: r.shape, lang, explanations }, null, 2)}\n`;
}

/** The terminal text of `explain`: per employee, the status, the duty worked out, the records and roster rows. */
export function explainTable(r: ExplainResult, lang: Lang, color: boolean, width: number): string {
  const cat = catalogue(lang);
  const l = cat.labels;
  const x = l.explain;
  const c = new Chalk({ level: color ? 1 : 0 });
  const { num } = formatters(lang);
  const out: string[] = [];
  const message = (f: { code: string; args: Record<string, string | number> }) => cat.findings[f.code as keyof typeof cat.findings](f.args);
  for (const e of r.explanations) {
    out.push(c.bold(x.heading({ name: e.name, nip: e.nip, type: e.type, opd: e.opd })));
    out.push(x.summary({ year: e.year, jp: num.format(e.jp), required: num.format(e.requiredJp), status: l.statuses[e.status], owes: e.duty.formula === null ? 0 : 1 }));
    out.push('', c.bold(x.duty), ...dutyLines(e, lang), '');
    out.push(c.bold(x.records));
    if (e.records.length === 0) out.push(x.noRecords);
    else {
      // A list, not a table: it reads on an 80-column terminal and in a mail.
      e.records.forEach((rec, k) => {
        const outcome = rec.outcome === 'counted' ? c.green(x.outcomes.counted) : rec.outcome === 'rejected' ? c.red(x.outcomes.rejected) : x.outcomes[rec.outcome];
        out.push(`${k + 1}. ${rec.file}, ${l.doc.row.toLowerCase()} ${rec.row}: ${outcome}`);
        const period = rec.start && rec.end && rec.start !== rec.end ? `${rec.start} – ${rec.end}` : (rec.end ?? rec.start ?? '');
        const amount = rec.jp !== null ? `${num.format(rec.jp)} JP${rec.countedJp !== undefined ? ` (${x.splitShare({ jp: num.format(rec.countedJp), year: e.year })})` : ''}` : rec.cells?.jp ? `JP ${rec.cells.jp}` : '';
        out.push(...wrap([rec.training ?? '', period, amount].filter(Boolean).join(' · '), width, '   '));
        if (rec.duplicateOf) out.push(...wrap(x.duplicateOf(rec.duplicateOf), width, '   '));
        for (const f of rec.reasons ?? []) out.push(...wrap(reasonText(f, lang), width, '   '));
      });
      out.push(x.countedSum({ jp: num.format(countedJp(e)) }));
    }
    out.push('', c.bold(x.rosterRows));
    for (const row of e.rosterRows) {
      const extra = row.totalJp !== undefined ? `; ${x.total({ jp: num.format(row.totalJp) })}` : row.reasons ? `; ${row.reasons.map(message).join('; ')}` : '';
      out.push(`- ${row.file}:${row.row}: ${x.rosterOutcomes[row.outcome]}${extra}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * The JP an employee's counted records add up to, as check counts them: under `countIn: split`, each
 * record's share of the year (`countedJp`), else its JP. It is the employee's JP.
 */
export function countedJp(e: Explanation): number {
  const sum = e.records.filter((r) => r.outcome === 'counted').reduce((s, r) => s + (r.countedJp ?? r.jp ?? 0), 0);
  return Math.round(sum * 1000) / 1000;
}

/** Why a record was not counted (or a note on it): the finding's message, and its column. */
export function reasonText(f: { code: string; args: Record<string, string | number>; column?: string | null }, lang: Lang): string {
  const findings = catalogue(lang).findings;
  return `${findings[f.code as keyof typeof findings](f.args)}${f.column ? ` [${f.column}]` : ''}`;
}

/** The duty worked out, a line each: service, exemptions, the months that count, the formula. */
export function dutyLines(e: Explanation, lang: Lang): string[] {
  const l = catalogue(lang).labels;
  const x = l.explain;
  const d = e.duty;
  const months = catalogue(lang).months;
  const lines: string[] = [];
  if (!d.prorated) lines.push(x.prorateOff);
  else if (d.serviceStart === null && d.serviceEnd === null) lines.push(x.serviceNone);
  else lines.push(x.service({ start: d.serviceStart ?? '-', end: d.serviceEnd ?? '-' }));
  for (const ex of d.exemptions) {
    lines.push(x.exemption({ reason: ex.reason, from: ex.from ?? '', to: ex.to ?? '', source: ex.source === 'status' ? x.fromStatus : `${ex.source.file}:${ex.source.row}` }));
  }
  const list = d.monthly
    .filter((m) => m.state !== 'counts')
    .map((m) => `${months[m.month - 1]}: ${x.monthStates[m.state]}${m.reason ? ` (${m.reason})` : ''}`)
    .join(', ');
  if (d.formula === null) lines.push(x.owesNothing({ status: l.statuses[e.status] }));
  else {
    lines.push(x.months({ months: d.months, list }));
    lines.push(x.formula({ type: d.type, formula: d.formula, min: d.min }));
    if (e.expectedJp !== e.requiredJp) lines.push(x.expected({ asOf: e.asOf, expected: e.expectedJp }));
  }
  if (d.max !== null) lines.push(x.max({ max: d.max }));
  return lines;
}

/** Lines of at most `width` characters, broken at spaces, each starting with `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
