// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
// Issue 12's form work, from a review of the form at 360 px and 200% zoom: the confirmation with
// the personal link, the tracking number and heading on narrow screens, email updates, who sees
// the contact details, dates in words, the description's minimum as a hint.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { afterEach, describe, it } from 'vitest';
import './define.js';
import type { NhComplaintForm } from './complaint-form.js';
import type { NhSubmittedEvent } from './events.js';
import { answers, confirmationOf, fillAndSend, newIntake, ownStatusOf, pressPrimary, setField, shadowText, waitFor } from './test-support/intake.js';

const heading = (el: Element) => el.shadowRoot!.querySelector('#view-heading')?.textContent?.trim() ?? '';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear();
  document.documentElement.style.fontSize = '';
});

/** Sends the usual answers and waits for the confirmation's detail (from the second file). */
async function sendAndConfirm(form: NhComplaintForm, values = answers): Promise<NhSubmittedEvent> {
  const submitted = new Promise<NhSubmittedEvent>((resolve) => form.addEventListener('nh-submitted', resolve, { once: true }));
  await fillAndSend(form, values);
  const event = await submitted;
  await waitFor(() => confirmationOf(form)?.querySelector('button'), 'the confirmation\'s detail');
  return event;
}

/** Clicks like a person: a real mouse event, so the page has a user activation (the clipboard asks for one). */
async function realClick(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

async function untilStep(form: NhComplaintForm, name: string): Promise<void> {
  await waitFor(() => heading(form) === name, name);
}

describe('the confirmation', () => {
  it('gives the personal link to keep, with copy buttons and a visible "copied", and the device keeps the key', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en" status-url="/lacak?from=form"></nh-complaint-form>`);
    const { detail } = await sendAndConfirm(form);
    const { trackingId, reporterKey } = detail.answer;
    const expected = new URL(`/lacak?from=form&tracking=${trackingId}#key=${reporterKey}`, location.href).href;
    const confirmation = confirmationOf(form)!;
    const link = confirmation.querySelector<HTMLAnchorElement>('[part~="personal-link"]')!;
    expect(link.href).to.equal(expected);
    expect(link.textContent).to.equal(expected);
    expect(shadowText(form)).to.include('Keep your personal link').and.include('do not share it: whoever has it can read your report.');
    // "See the status" opens it with the key too.
    const track = [...form.shadowRoot!.querySelectorAll('a')].find((anchor) => anchor.textContent === 'See the status of your report')!;
    expect(track.href).to.equal(expected);
    const kept = Object.entries(localStorage).filter(([name]) => name.startsWith('narahubung-key:') && name.endsWith(`|${trackingId}`));
    expect(kept.map(([, value]) => value)).to.deep.equal([reporterKey]);
    await expect(form).to.be.accessible();

    // "Copied" is shown where it happened, not only announced.
    const copied = () => confirmation.querySelector<HTMLElement>('.copied')!;
    const copyLink = [...confirmation.querySelectorAll('button')].find((button) => button.textContent === 'Copy link')!;
    await realClick(copyLink);
    await waitFor(() => copied().textContent, 'the copy message');
    expect(['Link copied', 'Selected: copy it with your device\'s copy command.']).to.include(copied().textContent);
    expect(copied().getAttribute('role')).to.equal('status');
    expect(copied().getBoundingClientRect().height).to.be.greaterThan(0);
    expect(getComputedStyle(copied()).clipPath).to.equal('none');
    const copyNumber = [...confirmation.querySelectorAll('button')].find((button) => button.textContent === 'Copy number')!;
    await realClick(copyNumber);
    await waitFor(() => copied().textContent !== 'Link copied' || copied().textContent === 'Number copied', 'the number copied');

    form.locale = 'id';
    await form.updateComplete;
    await waitFor(() => shadowText(form).includes('Simpan tautan pribadi Anda'), 'the confirmation in Indonesian');
    expect(shadowText(form)).to.include('Salin tautan').and.include('Salin nomor');
    await expect(form).to.be.accessible();
  });

  it('copies without the Clipboard API (plain HTTP) and offers sharing only where the device has it', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en" status-url="/lacak"></nh-complaint-form>`);
    await sendAndConfirm(form);
    const confirmation = confirmationOf(form)!;
    const labels = [...confirmation.querySelectorAll('button')].map((button) => button.textContent);
    expect(labels.includes('Send to…')).to.equal(typeof navigator.share === 'function');
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    // Outside a secure context there is no navigator.clipboard at all.
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    try {
      await realClick([...confirmation.querySelectorAll('button')].find((button) => button.textContent === 'Copy link')!);
      await waitFor(() => confirmation.querySelector('.copied')!.textContent, 'the copy message');
      expect(['Link copied', 'Selected: copy it with your device\'s copy command.']).to.include(confirmation.querySelector('.copied')!.textContent);
      // Either way the link is what is selected, for the citizen to copy if the command did not.
      expect(getSelection()?.toString()).to.include('#key=');
    } finally {
      Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
  });

  for (const { name, width, rootFontSize } of [
    { name: '320 px at 200% zoom', width: 160, rootFontSize: '' },
    { name: '320 px with text at 200%', width: 320, rootFontSize: '200%' },
    { name: '360 px at 200% zoom', width: 180, rootFontSize: '' },
  ]) {
    it(`breaks the tracking number only between its groups and never clips the heading: ${name}`, async () => {
      document.documentElement.style.fontSize = rootFontSize;
      const intake = newIntake();
      const wrapper = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}><nh-complaint-form endpoint=${intake.endpoint} locale="id"></nh-complaint-form></div>`);
      const form = wrapper.querySelector('nh-complaint-form')!;
      await sendAndConfirm(form);
      const root = form.shadowRoot!;
      const panel = root.querySelector<HTMLElement>('[part~="panel"]')!;
      const title = root.querySelector<HTMLElement>('#view-heading')!;
      const number = root.querySelector<HTMLElement>('[part~="tracking-id"]')!;
      expect(title.textContent).to.equal('Laporan terkirim');
      expect(title.scrollWidth, 'the heading overflows').to.be.at.most(title.clientWidth);
      const inside = (inner: DOMRect, outer: DOMRect) => inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
      expect(inside(title.getBoundingClientRect(), panel.getBoundingClientRect()), 'the heading inside the panel').to.equal(true);
      const groups = [...number.querySelectorAll('.nowrap')];
      expect(groups.map((group) => group.textContent).join('')).to.equal(number.textContent);
      for (const group of groups) {
        // One line per group (a group may have a box per text node, side by side).
        expect(new Set([...group.getClientRects()].map((box) => Math.round(box.top))).size, `"${group.textContent}" broken`).to.equal(1);
        expect(inside(group.getBoundingClientRect(), panel.getBoundingClientRect()), `"${group.textContent}" outside the panel`).to.equal(true);
      }
      // So narrow that it takes more than one line: the breaks fall between groups.
      expect(new Set(groups.map((group) => Math.round(group.getBoundingClientRect().top))).size).to.be.greaterThan(1);
      expect(panel.scrollWidth).to.be.at.most(panel.clientWidth);
    });
  }
});

describe('the form\'s third step and "check your answers"', () => {
  it('asks for email updates only with an email address, and the complaint asks for them', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    for (const step of answers.slice(0, 2)) {
      for (const [name, value] of Object.entries(step)) setField(form, name, value);
      await form.updateComplete;
      pressPrimary(form);
      await form.updateComplete;
    }
    await untilStep(form, 'Your details');
    const box = form.shadowRoot!.querySelector<HTMLInputElement>('#f-emailUpdates')!;
    expect(box.type).to.equal('checkbox');
    expect(form.shadowRoot!.querySelector('label[for="f-emailUpdates"]')!.textContent).to.equal('Email me updates about this report');
    expect(box.getAttribute('aria-describedby')).to.equal('f-emailUpdates-hint');
    setField(form, 'reporter.name', 'Siti Aminah');
    setField(form, 'reporter.phone', '0812 3456 7890');
    setField(form, 'emailUpdates', true);
    setField(form, 'consent', true);
    await form.updateComplete;
    pressPrimary(form);
    await form.updateComplete;
    const summary = form.shadowRoot!.querySelector('[part~="error-summary"]')!;
    expect(summary.textContent).to.include('Enter an email address to get updates about this report, or untick email updates.');
    expect([...summary.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.deep.equal(['#f-reporter-email']);
    expect(form.shadowRoot!.activeElement?.id).to.equal('f-reporter-email');
    await expect(form).to.be.accessible();
    setField(form, 'reporter.email', 'siti@example.id');
    await form.updateComplete;
    pressPrimary(form);
    await untilStep(form, 'Check your answers');
    const row = [...form.shadowRoot!.querySelectorAll('dl > div')].find((candidate) => candidate.querySelector('dt')?.textContent === 'Email updates')!;
    expect(row.querySelector('dd')!.textContent).to.equal('Yes');
    const submitted = new Promise<NhSubmittedEvent>((resolve) => form.addEventListener('nh-submitted', resolve, { once: true }));
    pressPrimary(form);
    const { answer } = (await submitted).detail;
    expect((await ownStatusOf(intake.endpoint, answer.trackingId, answer.reporterKey)).own.emailUpdates).to.equal(true);
  });

  it('says which contact details are required and who sees them under the confidentiality chosen, in both languages', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    for (const step of answers.slice(0, 2)) {
      for (const [name, value] of Object.entries(step)) setField(form, name, value);
      await form.updateComplete;
      pressPrimary(form);
      await form.updateComplete;
    }
    await untilStep(form, 'Your details');
    const said = () => form.shadowRoot!.querySelector('h2 + p')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(said()).to.equal('Required: your name, and an email address or a phone number so that the officers can reach you. You chose “Anonymous”. The agency you report does not see who you are; only intake officers do.');
    setField(form, 'confidentiality', 'public');
    await form.updateComplete;
    expect(said()).to.include('You chose “Public”. The focal point of the agency you report can see your name and contacts.');
    form.locale = 'id';
    await form.updateComplete;
    expect(said()).to.include('Wajib diisi: nama, serta email atau nomor telepon').and.include('Anda memilih “Terbuka”.');
    await expect(form).to.be.accessible();
  });

  it('shows dates in words, and the description\'s minimum before it is an error', async () => {
    const intake = newIntake();
    const form = await fixture<NhComplaintForm>(html`<nh-complaint-form endpoint=${intake.endpoint} locale="en"></nh-complaint-form>`);
    await waitFor(() => form.shadowRoot!.querySelector('form'), 'the form');
    for (const [name, value] of Object.entries(answers[0]!)) setField(form, name, value);
    await form.updateComplete;
    pressPrimary(form);
    await untilStep(form, 'What happened');
    expect(form.shadowRoot!.querySelector('#f-description-hint')!.textContent).to.include('At least 30 characters.');
    setField(form, 'description', 'Belum terbit');
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('#f-description-count')!.textContent).to.equal('You need 18 more characters');
    expect(form.shadowRoot!.querySelector('#f-description-error')).to.equal(null);
    expect(form.shadowRoot!.querySelector('#f-description')!.getAttribute('aria-invalid')).to.equal(null);
    const values = structuredClone(answers);
    values[1]!['incident.date'] = '2026-03-03';
    values[1]!['priorAttempt.date'] = '2026-08-17';
    for (const [name, value] of Object.entries(values[1]!)) setField(form, name, value);
    await form.updateComplete;
    pressPrimary(form);
    await untilStep(form, 'Your details');
    for (const [name, value] of Object.entries(values[2]!)) setField(form, name, value);
    await form.updateComplete;
    pressPrimary(form);
    await untilStep(form, 'Check your answers');
    const answerOf = (label: string) => [...form.shadowRoot!.querySelectorAll('dl > div')].find((row) => row.querySelector('dt')?.textContent === label)?.querySelector('dd')?.textContent;
    expect(answerOf('Date of the incident')).to.equal('3 March 2026');
    expect(answerOf('Date of the earlier complaint')).to.equal('17 August 2026');
    expect(answerOf('Email updates')).to.equal('No');
    form.locale = 'id';
    await form.updateComplete;
    expect(answerOf('Tanggal kejadian')).to.equal('3 Maret 2026');
    expect(answerOf('Kabar lewat surel')).to.equal('Tidak');
  });
});
