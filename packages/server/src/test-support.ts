/** Helpers for the server's own tests: a temp folder, a running server, a valid submission. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './app.js';
import type { RunningServer, ServerOptions } from './app.js';

export function tempFolder(prefix = 'narahubung-server-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  database: string;
  logs: string[];
  /** Token of a principal by id (from the first run's printed tokens). */
  token(principalId: string): string;
  stop(): Promise<void>;
}

/** A real server on a free port over a SQLite file in a temp folder, its log captured. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const folder = tempFolder();
  const logs: string[] = [];
  const database = options.database ?? join(folder.dir, 'narahubung.sqlite');
  const server = await startServer({ port: 0, rateLimit: null, database, log: (line) => logs.push(line), ...options });
  return {
    ...server,
    database,
    logs,
    token(principalId) {
      const issued = server.tokensPrinted.find((token) => token.principal.id === principalId);
      if (!issued) throw new Error(`no token printed for ${principalId}`);
      return issued.token;
    },
    async stop() {
      await server.close();
      folder.cleanup();
    },
  };
}

/** A valid submission about `agencyId`; override any field. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'KTP-el tidak kunjung terbit',
    description: 'Saya mengajukan KTP-el tiga bulan lalu dan sampai hari ini belum terbit tanpa penjelasan.',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '0812 3456 7890' },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
    ...overrides,
  };
}

let keys = 0;
export const newKey = (): string => `server-test-${process.pid}-${(keys += 1)}-${Math.random().toString(36).slice(2)}`;

/** POSTs a submission and returns the status and JSON answer. */
export async function submit(url: string, body: Record<string, unknown>, key = newKey()): Promise<{ status: number; answer: Record<string, unknown> & { trackingId: string } }> {
  const response = await fetch(`${url}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> & { trackingId: string } };
}
