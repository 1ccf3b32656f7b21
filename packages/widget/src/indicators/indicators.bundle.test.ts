// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
// These tests need the build: `npm run build` writes dist/narahubung-indicators.js.
import { expect } from '@open-wc/testing';
import { describe, it } from 'vitest';
import type { NhIndicators } from './indicators-element.js';
import { $, $$, DISDUKCAPIL, TOKENS, scenario, setValue, text, watchDownloads } from '../test-support/indicators.js';
import type { TestIntake } from '../test-support/intake.js';
import { waitFor } from '../test-support/intake.js';

// Served byte for byte from disk (web-test-runner.config.mjs): the file the CSP page loads.
const BUNDLE = '/__nh/static/dist/narahubung-indicators.js';
/** Everything included (lit, @lit/task, core's labels and problem reader, both locales); about 26 KB when set. */
const BUDGET_GZIP_BYTES = 28 * 1024;

async function gzipSize(bytes: ArrayBuffer): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe('narahubung-indicators.js', () => {
  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzip, and carries neither the citizen's elements nor the inbox`, async () => {
    const response = await fetch(BUNDLE, { cache: 'no-store' });
    expect(response.status, 'run `npm run build` first').to.equal(200);
    const bytes = await response.arrayBuffer();
    const size = await gzipSize(bytes);
    expect(size, `narahubung-indicators.js is ${size} bytes gzip`).to.be.at.most(BUDGET_GZIP_BYTES);
    const text = new TextDecoder().decode(bytes);
    expect(text).to.include('nh-indicators');
    expect(text).not.to.include('nh-complaint-form').and.not.to.include('nh-complaint-status').and.not.to.include('nh-focal-point-inbox');
  });

  it('works from narahubung-indicators.js as a classic script under a strict CSP, with no violation', async () => {
    // The page's script tag names this intake.
    const intake = { endpoint: '/__nh/api/indicators-csp-page' } as TestIntake;
    await scenario(intake);
    const frame = document.createElement('iframe');
    frame.style.width = '360px';
    frame.style.height = '640px';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = '/__nh/static/test/pages/indicators.csp.html';
    document.body.append(frame);
    await loaded;
    try {
      const page = frame.contentWindow as Window & typeof globalThis & { cspViolations: string[] };
      const element = await waitFor(() => {
        const found = page.document.querySelector('nh-indicators') as NhIndicators | null;
        return found?.shadowRoot?.querySelector('table[part="table"] tbody tr') && found;
      }, 'the indicators');
      expect([...page.document.scripts].map((script) => script.type)).to.deep.equal(['', '']);
      // The script tag's data-locale="en" applies.
      expect(text($(element, 'h2'))).to.equal('Complaint handling performance');
      // On a 360 px phone the page does not scroll sideways: the table scrolls within its region.
      expect(page.document.documentElement.scrollWidth).to.be.at.most(360);
      const region = $<HTMLElement>(element, '.scroll[role="region"]')!;
      expect(region.scrollWidth).to.be.above(region.clientWidth);
      const nameCell = $<HTMLElement>(element, 'tbody th[scope="row"]')!;
      expect(page.getComputedStyle(nameCell).position).to.equal('sticky');
      // Styles from the element's own stylesheet apply to the charts (no style attribute anywhere).
      const bar = $<SVGRectElement>(element, '#chart-categories rect.ink')!;
      expect(page.getComputedStyle(bar).fill).to.not.equal('rgb(0, 0, 0)');
      expect(element.shadowRoot!.querySelector('[style]')).to.equal(null);

      $<HTMLButtonElement>(element, 'button[data-column="verifiedOnTime"]')!.click();
      await element.updateComplete;
      expect($(element, 'th[aria-sort]')!.contains($(element, 'button[data-column="verifiedOnTime"]'))).to.equal(true);
      $<HTMLElement>(element, '#chart-trend details summary')!.click();

      // A supervisor signs in, follows a number to its complaints and saves the exact CSV.
      $<HTMLElement>(element, 'details[part="sign-in"] summary')!.click();
      const token = $<HTMLInputElement>(element, '#token')!;
      token.value = TOKENS.supervisor;
      token.dispatchEvent(new page.Event('input', { bubbles: true, composed: true }));
      $<HTMLButtonElement>(element, 'details[part="sign-in"] button[type="submit"]')!.click();
      const drill = await waitFor(() => $<HTMLButtonElement>(element, `[data-drill="${DISDUKCAPIL}:resolvedOnTime"]`), 'the exact numbers');
      drill.click();
      await waitFor(() => $$(element, '[part="drill"] tbody tr').length === 2, 'the complaints behind the number');
      const downloads = watchDownloads(element);
      try {
        $<HTMLAnchorElement>(element, 'a#csv')!.click();
        await waitFor(() => downloads.blobs.size === 1, 'the CSV');
        expect(downloads.clicks.at(-1)!.download).to.match(/^indikator-.*\.csv$/);
      } finally {
        downloads.restore();
      }
      setValue(element, '#scope', `agency:${DISDUKCAPIL}`);
      await waitFor(() => !$(element, 'tfoot'), 'one agency');
      expect(page.location.pathname).to.equal('/__nh/static/test/pages/indicators.csp.html');
      expect(page.cspViolations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
