// Build of @narahubung/workshop: ESM + declarations (library, Node font loader, CLI), the CLI's
// shebang, and dist/workshop.schema.json generated from the zod schema that validates files.
import { chmod, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { libraryBuild } from '../../build/library.mjs';

const packageDir = new URL('.', import.meta.url);
const dist = fileURLToPath(new URL('dist/', packageDir));

/** After the bundle is written: the JSON Schema from the built schema module, and `chmod +x` on the CLI. */
const workshopExtras = {
  name: 'narahubung-workshop-extras',
  async writeBundle() {
    // A fresh URL each time: rollup --watch must not get a cached module.
    const built = await import(`${pathToFileURL(`${dist}index.js`).href}?t=${Date.now()}`);
    await writeFile(`${dist}workshop.schema.json`, `${JSON.stringify(built.workshopJsonSchema(), null, 2)}\n`);
    await chmod(`${dist}cli.js`, 0o755);
  },
};

const config = libraryBuild(
  packageDir,
  {
    index: 'packages/workshop/src/index.ts',
    node: 'packages/workshop/src/node.ts',
    cli: 'packages/workshop/src/cli.ts',
  },
  { plugins: [workshopExtras] },
);
config.output = { ...config.output, banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') };

export default [config];
