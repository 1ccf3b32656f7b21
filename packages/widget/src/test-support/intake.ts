/**
 * Helpers for the widget's browser tests. The intake is the real handler of @narahubung/core,
 * mounted by web-test-runner.config.mjs under /__nh/ (packages/widget/test/intake-server.ts).
 */
import { createClient } from '@narahubung/core';
import type { OwnStatus, PublicStatus, SubmitAnswer } from '@narahubung/core';

export interface TestIntake {
  endpoint: string;
  /** Drops every connection until `up()`: the server looks unreachable. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** The next submission is stored, but its answer is lost on the way back. */
  loseNextAnswer(): Promise<void>;
  /** Submissions wait at the server until `release()`: the form stays in its "sending" state. */
  hold(): Promise<void>;
  release(): Promise<void>;
  /** Tracking ids of every complaint the server holds. */
  complaints(): Promise<string[]>;
  /** Requests the API has received (including refused ones while down). */
  requests(): Promise<number>;
  /** Moves a complaint on as its agency's focal point, with a public note. */
  transition(trackingId: string, to: string, note: string): Promise<void>;
  /** The intake's clock runs `ms` off the real one (negative: in the past). */
  clock(ms: number): Promise<void>;
}

let counter = 0;

/** A fresh intake with its own empty store. */
export function newIntake(): TestIntake {
  const name = `t${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const control = async (action: string) => (await fetch(`/__nh/control/${name}/${action}`, { cache: 'no-store' })).json();
  const endpoint = `/__nh/api/${name}`;
  return {
    endpoint,
    down: async () => void (await control('down')),
    up: async () => void (await control('up')),
    loseNextAnswer: async () => void (await control('lose-answer')),
    hold: async () => void (await control('hold')),
    release: async () => void (await control('release')),
    complaints: async () => (await control('state')).complaints,
    requests: async () => (await control('state')).requests,
    clock: async (ms) => void (await control(`clock/${ms}`)),
    async transition(trackingId, to, note) {
      const response = await fetch(`${endpoint}/v1/complaints/${trackingId}/transitions`, {
        method: 'POST',
        headers: { authorization: 'Bearer token-disdukcapil-0123456789abcdef', 'content-type': 'application/json' },
        body: JSON.stringify({ to, note }),
      });
      if (!response.ok) throw new Error(`transition ${to}: ${response.status} ${await response.text()}`);
    },
  };
}

/** Files a complaint through core's client, as another citizen's form would: the submit answer, with its reporter key. */
export async function fileComplaint(endpoint: string, overrides: Record<string, unknown> = {}): Promise<SubmitAnswer> {
  const submission = {
    kind: 'complaint', agencyId: 'disdukcapil-bandar-lampung', category: 'undue_delay', title: 'KTP-el tidak kunjung terbit',
    description: 'Saya mengajukan KTP-el pada 1 September dan sampai hari ini belum terbit tanpa penjelasan.',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', idNumber: '1871010101010001' }, confidentiality: 'anonymous', consent: true, locale: 'id',
    ...overrides,
  };
  return createClient({ endpoint: new URL(endpoint, location.href).href }).submit(submission, { idempotencyKey: crypto.randomUUID() });
}

/** The complaint as its reporter sees it, straight from the API (what the server holds). */
export async function ownStatusOf(endpoint: string, trackingId: string, key: string): Promise<OwnStatus> {
  return createClient({ endpoint: new URL(endpoint, location.href).href }).ownStatus(trackingId, key);
}

/** Waits until `check` returns something truthy (polling; the tests assert no durations). */
export async function waitFor<T>(check: () => T | Promise<T>, what = 'condition', timeout = 20000): Promise<NonNullable<T>> {
  const started = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sets a field in an element's shadow root as a user would, firing `input` and `change`. */
export function setField(host: Element, name: string, value: string | boolean): void {
  const root = host.shadowRoot!;
  const inputs = [...root.querySelectorAll<HTMLInputElement>(`[name="${name}"]`)];
  const Event = (host.ownerDocument.defaultView ?? window).Event;
  if (inputs.length === 0) throw new Error(`no field ${name}`);
  const input = inputs.find((candidate) => candidate.type !== 'radio' || candidate.value === value) ?? inputs[0]!;
  if (input.type === 'checkbox' || input.type === 'radio') input.checked = value === true || input.type === 'radio';
  else input.value = String(value);
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Answers for each step of the form, by field path. */
export const answers: Record<string, string | boolean>[] = [
  { kind: 'complaint', agencyId: 'disdukcapil-bandar-lampung', category: 'undue_delay' },
  {
    title: 'KTP-el tidak kunjung terbit',
    description: 'Saya mengajukan KTP-el pada 1 September dan sampai hari ini belum terbit tanpa penjelasan.',
    'incident.date': '2026-09-01',
  },
  { 'reporter.name': 'Siti Aminah', 'reporter.email': 'siti@example.id', consent: true },
];

/** Clicks the form's primary button (Continue / Send). */
export function pressPrimary(form: Element): void {
  form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

/** Fills every step with `values` (default: `answers`) and sends from "check your answers". */
export async function fillAndSend(form: Element & { updateComplete: Promise<boolean> }, values = answers): Promise<void> {
  await waitFor(() => form.shadowRoot?.querySelector('form'), 'the form');
  for (const step of values) {
    for (const [name, value] of Object.entries(step)) {
      if (form.shadowRoot!.querySelector(`[name="${name}"]`)) setField(form, name, value);
    }
    await form.updateComplete;
    pressPrimary(form);
    await form.updateComplete;
  }
  await waitFor(() => form.shadowRoot!.querySelector('h2')?.textContent?.match(/Periksa|Check/), 'check your answers');
  pressPrimary(form);
}

/** The text of the element's shadow root and of every shadow root under it, whitespace collapsed. */
export function shadowText(host: Element): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    // Not `instanceof Element`: a page in an iframe has its own Element.
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).shadowRoot) walk((node as Element).shadowRoot!);
    for (const child of node.childNodes) walk(child);
  };
  if (host.shadowRoot) walk(host.shadowRoot);
  return parts.join('').replace(/\s+/g, ' ');
}

/** The shadow root of a status element's detail (`<nh-status-detail>`, from the citizen's second file), once it is there. */
export function detailOf(status: Element): ShadowRoot | null {
  return status.shadowRoot?.querySelector('nh-status-detail')?.shadowRoot ?? null;
}

/** The shadow root of a form's confirmation detail (`<nh-confirmation>`), once it is there. */
export function confirmationOf(form: Element): ShadowRoot | null {
  return form.shadowRoot?.querySelector('nh-confirmation')?.shadowRoot ?? null;
}

export type { PublicStatus };
