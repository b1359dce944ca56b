import { createReadStream } from 'node:fs';
import { JpAuditError } from '../errors.js';
import type { Cell, RawRow, ReadOptions, RowSource, SourceInfo } from './types.js';
import { preflightXlsx } from './zip.js';

interface SheetReader {
  id?: string | number;
  name?: string;
  [Symbol.asyncIterator](): AsyncIterator<{ number: number; values: unknown[] }>;
}

interface WorkbookModel {
  sheets?: Array<{ name: string; id: number }>;
}

/** Turns an exceljs cell value into a plain cell: formulas give their cached result. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? toCell(o.result) : null;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('text' in o) return toCell(o.text);
    if ('error' in o) return null;
  }
  return null;
}

/**
 * An .xlsx sheet read with exceljs's streaming reader, so a large sheet is never held in memory.
 * The first sheet in the workbook's order is read unless `--sheet` names another.
 */
export class XlsxSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly path: string,
    file: string,
    private readonly options: ReadOptions = {},
    size?: number,
  ) {
    this.info = { file, format: 'xlsx' };
    if (size !== undefined) this.info.size = size;
  }

  async *rows(): AsyncGenerator<RawRow> {
    await preflightXlsx(this.path, this.info.file);
    const ExcelJS = await loadExcelJs();
    const stream = createReadStream(this.path);
    this.info.bytesRead = 0;
    stream.on('data', (c) => (this.info.bytesRead! += c.length));
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    const wanted = this.options.sheet;
    const seen: string[] = [];
    let found = false;
    try {
      for await (const sheet of reader as unknown as AsyncIterable<SheetReader>) {
        const model = (reader as unknown as { model?: WorkbookModel }).model;
        const order = model?.sheets?.map((s) => s.name) ?? [];
        const name = sheet.name ?? `Sheet${String(sheet.id ?? seen.length + 1)}`;
        seen.push(name);
        const isTarget =
          wanted !== undefined
            ? name === wanted || name.toLowerCase() === wanted.toLowerCase()
            : order.length > 0
              ? name === order[0]
              : seen.length === 1;
        if (!isTarget || found) {
          // Drain other sheets so the zip stream moves on.
          for await (const _ of sheet) void _;
          continue;
        }
        found = true;
        this.info.sheet = name;
        for await (const r of sheet) {
          const values = r.values;
          const cells: Cell[] = [];
          for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
          yield { row: r.number, cells };
        }
      }
    } catch (e) {
      if (e instanceof JpAuditError) throw e;
      throw new JpAuditError('xlsx-unreadable', { detail: firstLine(e) }, this.info.file);
    }
    if (!found) {
      if (wanted !== undefined) throw new JpAuditError('sheet-not-found', { sheet: wanted, sheets: seen.join(', ') }, this.info.file);
      throw new JpAuditError('xlsx-no-sheets', {}, this.info.file);
    }
  }
}

/** exceljs is CommonJS and large: loaded only when an .xlsx is read or written. */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default ?? mod;
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 200);
}
