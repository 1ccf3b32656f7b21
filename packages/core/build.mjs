import { libraryBuild } from '../../build/library.mjs';

export default [libraryBuild(new URL('.', import.meta.url), { index: 'packages/core/src/index.ts', testing: 'packages/core/src/testing.ts' })];
