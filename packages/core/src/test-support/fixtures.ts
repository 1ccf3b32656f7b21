/** A small Lampung directory, tokens and a handler for core's tests (Node and Chromium). */
import { createWorkCalendar } from '../calendar.js';
import { createDirectory } from '../directory.js';
import { createIntakeHandler } from '../intake/handler.js';
import type { IntakeHandlerOptions, IntakeLogEntry } from '../intake/handler.js';
import { createTokenVerifier, hashToken } from '../intake/tokens.js';
import type { Principal } from '../intake/tokens.js';
import { createMemoryStore } from '../memory-store.js';
import type { Agency, FocalPoint, Officer } from '../model.js';
import type { Store } from '../store.js';

export const agencies: Agency[] = [
  { id: 'ombudsman-lampung', name: 'Ombudsman RI Perwakilan Provinsi Lampung', kind: 'ombudsman', regionCode: '18', parentId: null, inspectorateId: null },
  { id: 'inspektorat-bandar-lampung', name: 'Inspektorat Kota Bandar Lampung', kind: 'inspectorate', regionCode: '18.71', parentId: null, inspectorateId: null },
  { id: 'disdukcapil-bandar-lampung', name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung', kind: 'local_government', regionCode: '18.71', parentId: null, inspectorateId: 'inspektorat-bandar-lampung' },
  { id: 'rsud-abdul-moeloek', name: 'RSUD Dr. H. Abdul Moeloek', kind: 'service_unit', regionCode: '18', parentId: null, inspectorateId: null },
];

export const focalPoints: FocalPoint[] = [
  {
    id: 'fp-disdukcapil',
    name: 'Rina Marlina',
    position: 'Kepala Seksi Pengaduan',
    agencyId: 'disdukcapil-bandar-lampung',
    unit: 'Bidang Pelayanan',
    email: 'pengaduan@disdukcapil.example.id',
    phone: '+6272100000',
    categories: [],
    regions: [],
    active: { from: '2026-01-01', until: null },
  },
  {
    id: 'fp-inspektorat',
    name: 'Yusuf Hidayat',
    position: 'Inspektur Pembantu',
    agencyId: 'inspektorat-bandar-lampung',
    unit: 'Irban III',
    email: 'irban3@inspektorat.example.id',
    phone: '+6272100001',
    categories: [],
    regions: [],
    active: { from: '2026-01-01', until: null },
  },
];

export const officers: Officer[] = [
  { id: 'off-disdukcapil', name: 'Andi Saputra', position: 'Staf Pengaduan', agencyId: 'disdukcapil-bandar-lampung', email: 'andi@disdukcapil.example.id' },
  { id: 'off-inspektorat', name: 'Maya Sari', position: 'Auditor', agencyId: 'inspektorat-bandar-lampung', email: 'maya@inspektorat.example.id' },
];

export const TOKENS = {
  disdukcapil: 'token-disdukcapil-0123456789abcdef',
  inspektorat: 'token-inspektorat-0123456789abcdef',
  rsud: 'token-rsud-0123456789abcdef-xyz',
  officer: 'token-officer-0123456789abcdef-xyz',
  staff: 'token-staff-disdukcapil-0123456789ab',
  supervisor: 'token-supervisor-inspektorat-0123456789',
  /** A client system's Open311 api_key. */
  client: 'apikey-fixmystreet-0123456789abcdef',
} as const;

const principals: Record<keyof typeof TOKENS, Principal> = {
  disdukcapil: { role: 'focal_point', id: 'fp-disdukcapil', name: 'Rina Marlina', agencyId: 'disdukcapil-bandar-lampung' },
  inspektorat: { role: 'focal_point', id: 'fp-inspektorat', name: 'Yusuf Hidayat', agencyId: 'inspektorat-bandar-lampung' },
  rsud: { role: 'focal_point', id: 'fp-rsud', name: 'Dewi', agencyId: 'rsud-abdul-moeloek' },
  officer: { role: 'intake_officer', id: 'officer-1', name: 'Petugas Penerimaan', agencyIds: 'all', agencyId: 'ombudsman-lampung' },
  staff: { role: 'officer', id: 'off-disdukcapil', name: 'Andi Saputra', agencyId: 'disdukcapil-bandar-lampung' },
  supervisor: { role: 'supervisor', id: 'sup-inspektorat', name: 'Hendra Gunawan', agencyId: 'inspektorat-bandar-lampung', agencyIds: ['disdukcapil-bandar-lampung'] },
  client: { role: 'client_system', id: 'fixmystreet-lampung', name: 'FixMyStreet Lampung' },
};

/** A valid submission; override any field. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'KTP-el tidak kunjung terbit',
    description: 'Saya mengajukan KTP-el pada 1 September dan sampai hari ini belum terbit tanpa penjelasan.',
    incident: { date: '2026-09-01', place: 'Kantor Disdukcapil Kota Bandar Lampung' },
    priorAttempt: { date: '2026-10-10', contacted: 'Loket pelayanan', response: 'Diminta menunggu' },
    expectedResolution: 'KTP-el diterbitkan',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '0812 3456 7890', address: 'Jl. Kartini 1', idNumber: '1871010101010001' },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
    ...overrides,
  };
}

export interface TestIntake {
  handle: ReturnType<typeof createIntakeHandler>;
  store: Store;
  logs: IntakeLogEntry[];
  clock: { now: Date };
  /** `fetch` that calls the handler in-process: the real handler, no network, no mock. */
  fetch: typeof fetch;
}

/** A handler over a memory store with a clock the test moves. */
export async function createTestIntake(overrides: Partial<IntakeHandlerOptions> = {}): Promise<TestIntake> {
  const store = overrides.store ?? createMemoryStore();
  const logs: IntakeLogEntry[] = [];
  const clock = { now: new Date('2026-11-02T03:00:00Z') };
  const entries = await Promise.all(
    (Object.keys(TOKENS) as (keyof typeof TOKENS)[]).map(async (key) => ({ tokenHash: await hashToken(TOKENS[key]), principal: principals[key] })),
  );
  const handle = createIntakeHandler({
    store,
    directory: createDirectory({ agencies, focalPoints, officers }),
    calendar: createWorkCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-12-25'] }),
    tokens: createTokenVerifier(entries),
    now: () => clock.now,
    defaultAgencyId: 'disdukcapil-bandar-lampung',
    log: (entry) => logs.push(entry),
    // A fixed secret: reporter keys the same on every run (docs/api.md shows them).
    secret: 'narahubung-test-secret-0123456789abcdef',
    ...overrides,
  });
  const fetchThrough: typeof fetch = async (input, init) => handle(new Request(input, init));
  return { handle, store, logs, clock, fetch: fetchThrough };
}

export const BASE = 'http://intake.test';

/** Sends a JSON request to the handler. */
export function request(intake: TestIntake, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return intake.handle(
    new Request(`${BASE}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    }),
  );
}

let keys = 0;
/** A fresh idempotency key. */
export const newKey = (): string => `test-key-${Date.now()}-${(keys += 1)}-${Math.random().toString(36).slice(2)}`;

/** Submits and returns the answer's JSON, failing loudly when it is not 201. */
export async function submitOk(intake: TestIntake, body: Record<string, unknown> = submission()): Promise<{ trackingId: string } & Record<string, unknown>> {
  const response = await request(intake, 'POST', '/v1/complaints', body, { 'idempotency-key': newKey() });
  const answer = (await response.json()) as { trackingId: string } & Record<string, unknown>;
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}
