/**
 * Debian's Chromium driven by puppeteer-core, one fresh profile per browser, plus what the tests
 * look at in a page: CSP violations, page errors, axe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { tempFolder } from './server-process.js';

export type { Browser, Page };

const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches Chromium (`CHROME_PATH`, else /usr/bin/chromium) with a throw-away profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = tempFolder('narahubung-e2e-chromium-');
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROME_ARGS,
    userDataDir: profile.dir,
  });
  return {
    browser,
    async close() {
      await browser.close();
      profile.remove();
    },
  };
}

/** What a page reported about itself: CSP violations (as the page's own event) and uncaught errors. */
export interface PageWatch {
  cspViolations(): Promise<string[]>;
  errors: string[];
}

declare global {
  interface Window {
    __nhCspViolations?: string[];
  }
}

/**
 * Records every `securitypolicyviolation` event the page fires and every uncaught error. Call it
 * before the first navigation; the listener is added by the DevTools protocol before any page
 * script runs, so the page's CSP does not apply to it.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  await page.evaluateOnNewDocument(() => {
    window.__nhCspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (event) => window.__nhCspViolations!.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`),
      true,
    );
  });
  return {
    errors,
    cspViolations: () => page.evaluate(() => window.__nhCspViolations ?? []),
  };
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string | undefined }[];
}

/**
 * Runs axe-core on the page as it is now (shadow roots included), WCAG 2.x A and AA rules.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * page keeps its real CSP: no bypass, no inline script added to the document.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(`(() => { if (!window.axe) { ${axeSource}\n } return typeof window.axe; })()`);
  if (loaded !== 'object') throw new Error(`axe did not load (${String(loaded)})`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
}

/** A readable list of axe violations for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => JSON.stringify(node.target)).join('\n    ')}`).join('\n');
}

/**
 * Waits for `selector` inside `host`'s shadow root. Not `waitForSelector('host >>> …')`: that
 * waits on a MutationObserver of the document, which never sees changes inside a shadow root, so
 * it hangs whenever the element renders after the first look. This polls instead (on a timer,
 * which also runs in a tab that is not in front).
 */
/** How often waits in the page look again. */
export const POLL_MS = 50;

export async function waitInShadow(page: Page, host: string, selector: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((hostSelector, inner) => !!document.querySelector(hostSelector)?.shadowRoot?.querySelector(inner), { timeout, polling: POLL_MS }, host, selector);
}
