// Apart from fit.ts: the command line asks for the width without loading the table code (cli-table3).

/** The width a terminal report is laid out for: `COLUMNS`, else the terminal's, else 80. */
export function terminalWidth(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean; columns?: number }): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  if (stream.isTTY && stream.columns && stream.columns >= 20) return stream.columns;
  return 80;
}
