/**
 * The `narahubung-server` command:
 *
 *   narahubung-server [start]          run the server (settings from the environment)
 *   narahubung-server tokens …         list or rotate tokens
 *   narahubung-server backup <file>    copy the SQLite database while the server runs
 */
import { backupCommand } from './backup-command.js';
import { ConfigError } from './config.js';
import { serve } from './serve.js';
import { tokensCommand } from './tokens-command.js';

const USAGE = `usage: narahubung-server [start]
       narahubung-server tokens list | rotate <id> | rotate --all
       narahubung-server backup <file>`;

async function main(args: readonly string[]): Promise<number | null> {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
    case 'start':
      await serve();
      // The server runs until a signal stops it; the process exits from there.
      return null;
    case 'tokens':
      return tokensCommand(rest);
    case 'backup':
      return backupCommand(rest);
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    // Configuration and startup errors name files and settings, never request data.
    process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
