/** The citizen's status page (`/status`), read as the citizen sees it. */
import type { Page } from 'puppeteer-core';
import { POLL_MS } from './browser.js';

const STATUS = 'nh-complaint-status';

export interface StatusShown {
  /** The current status's label. */
  current: string;
  /** The timeline, oldest first: each entry's text (status label, time, public note). */
  timeline: string[];
}

/**
 * Waits for the status element to show a complaint (its timeline), and reads it. What follows the
 * tracking number is `<nh-status-detail>` (narahubung-citizen.js), a shadow root further in.
 */
export async function statusShown(page: Page, trackingId: string, timeout = 20_000): Promise<StatusShown> {
  await page.waitForFunction(
    (selector, id) => {
      const root = document.querySelector(selector)?.shadowRoot;
      const detail = root?.querySelector('nh-status-detail')?.shadowRoot;
      return root?.querySelector('#result-heading')?.textContent?.trim() === id && !!detail?.querySelector('[part~="timeline"]');
    },
    { timeout, polling: POLL_MS },
    STATUS,
    trackingId,
  );
  return page.$eval(STATUS, (element) => {
    const detail = element.shadowRoot!.querySelector('nh-status-detail')!.shadowRoot!;
    const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      current: text(detail.querySelector('[part~="status"]')),
      // The element lists the newest first.
      timeline: [...detail.querySelectorAll('[part~="timeline"] > li')].map(text).reverse(),
    };
  });
}

/** Types a tracking number into the status page's field and presses Enter. */
export async function lookUp(page: Page, trackingId: string): Promise<void> {
  await page.click(`${STATUS} >>> #tracking`);
  await page.keyboard.type(trackingId);
  await page.keyboard.press('Enter');
}
