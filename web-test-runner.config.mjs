import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
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
    // The shim lies inside rootDir ('.'), so it is served by its path from the root.
    if (source === 'vitest') return '/test/support/vitest-in-browser.js';
    return undefined;
  },
};

// The widget's tests talk to the real intake handler of core, bundled here for Node from its
// TypeScript source and mounted in the dev server under /__nh/ (see packages/widget/test/intake-server.ts).
const cacheDir = fileURLToPath(new URL('./node_modules/.cache/narahubung-wtr/', import.meta.url));
mkdirSync(cacheDir, { recursive: true });
await build({
  entryPoints: [fileURLToPath(new URL('./packages/widget/test/intake-server.ts', import.meta.url))],
  outfile: `${cacheDir}intake-server.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['narahubung-source'],
  logLevel: 'error',
});
const { intakeMiddleware } = await import(pathToFileURL(`${cacheDir}intake-server.mjs`).href);

/**
 * The widget's pages and built files exactly as on disk, under /__nh/static/ (the dev server
 * would otherwise rewrite them and inject its own inline script). Pages named `*.csp.html` are
 * served under the strict policy an agency site would use.
 */
const strictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
const widgetDir = fileURLToPath(new URL('./packages/widget/', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.map': 'application/json' };
async function widgetFiles(ctx, next) {
  if (!ctx.path.startsWith('/__nh/static/')) return next();
  const file = normalize(join(widgetDir, ctx.path.slice('/__nh/static/'.length)));
  const type = types[extname(file)];
  if (!file.startsWith(widgetDir) || !type) return next();
  try {
    ctx.body = await readFile(file);
  } catch {
    ctx.status = 404;
    return undefined;
  }
  ctx.type = type;
  ctx.set('Cache-Control', 'no-store');
  if (file.endsWith('.csp.html')) ctx.set('Content-Security-Policy', strictPolicy);
  return undefined;
}

/**
 * React and Vue for the widget's framework tests. React ships CommonJS, so it is bundled once
 * into an ES module here; Vue ships a browser ES module build.
 */
let reactModule;
const frameworks = {
  name: 'narahubung-frameworks',
  resolveImport({ source }) {
    if (source === 'react' || source === 'react-dom/client') return '/__nh/vendor/react.js';
    if (source === 'vue') return '/node_modules/vue/dist/vue.runtime.esm-browser.prod.js';
    return undefined;
  },
  async serve(context) {
    if (context.path !== '/__nh/vendor/react.js') return undefined;
    reactModule ??= build({
      stdin: { contents: "import React from 'react'; export { createElement } from 'react'; export { createRoot } from 'react-dom/client'; export default React;", resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
      bundle: true,
      write: false,
      format: 'esm',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    }).then((result) => result.outputFiles[0].text);
    return { body: await reactModule, type: 'js' };
  },
};

/**
 * @narahubung/workshop for its browser test: `ics` and parts of pdf-lib ship CommonJS, so the
 * library is bundled once into an ES module here, as a web app's bundler would.
 */
let workshopBundle;
const workshop = {
  name: 'narahubung-workshop',
  resolveImport({ source }) {
    if (source === '@narahubung/workshop') return '/__nh/vendor/workshop.js';
    return undefined;
  },
  async serve(context) {
    if (context.path !== '/__nh/vendor/workshop.js') return undefined;
    workshopBundle ??= build({
      entryPoints: [fileURLToPath(new URL('./packages/workshop/src/index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'error',
    }).then((result) => result.outputFiles[0].text);
    return { body: await workshopBundle, type: 'js' };
  },
};

export default {
  // One list, not `groups`: with groups the runner also runs this list as a "default" group, and a
  // group whose pattern matches nothing yet is an error. Run one part with `wtr --files '<glob>'`.
  files: [
    'packages/core/src/**/*.test.ts',
    '!packages/core/src/**/*.node.test.ts',
    'packages/widget/src/**/*.test.ts',
    'packages/workshop/src/**/*.browser.test.ts',
  ],
  nodeResolve: { exportConditions: ['narahubung-source', 'browser', 'import', 'default'] },
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 60000 } },
  middleware: [intakeMiddleware, widgetFiles],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromiumArgs } })],
  plugins: [vitestInBrowser, frameworks, workshop, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)) })],
};
