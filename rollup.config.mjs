// Builds every package: ESM + .d.ts per package, and the widget's one-file script-tag bundle.
// Each package describes its own outputs in its `build.mjs`; this file only gathers them, in
// dependency order (core first: the others read its declarations; the stores, then the server last).
import { rmSync } from 'node:fs';
import core from './packages/core/build.mjs';
import widget from './packages/widget/build.mjs';
import workshop from './packages/workshop/build.mjs';
import storeSqlite from './packages/store-sqlite/build.mjs';
import storePostgres from './packages/store-postgres/build.mjs';
import server from './packages/server/build.mjs';

// Every build starts from empty output folders: a chunk left by an earlier build would otherwise be
// published with the package (`files: ["dist"]`) and counted by the size benchmarks.
for (const dir of ['packages/core/dist', 'packages/widget/dist', 'packages/workshop/dist', 'packages/store-sqlite/dist', 'packages/store-postgres/dist', 'packages/server/dist']) {
  rmSync(new URL(`./${dir}`, import.meta.url), { recursive: true, force: true });
}

export default [...core, ...widget, ...workshop, ...storeSqlite, ...storePostgres, ...server];
