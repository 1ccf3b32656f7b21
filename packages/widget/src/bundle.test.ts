// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
// These tests need the build: `npm run build` writes dist/narahubung-widget.js.
import { expect } from '@open-wc/testing';
import { describe, it } from 'vitest';
import type { NhComplaintForm } from './complaint-form.js';
import { confirmationOf, detailOf, fillAndSend, waitFor } from './test-support/intake.js';

// Served byte for byte from disk (web-test-runner.config.mjs): the file the CSP page loads.
const BUNDLE = '/__nh/static/dist/narahubung-widget.js';
/** Everything included, both locales (issue 3). */
const BUDGET_GZIP_BYTES = 30 * 1024;

async function gzipSize(bytes: ArrayBuffer): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe('narahubung-widget.js', () => {
  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzip`, async () => {
    const response = await fetch(BUNDLE, { cache: 'no-store' });
    expect(response.status, 'run `npm run build` first').to.equal(200);
    const size = await gzipSize(await response.arrayBuffer());
    expect(size, `narahubung-widget.js is ${size} bytes gzip`).to.be.at.most(BUDGET_GZIP_BYTES);
  });

  it('works as a classic script under a strict CSP: no violation, a complaint is sent, and the second file opens the reporter\'s own view', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '360px';
    frame.style.height = '640px';
    const load = () => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    let loaded = load();
    frame.src = '/__nh/static/test/pages/form.csp.html';
    document.body.append(frame);
    await loaded;
    try {
      type Page = Window & typeof globalThis & { cspViolations: string[] };
      let page = frame.contentWindow as Page;
      const form = await waitFor(() => {
        const element = page.document.querySelector('nh-complaint-form') as NhComplaintForm | null;
        return element?.shadowRoot?.querySelector('form') && element;
      }, 'the form');
      expect([...page.document.scripts].map((script) => script.type)).to.deep.equal(['', '']);
      await fillAndSend(form);
      await waitFor(() => form.shadowRoot!.querySelector('[part="tracking-id"]'), 'the tracking number');
      const trackingId = form.shadowRoot!.querySelector('[part="tracking-id"]')!.textContent!;
      // The confirmation's detail comes from narahubung-citizen.js, beside the widget file and pinned by its hash.
      const link = await waitFor(() => confirmationOf(form)?.querySelector<HTMLAnchorElement>('[part~="personal-link"]'), 'the personal link');
      const second = page.document.querySelector<HTMLScriptElement>('script[src*="narahubung-citizen.js"]')!;
      expect(new URL(second.src).pathname).to.equal('/__nh/static/dist/narahubung-citizen.js');
      expect(second.integrity).to.match(/^sha384-[A-Za-z0-9+/]{64}$/);
      const status = page.document.querySelector('nh-complaint-status')!;
      const input = status.shadowRoot!.querySelector<HTMLInputElement>('#tracking')!;
      input.value = trackingId;
      input.dispatchEvent(new page.Event('input', { bubbles: true, composed: true }));
      status.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitFor(() => detailOf(status)?.querySelector('[part="status"]'), 'the status');
      expect(page.cspViolations).to.deep.equal([]);

      // The personal link (this page has the status element) opens the own view, under the same policy.
      expect(new URL(link.href).pathname).to.equal('/__nh/static/test/pages/form.csp.html');
      loaded = load();
      page.location.href = link.href;
      await loaded;
      page = frame.contentWindow as Page;
      const own = page.document.querySelector('nh-complaint-status')!;
      await waitFor(() => detailOf(own)?.querySelector('[part~="own"]'), 'the own view');
      expect(page.location.hash).to.equal('');
      expect(page.cspViolations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
