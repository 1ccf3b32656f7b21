import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Node side of the test run. Core's *.test.ts also run in Chromium (web-test-runner.config.mjs);
// widget tests are browser-only; *.node.test.ts are Node-only.
export default defineConfig({
  resolve: {
    // Exact names: '@narahubung/core' must not also catch '@narahubung/core/testing'.
    alias: [
      { find: /^@narahubung\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@narahubung\/core\/testing$/, replacement: src('./packages/core/src/testing.ts') },
      { find: /^@narahubung\/workshop$/, replacement: src('./packages/workshop/src/index.ts') },
      { find: /^@narahubung\/workshop\/node$/, replacement: src('./packages/workshop/src/node.ts') },
      { find: /^@narahubung\/store-sqlite$/, replacement: src('./packages/store-sqlite/src/index.ts') },
      { find: /^@narahubung\/store-postgres$/, replacement: src('./packages/store-postgres/src/index.ts') },
    ],
  },
  test: {
    include: [
      'packages/core/src/**/*.test.ts',
      'packages/workshop/src/**/*.test.ts',
      'packages/server/src/**/*.test.ts',
      'packages/store-sqlite/src/**/*.test.ts',
      'packages/store-postgres/src/**/*.test.ts',
      'test/**/*.node.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: ['./test/support/fail-on-console.ts'],
    // Two files at a time on two cores: most Node tests wait on a browser, a server process or a
    // deliberately slow upload, not on the CPU.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
