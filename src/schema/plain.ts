import type { Cell } from '../io/types.js';
import { type DateOrder, parseDate } from '../normalize/dates.js';
import { parseNip } from '../normalize/nip.js';
import { parseJp } from '../normalize/numbers.js';
import type { Sheet } from '../normalize/sheet.js';
import { cellText } from '../normalize/text.js';
import type { TrainingRow } from './rows.js';

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
  return { nip: nip.nip, training: at.training >= 0 ? cellText(cells[at.training]) : '', start: (start ?? end)!, end: (end ?? start)!, jp: jp.value, dated: true };
}

/** Text that `noteSerialDates` looks at: five digits first. */
function serialText(v: Cell | undefined): boolean {
  return typeof v === 'string' && /^\s*\d{5}/.test(v);
}
