/**
 * An expected problem (missing file, unknown column, bad option): shown as one line, exit code 2,
 * no stack trace. `code` selects the message in the catalogue; `params` fill it in.
 */
export class JpAuditError extends Error {
  constructor(
    readonly code: string,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${code} ${JSON.stringify(params)}`);
    this.name = 'JpAuditError';
  }
}
