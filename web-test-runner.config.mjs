import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

// Browser side of the test run, in Debian's Chromium (never a downloaded browser).
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export const chromiumArgs = [
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  ...(asRoot ? ['--no-sandbox'] : []),
];

/** Core's tests import from 'vitest'; in the browser they run under Mocha through a shim. */
const vitestInBrowser = {
  name: 'vitest-in-browser',
  resolveImport({ source }) {
    if (source === 'vitest') return '/test/support/vitest-in-browser.js';
    return undefined;
  },
};

export default {
  files: ['packages/core/src/**/*.test.ts', '!packages/core/src/**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['narahubung-source', 'browser', 'import', 'default'] },
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 60000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromiumArgs } })],
  plugins: [vitestInBrowser, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)) })],
};
