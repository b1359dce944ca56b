import { type EmployeeColumns, type EmployeeSource, TYPE_CODES } from '../../audit/employees.js';
import { type Assessment, dutyOf, type Exemption, judge, type Service, type Status, statusOf } from '../../rules/duty.js';
import type { EmployeeType } from '../../normalize/types.js';
import type { EmployeeResult, Extras } from '../../audit/types.js';
import { nipText } from '../../normalize/bytes.js';
import { roundJp } from '../../normalize/numbers.js';
import { type AsciiNames, kernelEnabled, REPORT_OTHER, ReportKernel } from './kernel.js';

// The fast engine's employees: a result's employees made from its typed columns a range at a time,
// and written as JSON straight from them (by the report kernel when the names are ASCII bytes).

/** A number as JSON writes it (JSON has no NaN or infinities). */
const jsonNumber = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

/**
 * The employees of `c` as a source, and each one's assessment by roster index. `ascii`: the names
 * (when strings) checked ASCII, for the report kernel to write from.
 */
export function columnsSource(c: EmployeeColumns, ascii?: AsciiNames): EmployeeSource & { assess(i: number): Assessment; status(i: number): Status; columns: EmployeeColumns; jsonItems(from: number, to: number): string; jsonBytes?(from: number, to: number, view?: boolean): Uint8Array } {
  const n = c.order.length;
  const extras = c.extras;
  const namesAreText = Array.isArray(c.names);
  /** A name by roster index, made when first asked for (with the report kernel, only for the employees it leaves). */
  let nameOf = (i: number): string => {
    const names = c.names;
    if (Array.isArray(names)) nameOf = (k: number) => (names as readonly string[])[k]!;
    else {
      // One string of all the (ASCII) names, each name a cheap slice of it.
      const { bytes, ends } = names as { bytes: Uint8Array; ends: Uint32Array };
      const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      nameOf = (k: number) => all.substring(k === 0 ? 0 : ends[k - 1]!, ends[k]!);
    }
    return nameOf(i);
  };
  const none: Service = {};
  const noExemptions: Exemption[] = [];
  const dutyFor = (type: EmployeeType, x: Extras | undefined) =>
    dutyOf({ min: c.policy.requirements[type].min, year: c.year, asOf: c.asOf, service: x?.service ?? none, exemptions: x?.exemptions ?? noExemptions, prorate: c.prorate });
  // Employees without service dates or exemptions owe what others of their type owe.
  const plainDuty = new Map(TYPE_CODES.map((t) => [t, dutyFor(t, undefined)]));
  /** Each OPD's name as a JSON string, made when first written. */
  const opdJson: Array<string | undefined> = [];
  // An employee without service dates or exemptions is judged by type and JP alone: the same
  // few hundred JP values recur, so each type's judgements are kept (up to a bound).
  const judged = TYPE_CODES.map(() => new Map<number, Assessment>());
  const assess = (i: number): Assessment => {
    const x = extras.get(i);
    const code = c.types[i]!;
    const type = TYPE_CODES[code]!;
    const jp = roundJp(c.jp[i]!);
    if (x !== undefined) return judge(dutyFor(type, x), jp);
    const seen = judged[code]!;
    let a = seen.get(jp);
    if (a === undefined) {
      // Shared by every employee of that type and JP: frozen, so no reader can change the others'.
      a = Object.freeze(judge(plainDuty.get(type)!, jp)) as Assessment;
      if (seen.size < 65_536) seen.set(jp, a);
    }
    return a;
  };
  const plainDuties = TYPE_CODES.map((t) => plainDuty.get(t)!);
  /** `assess(i).status`; for an employee without service dates or exemptions, without an assessment. */
  const status = (i: number): Status => (extras.size > 0 && extras.has(i) ? assess(i).status : statusOf(plainDuties[c.types[i]!]!, roundJp(c.jp[i]!)));
  const source: EmployeeSource & { assess(i: number): Assessment; status(i: number): Status; columns: EmployeeColumns; jsonItems(from: number, to: number): string } = {
    length: n,
    columns: c,
    assess,
    status,
    range(from, to) {
      const out: EmployeeResult[] = [];
      for (let k = Math.max(0, from); k < Math.min(n, to); k++) {
        const i = c.order[k]!;
        const a = assess(i);
        out.push({
          nip: nipText(c.nipHi[i]!, c.nipLo[i]!),
          name: nameOf(i),
          type: TYPE_CODES[c.types[i]!]!,
          opd: c.opds[c.opdOf[i]!]!,
          jp: roundJp(c.jp[i]!),
          requiredJp: a.requiredJp,
          expectedJp: a.expectedJp,
          shortfallJp: a.shortfallJp,
          status: a.status,
          months: a.months,
          records: c.records[i]!,
          exemptReason: a.exemptReason ?? null,
        });
      }
      return out;
    },
    // What JSON.stringify writes for `range`'s objects at depth 2 with two-space indents, field
    // by field: twice as fast as JSON.stringify, and no object made. Only texts are escaped (by
    // JSON.stringify); NIPs, types and statuses are digits and fixed words. The JSON tests hold it
    // to JSON.stringify's text on odd names, exemptions and every status.
    jsonItems(from, to) {
      let s = '';
      for (let k = Math.max(0, from); k < Math.min(n, to); k++) {
        const i = c.order[k]!;
        const a = assess(i);
        let opd = opdJson[c.opdOf[i]!];
        if (opd === undefined) opd = opdJson[c.opdOf[i]!] = JSON.stringify(c.opds[c.opdOf[i]!]!);
        s += `${s === '' ? '' : ',\n'}    {
      "nip": "${nipText(c.nipHi[i]!, c.nipLo[i]!)}",
      "name": ${JSON.stringify(nameOf(i))},
      "type": "${TYPE_CODES[c.types[i]!]!}",
      "opd": ${opd},
      "jp": ${jsonNumber(roundJp(c.jp[i]!))},
      "requiredJp": ${jsonNumber(a.requiredJp)},
      "expectedJp": ${jsonNumber(a.expectedJp)},
      "shortfallJp": ${jsonNumber(a.shortfallJp)},
      "status": "${a.status}",
      "months": ${jsonNumber(a.months)},
      "records": ${c.records[i]!},
      "exemptReason": ${a.exemptReason === undefined ? 'null' : JSON.stringify(a.exemptReason)}
    }`;
      }
      return s;
    },
  };
  if ((namesAreText && ascii === undefined) || !kernelEnabled()) return source;
  // ASCII names as bytes (a report thread's copy): the report kernel writes the items, made
  // when first asked for. Employees with service dates or exemptions, a JP it cannot write
  // exactly, or past its table of judgements, are written by `jsonItems`.
  let kernel: ReportKernel | undefined;
  const PIECE = 4096;
  // An employee's judgement depends on type and JP alone (no service dates, no exemptions): its
  // fragment's id, by type and thousandths of a JP (small integers: a quick key).
  const aids = TYPE_CODES.map(() => new Map<number, number>());
  const prepare = (k: number, aid: Uint32Array, milli: Float64Array, slot: number) => {
    const i = c.order[k]!;
    const jp = roundJp(c.jp[i]!);
    if ((extras.size > 0 && extras.has(i)) || !(jp >= 0 && jp < 1e12)) {
      aid[slot] = REPORT_OTHER;
      return;
    }
    const m = Math.round(jp * 1000);
    const known = aids[c.types[i]!]!;
    let id = known.get(m);
    if (id === undefined) {
      const a = assess(i);
      id = a.exemptReason === undefined ? kernel!.judgementId(a, a) : REPORT_OTHER;
      known.set(m, id);
    }
    aid[slot] = id;
    milli[slot] = m;
  };
  const other = (k: number) => source.jsonItems(k, k + 1);
  return {
    ...source,
    jsonBytes(from: number, to: number, view = false) {
      if (kernel === undefined) {
        // It reads the columns where they are, a range at a time (it keeps no copy).
        kernel = new ReportKernel({ ...c, names: namesAreText ? ascii! : (c.names as { bytes: Uint8Array; ends: Uint32Array }) }, c.opds.map((o) => JSON.stringify(o)), TYPE_CODES, PIECE);
      }
      const parts: Uint8Array[] = [];
      // A view only of a single piece: the next piece would write over it.
      const one = Math.min(n, to) - Math.max(0, from) <= PIECE;
      if (view && one && from < n) return kernel.items(Math.max(0, from), Math.min(n, to), prepare, other, true);
      for (let k = Math.max(0, from); k < Math.min(n, to); k += PIECE) {
        if (parts.length > 0) parts.push(SEPARATOR);
        parts.push(kernel.items(k, Math.min(n, to, k + PIECE), prepare, other));
      }
      const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      // Its own buffer, exactly its size (a thread moves it, and a small Buffer may share a pool).
      return out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
    },
  };
}

const SEPARATOR = Buffer.from(',\n');

