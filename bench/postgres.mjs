// The benches' PostgreSQL: the tests' throwaway-cluster harness (test/e2e/postgres.ts, compiled
// here with esbuild), so that benches and tests start Debian's PostgreSQL the same way. Without
// PostgreSQL installed, `startCluster` answers the reason instead of a cluster (the benches then
// skip their PostgreSQL rows and say so), unless BENCH_POSTGRES=required makes that an error.
import { mkdirSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

let harness;

/** `{ startPostgres, postgresBinaries }` of test/e2e/postgres.ts. */
export async function postgresHarness() {
  if (!harness) {
    const { build } = await import('esbuild');
    const cache = new URL('../node_modules/.cache/narahubung/', import.meta.url);
    mkdirSync(cache, { recursive: true });
    // One file per process: two benches compiling at once do not overwrite each other's import.
    const outfile = new URL(`postgres-harness-${process.pid}.mjs`, cache);
    await build({ entryPoints: [new URL('../test/e2e/postgres.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', outfile: outfile.pathname, logLevel: 'warning' });
    harness = await import(pathToFileURL(outfile.pathname).href);
    rmSync(outfile, { force: true });
  }
  return harness;
}

/**
 * A running cluster, or `{ cluster: null, reason }` when PostgreSQL is not installed. `folder`
 * keeps the cluster there (started again on the next call) instead of a throwaway one.
 */
export async function startCluster(options = {}) {
  const { startPostgres, postgresBinaries } = await postgresHarness();
  try {
    postgresBinaries();
  } catch (error) {
    if (process.env.BENCH_POSTGRES === 'required') throw error;
    return { cluster: null, reason: error.message };
  }
  return { cluster: await startPostgres(options), reason: null };
}
