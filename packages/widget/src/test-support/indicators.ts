/**
 * Helpers for the indicators' browser tests: a history of complaints written through the real API
 * at chosen instants (the test intake's clock stands still at each), the answers the element should
 * show, and reading what it shows.
 */
import type { InboxPage, IndicatorsAnswer } from '@narahubung/core';
import { TOKENS } from '../../../core/src/test-support/fixtures.js';
import type { NhIndicators } from '../indicators/indicators-element.js';
import type { TestIntake } from './intake.js';
import { waitFor } from './intake.js';

export { TOKENS };

export const DISDUKCAPIL = 'disdukcapil-bandar-lampung';
export const RSUD = 'rsud-abdul-moeloek';
/** The instant the scenario's clock stands still at once every complaint is written: Monday 2 November 2026, 10:00 WIB. */
export const NOW = '2026-11-02T03:00:00Z';

const control = (intake: TestIntake) => intake.endpoint.replace('/__nh/api/', '/__nh/control/');

/** Stops the intake's clock at `instant`. */
export async function clockAt(intake: TestIntake, instant: string): Promise<void> {
  await fetch(`${control(intake)}/clock-at/${Date.parse(instant)}`, { cache: 'no-store' });
}

/** Files a complaint at `instant` about `agencyId`; its tracking number. */
export async function fileAt(intake: TestIntake, instant: string, agencyId: string, category: string, title = 'Layanan tidak kunjung selesai'): Promise<string> {
  await clockAt(intake, instant);
  const response = await fetch(`${intake.endpoint}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      kind: 'complaint',
      agencyId,
      category,
      title,
      description: 'Sudah dua minggu menunggu tanpa penjelasan dari petugas di loket pelayanan.',
      reporter: { name: 'Siti Aminah', email: 'siti@example.id' },
      confidentiality: 'anonymous',
      consent: true,
      locale: 'id',
    }),
  });
  if (response.status !== 201) throw new Error(`submit: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { trackingId: string }).trackingId;
}

/** Moves a complaint on at `instant` as `token`'s holder. */
export async function moveAt(intake: TestIntake, instant: string, trackingId: string, to: string, note = '', token: string = TOKENS.disdukcapil): Promise<void> {
  await clockAt(intake, instant);
  const response = await fetch(`${intake.endpoint}/v1/complaints/${trackingId}/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ to, note }),
  });
  if (!response.ok) throw new Error(`transition ${to}: ${response.status} ${await response.text()}`);
}

/**
 * Eight complaints about Disdukcapil in March 2026 (six of undue delay, two of improper requests:
 * fewer than five, so hidden in public) and three about the hospital in April: some verified on
 * time, some late, some never; four resolved on time, one escalated, one verified and left. The
 * clock then stands at `NOW`, when every deadline of March and April has passed.
 */
export async function scenario(intake: TestIntake): Promise<{ disdukcapil: string[]; rsud: string[] }> {
  const disdukcapil: string[] = [];
  for (let index = 0; index < 8; index += 1) {
    // Monday 2 March 2026, from 09:00 WIB, one an hour.
    disdukcapil.push(await fileAt(intake, `2026-03-02T${String(2 + index).padStart(2, '0')}:00:00Z`, DISDUKCAPIL, index < 6 ? 'undue_delay' : 'improper_request'));
  }
  const rsud: string[] = [];
  for (let index = 0; index < 3; index += 1) rsud.push(await fileAt(intake, `2026-04-06T0${2 + index}:00:00Z`, RSUD, 'no_service', 'Pasien tidak dilayani'));
  const [d0, d1, d2, d3, d4, d5] = disdukcapil as [string, string, string, string, string, string];
  for (const id of [d0, d1, d2, d3, d4]) await moveAt(intake, '2026-03-03T03:00:00Z', id, 'verified', id === d4 ? '' : 'Berkas lengkap.');
  for (const id of [d0, d1, d2, d3, d4]) await moveAt(intake, '2026-03-04T03:00:00Z', id, 'in_progress', 'Sedang diproses.');
  for (const id of [d0, d1, d2, d3]) await moveAt(intake, '2026-03-20T03:00:00Z', id, 'resolved', 'KTP-el sudah terbit.');
  await moveAt(intake, '2026-03-10T03:00:00Z', d4, 'escalated', 'Diteruskan ke Inspektorat.');
  await moveAt(intake, '2026-03-16T03:00:00Z', d5, 'verified', 'Berkas lengkap.');
  const [r0] = rsud as [string];
  await moveAt(intake, '2026-04-07T03:00:00Z', r0, 'verified', 'Diterima.', TOKENS.rsud);
  await moveAt(intake, '2026-04-08T03:00:00Z', r0, 'in_progress', 'Diproses.', TOKENS.rsud);
  await moveAt(intake, '2026-04-20T03:00:00Z', r0, 'resolved', 'Pasien sudah dilayani.', TOKENS.rsud);
  await clockAt(intake, NOW);
  return { disdukcapil, rsud };
}

/** `GET /v1/indicators` as the element would ask it. */
export async function indicators(intake: TestIntake, query = '', token?: string): Promise<IndicatorsAnswer> {
  const response = await fetch(`${intake.endpoint}/v1/indicators${query ? `?${query}` : ''}`, { cache: 'no-store', headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`indicators: ${response.status} ${await response.text()}`);
  return (await response.json()) as IndicatorsAnswer;
}

/** `GET /v1/inbox?…` with a token. */
export async function inbox(intake: TestIntake, query: string, token: string): Promise<InboxPage> {
  const response = await fetch(`${intake.endpoint}/v1/inbox?${query}`, { cache: 'no-store', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`inbox: ${response.status} ${await response.text()}`);
  return (await response.json()) as InboxPage;
}

export const $ = <T extends Element>(element: Element, selector: string): T | null => element.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element>(element: Element, selector: string): T[] => [...element.shadowRoot!.querySelectorAll<T>(selector)];
/** An element's text, whitespace collapsed. */
export const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Waits for the element's next `nh-indicators` event after `action`, and returns its answer. */
export async function nextAnswer(element: NhIndicators, action: () => unknown = () => undefined): Promise<IndicatorsAnswer> {
  const answered = new Promise<IndicatorsAnswer>((resolve) => element.addEventListener('nh-indicators', (event) => resolve(event.detail.answer), { once: true }));
  await action();
  const answer = await answered;
  await element.updateComplete;
  return answer;
}

/** Waits until the element shows a table of numbers. */
export async function shown(element: NhIndicators): Promise<void> {
  await waitFor(() => $(element, 'table[part="table"] tbody tr'), 'the table of indicators');
  await element.updateComplete;
}

/** The agencies in the table, top to bottom. */
export const rowOrder = (element: NhIndicators): string[] => $$<HTMLTableRowElement>(element, 'table[part="table"] tbody tr').map((row) => row.dataset.agency!);

/** Sets a field in the element as a user would, firing `input` and `change`. */
export function setValue(element: Element, selector: string, value: string): void {
  const field = element.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Signs in with the element's own form and waits for the answer (exact, or the public one after a refusal). */
export async function signIn(element: NhIndicators, token: string): Promise<IndicatorsAnswer | undefined> {
  const details = $<HTMLDetailsElement>(element, 'details[part="sign-in"]')!;
  if (!details.open) $<HTMLElement>(element, 'details[part="sign-in"] summary')!.click();
  await waitFor(() => details.open, 'the sign-in form open');
  setValue(element, '#token', token);
  const answered = new Promise<IndicatorsAnswer | undefined>((resolve) => {
    element.addEventListener('nh-indicators', (event) => resolve(event.detail.answer), { once: true });
    element.addEventListener('nh-signed-out', () => resolve(undefined), { once: true });
  });
  $<HTMLButtonElement>(element, 'details[part="sign-in"] button[type="submit"]')!.click();
  const answer = await answered;
  await element.updateComplete;
  return answer;
}

export interface Downloads {
  /** Every `<a>` clicked in the element: its `download` name and `href`. */
  clicks: { download: string; href: string; id: string }[];
  /** The blob behind each object URL made meanwhile. */
  blobs: Map<string, Blob>;
  restore(): void;
}

/** Records the links clicked in the element (its own and the temporary ones of a download) without following them. */
export function watchDownloads(element: Element): Downloads {
  const URL = element.ownerDocument.defaultView!.URL;
  const { createObjectURL } = URL;
  const downloads: Downloads = {
    clicks: [],
    blobs: new Map(),
    restore() {
      URL.createObjectURL = createObjectURL;
      element.shadowRoot!.removeEventListener('click', onClick, { capture: true });
    },
  };
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL.call(URL, object);
    if ('arrayBuffer' in object) downloads.blobs.set(url, object);
    return url;
  };
  function onClick(event: Event): void {
    const target = event.composedPath()[0] as HTMLAnchorElement;
    if (target.localName !== 'a') return;
    downloads.clicks.push({ download: target.download, href: target.href, id: target.id });
    // Only the navigation (or the save) is stopped: the element's own handler still runs.
    event.preventDefault();
  }
  element.shadowRoot!.addEventListener('click', onClick, { capture: true });
  return downloads;
}
