// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
// These tests need the build: `npm run build` writes dist/narahubung-inbox.js.
import { expect } from '@open-wc/testing';
import { describe, it } from 'vitest';
import type { NhFocalPointInbox } from './focal-point-inbox.js';
import { TOKENS, deep, file, pdf, watchDownloads } from '../../test-support/inbox.js';
import { waitFor } from '../../test-support/intake.js';

// Served byte for byte from disk (web-test-runner.config.mjs): the file the CSP page loads.
const BUNDLE = '/__nh/static/dist/narahubung-inbox.js';
/** Everything included (lit, @lit/task, core's client and labels, both locales): issue 11's budget. */
const BUDGET_GZIP_BYTES = 40 * 1024;

async function gzipSize(bytes: ArrayBuffer): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe('narahubung-inbox.js', () => {
  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzip, and carries none of the citizen's elements`, async () => {
    const response = await fetch(BUNDLE, { cache: 'no-store' });
    expect(response.status, 'run `npm run build` first').to.equal(200);
    const bytes = await response.arrayBuffer();
    const size = await gzipSize(bytes);
    expect(size, `narahubung-inbox.js is ${size} bytes gzip`).to.be.at.most(BUDGET_GZIP_BYTES);
    const text = new TextDecoder().decode(bytes);
    expect(text).to.include('nh-focal-point-inbox');
    expect(text).not.to.include('nh-complaint-form').and.not.to.include('nh-complaint-status');
  });

  it('works from narahubung-inbox.js as a classic script under a strict CSP, with no violation', async () => {
    const endpoint = '/__nh/api/inbox-csp-page';
    const trackingId = await file(endpoint, { confidentiality: 'public' }, [pdf('surat.pdf')]);
    const frame = document.createElement('iframe');
    frame.style.width = '360px';
    frame.style.height = '640px';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = '/__nh/static/test/pages/inbox.csp.html';
    document.body.append(frame);
    await loaded;
    try {
      const page = frame.contentWindow as Window & typeof globalThis & { cspViolations: string[] };
      const inbox = await waitFor(() => {
        const element = page.document.querySelector('nh-focal-point-inbox') as NhFocalPointInbox | null;
        return element && deep(element, '#token') && element;
      }, 'the inbox');
      expect([...page.document.scripts].map((script) => script.type)).to.deep.equal(['', '']);
      // The script tag's data-locale="en" applies.
      expect(deep(inbox, 'h2')!.textContent).to.equal('Focal point inbox');
      const token = deep<HTMLInputElement>(inbox, '#token')!;
      token.value = TOKENS.disdukcapil;
      token.dispatchEvent(new page.Event('input', { bubbles: true, composed: true }));
      deep<HTMLButtonElement>(inbox, 'form button[type="submit"]')!.click();
      const link = await waitFor(() => deep<HTMLAnchorElement>(inbox, `[data-tracking-id="${trackingId}"]`), 'the list');
      link.click();
      const radio = await waitFor(() => deep<HTMLInputElement>(inbox, '#to-verified'), 'the complaint');
      radio.click();
      deep<HTMLButtonElement>(inbox, '[part="transition-form"] button[type="submit"]')!.click();
      await waitFor(() => deep(inbox, '[part="status"]')?.textContent === 'Verified', 'the move');
      // The complaint's address is in the frame's URL; the page did not load again.
      expect(new URL(page.location.href).searchParams.get('complaint')).to.equal(trackingId);
      // Shown in place: a frame of this origin, which 'self' allows.
      deep<HTMLButtonElement>(inbox, '[part="view-button"]')!.click();
      await waitFor(() => deep(inbox, '[part="viewer"] iframe'), 'the viewer');
      // The attachment is fetched (connect-src 'self') and handed to a temporary <a download>.
      const downloads = watchDownloads(inbox);
      try {
        deep<HTMLButtonElement>(inbox, '[part="download-button"]')!.click();
        await waitFor(() => downloads.clicks.length === 1, 'the download');
        expect(downloads.clicks[0]!.download).to.equal('surat.pdf');
        expect(downloads.blobs.get(downloads.clicks[0]!.href)!.size).to.equal(pdf('surat.pdf').size);
      } finally {
        downloads.restore();
      }
      expect(page.location.pathname).to.equal('/__nh/static/test/pages/inbox.csp.html');
      // The frame of the viewer loads: not refused by the page's policy.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(page.cspViolations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
