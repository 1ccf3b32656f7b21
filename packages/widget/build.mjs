// The widget's outputs: ESM for bundlers (lit and @narahubung/core stay imports), the one-file
// script-tag bundles `dist/narahubung-widget.js` (the citizen's elements),
// `dist/narahubung-inbox.js` (the focal point's inbox) and `dist/narahubung-indicators.js` (the
// indicators), each a minified IIFE with everything inlined and core compiled from its source,
// `dist/narahubung-citizen.js` (the reporter's actions, which narahubung-widget.js loads when it
// needs them), and `dist/custom-elements.json`.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { libraryBuild } from '../../build/library.mjs';
import { cssTemplates } from '../../build/minify-css.mjs';
import { htmlTemplates } from '../../build/minify-html.mjs';

const packageDir = new URL('.', import.meta.url);
const dir = fileURLToPath(packageDir);
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Writes dist/custom-elements.json once the ESM build is on disk. */
const customElementsManifest = {
  name: 'custom-elements-manifest',
  writeBundle() {
    const cli = require.resolve('@custom-elements-manifest/analyzer/cem.js');
    execFileSync(process.execPath, [cli, 'analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--exclude', 'src/test-support/**', '--outdir', 'dist', '--quiet'], { cwd: dir, stdio: 'inherit' });
    // The analyzer also reads `dispatchEvent(new NhSubmitEvent(submission))` as events named after
    // the arguments; the events are the documented `nh-*` ones only.
    const path = `${dir}dist/custom-elements.json`;
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('nh-'));
      }
    }
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  },
};

const CITIZEN_FILE = 'narahubung-citizen.js';
/** The global through which narahubung-widget.js hands its Lit to narahubung-citizen.js (citizen-loader-script.ts), and what it holds. */
const LIT_GLOBAL = '__narahubungLit';
const LIT_SHARED = { lit: ['LitElement', 'css', 'html', 'nothing'], 'lit/decorators.js': ['property', 'state'] };
/** The stand-in citizen-loader-script.ts carries for narahubung-citizen.js's SRI hash: the same length as `sha384-` + 64 characters. */
const INTEGRITY_PLACEHOLDER = 'sha384-@@narahubung-citizen-integrity@@'.padEnd(71, '@');

/**
 * narahubung-widget.js loads the citizen's second file with a script element
 * (citizen-loader-script.ts) instead of a dynamic import, and carries its SRI hash: the citizen's
 * file is built just before it.
 */
const citizenLoader = {
  name: 'citizen-loader',
  resolveId(source, importer) {
    if (source === './citizen-loader.js' && importer?.startsWith(`${dir}src/`)) return `${dir}src/citizen-loader-script.ts`;
    return null;
  },
  generateBundle(_options, bundle) {
    const integrity = `sha384-${createHash('sha384').update(readFileSync(`${dir}dist/${CITIZEN_FILE}`)).digest('base64')}`;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      if (chunk.code.split(INTEGRITY_PLACEHOLDER).length !== 2) this.error(`expected the integrity placeholder once in ${chunk.fileName}`);
      chunk.code = chunk.code.replace(INTEGRITY_PLACEHOLDER, integrity);
      if (chunk.code.includes('@@narahubung')) this.error(`part of the integrity placeholder is left in ${chunk.fileName}`);
    }
  },
};

/** narahubung-citizen.js takes Lit from narahubung-widget.js: only the names the widget file hands over. */
const litFromWidget = {
  name: 'lit-from-widget',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const copied = Object.keys(chunk.modules).filter((id) => /\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id));
      if (copied.length > 0) this.error(`${CITIZEN_FILE} carries its own copy of ${copied.join(', ')}`);
      for (const [source, names] of Object.entries(chunk.importedBindings)) {
        const missing = names.filter((name) => !LIT_SHARED[source]?.includes(name));
        if (missing.length > 0) this.error(`${CITIZEN_FILE} imports ${missing.join(', ')} from ${source}: hand it over in citizen-loader-script.ts and LIT_SHARED first`);
      }
    }
  },
};

/** A one-file classic-script bundle: everything inlined, core compiled from its source, minified. */
function scriptTagBuild(input, file, { plugins = [], external, globals } = {}) {
  return {
    input,
    ...(external ? { external } : {}),
    output: { file: `${dir}dist/${file}`, format: 'iife', sourcemap: true, ...(globals ? { globals } : {}) },
    plugins: [
      ...plugins,
      nodeResolve({ browser: true, exportConditions: ['narahubung-source', 'browser', 'import', 'default'] }),
      cssTemplates(),
      htmlTemplates(),
      typescript({
        tsconfig: `${root}tsconfig.base.json`,
        include: ['packages/core/src/**/*.ts', 'packages/widget/src/**/*.ts'],
        exclude: ['**/*.test.ts', '**/test-support/**'],
        compilerOptions: { noEmit: false, declaration: false, sourceMap: true, types: [] },
        noEmitOnError: true,
      }),
      terser({ ecma: 2020, compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, keep_fargs: false }, format: { comments: false } }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
      warn(warning);
    },
  };
}

export default [
  libraryBuild(packageDir, { index: 'packages/widget/src/index.ts', define: 'packages/widget/src/define.ts', citizen: 'packages/widget/src/citizen.ts', inbox: 'packages/widget/src/inbox.ts', 'inbox-define': 'packages/widget/src/inbox-define.ts', indicators: 'packages/widget/src/indicators.ts', 'indicators-define': 'packages/widget/src/indicators-define.ts' }, { plugins: [customElementsManifest] }),
  // The citizen's file first: the widget file carries its hash.
  scriptTagBuild('packages/widget/src/citizen-script-tag.ts', CITIZEN_FILE, {
    plugins: [litFromWidget],
    external: Object.keys(LIT_SHARED),
    globals: Object.fromEntries(Object.keys(LIT_SHARED).map((source) => [source, LIT_GLOBAL])),
  }),
  scriptTagBuild('packages/widget/src/script-tag.ts', 'narahubung-widget.js', { plugins: [citizenLoader] }),
  scriptTagBuild('packages/widget/src/inbox-script-tag.ts', 'narahubung-inbox.js'),
  scriptTagBuild('packages/widget/src/indicators-script-tag.ts', 'narahubung-indicators.js'),
];
