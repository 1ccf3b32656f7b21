/**
 * Regenerates every example request and answer in docs/api.md by running the real intake handler
 * (`createIntakeHandler`) in-process, over a memory store, with a fixed clock and a seeded random
 * source so that the output is the same on every run. Prose is written by hand in docs/api.md;
 * this script only replaces what is between `<!-- example: NAME -->` and `<!-- /example -->`.
 *
 * Not part of the test run. From the repository root:
 *
 *   npx esbuild docs/scripts/api-examples.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/api-examples.mjs --log-level=warning && node /tmp/api-examples.mjs
 *
 * `node /tmp/api-examples.mjs --check` changes nothing and exits 1 when docs/api.md is stale (npm test runs it; `npm run docs:api` regenerates).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryStore } from '../../packages/core/src/memory-store.js';
import { defaultPolicy } from '../../packages/core/src/policy.js';
import type { Store } from '../../packages/core/src/store.js';
import { createTestIntake, submission, TOKENS } from '../../packages/core/src/test-support/fixtures.js';
import type { TestIntake } from '../../packages/core/src/test-support/fixtures.js';

// --- Determinism: one clock for every intake (and for Date.now), seeded random bytes. ---------

const time = { now: new Date('2026-11-02T03:00:00Z') };
const setTime = (iso: string) => {
  time.now = new Date(iso);
};
Date.now = () => time.now.getTime();

let seed = 0x6e61_7261; // "nara"
function nextRandom(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
const realCrypto = globalThis.crypto;
Object.defineProperty(globalThis, 'crypto', {
  configurable: true,
  value: {
    subtle: realCrypto.subtle,
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      if (array) {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let index = 0; index < bytes.length; index += 1) bytes[index] = nextRandom() & 0xff;
      }
      return array;
    },
    randomUUID: () => realCrypto.randomUUID(),
  },
});

// --- Recording ----------------------------------------------------------------------------------

const ORIGIN = 'https://pengaduan.example.id';
const HOST = new URL(ORIGIN).host;
const examples = new Map<string, string>();

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

const headerName = (name: string): string =>
  name === 'www-authenticate' ? 'WWW-Authenticate' : name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('-');

interface Call {
  method?: string;
  headers?: Record<string, string>;
  /** A JSON body: sent as `application/json`, pretty-printed, exactly as shown. */
  json?: unknown;
  /** Any other body (form, multipart bytes, raw text). */
  body?: string | Uint8Array | URLSearchParams;
  /** How to show the body when it is not shown verbatim. */
  shown?: string;
  context?: { clientAddress?: string };
  /** Show at most this many lines of the answer's body. */
  maxLines?: number;
}

function renderRequest(method: string, path: string, headers: Record<string, string>, bodyText: string | null): string {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${HOST}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${headerName(name)}: ${value}`);
  return bodyText === null ? lines.join('\n') : `${lines.join('\n')}\n\n${bodyText}`;
}

async function renderResponse(response: Response, maxLines?: number): Promise<string> {
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? ''}`.trimEnd()];
  response.headers.forEach((value, name) => lines.push(`${headerName(name)}: ${value}`));
  const text = await response.text();
  if (text === '') return lines.join('\n');
  let body = text.replace(/\n$/, '');
  if (/json/.test(response.headers.get('content-type') ?? '')) body = JSON.stringify(JSON.parse(text), null, 2);
  if (maxLines !== undefined) {
    const bodyLines = body.split('\n');
    if (bodyLines.length > maxLines) body = [...bodyLines.slice(0, maxLines), `… (${bodyLines.length - maxLines} more lines)`].join('\n');
  }
  return `${lines.join('\n')}\n\n${body}`;
}

/** Sends one request to `intake`'s handler and returns the answer (not recorded). */
async function send(intake: TestIntake, path: string, call: Call = {}): Promise<{ request: string; response: Response }> {
  const method = call.method ?? (call.json !== undefined || call.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { ...(call.json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...call.headers };
  let body: string | Uint8Array | URLSearchParams | undefined = call.body;
  let bodyText: string | null = null;
  if (call.json !== undefined) {
    body = typeof call.json === 'string' ? call.json : JSON.stringify(call.json, null, 2);
    bodyText = body;
  } else if (body instanceof URLSearchParams) {
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    bodyText = body.toString();
  } else if (typeof body === 'string') {
    bodyText = body;
  }
  if (call.shown !== undefined) bodyText = call.shown;
  const request = new Request(`${ORIGIN}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: body as BodyInit } : {}),
  });
  const response = await intake.handle(request, call.context);
  return { request: renderRequest(method, path, headers, bodyText), response };
}

async function record(name: string, request: string, response: Response, maxLines?: number): Promise<Response> {
  if (examples.has(name)) throw new Error(`example ${name} recorded twice`);
  const copy = response.clone();
  examples.set(name, '```http\n' + request + '\n```\n\n```http\n' + (await renderResponse(response, maxLines)) + '\n```');
  return copy;
}

/** Sends, records under `name`, and returns the parsed JSON answer (or null). */
async function example(name: string, intake: TestIntake, path: string, call: Call = {}): Promise<{ status: number; body: unknown }> {
  const { request, response } = await send(intake, path, call);
  const copy = await record(name, request, response, call.maxLines);
  const text = await copy.text();
  const isJson = /json/.test(copy.headers.get('content-type') ?? '');
  return { status: copy.status, body: text && isJson ? JSON.parse(text) : text || null };
}

function expectStatus(name: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${name}: expected ${expected}, got ${actual}`);
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The smallest valid submission: what the examples send when the body is not the point. */
const brief = () => ({
  kind: 'complaint',
  agencyId: 'disdukcapil-bandar-lampung',
  category: 'undue_delay',
  title: 'KTP-el tidak kunjung terbit',
  description: 'Sudah dua bulan KTP-el saya belum terbit tanpa penjelasan.',
  reporter: { name: 'Siti Aminah', phone: '081234567890' },
  consent: true,
});

// --- A multipart body built by hand, so that what is shown is what is sent. ------------------

// A complete 1×1 PNG (67 bytes) and a minimal PDF.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface Part {
  name: string;
  filename?: string;
  type: string;
  bytes: Uint8Array;
  shown?: string;
}

function multipart(parts: Part[], boundary = 'nh-boundary-7MDQ'): { body: Uint8Array; shown: string; contentType: string } {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const shown: string[] = [];
  for (const part of parts) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}\r\nContent-Type: ${part.type}\r\n\r\n`;
    chunks.push(encoder.encode(head), part.bytes, encoder.encode('\r\n'));
    shown.push(head.replace(/\r\n/g, '\n') + (part.shown ?? new TextDecoder().decode(part.bytes)));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  shown.push(`--${boundary}--`);
  const body = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { body, shown: shown.join('\n'), contentType: `multipart/form-data; boundary=${boundary}` };
}

const hexStart = (bytes: Uint8Array, kind: string) =>
  `(${bytes.byteLength} bytes of ${kind}: ${Array.from(bytes.slice(0, 8), (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')} …)`;

// --- The story: one intake, a week of complaints. ---------------------------------------------

async function main(): Promise<void> {
  const intake = await createTestIntake({ now: () => time.now });

  // Configuration.
  await example('config-id', intake, '/v1/config');
  await example('config-en', intake, '/v1/config', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });

  // Monday 2 November 2026, 10:00 WIB: a JSON submission, and its replay.
  setTime('2026-11-02T03:00:00Z');
  const keyA = '5d1f3c7e-2b8a-4e61-9f0d-a7c4e2b91d30';
  const a = await example('submit-json', intake, '/v1/complaints', { json: submission(), headers: { 'Idempotency-Key': keyA } });
  expectStatus('submit-json', a.status, 201);
  const idA = (a.body as { trackingId: string }).trackingId;
  setTime('2026-11-02T03:04:10Z');
  const replay = await example('submit-replay', intake, '/v1/complaints', { json: submission(), headers: { 'Idempotency-Key': keyA } });
  expectStatus('submit-replay', replay.status, 200);
  const conflictKey = await example('error-idempotency-conflict', intake, '/v1/complaints', {
    json: submission({ title: 'KTP-el belum juga terbit' }),
    headers: { 'Idempotency-Key': keyA },
  });
  expectStatus('error-idempotency-conflict', conflictKey.status, 409);

  // 10:05 WIB: multipart with two attachments, public.
  setTime('2026-11-02T03:05:00Z');
  const form = multipart([
    {
      name: 'complaint',
      type: 'application/json',
      bytes: new TextEncoder().encode(
        JSON.stringify(
          submission({
            category: 'improper_request',
            title: 'Diminta uang untuk percepatan akta kelahiran',
            description: 'Petugas di loket 2 meminta Rp200.000 agar akta kelahiran anak saya selesai dalam tiga hari. Bukti antrean dan surat pengantar terlampir.',
            incident: { date: '2026-10-28', place: 'Loket 2, Kantor Disdukcapil Kota Bandar Lampung' },
            priorAttempt: undefined,
            expectedResolution: 'Akta diterbitkan tanpa biaya dan petugas ditegur',
            reporter: { name: 'Budi Santoso', email: 'budi@example.id', phone: '0813-1111-2222' },
            confidentiality: 'public',
          }),
          null,
          2,
        ),
      ),
    },
    { name: 'attachments', filename: 'bukti-antrean.png', type: 'image/png', bytes: PNG, shown: hexStart(PNG, 'PNG') },
    { name: 'attachments', filename: 'surat-pengantar.pdf', type: 'application/pdf', bytes: PDF, shown: hexStart(PDF, 'PDF') },
  ]);
  const m = await example('submit-multipart', intake, '/v1/complaints', {
    body: form.body,
    shown: form.shown,
    headers: { 'Content-Type': form.contentType, 'Idempotency-Key': 'b0e7a1d2-66c4-4f3e-8a59-1c2d3e4f5a6b' },
  });
  expectStatus('submit-multipart', m.status, 201);
  const idM = (m.body as { trackingId: string }).trackingId;

  // 10:10 WIB: a complaint about the hospital, which has no focal point: the complaint unit takes it.
  setTime('2026-11-02T03:10:00Z');
  const j = await example('submit-complaint-unit', intake, '/v1/complaints', {
    json: submission({
      agencyId: 'rsud-abdul-moeloek',
      category: 'no_service',
      title: 'Kartu BPJS ditolak di pendaftaran',
      description: 'Pendaftaran rawat jalan menolak kartu BPJS Kesehatan saya yang masih aktif dan meminta saya membayar penuh.',
      incident: { date: '2026-10-30', place: 'Pendaftaran rawat jalan' },
      priorAttempt: undefined,
      expectedResolution: undefined,
      reporter: { name: 'Made Wirawan', phone: '+62 812 7000 1234' },
    }),
    headers: { 'Idempotency-Key': 'rsud-2026-11-02-0001' },
  });
  expectStatus('submit-complaint-unit', j.status, 201);
  const idJ = (j.body as { trackingId: string }).trackingId;

  // Validation errors: in English by the body's locale; the multipart file checked by its bytes.
  const invalid = await example('error-validation', intake, '/v1/complaints', {
    json: {
      ...submission({
        description: 'KTP belum jadi.',
        incident: { date: '2026-11-31', place: 'Kantor Disdukcapil' },
        reporter: { name: 'Siti Aminah', email: 'siti@example', phone: '12345', idNumber: '1871 0101 0101' },
        consent: false,
        locale: 'en',
      }),
      nik: '1871010101010001',
    },
    headers: { 'Idempotency-Key': 'e3a9c1f0-0f4b-4c39-b2d8-55aa90c1e7d4' },
  });
  expectStatus('error-validation', invalid.status, 422);
  const disguised = multipart([
    { name: 'complaint', type: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(submission())) },
    { name: 'attachments', filename: 'surat.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('<html><body>not a PDF</body></html>') },
  ]);
  const fileType = await example('error-validation-file', intake, '/v1/complaints', {
    body: disguised.body,
    shown: disguised.shown,
    headers: { 'Content-Type': disguised.contentType, 'Idempotency-Key': 'c6f1d8e2-9b3a-47d5-8e0c-3b2a1f9e8d7c' },
  });
  expectStatus('error-validation-file', fileType.status, 422);

  // Other submission errors.
  expectStatus('missing-key', (await example('error-missing-idempotency-key', intake, '/v1/complaints', { json: brief() })).status, 400);
  expectStatus(
    'malformed',
    (await example('error-malformed-body', intake, '/v1/complaints', { json: '{"kind": "complaint", "agencyId": ', headers: { 'Idempotency-Key': 'f1e2d3c4-b5a6-4798-8a9b-0c1d2e3f4a5b' } }))
      .status,
    400,
  );
  expectStatus(
    'media type',
    (
      await example('error-unsupported-media-type', intake, '/v1/complaints', {
        body: 'KTP-el saya belum terbit',
        headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9' },
      })
    ).status,
    415,
  );

  // Tuesday 3 November, 09:00 WIB: the focal point verifies and starts work on the public complaint.
  setTime('2026-11-03T02:00:00Z');
  const verified = await example('transition-verify', intake, `/v1/complaints/${idM}/transitions`, {
    json: { to: 'verified', note: 'Laporan lengkap dan sedang ditindaklanjuti.' },
    headers: auth(TOKENS.disdukcapil),
  });
  expectStatus('transition-verify', verified.status, 200);
  setTime('2026-11-03T07:30:00Z');
  const started = await send(intake, `/v1/complaints/${idM}/transitions`, { json: { to: 'in_progress', note: 'Petugas loket 2 dipanggil oleh Kepala Bidang.' }, headers: auth(TOKENS.disdukcapil) });
  expectStatus('in_progress', started.response.status, 200);

  // Wednesday 4 November: the hospital's focal point rejects the complaint unit's case.
  setTime('2026-11-04T01:15:00Z');
  const rejected = await example('transition-reject', intake, `/v1/complaints/${idJ}/transitions`, {
    json: { to: 'rejected', reason: 'not_competent', note: 'Kepesertaan BPJS ditangani BPJS Kesehatan Cabang Bandar Lampung.' },
    headers: auth(TOKENS.rsud),
  });
  expectStatus('transition-reject', rejected.status, 200);

  // Thursday 5 November, 08:00 WIB: a secret complaint.
  setTime('2026-11-05T01:00:00Z');
  const s = await send(intake, '/v1/complaints', {
    json: submission({
      category: 'abuse_of_authority',
      title: 'Data kependudukan diubah tanpa permohonan',
      description: 'Status perkawinan di KK saya diubah tanpa permohonan saya; petugas menolak menjelaskan siapa yang mengubahnya.',
      incident: { date: '2026-11-01' },
      priorAttempt: undefined,
      expectedResolution: undefined,
      reporter: { name: 'Rahmawati', email: 'rahma@example.id', idNumber: '1871024505900002' },
      confidentiality: 'secret',
    }),
    headers: { 'Idempotency-Key': '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' },
  });
  expectStatus('secret', s.response.status, 201);
  const idS = ((await s.response.json()) as { trackingId: string }).trackingId;

  // Friday 6 November, 10:00 WIB: the first complaint was not verified in time.
  setTime('2026-11-06T03:00:00Z');
  await example('status', intake, `/v1/complaints/${idA}`);
  await example('status-history', intake, `/v1/complaints/${idM}`);
  await example('status-rejected', intake, `/v1/complaints/${idJ}`, { headers: { 'Accept-Language': 'en' } });

  // The inbox.
  await example('inbox-focal-point', intake, '/v1/inbox', { headers: auth(TOKENS.disdukcapil) });
  const firstPage = await example('inbox-officer-filtered', intake, '/v1/inbox?status=received,needs_info&limit=1', { headers: auth(TOKENS.officer) });
  const { nextCursor } = firstPage.body as { nextCursor: string };
  await example('inbox-next-page', intake, `/v1/inbox?status=received,needs_info&limit=1&cursor=${nextCursor}`, { headers: auth(TOKENS.officer) });
  await example('inbox-search', intake, '/v1/inbox?q=ktp+terbit&sort=-received', { headers: auth(TOKENS.disdukcapil), maxLines: 12 });
  await example('inbox-counts', intake, '/v1/inbox?status=received&limit=1&counts=true', { headers: auth(TOKENS.disdukcapil) });
  expectStatus('400 query', (await example('error-invalid-query', intake, '/v1/inbox?status=recieved&limit=0', { headers: { ...auth(TOKENS.disdukcapil), 'Accept-Language': 'en' } })).status, 400);
  await example('inbox-item-focal-point', intake, `/v1/inbox/${idS}`, { headers: auth(TOKENS.disdukcapil) });
  await example('inbox-item-officer', intake, `/v1/inbox/${idS}`, { headers: auth(TOKENS.officer) });

  // Staff: an internal note and an assignment.
  await example('note', intake, `/v1/complaints/${idA}/notes`, { json: { text: 'Sudah dicek: berkas ada di meja verifikasi sejak 3 November.' }, headers: auth(TOKENS.disdukcapil), maxLines: 14 });
  await example('assignment', intake, `/v1/complaints/${idA}/assignment`, { json: { officerId: 'off-disdukcapil' }, headers: auth(TOKENS.disdukcapil), maxLines: 14 });

  // The reporter's side: a request for information, their view with the key, their answer.
  const reporterKeyA = (a.body as { reporterKey: string }).reporterKey;
  expectStatus('needs_info', (await send(intake, `/v1/complaints/${idA}/transitions`, { json: { to: 'needs_info', note: 'Mohon kirim foto tanda terima pengajuan KTP-el.' }, headers: auth(TOKENS.disdukcapil) })).response.status, 200);
  await example('own-view', intake, `/v1/complaints/${idA}`, { headers: { Authorization: `Reporter ${reporterKeyA}` } });
  await example('reply', intake, `/v1/complaints/${idA}/replies`, {
    json: { text: 'Tanda terima saya foto dan lampirkan; nomornya 1871-0925-0044.' },
    headers: { Authorization: `Reporter ${reporterKeyA}`, 'Idempotency-Key': 'c3a1f2e4-7b6d-4e5f-8a9b-0c1d2e3f4a5b' },
    maxLines: 16,
  });
  expectStatus(
    '409 action',
    (await example('error-action-not-open', intake, `/v1/complaints/${idA}/replies`, { json: { text: 'Satu lagi.' }, headers: { Authorization: `Reporter ${reporterKeyA}`, 'Idempotency-Key': 'd4b2e3f5-8c7e-4f60-9bac-1d2e3f4a5b6c', 'Accept-Language': 'en' } })).status,
    409,
  );

  // Transition errors.
  expectStatus('401', (await example('error-unauthorized', intake, `/v1/complaints/${idA}/transitions`, { json: { to: 'verified' } })).status, 401);
  expectStatus('404 other', (await example('error-not-found-other-agency', intake, `/v1/complaints/${idA}/transitions`, { json: { to: 'verified' }, headers: auth(TOKENS.rsud) })).status, 404);
  expectStatus('404 inbox other', (await example('error-not-found-inbox-other-agency', intake, `/v1/inbox/${idA}`, { headers: auth(TOKENS.rsud) })).status, 404);
  expectStatus('409', (await example('error-transition-forbidden', intake, `/v1/complaints/${idA}/transitions`, { json: { to: 'closed' }, headers: auth(TOKENS.disdukcapil) })).status, 409);
  // The agency reported escalated idM to its inspectorate: from then on it may only read it.
  expectStatus('escalate', (await send(intake, `/v1/complaints/${idM}/transitions`, { json: { to: 'escalated' }, headers: auth(TOKENS.disdukcapil) })).response.status, 200);
  expectStatus(
    '403',
    (await example('error-not-handling-agency', intake, `/v1/complaints/${idM}/transitions`, { json: { to: 'resolved', note: 'Sudah selesai.' }, headers: auth(TOKENS.disdukcapil) })).status,
    403,
  );
  expectStatus('422 reason', (await example('error-reason-required', intake, `/v1/complaints/${idA}/transitions`, { json: { to: 'rejected' }, headers: auth(TOKENS.disdukcapil) })).status, 422);
  expectStatus(
    '422 reason not allowed',
    (await example('error-reason-not-allowed', intake, `/v1/complaints/${idA}/transitions`, { json: { to: 'verified', reason: 'duplicate' }, headers: { ...auth(TOKENS.disdukcapil), 'Accept-Language': 'en' } })).status,
    422,
  );
  const longNote = 'x'.repeat(70_000);
  expectStatus(
    '413',
    (
      await example('error-too-large', intake, `/v1/complaints/${idA}/transitions`, {
        json: JSON.stringify({ to: 'verified', note: longNote }),
        shown: '{"to":"verified","note":"xxxxxxxx… (70,000 characters)"}',
        headers: { ...auth(TOKENS.disdukcapil), 'Accept-Language': 'en' },
      })
    ).status,
    413,
  );

  // Not found and routing.
  const typo = idA.slice(0, -1) + (idA.endsWith('0') ? '1' : '0');
  expectStatus('404', (await example('error-not-found', intake, `/v1/complaints/${typo}`, { headers: { 'Accept-Language': 'en' } })).status, 404);
  expectStatus('404 route', (await example('error-route-not-found', intake, '/v1/complaint')).status, 404);
  expectStatus('405', (await example('error-method-not-allowed', intake, '/v1/complaints', { headers: { 'Accept-Language': 'en' } })).status, 405);

  // Indicators: public, as CSV, and a supervisor following a number to its complaints.
  await example('indicators-public', intake, '/v1/indicators?from=2026-11-01&to=2026-12-01&agency=disdukcapil-bandar-lampung', { maxLines: 70 });
  {
    // CSV, not JSON: recorded as it is.
    const { request, response } = await send(intake, '/v1/indicators.csv?from=2026-11-01&to=2026-12-01&agency=disdukcapil-bandar-lampung', { headers: { 'Accept-Language': 'en' } });
    expectStatus('indicators-csv', (await record('indicators-csv', request, response, 5)).status, 200);
  }
  const exact = await example('indicators-supervisor', intake, '/v1/indicators?from=2026-11-01&to=2026-12-01', { headers: auth(TOKENS.supervisor), maxLines: 24 });
  expectStatus('indicators-supervisor', exact.status, 200);
  const at = (exact.body as { at: string }).at;
  await example('indicators-drilldown', intake, `/v1/inbox?indicator=verifiedOnTime&outcome=missed&at=${at}&agency=disdukcapil-bandar-lampung&from=2026-11-01&to=2026-11-30&sort=received`, {
    headers: auth(TOKENS.supervisor),
    maxLines: 16,
  });

  // Open311: what a FixMyStreet instance asks for (XML), and the same in JSON.
  await example('open311-discovery', intake, '/open311/v2/discovery.xml?locale=en');
  await example('open311-services', intake, '/open311/v2/services.xml?locale=en', { maxLines: 24 });
  await example('open311-services-json', intake, '/open311/v2/services.json?locale=en', { maxLines: 12 });
  await example('open311-service-definition', intake, '/open311/v2/services/improper_request.xml', { maxLines: 30 });
  const report311 = new URLSearchParams({
    api_key: TOKENS.client,
    jurisdiction_id: 'bandarlampungkota.go.id',
    service_code: 'undue_delay',
    lat: '-5.429400',
    long: '105.261100',
    address_string: 'Kantor Disdukcapil, Jl. Dr. Susilo, Bandar Lampung',
    description: 'Akta kematian ayah saya sudah tiga minggu belum selesai padahal dijanjikan satu minggu.',
    first_name: 'Dewi',
    last_name: 'Lestari',
    email: 'dewi@example.id',
    media_url: 'https://fixmystreet.example/photo/4242.0.full.jpeg',
    device_id: 'android-3f2a',
    account_id: 'fms-88123',
    'attribute[agency]': 'disdukcapil-bandar-lampung',
  });
  const created311 = await example('open311-post', intake, '/open311/v2/requests.xml', { body: report311, shown: report311.toString().replace(TOKENS.client, 'nh_…') });
  expectStatus('open311-post', created311.status, 201);
  const id311 = /<service_request_id>([^<]+)</.exec(String(created311.body))![1]!;
  setTime('2026-11-06T03:00:40Z');
  const retried311 = await example('open311-post-retry', intake, '/open311/v2/requests.json', { body: report311, shown: '(the same body as above, 40 seconds later, asking for .json)' });
  expectStatus('open311-post-retry', retried311.status, 200);
  setTime('2026-11-06T03:00:00Z');
  // As read out over the phone: lower case, no prefix, spaces, the letter o for zero, l for one.
  const loose = id311.toLowerCase().replace(/^nh-/, '').replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  if (loose === id311.toLowerCase().replace(/^nh-/, '').replace(/-/g, ' ')) throw new Error('pick a tracking number with a 0 or 1');
  await example('status-loose', intake, `/v1/complaints/${encodeURIComponent(loose)}`);
  await example('open311-request', intake, `/open311/v2/requests/${id311}.xml`);
  await example('open311-request-json', intake, `/open311/v2/requests/${id311}.json?locale=en`);
  await example('open311-requests-filtered', intake, '/open311/v2/requests.json?service_code=undue_delay&status=open&start_date=2026-11-01T00:00:00Z');
  await example('open311-requests-closed', intake, '/open311/v2/requests.xml?status=closed&locale=en');
  setTime('2026-11-06T04:00:00Z');
  expectStatus('verify 311', (await send(intake, `/v1/complaints/${id311}/transitions`, { json: { to: 'verified', note: 'Berkas lengkap; akta diproses minggu ini.' }, headers: auth(TOKENS.disdukcapil) })).response.status, 200);
  await example('open311-updates', intake, '/open311/v2/servicerequestupdates.xml?start_date=2026-11-02T00:00:00Z&end_date=2026-11-07T00:00:00Z&locale=en');
  setTime('2026-11-06T03:00:00Z');
  expectStatus(
    'open311 400',
    (
      await example('open311-error-invalid', intake, '/open311/v2/requests.xml', {
        body: new URLSearchParams({ api_key: TOKENS.client, service_code: 'pungli', lat: '-95', description: 'Dipungut biaya.', email: 'dewi@', media_url: 'javascript:alert(1)' }),
        shown: `api_key=nh_…&service_code=pungli&lat=-95&description=Dipungut+biaya.&email=dewi%40&media_url=javascript%3Aalert%281%29`,
        headers: { 'Accept-Language': 'en' },
      })
    ).status,
    400,
  );
  expectStatus(
    'open311 403',
    (await example('open311-error-api-key', intake, '/open311/v2/requests.json', { body: new URLSearchParams({ api_key: 'lapor-app-01', service_code: 'undue_delay', address_string: 'Bandar Lampung' }), headers: { 'Accept-Language': 'en' } })).status,
    403,
  );
  expectStatus('open311 404', (await example('open311-error-not-found', intake, '/open311/v2/requests/NH-0000-0000-0000-0.xml')).status, 404);
  expectStatus('open311 format', (await example('open311-error-format', intake, '/open311/v2/services.csv', { headers: { 'Accept-Language': 'en' } })).status, 400);
  expectStatus('open311 415', (await example('open311-error-media-type', intake, '/open311/v2/requests.json', { json: { service_code: 'undue_delay' } })).status, 415);
  expectStatus('open311 405', (await example('open311-error-method', intake, '/open311/v2/services.xml', { method: 'POST', body: '', headers: { 'Accept-Language': 'en' } })).status, 405);
  const jurisdictions = await createTestIntake({ now: () => time.now, open311: { jurisdictions: ['bandarlampungkota.go.id'] } });
  expectStatus('open311 jurisdiction', (await example('open311-error-jurisdiction', jurisdictions, '/open311/v2/services.xml?jurisdiction_id=lampungprov.go.id&locale=en')).status, 404);

  // Separate intakes for what needs its own options.
  // CORS.
  const cors = await createTestIntake({ now: () => time.now, allowedOrigins: ['https://disdukcapil.example.id'] });
  await example('cors-preflight', cors, '/v1/complaints', {
    method: 'OPTIONS',
    headers: { Origin: 'https://disdukcapil.example.id', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
  });
  await example('cors-answer', cors, '/v1/complaints/NH-0000-0000-0000-0', { headers: { Origin: 'https://disdukcapil.example.id', 'Accept-Language': 'en' } });

  // Rate limiting: 3 submissions per minute per client address.
  const limited = await createTestIntake({ now: () => time.now, rateLimit: { submissions: 3, windowSeconds: 60 } });
  for (let index = 1; index <= 3; index += 1) {
    const sent = await send(limited, '/v1/complaints', { json: brief(), headers: { 'Idempotency-Key': `rate-limit-example-${index}` }, context: { clientAddress: '203.0.113.7' } });
    expectStatus(`rate ${index}`, sent.response.status, 201);
  }
  setTime('2026-11-06T03:00:20Z');
  const tooMany = await example('error-rate-limited', limited, '/v1/complaints', {
    json: brief(),
    headers: { 'Idempotency-Key': 'rate-limit-example-4' },
    context: { clientAddress: '203.0.113.7' },
  });
  expectStatus('429', tooMany.status, 429);
  setTime('2026-11-06T03:00:00Z');

  // A replay that arrives while the first request with its key is still running.
  const twice = await createTestIntake({ now: () => time.now });
  const [first, second] = await Promise.all(
    [0, 1].map(() => send(twice, '/v1/complaints', { json: submission(), headers: { 'Idempotency-Key': '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918' } })),
  );
  const concurrent = [first!, second!].map((sent) => sent.response);
  const concurrentBodies = await Promise.all(concurrent.map((response) => response.clone().text()));
  if (concurrentBodies[0] !== concurrentBodies[1]) throw new Error('concurrent replay: different answers');
  const parts: string[] = [];
  for (const [index, response] of concurrent.entries()) parts.push(`${index === 0 ? '' : '\n'}${await renderResponse(response)}`);
  examples.set('submit-concurrent', '```http\n' + first!.request + '\n```\n\nSent twice at the same moment, it gets these two answers (one complaint is recorded):\n\n```http\n' + parts.join('\n\n---\n') + '\n```');
  if ((await twice.store.query({ sort: 'received', limit: 10 })).total !== 1) throw new Error('concurrent replay stored twice');

  // A lost update: two transitions of the same complaint at the same time.
  // The store takes 20 ms to write, like a database under load, so both requests read
  // version 1 before either has written.
  const fast = createMemoryStore();
  const slow: Store = {
    ...fast,
    async update(next) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fast.update(next);
    },
  };
  const racing = await createTestIntake({ now: () => time.now, store: slow });
  const raced = await send(racing, '/v1/complaints', { json: submission(), headers: { 'Idempotency-Key': 'race-example-0001' } });
  const idRace = ((await raced.response.json()) as { trackingId: string }).trackingId;
  const [one, two] = await Promise.all([
    send(racing, `/v1/complaints/${idRace}/transitions`, { json: { to: 'verified', note: 'Berkas lengkap.' }, headers: auth(TOKENS.disdukcapil) }),
    send(racing, `/v1/complaints/${idRace}/transitions`, { json: { to: 'needs_info', note: 'Mohon lampirkan tanda terima.' }, headers: auth(TOKENS.officer) }),
  ]);
  const codes = await Promise.all([one!, two!].map(async (sent) => (sent.response.status === 409 ? ((await sent.response.clone().json()) as { code: string }).code : null)));
  const lost = [one!, two!].find((_sent, index) => codes[index] === 'conflict');
  if (!lost) throw new Error(`no conflict: ${one!.response.status} ${two!.response.status} ${codes.join(' ')}`);
  await record('error-conflict', lost.request, lost.response);

  // 500: a store that fails.
  const healthy = createMemoryStore();
  const broken: Store = {
    ...healthy,
    async get() {
      throw new Error('database is locked');
    },
  };
  const failing = await createTestIntake({ now: () => time.now, store: broken });
  await example('error-internal', failing, `/v1/complaints/${idA}`);

  // Sanity: the policy this document quotes.
  if (defaultPolicy.maxBodyBytes !== 52 * 1024 * 1024 || defaultPolicy.attachments.maxFiles !== 5) throw new Error('default policy changed: update docs/api.md');

  writeExamples();
}

function writeExamples(): void {
  const dump = process.argv.indexOf('--dump');
  if (dump !== -1) {
    // Every example, in the order made, to a file of its own (for writing the prose).
    writeFileSync(process.argv[dump + 1] ?? 'api-examples.md', [...examples].map(([name, text]) => `<!-- example: ${name} -->\n${text}\n<!-- /example -->\n`).join('\n'));
    return;
  }
  const file = join(process.cwd(), 'docs', 'api.md');
  if (!existsSync(file)) throw new Error('run from the repository root');
  const before = readFileSync(file, 'utf8');
  const used = new Set<string>();
  const after = before.replace(/(<!-- example: ([\w-]+) -->)\n((?:[\s\S]*?\n)??)(<!-- \/example -->)/g, (_whole, open: string, name: string, old: string, close: string) => {
    const text = examples.get(name);
    if (text === undefined) throw new Error(`docs/api.md asks for example "${name}", which the script does not make`);
    if (old.includes('<!-- example:')) throw new Error(`docs/api.md: example "${name}" is not closed`);
    if (used.has(name)) throw new Error(`docs/api.md places example "${name}" twice`);
    used.add(name);
    return `${open}\n${text}\n${close}`;
  });
  const unused = [...examples.keys()].filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`examples not placed in docs/api.md: ${unused.join(', ')}`);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      process.stderr.write('docs/api.md is out of date: run docs/scripts/api-examples.ts\n');
      process.exit(1);
    }
    return;
  }
  if (after !== before) writeFileSync(file, after);
  process.stdout.write(`docs/api.md: ${used.size} examples ${after === before ? 'unchanged' : 'written'}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
