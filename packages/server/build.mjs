// The server's build: `dist/index.js` (startServer and its parts, for programs and tests) and
// `dist/cli.js` (the `narahubung-server` command, started through bin/narahubung-server.js).
import { libraryBuild } from '../../build/library.mjs';

const build = libraryBuild(new URL('.', import.meta.url), { index: 'packages/server/src/index.ts', cli: 'packages/server/src/cli.ts' });
// One flat folder: app.ts finds the pages and the repository's examples relative to its own module URL.
build.output = { ...build.output, chunkFileNames: '[name]-[hash].js' };
export default [build];
