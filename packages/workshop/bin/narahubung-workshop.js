#!/usr/bin/env node
// The `narahubung-workshop` command. npm links a package's bin only if the file exists when it
// installs: this launcher is committed, so `npx narahubung-workshop` works in a clone after
// `npm install` and the build, and in the published package, where dist/ is always there.
// Its two messages are written here, not in the message catalogue: the catalogue is built code.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  const args = process.argv.slice(2);
  const asked = args.find((arg, index) => arg.startsWith('--locale=') || ['--locale', '-l'].includes(args[index - 1] ?? ''));
  const english = asked === undefined ? (process.env.LANG ?? '').startsWith('en') : asked.replace('--locale=', '') === 'en';
  process.stderr.write(
    english
      ? 'narahubung-workshop is not built yet (dist/cli.js is missing). In a clone of the repository run `npm run build` once, then run the command again.\n'
      : 'narahubung-workshop belum di-build (dist/cli.js tidak ada). Dalam salinan repositori jalankan `npm run build` sekali, lalu ulangi perintahnya.\n',
  );
  process.exitCode = 2;
}
