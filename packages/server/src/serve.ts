/**
 * `narahubung-server` (or `narahubung-server start`): the intake server as a process. Settings come
 * from the environment (config.ts); it prints the URLs, the tokens issued on this start and one line
 * per request to stdout, and stops cleanly on SIGTERM or SIGINT (Ctrl-C).
 */
import { startServer } from './app.js';
import { optionsFromEnv } from './config.js';
import { redactDatabaseUrl } from './storage.js';
import { tokenLine } from './tokens.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Runs the server until a signal stops it; rejects when it cannot start. */
export async function serve(): Promise<void> {
  // Signals are handled from the start: one that arrives while the server is still starting stops it as soon as it listens.
  let stopRequested: string | null = null;
  let stop: (signal: string) => void = (signal) => {
    stopRequested = signal;
  };
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      out(`${signal} again: exiting now`);
      process.exit(1);
    }
    stop(signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const options = optionsFromEnv(process.env);
  const server = await startServer({ ...options, log: out });
  stop = (signal) => {
    stopping = true;
    out(`${signal}: finishing requests in flight, then closing the database`);
    server.close().then(
      () => {
        out('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        out(`shutdown failed: ${error instanceof Error ? error.name : 'unknown'}`);
        process.exit(1);
      },
    );
  };

  const human = options.host === '127.0.0.1' || options.host === 'localhost' ? server.url.replace('127.0.0.1', 'localhost') : server.url;
  out(`Narahubung intake server listening on ${server.url}`);
  out(`  agency page (demo):  ${human}/`);
  out(`  complaint status:    ${human}/status`);
  out(`  focal-point inbox:   ${human}/inbox`);
  out(`  indicators:          ${human}/indikator`);
  out(`  API:                 ${human}/v1/config`);
  out(`  database:            ${options.databaseUrl ? `PostgreSQL ${redactDatabaseUrl(options.databaseUrl)}` : options.database}`);
  out(`  submission limit:    ${options.rateLimit ? `${options.rateLimit.submissions} per ${options.rateLimit.windowSeconds} s per client${options.databaseUrl ? ', counted in the database (all instances)' : ''}` : 'off'}`);
  out(`  mail:                ${server.mailStatus}`);
  if (server.tokensPrinted.length > 0) {
    out('Tokens and Open311 API keys (shown once; only their hashes are stored; rotate with `npm run tokens -- rotate <id>`):');
    for (const issued of server.tokensPrinted) out(tokenLine(issued));
  }
  if (stopRequested !== null) stop(stopRequested);
}
