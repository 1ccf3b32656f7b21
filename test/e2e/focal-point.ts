/**
 * What a focal point does on the inbox page (`/inbox`, `<nh-focal-point-inbox>`): sign in with
 * the token the server printed, find and open a complaint, move it on with a public note. The inbox
 * is made of parts, each with its own shadow root: selectors use puppeteer's deep `>>>`, and waits
 * look through every shadow root (`deepQuery` below, inlined in each page function).
 */
import type { Page } from 'puppeteer-core';
import { POLL_MS } from './browser.js';

export const INBOX = 'nh-focal-point-inbox';

/**
 * Waits until `check(INBOX, value)` holds in the page (a self-contained function: puppeteer sends
 * its source, and the page's CSP allows no eval to rebuild one); says what it shows when it does not.
 */
export async function waitInInbox(page: Page, what: string, check: (selector: string, value: string) => boolean, value = '', timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(check, { timeout, polling: POLL_MS }, INBOX, value);
  } catch (error) {
    throw new Error(`the inbox did not show ${what}; it shows: ${await inboxText(page)}`, { cause: error });
  }
}

/** The inbox element's text through every shadow root (hidden parts left out), whitespace collapsed. */
export async function inboxText(page: Page): Promise<string> {
  return page
    .$eval(INBOX, (inbox) => {
      const text: string[] = [];
      const visit = (node: Node) => {
        const element = node.nodeType === 1 ? (node as Element) : undefined;
        if (element && (element.hasAttribute('hidden') || element.localName === 'style')) return;
        if (node.nodeType === 3) text.push(node.textContent ?? '');
        for (const child of element?.shadowRoot ? element.shadowRoot.childNodes : node.childNodes) visit(child);
      };
      visit(inbox);
      return text.join(' ').replace(/\s+/g, ' ').trim();
    })
    .catch(() => '(no inbox element)');
}

/** Waits until `selector` shows in the inbox. */
export async function waitInInboxFor(page: Page, selector: string, what = selector): Promise<void> {
  await page.waitForFunction(
    (host, inner) => {
      const visit = (scope: Element | ShadowRoot): boolean => {
        const root = 'shadowRoot' in scope && scope.shadowRoot ? scope.shadowRoot : scope;
        for (const element of root.querySelectorAll('*')) {
          if (element.closest('[hidden]')) continue;
          if (element.matches(inner) || (element.shadowRoot && visit(element))) return true;
        }
        return false;
      };
      const element = document.querySelector(host);
      return !!element && visit(element);
    },
    { timeout: 20_000, polling: POLL_MS },
    INBOX,
    selector,
  ).catch(async (error: unknown) => {
    throw new Error(`the inbox did not show ${what}; it shows: ${await inboxText(page)}`, { cause: error });
  });
}

/** Signs in on the inbox page already open (types the token, presses Enter); resolves when the list is shown. */
export async function signInHere(page: Page, token: string): Promise<void> {
  await waitInInboxFor(page, '#token', 'the sign-in form');
  await page.click(`${INBOX} >>> #token`);
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await waitInInboxFor(page, '#inbox-heading', 'the signed-in inbox');
}

/** Opens `/inbox` (or `path` under it) and signs in; resolves when the inbox is shown. */
export async function signIn(page: Page, url: string, token: string, path = '/inbox'): Promise<void> {
  await page.goto(`${url}${path}`);
  await signInHere(page, token);
}

/** Waits for the list to show a page (a range, "1–50 of 204", or "no reports match"). */
export async function listShown(page: Page): Promise<string> {
  await waitInInboxFor(page, 'table[aria-busy="false"], #range:not(:empty)', 'the list');
  await page.waitForFunction(
    (host) => {
      const list = document.querySelector(host)?.shadowRoot?.querySelector('nh-inbox-list');
      const range = list?.shadowRoot?.querySelector('#range')?.textContent ?? '';
      return /\d|cocok|match/.test(range) && !list?.shadowRoot?.querySelector('table[aria-busy="true"]');
    },
    { timeout: 20_000, polling: POLL_MS },
    INBOX,
  );
  return page.$eval(INBOX, (inbox) => inbox.shadowRoot?.querySelector('nh-inbox-list')?.shadowRoot?.querySelector('#range')?.textContent ?? '');
}

/** The tracking numbers listed, in the order shown. */
export async function listed(page: Page): Promise<string[]> {
  await listShown(page);
  return page.$eval(INBOX, (inbox) => {
    const list = inbox.shadowRoot?.querySelector('nh-inbox-list');
    return [...(list?.shadowRoot?.querySelectorAll<HTMLElement>('a[data-tracking-id]') ?? [])].map((link) => link.dataset.trackingId!);
  });
}

/** Opens a complaint from the list (focus its link and press Enter). */
export async function openComplaint(page: Page, trackingId: string): Promise<void> {
  await waitInInboxFor(page, `a[data-tracking-id="${trackingId}"]`, `${trackingId} in the list`);
  await page.focus(`${INBOX} >>> a[data-tracking-id="${trackingId}"]`);
  await page.keyboard.press('Enter');
  await detailShown(page, trackingId);
}

/** Waits until the complaint `trackingId` is shown. */
export async function detailShown(page: Page, trackingId: string): Promise<void> {
  await waitInInbox(
    page,
    `complaint ${trackingId}`,
    (selector, id) => {
      const detail = document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-detail');
      return !!detail?.shadowRoot?.querySelector('[part~="detail"]') && (detail.shadowRoot.textContent ?? '').includes(id);
    },
    trackingId,
  );
}

/** The status label the detail view shows. */
export async function statusInDetail(page: Page): Promise<string> {
  return page.$eval(INBOX, (inbox) => (inbox.shadowRoot?.querySelector('nh-inbox-detail')?.shadowRoot?.querySelector('[part~="status"]')?.textContent ?? '').trim());
}

/**
 * Chooses the action that moves the open complaint to `to`, types the public note, saves, and
 * waits until the detail shows the new status.
 */
export async function moveOn(page: Page, to: string, note: string, statusLabel: string): Promise<void> {
  await page.click(`${INBOX} >>> #to-${to}`);
  if (note) {
    await page.click(`${INBOX} >>> #note`);
    await page.keyboard.type(note);
  }
  await page.focus(`${INBOX} >>> [part~="transition-form"] button[type="submit"]`);
  await page.keyboard.press('Enter');
  await waitInInbox(
    page,
    `the status "${statusLabel}"`,
    (selector, label) => {
      const detail = document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-detail')?.shadowRoot;
      const form = detail?.querySelector('nh-inbox-transition-form')?.shadowRoot;
      return (detail?.querySelector('[part~="status"]')?.textContent ?? '').trim() === label && !!form?.querySelector('#notice');
    },
    statusLabel,
  );
}
