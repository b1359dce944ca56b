import { existsSync } from 'node:fs';

/**
 * The built script of a worker thread, by its path under `dist/`. Under the test runner the
 * modules are TypeScript sources, so the built worker (the same code) is used: tests build first.
 */
export function workerScript(path: 'parallel/worker.js' | 'report/worker.js'): URL {
  const here = new URL(`./${path}`, import.meta.url);
  return existsSync(here) ? here : new URL(`../dist/${path}`, import.meta.url);
}
