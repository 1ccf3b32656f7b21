/**
 * What a reader and a supervisor do on the indicators page (`/indikator`, `<nh-indicators>`): read
 * the table, open the charts' data tables, sign in with the token the server printed, and follow a
 * number to the complaints behind it.
 */
import type { Page } from 'puppeteer-core';
import { POLL_MS } from './browser.js';

const INDICATORS = 'nh-indicators';

/**
 * Waits until `check(INDICATORS, value)` holds in the page (a self-contained function: puppeteer
 * sends its source, and the page's CSP allows no eval to rebuild one); says what it shows when not.
 */
async function waitInIndicators(page: Page, what: string, check: (selector: string, value: string) => boolean, value = ''): Promise<void> {
  try {
    await page.waitForFunction(check, { timeout: 20_000, polling: POLL_MS }, INDICATORS, value);
  } catch (error) {
    const shown = await page.$eval(INDICATORS, (element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => '(no element)');
    throw new Error(`the indicators did not show ${what}; they show: ${shown}`, { cause: error });
  }
}

/** The rows of the table once shown: each agency's id and what its cells say. */
export async function indicatorsShown(page: Page): Promise<{ agencyId: string; cells: Record<string, string> }[]> {
  await waitInIndicators(page, 'the table', (selector) => !!document.querySelector(selector)?.shadowRoot?.querySelector('table[part="table"] tbody tr'));
  return page.$eval(INDICATORS, (element) =>
    [...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('table[part="table"] tbody tr')].map((row) => ({
      agencyId: row.dataset.agency ?? '',
      cells: Object.fromEntries([...row.querySelectorAll<HTMLElement>('td[data-column]')].map((cell) => [cell.dataset.column, (cell.textContent ?? '').replace(/\s+/g, ' ').trim()])),
    })),
  );
}

/** Opens every chart's data table, as a reader who wants the numbers would. */
export async function openDataTables(page: Page): Promise<void> {
  await page.$eval(INDICATORS, (element) => {
    for (const details of element.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details[part="data-table"]')) details.open = true;
  });
}

/** Opens "for supervisors", types the token and presses Enter; resolves when the exact numbers are shown. */
export async function signInAsSupervisor(page: Page, token: string): Promise<void> {
  await page.click(`${INDICATORS} >>> details[part="sign-in"] summary`);
  await page.click(`${INDICATORS} >>> #token`);
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await waitInIndicators(page, 'who is signed in', (selector) => !!document.querySelector(selector)?.shadowRoot?.querySelector('[part="signed-in-as"]'));
}

/** Presses the number `drill` (`<agencyId>:<indicator>`) and returns the tracking numbers listed behind it. */
export async function complaintsBehind(page: Page, drill: string): Promise<string[]> {
  await page.click(`${INDICATORS} >>> [data-drill="${drill}"]`);
  await waitInIndicators(page, 'the complaints behind the number', (selector) => !!document.querySelector(selector)?.shadowRoot?.querySelector('[part="drill"] tbody tr'));
  return page.$eval(INDICATORS, (element) => [...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="drill"] tbody tr')].map((row) => row.dataset.trackingId ?? ''));
}
