#!/usr/bin/env node
// The `narahubung-server` command. A small committed launcher, not the built file itself: npm
// links a workspace's bin only if the file exists at install time, and dist/ is built afterwards.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('narahubung-server is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(cli.href);
