// ESM + declarations, and the writer thread's plain-JavaScript file copied beside them: the store
// starts it from its own module URL (`new URL('./sqlite-writer.worker.mjs', import.meta.url)`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { libraryBuild } from '../../build/library.mjs';

const packageDir = new URL('.', import.meta.url);
const dir = fileURLToPath(packageDir);

const writerWorker = {
  name: 'sqlite-writer-worker',
  generateBundle() {
    const fileName = 'sqlite-writer.worker.mjs';
    this.emitFile({ type: 'asset', fileName, source: readFileSync(`${dir}src/${fileName}`, 'utf8') });
  },
};

const build = libraryBuild(packageDir, { index: 'packages/store-sqlite/src/index.ts' }, { plugins: [writerWorker] });
// One flat folder: the worker file must sit beside the module that starts it.
build.output = { ...build.output, chunkFileNames: '[name]-[hash].js' };
export default [build];
