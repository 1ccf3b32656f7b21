// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from 'vitest';
import './define.js';
import type { NhComplaintForm } from './complaint-form.js';
import { answers, fillAndSend, newIntake, pressPrimary, setField, waitFor } from './test-support/intake.js';

const heading = (el: Element) => el.shadowRoot!.querySelector('#view-heading')?.textContent?.trim() ?? '';
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

afterEach(async () => {
  fixtureCleanup();
  localStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
});

describe('accessibility', () => {
  it('passes axe in the dark scheme: empty, errors, queued, sent', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint}></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    expect(getComputedStyle(form).backgroundColor).to.equal('rgb(23, 25, 26)');
    await expect(form).to.be.accessible();
    pressPrimary(form);
    await form.updateComplete;
    await expect(form).to.be.accessible();
    await intake.down();
    await fillAndSend(form);
    await waitFor(() => heading(form) === 'Laporan tersimpan', 'the queued notice');
    await expect(form).to.be.accessible();
    await intake.up();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => heading(form) === 'Laporan terkirim', 'the confirmation');
    await expect(form).to.be.accessible();
  });

  it('passes axe on "check your answers", in both languages', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint}></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    for (const step of answers) {
      for (const [name, value] of Object.entries(step)) setField(form, name, value);
      await form.updateComplete;
      pressPrimary(form);
      await form.updateComplete;
    }
    await waitFor(() => heading(form) === 'Periksa jawaban Anda', 'check your answers');
    expect(form.shadowRoot!.querySelectorAll('dl > div > dd.actions button').length).to.be.greaterThan(0);
    await expect(form).to.be.accessible();
    form.locale = 'en';
    await form.updateComplete;
    await expect(form).to.be.accessible();
  });

  it('passes axe while sending, in both languages', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint}></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    await intake.hold();
    await fillAndSend(form);
    await waitFor(() => form.shadowRoot!.textContent?.includes('Mengirim laporan'), 'the sending notice');
    await expect(form).to.be.accessible();
    form.locale = 'en';
    await form.updateComplete;
    expect(form.shadowRoot!.textContent).to.include('Sending');
    await expect(form).to.be.accessible();
    await intake.release();
    await waitFor(() => heading(form) === 'Report sent', 'the confirmation');
    expect((await intake.complaints()).length).to.equal(1);
  });

  it('can be completed with the keyboard alone', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    const tab = async (times = 1) => {
      for (let i = 0; i < times; i++) await sendKeys({ press: 'Tab' });
    };
    await tab();
    expect(focused(form)?.id).to.equal('f-kind');
    await tab();
    expect(focused(form)?.id).to.equal('f-agencyId');
    await sendKeys({ press: 'ArrowDown' });
    await tab(2);
    expect(focused(form)?.id).to.equal('f-category');
    await sendKeys({ press: 'ArrowDown' });
    await tab();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(form) === 'What happened', 'step 2');
    await tab();
    expect(focused(form)?.id).to.equal('f-title');
    await sendKeys({ type: 'Antrean KTP-el tidak dilayani' });
    await tab();
    await sendKeys({ type: 'Petugas loket menolak melayani tanpa alasan sejak pagi hingga siang hari.' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(form) === 'Your details', 'step 3');
    await tab();
    expect(focused(form)?.id).to.equal('f-reporter-name');
    await sendKeys({ type: 'Budi Santoso' });
    await tab();
    await sendKeys({ type: 'budi@example.id' });
    await tab();
    expect(focused(form)?.id).to.equal('f-emailUpdates');
    await tab(5);
    expect(focused(form)?.id).to.equal('f-consent');
    await sendKeys({ press: 'Space' });
    await tab();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(form) === 'Check your answers', 'check your answers');
    for (let i = 0; i < 40 && (focused(form) as HTMLButtonElement | null)?.type !== 'submit'; i++) await tab();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heading(form) === 'Report sent', 'the confirmation');
    expect((await intake.complaints()).length).to.equal(1);
  });
});
