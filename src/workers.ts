import { existsSync } from 'node:fs';

/**
 * A built file by its path under `dist/`: a worker thread's script, or the training kernel's
 * WebAssembly. Under the test runner the modules are TypeScript sources, so the built file (the
 * same code) is used: tests build first.
 */
export function built(path: string): URL {
  const here = new URL(`./${path}`, import.meta.url);
  return existsSync(here) ? here : new URL(`../dist/${path}`, import.meta.url);
}

export function workerScript(path: 'engine/fast/parallel/worker.js' | 'report/worker.js' | 'io/xls-worker.js'): URL {
  return built(path);
}
