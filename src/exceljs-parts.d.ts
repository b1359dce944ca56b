// exceljs's streaming writer and its enums, loaded alone by src/report/xlsx/stream.ts (the package's
// types cover only its main entry); the shapes used are asserted where they are imported.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  const WorkbookWriter: unknown;
  export default WorkbookWriter;
}
declare module 'exceljs/lib/doc/enums.js' {
  const enums: unknown;
  export default enums;
}
