import { tools } from './tools.js';

/**
 * Vitest's global setup: says once, before the tests, which tests will be skipped for want of
 * Chromium or LibreOffice and how to install them; in CI (`CI` set) their absence stops the run.
 */
export default function setup(): void {
  const missing = tools().filter((t) => t.path === undefined);
  if (missing.length === 0) return;
  if (process.env.CI) throw new Error(`CI needs ${missing.map((t) => t.name).join(' and ')}: ${missing.map((t) => t.install).join('; ')}`);
  const lines = missing.map((t) => `  - ${t.name} not found: skipping ${t.tests}\n    install: ${t.install}`);
  process.stderr.write(`\nSome tests will be skipped on this machine:\n${lines.join('\n')}\n(In CI, with CI set, they fail instead.)\n\n`);
}
