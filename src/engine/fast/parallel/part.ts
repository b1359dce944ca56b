import type { RosterIndex } from '../partitions.js';
import type { RowRef } from '../../../audit/types.js';
import { Deferred, type DeferredCounter, type KeysAt, settleByHash, type SpillSource } from '../partitions.js';
import { type Finding, Findings, type Omission } from '../../../audit/findings.js';
import { account, type InputAccount, type OnProgress } from '../../../ingest.js';
import { type FilePart, type PartRows, type PartScan, renumber } from '../scan.js';
import { nipText } from '../../../normalize/bytes.js';
import { openSource } from '../../../io/source.js';
import { openSheet, type Sheet } from '../../../normalize/sheet.js';
import type { Schemas } from '../../../schema/rows.js';
import { classifyRecord, readTraining, type TrainingContext } from '../../../training.js';
import { trace } from '../../../trace.js';
import { COUNTERS, type Counters, type Outcomes, type WorkerInit } from './protocol.js';

export type { Outcomes } from './protocol.js';

/** What reading a part of a training file needs besides the part. */
export interface PartReader {
  deferred: DeferredCounter;
  findings: Findings;
  schemas: Schemas;
  init: Pick<WorkerInit, 'read' | 'header' | 'schema' | 'files' | 'forcedEncoding'>;
  onProgress?: OnProgress;
}

/** What reading a part left: the file's sheet (to count its records later), what it added to the account, and its check. */
export interface PartRead {
  sheet: Sheet;
  counters: Counters;
  /** For an unchecked part (see `speculativeParts`): what reading it found. */
  scan?: PartScan;
}

const countersOf = (acc: InputAccount) => Object.fromEntries(COUNTERS.map((k) => [k, acc[k]])) as Counters;

/**
 * Reads one part of a training file with the byte scanner, keeping its records in `deferred` for
 * counting once every part is read, and its findings of reading in `findings`: what a worker
 * thread does with its part, and the main thread with the part it reads itself (see
 * `TrainingPool.readLocal`). A file read again (its unchecked parts did not make it) first
 * forgets what the first reading kept (`again`).
 */
export async function readPart(path: string, fileIndex: number, part: FilePart, o: PartReader, again = false): Promise<PartRead> {
  if (again) o.deferred.parts.dropFile(fileIndex);
  const sheet = await openSheet(await openSource(path, o.init.read), o.init.header);
  const acc = account(sheet, 'training');
  // Not zeros: a new account starts with the sheet's blank rows after the header, which the
  // main thread's own account of the file counts once.
  const before = countersOf(acc);
  const ctx: TrainingContext = { counter: o.deferred, findings: o.findings, schemas: o.schemas, order: o.init.schema.order, files: o.init.files, fast: true, forcedEncoding: o.init.forcedEncoding, part };
  if (o.onProgress) ctx.onProgress = o.onProgress;
  let scan: PartScan | undefined;
  if (part.unchecked) ctx.onScanned = (s) => (scan = s);
  try {
    await readTraining(sheet, acc, fileIndex, ctx, path);
  } catch (e) {
    // An unchecked part may have been cut in a quoted field, so what went wrong may not be so:
    // the file is read again, cut exactly (where the error is met with its right row).
    if (!part.unchecked) throw e;
    scan = { scannable: false, rows: part.row };
  }
  o.deferred.parts.endFile();
  const counters = Object.fromEntries(COUNTERS.map((k) => [k, acc[k] - before[k]])) as Counters;
  const out: PartRead = { sheet, counters };
  if (scan) out.scan = scan;
  return out;
}

/** What counting a share of the partitions needs (see `countParts`). */
export interface PartCounter {
  roster: RosterIndex;
  /** Every thread's blocks, in the order the parts were read. */
  sources: SpillSource[];
  /** The partitions to count. */
  mine: (part: number) => boolean;
  /** Who counts, for the trace. */
  who: string;
}

/** A share of the partitions counted by hash (`countParts`), and the confirmation of its duplicates. */
export interface Counted {
  jp: Float64Array<ArrayBuffer>;
  records: Uint32Array<ArrayBuffer>;
  outcomes: Outcomes;
  /**
   * Confirms the duplicates by the records' exact keys (`keysAt`: read again, with their names):
   * the duplicates' names, in the outcomes' order, and the counts and outcomes again when a hash
   * match was not a duplicate after all (`corrected`; only then).
   */
  confirm(keysAt: KeysAt): { names: string[]; repeats: number; corrected?: { jp: Float64Array<ArrayBuffer>; records: Uint32Array<ArrayBuffer>; outcomes: Outcomes } };
}


/**
 * Counts a share of the partitions (by NIP) of every thread's kept records against the roster:
 * the JP and record counts by roster index, and what did not count (`outcomes`), first by the
 * records' key hashes, so that the main thread works out the figures while `confirm` checks each
 * hash match by the records' exact keys (read again with the duplicates' training names). Only a
 * genuine hash collision changes anything; then `confirm` gives the counts again.
 * What a worker thread does once every file is read.
 */
export function countParts(o: PartCounter): Counted {
  const jp = new Float64Array(o.roster.employees);
  const records = new Uint32Array(o.roster.employees);
  const out = new Deferred();
  trace(`${o.who}: counting`);
  const settled = settleByHash(o.sources, o.mine, o.roster, jp, records, out);
  trace(`${o.who}: counted, ${out.n} other outcomes`);
  const first = outcomesOf(out);
  // Copies go with the first message: confirming may still change these.
  return {
    jp: jp.slice(),
    records: records.slice(),
    outcomes: first.outcomes,
    confirm(keysAt) {
      const { changed, repeats } = settled.confirm(keysAt);
      if (!changed) {
        // Nothing changed: the names, read with the keys, in the first outcomes' order.
        const names = new Array<string>(first.order.length);
        for (let k = 0; k < names.length; k++) names[k] = out.name[first.order[k]!] ?? '';
        return { names, repeats };
      }
      const now = outcomesOf(out);
      return { names: now.names, repeats, corrected: { jp, records, outcomes: now.outcomes } };
    },
  };
}

/** The outcomes in `out` in row order, with the duplicates' names read with their keys ('' for the others). */
function outcomesOf(out: Deferred): { outcomes: Outcomes; names: string[]; order: Uint32Array } {
  const order = out.ordered();
  const n = order.length;
  const outcomes: Outcomes = { kind: new Uint8Array(n), file: new Uint32Array(n), row: new Uint32Array(n), a: new Uint32Array(n), b: new Uint32Array(n), counted: [...out.counted] };
  const names = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const j = order[k]!;
    names[k] = out.name[j] ?? '';
    outcomes.kind[k] = out.kind[j]!;
    outcomes.file[k] = out.file[j]!;
    outcomes.row[k] = out.row[j]!;
    outcomes.a[k] = out.a[j]!;
    outcomes.b[k] = out.b[j]!;
  }
  return { outcomes, names, order };
}

/**
 * The training names of the duplicates among `outcomes` that may be listed (by outcome, '' for the
 * others): the first `limit` of each file, in row order, of `names` (read with the duplicates' keys,
 * see `countParts`). Of several threads' outcomes merged, a file's first `limit` are among each
 * thread's own first `limit`.
 */
export function listedNames(outcomes: Outcomes, names: readonly string[], limit: number): string[] {
  const n = outcomes.kind.length;
  const out = new Array<string>(n).fill('');
  const listed = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    if (outcomes.kind[k] !== Deferred.DUPLICATE) continue;
    const file = outcomes.file[k]!;
    const count = listed.get(file) ?? 0;
    if (count >= limit) continue;
    listed.set(file, count + 1);
    out[k] = names[k] ?? '';
  }
  return out;
}

/**
 * Names the duplicates' findings made before their names came (`OutcomeContext.later`), as
 * `classifyRecord` names them: the training name as the finding's value, none when empty.
 */
export function nameFindings(later: ReadonlyArray<[Finding, number]>, names: readonly string[]): void {
  for (const [f, j] of later) {
    const name = names[j] ?? '';
    if (name !== '') f.value = name;
  }
}

/** Merges outcomes of several threads, each in file and row order, into one in that order. */
export function mergeOutcomes(list: readonly Outcomes[]): { outcomes: Outcomes; order: Uint32Array } {
  const n = list.reduce((a, o) => a + o.kind.length, 0);
  const identity = () => {
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k++) order[k] = k;
    return order;
  };
  // One thread's: in order already, and not copied (a file of unknown NIPs has one a record).
  if (list.length === 1) return { outcomes: list[0]!, order: identity() };
  const all: Outcomes = { kind: new Uint8Array(n), file: new Uint32Array(n), row: new Uint32Array(n), a: new Uint32Array(n), b: new Uint32Array(n), counted: [] };
  const counted = new Map<number, number>();
  let at = 0;
  for (const o of list) {
    all.kind.set(o.kind, at);
    all.file.set(o.file, at);
    all.row.set(o.row, at);
    all.a.set(o.a, at);
    all.b.set(o.b, at);
    at += o.kind.length;
    for (const [f, c] of o.counted) counted.set(f, (counted.get(f) ?? 0) + c);
  }
  all.counted = [...counted];
  // A row belongs to one thread: no ties.
  const order = identity().sort((x, y) => all.file[x]! - all.file[y]! || all.row[x]! - all.row[y]!);
  return { outcomes: all, order };
}

/** What making the findings of counting needs, besides the outcomes (see `outcomeFindings`). */
export interface OutcomeContext {
  /** Every training file by file index: its sheet, for where its findings point. */
  sheets: ReadonlyMap<number, Sheet>;
  /** Every input file by file index, for the findings that name the first copy of a duplicate. */
  files: readonly string[];
  /** How to renumber the rows of files read in unchecked parts, by file index. */
  rows: Record<number, PartRows>;
  /** Roster rows rejected, by NIP: an unknown NIP may be one of them. */
  rejected: ReadonlyMap<string, RowRef>;
  /** Findings of one code kept per file. */
  limit: number;
  /**
   * When given, the duplicates' names are not read yet (`names` is not used): each duplicate's
   * finding kept goes here with its outcome, to be named once the names come (`nameFindings`).
   */
  later?: Array<[Finding, number]>;
}

/**
 * What counting added to each training file, as one thread adds it reading the file: records
 * counted, unknown NIPs and duplicates, with their findings in row order (at most `limit` of a
 * code, the rest counted as omitted). `order`: the outcomes' order (see `mergeOutcomes`);
 * `names`: the duplicates' training names by outcome (see `readNames`).
 */
export function outcomeFindings(outcomes: Outcomes, order: Uint32Array, names: readonly string[], o: OutcomeContext): Map<number, { counters: Counters; findings: Finding[]; omitted: Omission[] }> {
  const counted = new Map(outcomes.counted);
  const result = new Map<number, { counters: Counters; findings: Finding[]; omitted: Omission[] }>();
  let k = 0;
  for (const [fileIndex, sheet] of [...o.sheets].sort((x, y) => x[0] - y[0])) {
    // What counting adds: a new account's counters are not zeros (see `readPart`).
    const acc = account(sheet, 'training');
    const before = countersOf(acc);
    acc.counted += counted.get(fileIndex) ?? 0;
    const findings = new Findings(o.limit);
    const ctx = { findings, files: o.files };
    for (; k < order.length && outcomes.file[order[k]!] === fileIndex; k++) {
      const j = order[k]!;
      const row = renumber(o.rows[fileIndex], outcomes.row[j]!);
      if (outcomes.kind[j] === Deferred.UNKNOWN) {
        const nip = nipText(outcomes.a[j]!, outcomes.b[j]!);
        const rejectedAt = o.rejected.get(nip);
        classifyRecord(rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' }, nip, () => '', sheet, row, acc, ctx);
      } else {
        const first = { file: outcomes.a[j]!, row: renumber(o.rows[outcomes.a[j]!], outcomes.b[j]!) };
        const kept = findings.list.length;
        classifyRecord({ kind: 'duplicate', first }, '', () => (o.later ? '' : (names[j] ?? '')), sheet, row, acc, ctx);
        if (o.later && findings.list.length > kept) o.later.push([findings.list[kept]!, j]);
      }
    }
    const counters = Object.fromEntries(COUNTERS.map((c) => [c, acc[c] - before[c]])) as Counters;
    result.set(fileIndex, { counters, findings: findings.list, omitted: findings.omissions() });
  }
  return result;
}
