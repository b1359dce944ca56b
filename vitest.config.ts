import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; give a slow CI machine room.
    testTimeout: 30_000,
    env: { NO_COLOR: '1' },
    // Says once which tests are skipped without Chromium or LibreOffice (and fails in CI).
    globalSetup: ['test/helpers/tools-setup.ts'],
    // Property tests run from a pinned seed (JP_AUDIT_FC_SEED to explore others).
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    // Two files at a time at least. Vitest's default (the cores less one) runs one file at a time
    // on two cores, and most files keep only one core busy: waiting for a spawned CLI, a browser
    // or a worker thread to start leaves the other idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
