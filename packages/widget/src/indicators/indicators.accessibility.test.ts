// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { afterEach, beforeAll, describe, it } from 'vitest';
import '../indicators-define.js';
import type { NhIndicators } from './indicators-element.js';
import { $, $$, DISDUKCAPIL, TOKENS, nextAnswer, scenario, setValue, shown, signIn } from '../test-support/indicators.js';
import { newIntake, waitFor } from '../test-support/intake.js';
import type { TestIntake } from '../test-support/intake.js';

afterEach(async () => {
  fixtureCleanup();
  sessionStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
});

/** Opens every chart's data table, so that axe checks them too. */
async function openDataTables(element: NhIndicators): Promise<void> {
  for (const details of $$<HTMLDetailsElement>(element, 'details[part="data-table"]')) details.open = true;
  await element.updateComplete;
}

describe('<nh-indicators> accessibility', () => {
  let intake: TestIntake;
  beforeAll(async () => {
    intake = newIntake();
    await scenario(intake);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const locale of ['id', 'en'] as const) {
      it(`passes axe in every state: ${locale}, ${scheme} scheme`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint} locale=${locale}></nh-indicators>`);
        await nextAnswer(element);
        await shown(element);
        if (scheme === 'dark') expect(getComputedStyle(element).backgroundColor).to.equal('rgb(23, 25, 26)');
        await expect(element, 'public numbers').to.be.accessible();
        await openDataTables(element);
        await expect(element, 'public numbers, data tables open').to.be.accessible();

        setValue(element, '#to', '2025-01-01');
        $<HTMLButtonElement>(element, 'form[part="period"] button[type="submit"]')!.click();
        await waitFor(() => $(element, '#period-error'), 'the period error');
        await expect(element, 'period error').to.be.accessible();

        await signIn(element, 'not-a-valid-token-0123456789abcdef');
        await waitFor(() => $(element, '#token-error'), 'the token refused');
        await expect(element, 'token refused').to.be.accessible();

        await signIn(element, TOKENS.supervisor);
        await waitFor(() => $(element, '[part="drill-button"]'), 'exact numbers');
        await expect(element, 'signed in').to.be.accessible();
        $<HTMLButtonElement>(element, `[data-drill="${DISDUKCAPIL}:resolvedOnTime"]`)!.click();
        await waitFor(() => $$(element, '[part="drill"] tbody tr').length > 0, 'the complaints behind a number');
        await openDataTables(element);
        await expect(element, 'the complaints behind a number').to.be.accessible();

        const empty = await nextAnswer(element, () => $<HTMLButtonElement>(element, 'button[data-preset="last_year"]')!.click());
        expect(empty.total.received).to.equal(0);
        await openDataTables(element);
        await expect(element, 'a period without complaints').to.be.accessible();
      });
    }
  }

  it('says in words what a chart shows, and never by colour alone', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    await nextAnswer(element);
    await shown(element);
    // Public: the one category with a count to draw is solid; the hidden counts are dashed boxes,
    // each named beside its swatch.
    const swatches = () => $$<SVGRectElement>(element, '#chart-trend .legend svg rect').map((rect) => `${rect.getAttribute('class')} ${rect.getAttribute('fill') ?? ''}`);
    expect(swatches()).to.deep.equal(['seg ink ', 'hidden-range ']);
    expect($$(element, '#chart-trend .legend li').map((li) => li.textContent!.trim())[0]).to.equal('Penundaan berlarut');
    expect($$(element, '#chart-trend svg.chart rect.hidden-range').length).to.equal(2);
    // Every chart is one image to a screen reader, with its summary as its name.
    for (const svg of $$<SVGSVGElement>(element, 'svg.chart')) {
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.have.length.above(20);
    }
    expect($(element, 'svg.defs')!.getAttribute('aria-hidden')).to.equal('true');

    // Exact: March's two categories are stacked in two fills, and its number is written above the bar.
    const exact = await nextAnswer(element, () => (element.token = TOKENS.supervisor));
    expect(exact.total.trend['2026-03']).to.deep.equal({ undue_delay: 6, improper_request: 2 });
    const fills = $$<SVGRectElement>(element, '#chart-trend svg.chart rect.seg').map((rect) => rect.getAttribute('fill') ?? 'ink');
    expect(fills).to.deep.equal(['ink', 'url(#nh-hatch)']);
    expect(swatches()).to.deep.equal(['seg ink ', 'seg url(#nh-hatch)']);
    expect($$(element, '#chart-trend svg.chart text.value').map((node) => node.textContent)).to.deep.equal(['8']);
  });
});
