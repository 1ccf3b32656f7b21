// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from 'vitest';
import '../../inbox-define.js';
import type { NhFocalPointInbox } from './focal-point-inbox.js';
import { TOKENS, attachmentsAs, backToList, button, click, deep, file, fileOverdue, focused, listShown, move, open, pdf, publicStatus, resetUrl, signIn, type } from '../../test-support/inbox.js';
import { newIntake, waitFor } from '../../test-support/intake.js';

afterEach(async () => {
  fixtureCleanup();
  sessionStorage.clear();
  resetUrl();
  await emulateMedia({ colorScheme: 'light' });
});

const words = { id: { verify: 'Verifikasi', save: 'Simpan catatan internal', apply: 'Terapkan ke 2 laporan' }, en: { verify: 'Verify', save: 'Save internal note', apply: 'Apply to 2 reports' } };

describe('<nh-focal-point-inbox> accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const locale of ['id', 'en'] as const) {
      it(`passes axe in every state: ${locale}, ${scheme} scheme`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const intake = newIntake();
        const trackingId = await file(intake.endpoint, { confidentiality: 'anonymous' }, [pdf('surat.pdf')]);
        await fileOverdue(intake.endpoint, 20, { title: 'Akta kelahiran tertunda' });
        const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale=${locale}></nh-focal-point-inbox>`);
        if (scheme === 'dark') expect(getComputedStyle(inbox).backgroundColor).to.equal('rgb(23, 25, 26)');
        await expect(inbox, 'sign-in').to.be.accessible();
        await signIn(inbox, 'not-a-valid-token-0123456789abcdef');
        await waitFor(() => deep(inbox, '#token-error'), 'the error');
        await expect(inbox, 'sign-in with an error').to.be.accessible();
        await signIn(inbox, TOKENS.disdukcapil);
        await listShown(inbox);
        await waitFor(() => deep(inbox, '[part="tabs"] .count'), 'the counts');
        await expect(inbox, 'list').to.be.accessible();
        deep<HTMLAnchorElement>(inbox, 'tbody a')!.focus();
        await expect(inbox, 'list with a row focused (its tips shown)').to.be.accessible();
        click(inbox, '#select-all');
        await waitFor(() => deep(inbox, 'nh-inbox-bulk'), 'the bulk actions');
        click(inbox, '#bulk-verified');
        await inbox.updateComplete;
        await expect(inbox, 'list with a selection').to.be.accessible();
        button(inbox, words[locale].apply).click();
        await waitFor(() => deep(inbox, '#bulk-report'), 'the bulk report');
        await expect(inbox, 'list after a bulk action').to.be.accessible();
        await open(inbox, trackingId);
        await waitFor(() => deep(inbox, '#officer'), 'the officers');
        await expect(inbox, 'detail').to.be.accessible();
        click(inbox, '[data-view-id="a1"]');
        await waitFor(() => deep(inbox, '[part="viewer"]'), 'the viewer');
        await expect(inbox, 'detail with the viewer').to.be.accessible();
        const swapped = attachmentsAs(TOKENS.rsud);
        try {
          click(inbox, '[part="download-button"]');
          await waitFor(() => deep(inbox, '#attachment-error'), 'the attachment not found');
        } finally {
          swapped.restore();
        }
        await expect(inbox, 'detail with the attachment not found').to.be.accessible();
        await move(inbox, 'rejected', '');
        await waitFor(() => deep(inbox, '#reason-error'), 'the reason error');
        await expect(inbox, 'detail with field errors').to.be.accessible();
        await move(inbox, 'in_progress', 'Diproses.');
        await waitFor(() => deep(inbox, '[part="transition-form"] [part="notice"]'), 'the move');
        type(inbox, '#internal-note', 'Cek arsip.');
        button(inbox, words[locale].save).click();
        await waitFor(() => deep(inbox, '#notes-notice'), 'the note saved');
        await expect(inbox, 'detail after a move and a note').to.be.accessible();
        await backToList(inbox);
        type(inbox, '#q', 'tidak ada yang cocok zzz');
        click(inbox, '[part="filter"] button[type="submit"]');
        await waitFor(() => deep(inbox, '#range')?.textContent?.match(/cocok|match/), 'the list filtered to nothing');
        await expect(inbox, 'list filtered to nothing').to.be.accessible();
        expect(words[locale].verify).to.be.a('string');
      });
    }
  }

  it('says when the server cannot be reached, and passes axe there', async () => {
    const intake = newIntake();
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en"></nh-focal-point-inbox>`);
    await intake.down();
    try {
      await signIn(inbox, TOKENS.disdukcapil);
      await waitFor(() => deep(inbox, '[role="alert"] [part="notice"]'), 'the notice');
    } finally {
      await intake.up();
    }
    expect(deep(inbox, '[role="alert"] [part="notice"]')!.textContent).to.include('Cannot reach the server');
    expect(deep(inbox, '#token')).to.exist;
    await expect(inbox).to.be.accessible();
  });

  it('passes axe with a complaint not found', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} tracking-id=${trackingId}></nh-focal-point-inbox>`);
    await signIn(inbox, TOKENS.rsud);
    await waitFor(() => deep(inbox, '[role="alert"] [part="notice"]'), 'not found');
    await expect(inbox).to.be.accessible();
  });

  it('triages a complaint with the keyboard alone: sign in, search, open, verify, assign, note', async () => {
    const intake = newIntake();
    await file(intake.endpoint, { title: 'Laporan lain' });
    const trackingId = await file(intake.endpoint, { title: 'KTP-el belum terbit' });
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en"></nh-focal-point-inbox>`);
    await waitFor(() => deep(inbox, '#token'), 'the sign-in form');
    const tab = async (until: () => boolean, what: string, most = 40) => {
      for (let i = 0; i < most && !until(); i++) await sendKeys({ press: 'Tab' });
      expect(until(), `Tab reaches ${what}`).to.equal(true);
    };
    await tab(() => focused()?.id === 'token', 'the token');
    await sendKeys({ type: TOKENS.disdukcapil });
    await sendKeys({ press: 'Enter' });
    await listShown(inbox);
    await waitFor(() => focused()?.id === 'inbox-heading', 'the inbox');
    await sendKeys({ press: '/' });
    await waitFor(() => focused()?.id === 'q', 'the search');
    await sendKeys({ type: trackingId.slice(3).toLowerCase() });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep(inbox, '#range')?.textContent === '1–1 of 1 reports' && focused()?.id === 'range', 'the complaint found');
    await tab(() => focused()?.getAttribute('data-tracking-id') === trackingId, 'its link');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused()?.id === 'view-heading' && focused()?.textContent === 'KTP-el belum terbit', 'the complaint');
    await tab(() => (focused() as HTMLInputElement | null)?.name === 'to', 'the choices');
    await sendKeys({ press: 'ArrowDown' });
    expect(deep<HTMLInputElement>(inbox, '#to-verified')!.checked).to.equal(true);
    await tab(() => focused()?.id === 'note', 'the public note');
    await sendKeys({ type: 'Complete file, verified.' });
    await tab(() => focused()?.textContent === 'Save', 'Save');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep(inbox, '[part="status"]')?.textContent === 'Verified' && focused()?.id === 'notice', 'the move, focus on its notice');
    await tab(() => focused()?.id === 'officer', 'the assignment');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(deep<HTMLSelectElement>(inbox, '#officer')!.value).to.equal('off-disdukcapil');
    await tab(() => focused()?.textContent === 'Save assignment', 'Save assignment');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep(inbox, '#assignee')?.textContent === 'Assigned to Andi Saputra.', 'assigned');
    await tab(() => focused()?.id === 'internal-note', 'the internal note');
    await sendKeys({ type: 'Minta arsip ke loket 2.' });
    await tab(() => focused()?.textContent === 'Save internal note', 'Save internal note');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deep(inbox, '#notes-notice'), 'the note saved');
    // Back to the list with the keyboard: Shift+Tab to "Back to the list".
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 60 && !focused()?.classList.contains('back'); i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused()?.getAttribute('data-tracking-id') === trackingId, 'the list, focus on the complaint');
    const status = await publicStatus(intake.endpoint, trackingId);
    expect(status.history.at(-1)).to.include({ status: 'verified', note: 'Complete file, verified.' });
    expect(JSON.stringify(status)).to.not.include('Minta arsip');
  });
});
