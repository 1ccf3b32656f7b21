/**
 * @narahubung/server: the reference intake server as a library (the `narahubung-server` command
 * is its process). `startServer` serves core's HTTP API and Open311, the demo pages and the widget
 * bundles on Node, over SQLite or PostgreSQL.
 */
export { startServer, DEFAULTS } from './app.js';
export type { ServerOptions, RunningServer } from './app.js';
export { optionsFromEnv, parseRateLimit, parseDatabaseUrl, ConfigError } from './config.js';
export { loadDirectoryFile, loadCalendar } from './directory-file.js';
export type { DirectoryFile, IntakeOfficer } from './directory-file.js';
export { createStreamingMultipartReader } from './multipart.js';
export { openStorage, redactDatabaseUrl } from './storage.js';
export type { Storage, StorageOptions } from './storage.js';
export { createTokenRegistry, generateToken, hashTokenSync, tokenLine } from './tokens.js';
export type { IssuedToken, TokenHolder, TokenRegistry } from './tokens.js';
