/**
 * What a focal point does on the inbox page (`/inbox`, `<nh-focal-point-inbox>`): sign in with
 * the token the server printed, open a complaint from the list, move it on with a public note.
 */
import type { Page } from 'puppeteer-core';
import { POLL_MS, waitInShadow } from './browser.js';

const INBOX = 'nh-focal-point-inbox';

/**
 * Waits until `check(INBOX, value)` holds in the page (a self-contained function: puppeteer sends
 * its source, and the page's CSP allows no eval to rebuild one); says what it shows when it does not.
 */
async function waitInInbox(page: Page, what: string, check: (selector: string, value: string) => boolean, value = ''): Promise<void> {
  try {
    await page.waitForFunction(check, { timeout: 20_000, polling: POLL_MS }, INBOX, value);
  } catch (error) {
    throw new Error(`the inbox did not show ${what}; it shows: ${await inboxText(page)}`, { cause: error });
  }
}

/** The inbox element's text, whitespace collapsed. */
export async function inboxText(page: Page): Promise<string> {
  return page.$eval(INBOX, (inbox) => (inbox.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => '(no inbox element)');
}

/** Opens `/inbox`, types the token and presses Enter; resolves when the list is shown. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/inbox`);
  await waitInShadow(page, INBOX, '#token');
  await page.click(`${INBOX} >>> #token`);
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await waitInInbox(page, 'the list', (selector) => {
    const root = document.querySelector(selector)?.shadowRoot;
    return !!root && !root.querySelector('#token') && !!root.querySelector('#view-heading');
  });
}

/** The tracking numbers listed, in the order shown. */
export async function listed(page: Page): Promise<string[]> {
  return page.$eval(INBOX, (inbox) => [...inbox.shadowRoot!.querySelectorAll<HTMLElement>('[data-tracking-id]')].map((button) => button.dataset.trackingId!));
}

/** Opens a complaint from the list (focus its title and press Enter). */
export async function openComplaint(page: Page, trackingId: string): Promise<void> {
  const button = `${INBOX} >>> [data-tracking-id="${trackingId}"]`;
  await waitInShadow(page, INBOX, `[data-tracking-id="${trackingId}"]`);
  await page.focus(button);
  await page.keyboard.press('Enter');
  await waitInInbox(
    page,
    `complaint ${trackingId}`,
    (selector, id) => {
      const root = document.querySelector(selector)?.shadowRoot;
      return !!root?.querySelector('[part~="detail"]') && (root.textContent ?? '').includes(id);
    },
    trackingId,
  );
}

/** The status label the detail view shows. */
export async function statusInDetail(page: Page): Promise<string> {
  return page.$eval(INBOX, (inbox) => (inbox.shadowRoot!.querySelector('[part~="status"]')?.textContent ?? '').trim());
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
      const root = document.querySelector(selector)?.shadowRoot;
      return (root?.querySelector('[part~="status"]')?.textContent ?? '').trim() === label && !!root?.querySelector('#notice');
    },
    statusLabel,
  );
}
