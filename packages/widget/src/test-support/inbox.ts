/**
 * Helpers for the inbox's browser tests: complaints filed through core's client (as a citizen's
 * form would), the test intake's clock, signing in and moving a complaint on as a user would.
 */
import { createClient } from '@narahubung/core';
import type { PublicStatus, TransitionRequest } from '@narahubung/core';
import { TOKENS } from '../../../core/src/test-support/fixtures.js';
import type { NhFocalPointInbox } from '../inbox/focal-point-inbox/focal-point-inbox.js';
import { waitFor } from './intake.js';

export { TOKENS };

const DAY = 24 * 60 * 60 * 1000;

/** The test page's own URL: the inbox keeps its place in the page's URL, so each test starts from this. */
const START_URL = location.href;

/** Puts the test page's URL back as it was, with a fresh history entry state. */
export function resetUrl(): void {
  history.replaceState(null, '', START_URL);
}

/** The test page's URL with these inbox parameters (as a mail's link or a colleague's would be). */
export function urlWith(params: Record<string, string>): string {
  const url = new URL(START_URL);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

type Root = NhFocalPointInbox;

/**
 * The first element matching `selector` in `root` or any shadow root below it (the inbox is made of
 * parts, each with its own shadow root), in document order, parts hidden from view left out.
 */
export function deep<T extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): T | null {
  return deepAll<T>(root, selector)[0] ?? null;
}

/** Every element matching `selector` in `root` and the shadow roots below it, in document order; hidden parts left out. */
export function deepAll<T extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): T[] {
  const found: T[] = [];
  // No `instanceof Element`: an inbox in a frame has the frame's own Element.
  const visit = (scope: Element | ShadowRoot) => {
    const inner = 'shadowRoot' in scope && scope.shadowRoot ? scope.shadowRoot : scope;
    for (const element of inner.querySelectorAll<Element>('*')) {
      if (element.closest('[hidden]')) continue;
      if (element.matches(selector)) found.push(element as T);
      if (element.shadowRoot) visit(element);
    }
  };
  visit(root);
  return found;
}

/** The text of the inbox as a reader sees it: every shadow root, hidden parts left out, whitespace collapsed. */
export function inboxText(inbox: Element): string {
  const text: string[] = [];
  const visit = (node: Node) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : undefined;
    if (element && (element.hasAttribute('hidden') || element.localName === 'style')) return;
    if (node.nodeType === Node.TEXT_NODE) text.push(node.textContent ?? '');
    const children = element?.shadowRoot ? element.shadowRoot.childNodes : node.childNodes;
    for (const child of children) visit(child);
  };
  visit(inbox);
  return text.join(' ').replace(/\s+/g, ' ');
}

/** The element that has focus, through every shadow root. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The tracking numbers of the list's rows, in order. */
export function listed(inbox: Root): string[] {
  return deepAll<HTMLAnchorElement>(inbox, 'a[data-tracking-id]').map((link) => link.dataset.trackingId!);
}

/** A complaint to Disdukcapil Bandar Lampung; override any field. */
export function complaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    agencyId: 'disdukcapil-bandar-lampung',
    category: 'undue_delay',
    title: 'KTP-el tidak kunjung terbit',
    description: 'Saya mengajukan KTP-el pada 1 September dan sampai hari ini belum terbit tanpa penjelasan.',
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '0812 3456 7890', idNumber: '1871010101010001' },
    confidentiality: 'anonymous',
    consent: true,
    locale: 'id',
    ...overrides,
  };
}

/** Files a complaint, with `attachments` as multipart parts as the citizen's form sends them, and returns its tracking number. */
export async function file(endpoint: string, overrides: Record<string, unknown> = {}, attachments: readonly File[] = []): Promise<string> {
  const client = createClient({ endpoint: new URL(endpoint, location.href).href });
  const answer = await client.submit(complaint(overrides), { idempotencyKey: crypto.randomUUID(), ...(attachments.length > 0 ? { attachments } : {}) });
  return answer.trackingId;
}

/** A small PDF whose body holds every byte value, so that a copy that is not byte-exact shows. */
export function pdf(name: string): File {
  const every = Uint8Array.from({ length: 256 }, (_, index) => index);
  const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n%'), ...every, ...new TextEncoder().encode('\n%%EOF\n')]);
  return new File([bytes], name, { type: 'application/pdf' });
}

/** Moves a complaint on through the API as `token`'s holder (Disdukcapil's focal point by default). */
export async function moveAs(endpoint: string, trackingId: string, transition: TransitionRequest, token: string = TOKENS.disdukcapil): Promise<void> {
  const client = createClient({ endpoint: new URL(endpoint, location.href).href });
  await client.transition(token, trackingId, transition);
}

export interface Downloads {
  /** Every `<a>` the element clicked: its `download` name, `href`, and whether it was in the document. */
  clicks: { download: string; href: string; connected: boolean }[];
  /** The blob behind each object URL made meanwhile. */
  blobs: Map<string, Blob>;
  revoked: string[];
  restore(): void;
}

/**
 * Watches the element's downloads without saving anything: object URLs are made as usual (and the
 * blob behind each kept), a click on a link in the element is recorded and its default (the
 * download) prevented. Works for an element in a frame too (its own window's `URL`).
 */
export function watchDownloads(inbox: Root): Downloads {
  const URL = inbox.ownerDocument.defaultView!.URL;
  const { createObjectURL, revokeObjectURL } = URL;
  const downloads: Downloads = {
    clicks: [],
    blobs: new Map(),
    revoked: [],
    restore() {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      inbox.shadowRoot!.removeEventListener('click', onClick, { capture: true });
    },
  };
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL.call(URL, object);
    if ('arrayBuffer' in object) downloads.blobs.set(url, object);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    downloads.revoked.push(url);
    revokeObjectURL.call(URL, url);
  };
  function onClick(event: Event): void {
    const target = event.composedPath()[0] as HTMLAnchorElement;
    if (target.localName !== 'a') return;
    downloads.clicks.push({ download: target.download, href: target.href, connected: target.isConnected });
    event.preventDefault();
  }
  inbox.shadowRoot!.addEventListener('click', onClick, { capture: true });
  return downloads;
}

/**
 * Sends the element's attachment requests with `token` instead of its own, as if the token had
 * been reissued to another agency after the complaint was opened; the real server answers them.
 */
export function attachmentsAs(token: string): { restore(): void } {
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!/\/v1\/inbox\/[^/]+\/attachments\//.test(new URL(request.url).pathname)) return original.call(window, request);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token}`);
    return original.call(window, new Request(request, { headers }));
  };
  return { restore: () => void (window.fetch = original) };
}

/** Files a complaint received `days` ago, so that its verification deadline has passed. */
export async function fileOverdue(endpoint: string, days: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const control = endpoint.replace('/__nh/api/', '/__nh/control/');
  await fetch(`${control}/clock/${-days * DAY}`, { cache: 'no-store' });
  try {
    return await file(endpoint, overrides);
  } finally {
    await fetch(`${control}/clock/0`, { cache: 'no-store' });
  }
}

/** The public status, as the citizen's status page reads it. */
export async function publicStatus(endpoint: string, trackingId: string): Promise<PublicStatus> {
  const response = await fetch(`${endpoint}/v1/complaints/${trackingId}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`status ${trackingId}: ${response.status}`);
  return (await response.json()) as PublicStatus;
}


/** Types into a field of the inbox and fires `input`/`change`, as a user would. */
export function type(inbox: Root, selector: string, value: string): void {
  const field = deep<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(inbox, selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Clicks what `selector` finds in the inbox; fails when there is nothing. */
export function click(inbox: Root, selector: string): void {
  const target = deep(inbox, selector);
  if (!target) throw new Error(`nothing to click at ${selector}`);
  target.click();
}

/** The button whose text is `text`. */
export function button(inbox: Root, text: string): HTMLButtonElement {
  const found = deepAll<HTMLButtonElement>(inbox, 'button').find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** Signs in with `token` and waits until the sign-in form is gone or an error is shown. */
export async function signIn(inbox: Root, token: string, remember = false): Promise<void> {
  await waitFor(() => deep(inbox, '#token'), 'the sign-in form');
  type(inbox, '#token', token);
  const box = deep<HTMLInputElement>(inbox, '#remember')!;
  if (box.checked !== remember) box.click();
  click(inbox, 'form[part="form"] button[type="submit"]');
  await waitFor(() => !deep(inbox, '#token') || deep(inbox, '#token-error') || deep(inbox, '[role="alert"] .notice'), 'signed in or an error');
}

/** Waits for the list to show its rows (a range, or "no reports match"). */
export async function listShown(inbox: Root): Promise<void> {
  await waitFor(() => deep(inbox, '#range')?.textContent?.match(/\d|cocok|match/) && deep(inbox, 'table[aria-busy="false"], #range'), 'the list');
}

/** Opens the complaint from the list and waits for its detail. */
export async function open(inbox: Root, trackingId: string): Promise<void> {
  const link = await waitFor(() => deep<HTMLAnchorElement>(inbox, `a[data-tracking-id="${trackingId}"]`), `${trackingId} in the list`);
  link.click();
  await waitFor(() => deep(inbox, '[part="detail"]')?.textContent?.includes(trackingId), 'the complaint');
}

/** Back from a complaint to the list, with its link. */
export async function backToList(inbox: Root): Promise<void> {
  click(inbox, 'a.back');
  await waitFor(() => !deep(inbox, 'nh-inbox-detail') && deep(inbox, 'nh-inbox-list'), 'the list');
}

/** Moves the opened complaint on, as the focal point would in the form; waits for the answer. */
export async function move(inbox: Root, to: string, note: string, reason?: string): Promise<void> {
  const radio = await waitFor(() => deep<HTMLInputElement>(inbox, `#to-${to}`), `the "${to}" choice`);
  radio.click();
  await inbox.updateComplete;
  await waitFor(() => reason === undefined || deep(inbox, '#reason'), 'the reason field');
  if (reason !== undefined) type(inbox, '#reason', reason);
  type(inbox, '#note', note);
  const answered = new Promise((resolve) => {
    inbox.addEventListener('nh-transitioned', resolve, { once: true });
    inbox.addEventListener('nh-error', resolve, { once: true });
  });
  click(inbox, '[part="transition-form"] button[type="submit"]');
  await answered;
  await waitFor(() => !deep(inbox, '[part="transition-form"] button[disabled]'), 'the form ready again');
  await inbox.updateComplete;
}
