import { existsSync } from 'node:fs';

/**
 * The programs some tests need besides Node: Chromium (the HTML report in a real browser) and
 * LibreOffice (the Excel report opened by another program). Without them those tests are skipped
 * on a developer's machine, said once (see `tools-setup.ts`); in CI (`CI` set) they fail instead.
 */
export interface Tool {
  name: string;
  /** Where it was found, if it was. */
  path: string | undefined;
  /** The tests that need it. */
  tests: string;
  install: string;
}

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const SOFFICE_PATHS = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'];

// JP_AUDIT_TEST_HIDE_TOOLS=1 acts as a machine without them, to see what such a run says.
const first = (paths: readonly string[]) => (process.env.JP_AUDIT_TEST_HIDE_TOOLS ? undefined : paths.find((p) => existsSync(p)));

export function tools(): Tool[] {
  return [
    {
      name: 'Chromium',
      path: first(CHROMIUM_PATHS),
      tests: 'test/e2e/browser.test.ts (the HTML report in a real browser: layout, sorting, printing)',
      install: 'sudo apt-get install chromium (Debian) or chromium-browser (Ubuntu)',
    },
    {
      name: 'LibreOffice',
      path: first(SOFFICE_PATHS),
      tests: "test/report/xlsx.test.ts, 'opens cleanly in LibreOffice' (the Excel report read by another program)",
      install: 'sudo apt-get install libreoffice-calc-nogui (or libreoffice-calc)',
    },
  ];
}
