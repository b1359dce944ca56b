import { createReadStream } from 'node:fs';
import { Parser } from 'htmlparser2';
import { JpAuditError } from '../errors.js';
import { countBytes } from './csv.js';
import { decodeStream } from './decode.js';
import { chooseUnit, GridRow, type GridEvent } from './grid.js';
import type { Cell, RawRow, ReadOptions, RowSource, SourceInfo } from './types.js';

/** HTML caps a cell's colspan at 1000 and its rowspan at 65534 (the HTML standard's table model). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65_534;
/** Excel's tallest sheet. */
const MAX_ROWS = 1_048_576;

type Handlers = ConstructorParameters<typeof Parser>[0];

/**
 * Feeds text to an htmlparser2 parser and gives the events its callbacks queued, a chunk at a time,
 * so only one chunk's rows are ever held. An error raised in a callback ends the reading.
 */
async function* pump(chunks: AsyncIterable<string>, make: (queue: GridEvent[], fail: (e: unknown) => void) => Handlers, xmlMode: boolean): AsyncGenerator<GridEvent> {
  const queue: GridEvent[] = [];
  let failure: unknown;
  const fail = (e: unknown) => {
    failure ??= e;
  };
  const parser = new Parser(make(queue, fail), { xmlMode, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure !== undefined) throw failure;
    for (const e of queue) yield e;
    queue.length = 0;
  }
  parser.end();
  if (failure !== undefined) throw failure;
  yield* queue;
}

function intAttr(v: string | undefined, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number.parseInt(v.trim(), 10);
  if (!Number.isFinite(n)) return dflt;
  return Math.min(Math.max(n, min), max);
}

/** A cell's text as a browser shows it: runs of white space are one space, `<br>` is a line break. */
function cellValue(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f]+/g, ' ').trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

const BLOCKS = new Set(['p', 'div', 'li', 'tr']);

/**
 * The tables of an HTML page as grid events, each table a unit named `table N`. A table inside a cell
 * gives its text to that cell. Entities are decoded; `<br>` and block elements inside a cell are line
 * breaks; colspan and rowspan are laid out (see `GridRow`).
 */
export function htmlEvents(chunks: AsyncIterable<string>, file: string): AsyncGenerator<GridEvent> {
  return pump(
    chunks,
    (queue, fail) => {
      const grid = new GridRow(file, 'table-too-wide');
      let depth = 0;
      let tables = 0;
      let row = 0;
      let inRow = false;
      let inCell = false;
      let col = 0;
      let text = '';
      let across = 0;
      let down = 0;
      const endCell = () => {
        if (!inCell) return;
        inCell = false;
        const at = grid.free(col);
        try {
          grid.put(at, cellValue(text), across, down, row);
        } catch (e) {
          fail(e);
        }
        col = at + across + 1;
      };
      const endRow = () => {
        endCell();
        if (!inRow) return;
        inRow = false;
        queue.push({ kind: 'row', row: { row, cells: grid.finish() } });
      };
      const startRow = () => {
        endRow();
        inRow = true;
        row++;
        col = 0;
        grid.start();
      };
      return {
        onopentag(name, attrs) {
          if (name === 'table') {
            if (depth++ === 0) {
              queue.push({ kind: 'unit', index: tables, name: `table ${++tables}` });
              row = 0;
              grid.reset();
            }
            return;
          }
          if (depth !== 1) {
            if (inCell && (name === 'br' || BLOCKS.has(name))) text += '\n';
            return;
          }
          if (name === 'tr') startRow();
          else if (name === 'td' || name === 'th') {
            if (!inRow) startRow();
            endCell();
            inCell = true;
            text = '';
            across = intAttr(attrs.colspan, 1, MAX_COLSPAN, 1) - 1;
            const rs = intAttr(attrs.rowspan, 0, MAX_ROWSPAN, 1);
            down = rs === 0 ? MAX_ROWSPAN - 1 : rs - 1;
          } else if (inCell && (name === 'br' || BLOCKS.has(name))) text += '\n';
        },
        ontext(t) {
          if (inCell) text += t.replace(/[ \t\n\r\f]+/g, ' ');
        },
        onclosetag(name) {
          if (name === 'table') {
            if (depth === 1) endRow();
            depth = Math.max(0, depth - 1);
            return;
          }
          if (depth !== 1) {
            if (inCell && BLOCKS.has(name)) text += '\n';
            return;
          }
          if (name === 'td' || name === 'th') endCell();
          else if (name === 'tr') endRow();
          else if (inCell && BLOCKS.has(name)) text += '\n';
        },
      };
    },
    false,
  );
}

/** The local part of a possibly prefixed XML name (`ss:Index` → `index`). */
function local(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

function attr(attrs: Record<string, string>, name: string): string | undefined {
  for (const k in attrs) if (local(k) === name) return attrs[k];
  return undefined;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** A SpreadsheetML `<Data>` as a cell: Number as a number, DateTime as a date, Boolean as true/false. */
export function dataCell(type: string | undefined, text: string): Cell {
  switch (type) {
    case 'Number': {
      const t = text.trim();
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : text;
    }
    case 'DateTime': {
      const m = DATE_TIME.exec(text.trim());
      if (!m) return text;
      return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
    }
    case 'Boolean':
      return text.trim() === '1' ? true : text.trim() === '0' ? false : text;
    case 'Error':
      return null;
    default:
      return text;
  }
}

/**
 * The worksheets of an Excel 2003 XML workbook as grid events, each named by `ss:Name`. `ss:Index`
 * places rows and cells after gaps; `ss:MergeAcross` and `ss:MergeDown` span as merged cells do.
 * A document that declares entities (the "billion laughs" bomb) is refused before any is used:
 * the parser never expands them, and no real workbook declares any.
 */
export function spreadsheetmlEvents(chunks: AsyncIterable<string>, file: string): AsyncGenerator<GridEvent> {
  return pump(
    chunks,
    (queue, fail) => {
      const grid = new GridRow(file, 'table-too-wide');
      let sheets = 0;
      let inSheet = false;
      let inTable = false;
      let inRow = false;
      let inCell = false;
      let inData = false;
      let comment = 0;
      let row = 0;
      let col = 0;
      let across = 0;
      let down = 0;
      let type: string | undefined;
      let text = '';
      let value: Cell = null;
      return {
        onprocessinginstruction(name, data) {
          if (/^!entity/i.test(name) || /<!entity/i.test(data)) fail(new JpAuditError('xml-entities', {}, file));
        },
        onopentag(name, attrs) {
          switch (local(name)) {
            case 'worksheet':
              inSheet = true;
              queue.push({ kind: 'unit', index: sheets, name: attr(attrs, 'name') ?? `Sheet${sheets + 1}` });
              sheets++;
              row = 0;
              grid.reset();
              break;
            case 'table':
              inTable = inSheet;
              break;
            case 'row': {
              if (!inTable) break;
              const at = attr(attrs, 'index');
              row = at === undefined ? row + 1 : intAttr(at, row + 1, Number.MAX_SAFE_INTEGER, row + 1);
              if (row > MAX_ROWS) fail(new JpAuditError('table-too-long', { row, limit: MAX_ROWS }, file));
              inRow = true;
              col = 0;
              grid.start();
              break;
            }
            case 'cell': {
              if (!inRow) break;
              const at = attr(attrs, 'index');
              if (at !== undefined) col = intAttr(at, col + 1, Number.MAX_SAFE_INTEGER, col + 1) - 1;
              across = intAttr(attr(attrs, 'mergeacross'), 0, MAX_COLSPAN * 16, 0);
              down = intAttr(attr(attrs, 'mergedown'), 0, MAX_ROWS, 0);
              inCell = true;
              value = null;
              break;
            }
            case 'data':
              if (inCell && comment === 0) {
                inData = true;
                type = attr(attrs, 'type');
                text = '';
              }
              break;
            case 'comment':
              if (inCell) comment++;
              break;
          }
        },
        ontext(t) {
          if (inData) text += t;
        },
        onclosetag(name) {
          switch (local(name)) {
            case 'data':
              if (inData) value = dataCell(type, text);
              inData = false;
              break;
            case 'comment':
              if (comment > 0) comment--;
              break;
            case 'cell':
              if (!inCell) break;
              inCell = false;
              try {
                grid.put(col, value, across, down, row);
              } catch (e) {
                fail(e);
              }
              col += across + 1;
              break;
            case 'row':
              if (!inRow) break;
              inRow = false;
              queue.push({ kind: 'row', row: { row, cells: grid.finish() } });
              break;
            case 'table':
              inTable = false;
              break;
            case 'worksheet':
              inSheet = false;
              break;
          }
        },
      };
    },
    true,
  );
}

function fileText(path: string, info: SourceInfo, options: ReadOptions): AsyncIterable<string> {
  return decodeStream(countBytes(createReadStream(path, { highWaterMark: 1 << 20 }), info), info, options.encoding);
}

/**
 * An HTML page saved as `.xls` (what PHP/Laravel "export to Excel" serves): the table `--sheet`
 * names (`2` or `table 2`), else the first whose header names the NIP, else the largest.
 */
export class HtmlSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly path: string,
    file: string,
    private readonly options: ReadOptions = {},
    size?: number,
  ) {
    this.info = { file, format: 'html' };
    if (size !== undefined) this.info.size = size;
  }

  rows(): AsyncIterable<RawRow> {
    const wanted = this.options.sheet;
    return chooseUnit(() => htmlEvents(fileText(this.path, this.info, this.options), this.info.file), {
      ...(wanted !== undefined ? { wanted: /^\d+$/.test(wanted.trim()) ? `table ${wanted.trim()}` : wanted } : {}),
      fallback: 'largest',
      noneCode: 'html-no-table',
      file: this.info.file,
      onChosen: (name) => (this.info.sheet = name),
    });
  }
}

/** An Excel 2003 XML workbook: the sheet `--sheet` names, else the first with a header, else the first. */
export class SpreadsheetMlSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly path: string,
    file: string,
    private readonly options: ReadOptions = {},
    size?: number,
  ) {
    this.info = { file, format: 'spreadsheetml' };
    if (size !== undefined) this.info.size = size;
  }

  rows(): AsyncIterable<RawRow> {
    return chooseUnit(() => spreadsheetmlEvents(fileText(this.path, this.info, this.options), this.info.file), {
      ...(this.options.sheet !== undefined ? { wanted: this.options.sheet } : {}),
      fallback: 'first',
      noneCode: 'spreadsheetml-no-sheets',
      file: this.info.file,
      onChosen: (name) => (this.info.sheet = name),
    });
  }
}
