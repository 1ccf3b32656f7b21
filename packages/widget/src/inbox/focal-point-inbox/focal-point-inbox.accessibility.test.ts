// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from 'vitest';
import '../../inbox-define.js';
import type { NhFocalPointInbox } from './focal-point-inbox.js';
import { TOKENS, attachmentsAs, file, move, open, pdf, publicStatus, signIn, type, watchDownloads } from '../../test-support/inbox.js';
import { newIntake, waitFor } from '../../test-support/intake.js';

afterEach(async () => {
  fixtureCleanup();
  sessionStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
});

const $ = <T extends Element>(inbox: Element, selector: string) => inbox.shadowRoot!.querySelector<T>(selector);
const focused = (inbox: Element) => inbox.shadowRoot!.activeElement as HTMLElement | null;

describe('<nh-focal-point-inbox> accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const locale of ['id', 'en'] as const) {
      it(`passes axe in every state: ${locale}, ${scheme} scheme`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const intake = newIntake();
        const trackingId = await file(intake.endpoint, { confidentiality: 'anonymous' }, [pdf('surat.pdf')]);
        const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale=${locale}></nh-focal-point-inbox>`);
        if (scheme === 'dark') expect(getComputedStyle(inbox).backgroundColor).to.equal('rgb(23, 25, 26)');
        await expect(inbox, 'sign-in').to.be.accessible();
        await signIn(inbox, 'not-a-valid-token-0123456789abcdef');
        expect($(inbox, '#token-error')).to.exist;
        await expect(inbox, 'sign-in with an error').to.be.accessible();
        await signIn(inbox, TOKENS.disdukcapil);
        await waitFor(() => $(inbox, '[part="signed-in-as"]'), 'who is signed in');
        await expect(inbox, 'list').to.be.accessible();
        await open(inbox, trackingId);
        expect($(inbox, '[part="download-button"]')).to.exist;
        await expect(inbox, 'detail').to.be.accessible();
        const downloads = watchDownloads(inbox);
        try {
          $<HTMLButtonElement>(inbox, '[part="download-button"]')!.click();
          await waitFor(() => downloads.clicks.length === 1, 'the download');
          await expect(inbox, 'detail after a download').to.be.accessible();
          const swapped = attachmentsAs(TOKENS.rsud);
          try {
            $<HTMLButtonElement>(inbox, '[part="download-button"]')!.click();
            await waitFor(() => $(inbox, '[role="alert"] [part="notice"]'), 'the attachment not found');
          } finally {
            swapped.restore();
          }
          await expect(inbox, 'detail with the attachment not found').to.be.accessible();
        } finally {
          downloads.restore();
        }
        await move(inbox, 'rejected', '');
        expect($(inbox, '#reason-error')).to.exist;
        await expect(inbox, 'detail with field errors').to.be.accessible();
        await move(inbox, 'verified', 'Lengkap.');
        expect($(inbox, '[part="notice"]')).to.exist;
        await expect(inbox, 'detail after a move').to.be.accessible();
        [...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="secondary-button"]')].find((button) => button.classList.contains('link'))!.click();
        await waitFor(() => $(inbox, '#status-filter'), 'the list');
        type(inbox, '#status-filter', 'closed');
        await waitFor(() => $(inbox, '#count')?.textContent?.includes('“'), 'the list filtered to nothing');
        await expect(inbox, 'list filtered to nothing').to.be.accessible();
      });
    }
  }

  it('says when the server cannot be reached, and passes axe there', async () => {
    const intake = newIntake();
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en"></nh-focal-point-inbox>`);
    await intake.down();
    try {
      await signIn(inbox, TOKENS.disdukcapil);
    } finally {
      await intake.up();
    }
    expect($(inbox, '[role="alert"] [part="notice"]')!.textContent).to.include('Cannot reach the server');
    expect($(inbox, '#token')).to.exist;
    await expect(inbox).to.be.accessible();
  });

  it('passes axe with the not-found notice and the empty list', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} tracking-id=${trackingId}></nh-focal-point-inbox>`);
    await signIn(inbox, TOKENS.rsud);
    await waitFor(() => $(inbox, '[role="alert"] [part="notice"]'), 'not found');
    await expect(inbox).to.be.accessible();
  });

  it('can be used with the keyboard alone: sign in, open, move on', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en"></nh-focal-point-inbox>`);
    await waitFor(() => $(inbox, '#token'), 'the sign-in form');
    const tab = async (times = 1) => {
      for (let i = 0; i < times; i++) await sendKeys({ press: 'Tab' });
    };
    await tab();
    expect(focused(inbox)?.id).to.equal('token');
    await sendKeys({ type: TOKENS.disdukcapil });
    await tab();
    expect(focused(inbox)?.id).to.equal('remember');
    await tab();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(inbox, '[part="item-button"]'), 'the list');
    expect(focused(inbox)?.id).to.equal('view-heading');
    for (let i = 0; i < 10 && focused(inbox)?.getAttribute('part') !== 'item-button'; i++) await tab();
    expect(focused(inbox)?.dataset.trackingId).to.equal(trackingId);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(inbox, '[part="detail"]'), 'the complaint');
    expect(focused(inbox)?.id).to.equal('view-heading');
    for (let i = 0; i < 10 && (focused(inbox) as HTMLInputElement | null)?.name !== 'to'; i++) await tab();
    expect((focused(inbox) as HTMLInputElement).value).to.equal('needs_info');
    await sendKeys({ press: 'ArrowDown' });
    expect(($<HTMLInputElement>(inbox, '#to-verified'))!.checked).to.equal(true);
    await tab();
    expect(focused(inbox)?.id).to.equal('note');
    await sendKeys({ type: 'Complete file, verified.' });
    await tab();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(inbox, '[part="status"]')?.textContent === 'Verified', 'the move');
    await waitFor(() => focused(inbox)?.id === 'notice', 'focus on the notice');
    const status = await publicStatus(intake.endpoint, trackingId);
    expect(status.history.at(-1)).to.include({ status: 'verified', note: 'Complete file, verified.' });
  });
});
