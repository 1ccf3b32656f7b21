// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { parseTrackingId } from '@narahubung/core';
import './define.js';
import type { NhComplaintForm } from './complaint-form.js';
import type { NhComplaintStatus } from './complaint-status.js';
import type { NhSubmittedEvent } from './events.js';
import { answers, detailOf, fillAndSend, newIntake, pressPrimary, setField, shadowText, waitFor } from './test-support/intake.js';

const heading = (el: Element) => el.shadowRoot!.querySelector('#view-heading')?.textContent?.trim() ?? '';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear();
});

describe('<nh-complaint-form> against the real intake handler', () => {
  it('sends a complaint, shows the tracking number and deadlines, and the status view finds it', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    const submitted = new Promise<NhSubmittedEvent>((resolve) => form.addEventListener('nh-submitted', resolve, { once: true }));
    await fillAndSend(form);
    const event = await submitted;
    expect(event.bubbles && event.composed).to.equal(true);
    const trackingId = event.detail.trackingId;
    expect(parseTrackingId(trackingId)).to.equal(trackingId);
    await form.updateComplete;
    expect(heading(form)).to.equal('Report sent');
    expect(form.shadowRoot!.querySelector('[part="tracking-id"]')!.textContent).to.equal(trackingId);
    await waitFor(() => shadowText(form).includes('Rina Marlina'), 'the confirmation\'s detail');
    expect(shadowText(form)).to.include('WIB').and.include('Set once verified');
    expect(document.activeElement).to.equal(form);
    expect(form.shadowRoot!.activeElement?.id).to.equal('view-heading');
    await expect(form).to.be.accessible();
    expect(await intake.complaints()).to.deep.equal([trackingId]);

    const track = [...form.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.includes('See the status'))!;
    track.click();
    await form.updateComplete;
    const status = form.shadowRoot!.querySelector('nh-complaint-status') as NhComplaintStatus;
    await waitFor(() => detailOf(status)?.querySelector('[part="status"]'), 'the status');
    expect(detailOf(status)!.querySelector('[part="status"]')!.textContent).to.equal('Received');
  });

  it('checks each step with core\'s rules: error summary, inline messages, focus on the first invalid field', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    await expect(form).to.be.accessible();
    pressPrimary(form);
    await form.updateComplete;
    const summary = form.shadowRoot!.querySelector('[part="error-summary"]')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['#f-agencyId', '#f-category']);
    const agency = form.shadowRoot!.querySelector('#f-agencyId')!;
    expect(form.shadowRoot!.activeElement).to.equal(agency);
    expect(agency.getAttribute('aria-invalid')).to.equal('true');
    const described = agency.getAttribute('aria-describedby')!.split(' ');
    expect(described).to.include('f-agencyId-error');
    expect(form.shadowRoot!.querySelector('#f-agencyId-error')!.textContent).to.match(/Agency reported/);
    await expect(form).to.be.accessible();
    form.locale = 'id';
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('#f-agencyId-error')!.textContent).to.match(/Instansi terlapor wajib diisi/);
    expect(summary.isConnected ? summary.textContent : form.shadowRoot!.querySelector('[part="error-summary"]')!.textContent).to.match(/Kategori wajib diisi/);
    form.locale = 'en';
    await form.updateComplete;
    links[1]!.click();
    expect(form.shadowRoot!.activeElement?.id).to.equal('f-category');

    setField(form, 'agencyId', 'disdukcapil-bandar-lampung');
    setField(form, 'category', 'undue_delay');
    pressPrimary(form);
    await form.updateComplete;
    setField(form, 'title', 'KTP');
    setField(form, 'description', 'short');
    pressPrimary(form);
    await form.updateComplete;
    expect(shadowText(form)).to.include('Description must be at least 30 characters.');
    expect(form.shadowRoot!.activeElement?.id).to.equal('f-description');
    // The minimum is said by the counter as soon as typing starts, before it is an error.
    expect(form.shadowRoot!.querySelector('#f-description-count')!.textContent).to.equal('You need 25 more characters');
  });

  it('switches language at run time', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint}></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    expect(heading(form)).to.equal('Tentang laporan');
    expect(shadowText(form)).to.include('Penundaan berlarut');
    await expect(form).to.be.accessible();
    form.locale = 'en';
    await form.updateComplete;
    expect(heading(form)).to.equal('About your report');
    expect(shadowText(form)).to.include('Undue delay');
    expect(form.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('en');
  });

  it('fixes the agency by attribute and narrows the categories and kinds', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(
      html`<nh-complaint-form endpoint=${intake.endpoint} agency="rsud-abdul-moeloek" categories="improper_request, other" kinds="complaint"></nh-complaint-form>`,
    );
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    expect(form.shadowRoot!.querySelector('[name="agencyId"]')).to.equal(null);
    expect(shadowText(form)).to.include('RSUD Dr. H. Abdul Moeloek');
    const options = [...form.shadowRoot!.querySelectorAll('#f-category option')].map((option) => (option as HTMLOptionElement).value);
    expect(options).to.deep.equal(['', 'improper_request', 'other']);
    expect(form.shadowRoot!.querySelectorAll('[name="kind"]').length).to.equal(1);
  });

  it('keeps a draft across a reload and offers to restore or discard it', async () => {
    const intake = newIntake();
    const first = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => first.shadowRoot!.querySelector('form'), 'the form');
    setField(first, 'agencyId', 'disdukcapil-bandar-lampung');
    setField(first, 'category', 'incompetence');
    fixtureCleanup();

    const second = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => second.shadowRoot!.querySelector('form'), 'the form');
    expect(shadowText(second)).to.include('You have unsent answers from');
    await expect(second).to.be.accessible();
    [...second.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Restore answers')!.click();
    await second.updateComplete;
    expect(second.shadowRoot!.querySelector<HTMLSelectElement>('#f-category')!.value).to.equal('incompetence');
  });

  it('keeps the national ID number only for this session, forgets drafts after a week, and discards on request', async () => {
    const intake = newIntake();
    const first = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => first.shadowRoot!.querySelector('form'), 'the form');
    for (const step of answers.slice(0, 2)) {
      for (const [name, value] of Object.entries(step)) setField(first, name, value);
      await first.updateComplete;
      pressPrimary(first);
      await first.updateComplete;
    }
    await waitFor(() => first.shadowRoot!.querySelector('[name="reporter.idNumber"]'), 'step 3');
    setField(first, 'reporter.name', 'Siti Aminah');
    setField(first, 'reporter.idNumber', '1871010101010001');
    const key = Object.keys(localStorage).find((name) => name.startsWith('narahubung-draft:') && name.includes(intake.endpoint))!;
    expect(key, 'the draft key').to.be.a('string');
    expect(localStorage.getItem(key)).to.include('Siti Aminah').and.not.include('1871010101010001');
    expect(sessionStorage.getItem(key)).to.include('1871010101010001');
    fixtureCleanup();

    // A reload in the same tab restores everything, the NIK included.
    const second = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => second.shadowRoot!.querySelector('form'), 'the form');
    [...second.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Restore answers')!.click();
    await second.updateComplete;
    expect((second as unknown as { _values: Record<string, unknown> })._values['reporter.idNumber']).to.equal('1871010101010001');
    fixtureCleanup();

    // The next person on a shared device (a new session) never sees it.
    sessionStorage.clear();
    const third = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => third.shadowRoot!.querySelector('form'), 'the form');
    expect(shadowText(third)).to.include('You have unsent answers from').and.not.include('1871010101010001');
    [...third.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Discard answers')!.click();
    await third.updateComplete;
    expect(localStorage.getItem(key)).to.equal(null);
    expect(shadowText(third)).to.not.include('You have unsent answers from');
    fixtureCleanup();

    // A draft older than a week is dropped unread.
    localStorage.setItem(key, JSON.stringify({ values: { 'reporter.name': 'Siti Aminah' }, savedAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }));
    const fourth = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => fourth.shadowRoot!.querySelector('form'), 'the form');
    expect(shadowText(fourth)).to.not.include('You have unsent answers from');
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('checks attachments with core\'s rules before sending, at the attachments field', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    for (const [name, value] of Object.entries(answers[0]!)) setField(form, name, value);
    await form.updateComplete;
    pressPrimary(form);
    await waitFor(() => form.shadowRoot!.querySelector('[name="attachments"]'), 'step 2');
    for (const [name, value] of Object.entries(answers[1]!)) setField(form, name, value);
    const choose = async (files: File[]) => {
      const input = form.shadowRoot!.querySelector<HTMLInputElement>('[name="attachments"]')!;
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await form.updateComplete;
    };
    await choose([new File(['plain text'], 'catatan.txt', { type: 'text/plain' })]);
    pressPrimary(form);
    await form.updateComplete;
    const summary = form.shadowRoot!.querySelector('[part="error-summary"]')!;
    expect(summary.textContent).to.include('The file catatan.txt is not a JPEG, PNG or PDF.');
    expect([...summary.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.deep.equal(['#f-attachments']);
    expect(form.shadowRoot!.activeElement?.id).to.equal('f-attachments');
    await choose([new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'bukti.png', { type: 'image/png' })]);
    pressPrimary(form);
    await waitFor(() => heading(form) === 'Your details', 'step 3');
  });

  it('shows markup typed into any field as text and never runs it', async () => {
    const intake = newIntake();
    const canary = (n: number) => `<img src=x onerror="window.__nhPwned=${n}"><svg onload="window.__nhPwned=${n}"></svg>`;
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    const values = structuredClone(answers);
    values[0]!.unit = canary(1);
    values[1]!.title = `Title ${canary(2)}`;
    values[1]!.description = `${canary(3)} and the rest of a long enough description`;
    values[1]!['incident.place'] = canary(4);
    values[1]!.expectedResolution = canary(5);
    values[1]!['priorAttempt.contacted'] = canary(9);
    values[1]!['priorAttempt.response'] = canary(10);
    values[2]!['reporter.name'] = canary(6);
    values[2]!['reporter.address'] = canary(7);
    // Fields the rules refuse markup in: shown back in place and in the errors, never run.
    const refused = structuredClone(values);
    refused[2]!['reporter.email'] = canary(11);
    refused[2]!['reporter.phone'] = canary(12);
    refused[2]!['reporter.idNumber'] = canary(13);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    for (const step of refused) {
      for (const [name, value] of Object.entries(step)) if (form.shadowRoot!.querySelector(`[name="${name}"]`)) setField(form, name, value);
      await form.updateComplete;
      pressPrimary(form);
      await form.updateComplete;
    }
    await waitFor(() => form.shadowRoot!.querySelector('[part="error-summary"]'), 'the error summary');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('[name="reporter.email"]')!.value).to.equal(canary(11));
    expect(form.shadowRoot!.querySelectorAll('img, svg').length).to.equal(0);
    for (const name of ['reporter.email', 'reporter.phone', 'reporter.idNumber']) setField(form, name, '');
    setField(form, 'reporter.email', 'siti@example.id');
    const submitted = new Promise<NhSubmittedEvent>((resolve) => form.addEventListener('nh-submitted', resolve, { once: true }));
    await form.updateComplete;
    pressPrimary(form);
    await waitFor(() => form.shadowRoot!.textContent?.includes('Check your answers'), 'check your answers');
    expect(form.shadowRoot!.textContent).to.include(canary(9)).and.include(canary(6));
    expect(form.shadowRoot!.querySelectorAll('img, svg').length).to.equal(0);
    pressPrimary(form);
    const { trackingId } = (await submitted).detail;
    await intake.transition(trackingId, 'verified', `Terverifikasi ${canary(8)}`);

    const status = await fixture<NhComplaintStatus>(html`<nh-complaint-status endpoint=${intake.endpoint} tracking-id=${trackingId}></nh-complaint-status>`);
    await waitFor(() => detailOf(status)?.querySelector('ol'), 'the timeline');
    expect(shadowText(status)).to.include(`Terverifikasi ${canary(8)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.querySelectorAll('img[src=x], svg[onload]').length).to.equal(0);
    expect(status.shadowRoot!.querySelectorAll('img, svg').length + detailOf(status)!.querySelectorAll('img, svg').length).to.equal(0);
    expect((window as { __nhPwned?: number }).__nhPwned).to.equal(undefined);
  });
});
