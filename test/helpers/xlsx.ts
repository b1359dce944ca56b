
// The zip writer is shared with the fixture scripts and the fuzzer.
export { type ZipPart, zip } from '../../scripts/lib/zip.mjs';
import { type ZipPart, zip } from '../../scripts/lib/zip.mjs';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const X = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;

export interface SheetSpec {
  name: string;
  /** The `<sheetData>` content (rows), written by hand. */
  rows: string;
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** `<si>` items' inner XML, in order. */
  shared?: string[];
  /** Number formats of cell styles 0, 1, 2, ... (numFmtId); custom codes from 164. */
  styles?: Array<number | string>;
  date1904?: boolean;
  /** Put the worksheets after every other entry (some writers' order). */
  sheetsLast?: boolean;
  /** Leave out the workbook's relationships. */
  noRels?: boolean;
  /** Change the parts before zipping (to damage one). */
  edit?: (parts: ZipPart[]) => ZipPart[];
}

/** A whole .xlsx from hand-written sheet XML: workbook, relationships, styles, shared strings. */
export function workbook(spec: BookSpec): Buffer {
  const sheetParts: ZipPart[] = spec.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: X(`<worksheet ${NS}><sheetData>${s.rows}</sheetData></worksheet>`) }));
  const wb = X(
    `<workbook ${NS}>${spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${spec.sheets
      .map((s, i) => `<sheet name="${s.name.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  const n = spec.sheets.length;
  const rels = X(
    `<Relationships xmlns="${PKG}">${spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>${spec.shared ? `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
  );
  const fmts = spec.styles ?? [0];
  const custom = fmts.map((f, i) => (typeof f === 'string' ? `<numFmt numFmtId="${164 + i}" formatCode="${f.replace(/"/g, '&quot;')}"/>` : '')).join('');
  const xfs = fmts.map((f, i) => `<xf numFmtId="${typeof f === 'string' ? 164 + i : f}" fontId="0" fillId="0" borderId="0" xfId="0"${f !== 0 ? ' applyNumberFormat="1"' : ''}/>`).join('');
  const styles = X(
    `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${custom ? `<numFmts count="${custom.split('<numFmt ').length - 1}">${custom}</numFmts>` : ''}<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${fmts.length}">${xfs}</cellXfs></styleSheet>`,
  );
  const ct = X(
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${spec.sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${spec.shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
  );
  const others: ZipPart[] = [
    { name: '[Content_Types].xml', data: ct },
    { name: '_rels/.rels', data: X(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: wb },
    ...(spec.noRels ? [] : [{ name: 'xl/_rels/workbook.xml.rels', data: rels }]),
    { name: 'xl/styles.xml', data: styles },
    ...(spec.shared ? [{ name: 'xl/sharedStrings.xml', data: X(`<sst ${NS} count="${spec.shared.length}" uniqueCount="${spec.shared.length}">${spec.shared.map((s) => `<si>${s}</si>`).join('')}</sst>`) }] : []),
  ];
  let parts = spec.sheetsLast ? [...others, ...sheetParts] : [others[0]!, others[1]!, others[2]!, ...sheetParts, ...others.slice(3)];
  if (spec.edit) parts = spec.edit(parts);
  return zip(parts);
}

/** A row of inline-string and number cells, with or without `r=` on the row and its cells. */
export function row(n: number | undefined, cells: Array<string | number | null>, refs = true): string {
  const col = (i: number): string => String.fromCharCode(65 + i);
  const body = cells
    .map((c, i) => {
      if (c === null) return '';
      const r = refs && n !== undefined ? ` r="${col(i)}${n}"` : '';
      return typeof c === 'number' ? `<c${r}><v>${c}</v></c>` : `<c${r} t="inlineStr"><is><t>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
    })
    .join('');
  return `<row${refs && n !== undefined ? ` r="${n}"` : ''}>${body}</row>`;
}
