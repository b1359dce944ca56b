import type { Cell } from '../io/types.js';
import { NONE } from '../normalize/amount.js';
import { type DateOrder, parseDate } from '../normalize/dates.js';
import { parseNip } from '../normalize/nip.js';
import { parseJp } from '../normalize/numbers.js';
import type { Sheet } from '../normalize/sheet.js';
import { cellText } from '../normalize/text.js';
import { decideType, type TypeDecision, type TypeRules, type TypeSource } from '../rules/employee-type.js';
import { NO_TOTAL } from './staff-rules.js';
import type { StaffRow, TrainingRow } from './rows.js';

/** Where a training sheet's fields are, for `plainTrainingRow`. */
export interface PlainTrainingColumns {
  nip: number;
  training: number;
  start: number;
  end: number;
  jp: number;
}

/**
 * The columns for `plainTrainingRow`, or undefined when the sheet has minutes, hours or year
 * columns (their rules are the schema's alone) or no JP column: such rows always take the schema.
 */
export function plainTrainingColumns(sheet: Sheet): PlainTrainingColumns | undefined {
  const c = sheet.mapping.columns;
  // A 1904 workbook's plain numbers in date columns are turned into dates by `pick`: the schema's way.
  if (sheet.info.date1904 || c.has('minutes') || c.has('hours') || c.has('year') || !c.has('jp') || !c.has('nip')) return undefined;
  return { nip: c.get('nip')!.index, training: c.get('training')?.index ?? -1, start: c.get('start')?.index ?? -1, end: c.get('end')?.index ?? -1, jp: c.get('jp')!.index };
}

/**
 * The training schema's result for a row it plainly accepts (a valid NIP, a date, end not before
 * start, a JP amount; an undated row takes the schema), made by the same rule functions without Zod's machinery; undefined for any
 * other row, which then goes through the schema to get its findings. The general reader's speed on
 * large sheets (an .xlsx, stdin); a test holds it equal to the schema on generated rows.
 */
export function plainTrainingRow(cells: readonly Cell[], at: PlainTrainingColumns, order: DateOrder): TrainingRow | undefined {
  const nip = parseNip(cells[at.nip]);
  if (!nip.ok) return undefined;
  const jpCell = cells[at.jp];
  if (typeof jpCell !== 'number' && cellText(jpCell) === '') return undefined;
  const jp = parseJp(jpCell);
  if (!jp.ok) return undefined;
  let start: number | undefined;
  let end: number | undefined;
  // A serial number written as text (`45700`) is a date the schema's caller reports (`date-from-serial`).
  if (serialText(cells[at.start]) || serialText(cells[at.end])) return undefined;
  if (at.start >= 0) {
    const d = parseDate(cells[at.start], order);
    if (d.ok) start = d.date;
    else if (d.reason !== 'empty') return undefined;
  }
  if (at.end >= 0) {
    const d = parseDate(cells[at.end], order);
    if (d.ok) end = d.date;
    else if (d.reason !== 'empty') return undefined;
  }
  if (start === undefined && end === undefined) return undefined;
  if (start !== undefined && end !== undefined && end < start) return undefined;
  return { nip: nip.nip, training: at.training >= 0 ? cellText(cells[at.training]) : '', start: (start ?? end)!, end: (end ?? start)!, jp: jp.value, unused: NONE, dated: true };
}

/** Text that `noteSerialDates` looks at: five digits first. */
function serialText(v: Cell | undefined): boolean {
  return typeof v === 'string' && /^\s*\d{5}/.test(v);
}

/** A roster row as the staff schema gives it, with a recap's total when the sheet has one. */
export type PlainStaffRow = StaffRow & { jp?: number; jpBlank?: boolean };

/** Type labels remembered per sheet at most: rosters use a handful; a sheet of unique labels just stops remembering. */
const TYPE_MEMO = 256;

/**
 * The staff schema (`staff`, or `staffTotal` for a recap) without Zod's machinery, for the roster
 * rows it plainly accepts: the same rule functions (`parseNip`, `cellText`, `decideType`,
 * `parseJp`), by column index, with no object per row but the result. Undefined for any other
 * row, which then goes through the schema to get its findings. A type label's decision is kept
 * (it does not depend on the NIP when the label is there), so `PELAKSANA - PNS` is parsed once a
 * sheet. The general reader's speed on large rosters (an .xlsx recap, stdin); a test holds it
 * equal to the schema on generated rows.
 */
export class PlainStaffReader {
  private readonly nip: number;
  private readonly name: number;
  private readonly type: number;
  private readonly cpns: number;
  private readonly opd: number;
  private readonly jp: number;
  private readonly byLabel = new Map<string, TypeDecision>();
  private readonly byLabelStatus = new Map<string, TypeDecision>();

  /** `totals`: the sheet is a recap, read as the `staffTotal` schema reads it (its JP column required). */
  constructor(
    sheet: Sheet,
    private readonly rules: TypeRules,
    private readonly totals: boolean,
  ) {
    const c = sheet.mapping.columns;
    const at = (f: 'nip' | 'name' | 'type' | 'cpnsStatus' | 'opd' | 'jp') => c.get(f)?.index ?? -1;
    this.nip = at('nip');
    this.name = at('name');
    this.type = at('type');
    this.cpns = at('cpnsStatus');
    this.opd = at('opd');
    this.jp = at('jp');
  }

  /** Can this sheet's rows be read plainly? (A roster needs its NIP and OPD columns; a recap its JP column too.) */
  get usable(): boolean {
    return this.nip >= 0 && this.opd >= 0 && (!this.totals || this.jp >= 0);
  }

  /** The schema's result for a row it plainly accepts; undefined for any other row. */
  row(cells: readonly Cell[]): PlainStaffRow | undefined {
    const nip = parseNip(cells[this.nip]);
    if (!nip.ok) return undefined;
    const opd = cellText(cells[this.opd]);
    if (opd === '') return undefined;
    // A column the row is too short to reach is no column, for the schema too (its cell is undefined).
    const typeCell = this.type < 0 ? undefined : cells[this.type];
    const statusCell = this.cpns < 0 ? undefined : cells[this.cpns];
    const d = this.decide(typeCell === undefined ? undefined : cellText(typeCell), statusCell === undefined ? undefined : cellText(statusCell), nip.nip);
    if (!d.ok) return undefined;
    const name = this.name < 0 ? '' : cellText(cells[this.name]);
    const type = d.type;
    const typeSource: TypeSource = d.source;
    if (!this.totals) return { nip: nip.nip, name, opd, type, typeSource };
    const v = cells[this.jp];
    if (NO_TOTAL.has(cellText(v))) return { nip: nip.nip, name, opd, type, typeSource, jp: 0, jpBlank: true };
    const jp = parseJp(v, true);
    return jp.ok ? { nip: nip.nip, name, opd, type, typeSource, jp: jp.value, jpBlank: false } : undefined;
  }

  private decide(label: string | undefined, status: string | undefined, nip: string): TypeDecision {
    if (label === undefined) return decideType(status === undefined ? { nip } : { cpnsStatus: status, nip }, this.rules);
    // With a status, the key holds the label's length first: no other label and status make it.
    const memo = status === undefined ? this.byLabel : this.byLabelStatus;
    const key = status === undefined ? label : `${label.length}:${label}${status}`;
    let d = memo.get(key);
    if (d === undefined) {
      d = decideType(status === undefined ? { label, nip } : { label, cpnsStatus: status, nip }, this.rules);
      if (memo.size < TYPE_MEMO) memo.set(key, d);
    }
    return d;
  }
}
