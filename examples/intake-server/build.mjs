// The intake server's build: `dist/server.js` (the process), `dist/cli.js` (token management) and
// `dist/app.js` (`startServer` for programs: the bench, end-to-end tests). Shared code goes to chunks beside them, not in a subfolder,
// because app.ts finds the data files relative to its own module URL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import { externalsOf } from '../../build/library.mjs';

const packageDir = new URL('.', import.meta.url);
const dir = fileURLToPath(packageDir);
const external = externalsOf(packageDir);

/** The SQLite writer runs in a worker thread from its own file, plain JavaScript, copied as is. */
const writerWorker = {
  name: 'sqlite-writer-worker',
  generateBundle() {
    const fileName = 'sqlite-writer.worker.mjs';
    this.emitFile({ type: 'asset', fileName, source: readFileSync(`${dir}src/${fileName}`, 'utf8') });
  },
};

export default [
  {
    input: { server: 'examples/intake-server/src/server.ts', cli: 'examples/intake-server/src/cli.ts', app: 'examples/intake-server/src/app.ts' },
    external: (id) => external(id) || /^(fs|path|http|net|os|crypto|url|stream)$/.test(id),
    output: { dir: `${dir}dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: true },
    plugins: [typescript({ tsconfig: `${dir}tsconfig.build.json`, outDir: `${dir}dist`, noEmitOnError: true, outputToFilesystem: true }), writerWorker],
  },
];
