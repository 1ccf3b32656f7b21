/**
 * `narahubung-server tokens <command>` (or `npm run tokens -- <command>`): manage the server's
 * tokens in its database. Works while the server runs: a rotation takes effect on the server's next
 * request.
 *
 *   list                 who holds a token (ids, names, agencies, dates; never a token)
 *   rotate <id>          a new token for a focal point or intake officer, or a new API key for a
 *                        client system (Open311); the old one stops working
 *   rotate --all         a new token for everyone
 */
import { DEFAULTS } from './app.js';
import { optionsFromEnv } from './config.js';
import { loadDirectoryFile } from './directory-file.js';
import { openStorage } from './storage.js';
import { createTokenRegistry, tokenLine } from './tokens.js';

const USAGE = `usage: narahubung-server tokens list
       narahubung-server tokens rotate <focal-point-officer-or-client-system-id>
       narahubung-server tokens rotate --all
(from the repository: npm run tokens -- list, …)
environment: DATABASE (default ${DEFAULTS.database}) or DATABASE_URL, DIRECTORY`;

/** Runs `tokens <args>`; resolves with the exit code. */
export async function tokensCommand(args: readonly string[]): Promise<number> {
  const [command, target] = args;
  if (command !== 'list' && command !== 'rotate') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
  const options = optionsFromEnv(process.env);
  const loaded = loadDirectoryFile(options.directory ?? DEFAULTS.directory);
  const storage = await openStorage(options);
  try {
    const registry = createTokenRegistry(storage.store);
    // Issue tokens to anyone new first, as the server would on start.
    const issued = await registry.ensure(loaded.principals, loaded.agencyOf);
    for (const token of issued) process.stdout.write(`${tokenLine(token)}\n`);
    if (command === 'list') {
      for (const holder of await registry.holders()) {
        const { principal } = holder;
        process.stdout.write(`${principal.id}\t${principal.role}\t${principal.name} (${loaded.agencyOf(principal)})\tissued ${holder.createdAt}${holder.rotatedAt ? `, rotated ${holder.rotatedAt}` : ''}\n`);
      }
      return 0;
    }
    if (target === undefined) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const ids = target === '--all' ? (await registry.holders()).map((holder) => holder.principal.id) : [target];
    for (const id of ids) {
      if (target !== '--all' && issued.some((token) => token.principal.id === id)) continue;
      const rotated = await registry.rotate(id, loaded.agencyOf);
      if (!rotated) {
        process.stderr.write(`no token holder "${id}"; known ids:\n${(await registry.holders()).map((holder) => `  ${holder.principal.id}`).join('\n')}\n`);
        return 1;
      }
      process.stdout.write(`${tokenLine(rotated)}\n`);
    }
    return 0;
  } finally {
    await storage.close();
  }
}
