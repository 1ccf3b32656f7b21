// ESM + declarations.
import { libraryBuild } from '../../build/library.mjs';

export default [libraryBuild(new URL('.', import.meta.url), { index: 'packages/store-postgres/src/index.ts' })];
