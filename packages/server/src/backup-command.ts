/**
 * `narahubung-server backup <file>`: a consistent copy of the SQLite database while the server
 * runs, through SQLite's online backup API (the WAL's recent commits included). Backups hold
 * reporters' identities: keep them encrypted and access-controlled.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { optionsFromEnv } from './config.js';
import { openStorage } from './storage.js';

const USAGE = 'usage: narahubung-server backup <file>   (environment: DATABASE)';

/** Runs `backup <file>`; resolves with the exit code. */
export async function backupCommand(args: readonly string[]): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file === '--help' || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return file === '--help' ? 0 : 2;
  }
  const target = resolve(file);
  if (existsSync(target)) {
    process.stderr.write(`${target} exists already; choose a new file name (a backup never overwrites one).\n`);
    return 1;
  }
  const options = optionsFromEnv(process.env);
  const storage = await openStorage(options);
  try {
    if (!storage.backup) {
      process.stderr.write('The server runs on PostgreSQL: back it up with pg_dump (see the server README).\n');
      return 1;
    }
    await storage.backup(target);
    process.stdout.write(`backed up ${storage.description} to ${target}\n`);
    return 0;
  } finally {
    await storage.close();
  }
}
