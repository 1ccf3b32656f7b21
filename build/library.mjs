// Shared rollup pieces for the packages' build.mjs files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';

/** Everything a package depends on stays an import in its ESM build (bundlers dedupe it). */
export function externalsOf(packageDir) {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  return (id) => names.some((name) => id === name || id.startsWith(`${name}/`)) || id.startsWith('node:');
}

/**
 * ESM + declarations of one package: `inputs` maps output names to source files under src/.
 * @param {URL} packageDir the package folder, e.g. new URL('.', import.meta.url)
 */
export function libraryBuild(packageDir, inputs, extra = {}) {
  const dir = fileURLToPath(packageDir);
  return {
    input: inputs,
    external: externalsOf(packageDir),
    output: { dir: `${dir}dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: [
      typescript({ tsconfig: `${dir}tsconfig.build.json`, outDir: `${dir}dist`, declarationDir: `${dir}dist`, noEmitOnError: true, outputToFilesystem: true }),
      ...(extra.plugins ?? []),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
      warn(warning);
    },
  };
}
