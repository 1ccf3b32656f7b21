// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { emulateMedia } from '@web/test-runner-commands';
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { createClient } from '@narahubung/core';
import './define.js';
import type { NhComplaintStatus } from './complaint-status.js';
import type { NhErrorEvent, NhStatusEvent } from './events.js';
import { answers, detailOf, newIntake, shadowText, waitFor } from './test-support/intake.js';

afterEach(() => fixtureCleanup());

/** A complaint filed through core's client, as another citizen's form would. */
async function file(endpoint: string): Promise<string> {
  const submission = { ...Object.assign({}, ...answers), locale: 'id' } as Record<string, unknown>;
  const nested = {
    kind: submission.kind, agencyId: submission.agencyId, category: submission.category, title: submission.title,
    description: submission.description, reporter: { name: 'Siti Aminah', email: 'siti@example.id', idNumber: '1871010101010001' },
    confidentiality: 'anonymous', consent: true, locale: 'id',
  };
  const answer = await createClient({ endpoint: new URL(endpoint, location.href).href }).submit(nested, { idempotencyKey: crypto.randomUUID() });
  return answer.trackingId;
}

async function lookUp(status: NhComplaintStatus, text: string): Promise<void> {
  const input = status.shadowRoot!.querySelector<HTMLInputElement>('#tracking')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  status.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await status.updateComplete;
}

describe('<nh-complaint-status>', () => {
  it('catches a mistyped number before any request', async () => {
    const intake = newIntake();
    const status = await fixture<NhComplaintStatus>(html`<nh-complaint-status endpoint=${intake.endpoint} locale="en"></nh-complaint-status>`);
    const trackingId = await file(intake.endpoint);
    const before = await intake.requests();
    // One swap of two different neighbours: the check symbol must catch it.
    const symbols = trackingId.replace(/-/g, '').slice(2);
    let i = 0;
    while (symbols[i] === symbols[i + 1]) i++;
    const swapped = `NH${symbols.slice(0, i)}${symbols[i + 1]}${symbols[i]}${symbols.slice(i + 2)}`;
    await lookUp(status, swapped);
    expect(shadowText(status)).to.include('This is not a valid tracking number.');
    expect(status.shadowRoot!.querySelector('#tracking')!.getAttribute('aria-invalid')).to.equal('true');
    expect(status.shadowRoot!.activeElement?.id).to.equal('tracking');
    expect(await intake.requests()).to.equal(before);
    await expect(status).to.be.accessible();
  });

  it('shows status, timeline, deadlines and overdue, in both languages, and no personal data', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    await intake.transition(trackingId, 'verified', 'Berkas lengkap.');
    const status = await fixture<NhComplaintStatus>(html`<nh-complaint-status endpoint=${intake.endpoint}></nh-complaint-status>`);
    const found = new Promise<NhStatusEvent>((resolve) => status.addEventListener('nh-status', resolve, { once: true }));
    // Typed the way people read it out: lower case, spaces, O for 0.
    await lookUp(status, trackingId.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'));
    expect((await found).detail.status.trackingId).to.equal(trackingId);
    await waitFor(() => detailOf(status)?.querySelector('ol'), 'the timeline');
    const text = shadowText(status);
    expect(text).to.include('Terverifikasi').and.include('Diterima').and.include('Berkas lengkap.').and.include('WIB');
    expect(text).to.include('Masih dalam batas waktu');
    expect(text).not.to.include('Siti').and.not.to.include('siti@example.id').and.not.to.include('1871010101010001');
    expect(detailOf(status)!.querySelectorAll('ol li').length).to.equal(2);
    await expect(status).to.be.accessible();
    status.locale = 'en';
    await status.updateComplete;
    expect(shadowText(status)).to.include('Verified').and.include('Within its deadline');
    await expect(status).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    try {
      // The button eases into its new colours: judge contrast once the transition is over.
      await Promise.all(status.shadowRoot!.getAnimations().map((animation) => animation.finished));
      expect(getComputedStyle(status).backgroundColor).to.equal('rgb(23, 25, 26)');
      await expect(status).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('says when no report has the number', async () => {
    const intake = newIntake();
    const other = newIntake();
    const trackingId = await file(other.endpoint);
    const status = await fixture<NhComplaintStatus>(html`<nh-complaint-status endpoint=${intake.endpoint} locale="en"></nh-complaint-status>`);
    const failed = new Promise<NhErrorEvent>((resolve) => status.addEventListener('nh-error', resolve, { once: true }));
    await lookUp(status, trackingId);
    expect((await failed).detail.code).to.equal('not_found');
    await status.updateComplete;
    expect(shadowText(status)).to.include(`There is no report with the number ${trackingId}.`);
    await expect(status).to.be.accessible();
    status.locale = 'id';
    await status.updateComplete;
    expect(shadowText(status)).to.not.include('There is no report');
    await expect(status).to.be.accessible();
  });
});
