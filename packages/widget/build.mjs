// The widget's outputs: ESM for bundlers (lit and @narahubung/core stay imports), the one-file
// script-tag bundles `dist/narahubung-widget.js` (the citizen's elements),
// `dist/narahubung-inbox.js` (the focal point's inbox) and `dist/narahubung-indicators.js` (the
// indicators), each a minified IIFE with everything inlined and core compiled from its source, and
// `dist/custom-elements.json`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { libraryBuild } from '../../build/library.mjs';
import { cssTemplates } from '../../build/minify-css.mjs';

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

/** A one-file classic-script bundle: everything inlined, core compiled from its source, minified. */
function scriptTagBuild(input, file) {
  return {
    input,
    output: { file: `${dir}dist/${file}`, format: 'iife', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['narahubung-source', 'browser', 'import', 'default'] }),
      cssTemplates(),
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
  libraryBuild(packageDir, { index: 'packages/widget/src/index.ts', define: 'packages/widget/src/define.ts', inbox: 'packages/widget/src/inbox.ts', 'inbox-define': 'packages/widget/src/inbox-define.ts', indicators: 'packages/widget/src/indicators.ts', 'indicators-define': 'packages/widget/src/indicators-define.ts' }, { plugins: [customElementsManifest] }),
  scriptTagBuild('packages/widget/src/script-tag.ts', 'narahubung-widget.js'),
  scriptTagBuild('packages/widget/src/inbox-script-tag.ts', 'narahubung-inbox.js'),
  scriptTagBuild('packages/widget/src/indicators-script-tag.ts', 'narahubung-indicators.js'),
];
