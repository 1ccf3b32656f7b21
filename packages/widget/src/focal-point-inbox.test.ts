// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import './inbox-define.js';
import type { NhFocalPointInbox } from './focal-point-inbox.js';
import type { NhSignedInEvent, NhTransitionedEvent } from './inbox-events.js';
import { TOKENS, file, fileOverdue, move, open, publicStatus, signIn, type } from './test-support/inbox.js';
import { newIntake, shadowText, waitFor } from './test-support/intake.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
});

const $ = <T extends Element>(inbox: NhFocalPointInbox, selector: string) => inbox.shadowRoot!.querySelector<T>(selector);
const listed = (inbox: NhFocalPointInbox) => [...inbox.shadowRoot!.querySelectorAll<HTMLElement>('[part="item-button"]')].map((button) => button.dataset.trackingId);

async function inboxFor(endpoint: string, locale = 'id'): Promise<NhFocalPointInbox> {
  return fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${endpoint} locale=${locale}></nh-focal-point-inbox>`);
}

describe('<nh-focal-point-inbox>', () => {
  it('signs in with a valid token and lists the agency\'s complaints, overdue first', async () => {
    const intake = newIntake();
    const recent = await file(intake.endpoint, { title: 'Antrean KTP-el' });
    const overdue = await fileOverdue(intake.endpoint, 30, { title: 'Akta kelahiran tertunda' });
    const inbox = await inboxFor(intake.endpoint, 'en');
    const token = $<HTMLInputElement>(inbox, '#token')!;
    expect(token.type).to.equal('password');
    expect(token.autocomplete).to.equal('off');
    const signedIn = new Promise<NhSignedInEvent>((resolve) => inbox.addEventListener('nh-signed-in', resolve, { once: true }));
    await signIn(inbox, TOKENS.disdukcapil);
    expect((await signedIn).detail.count).to.equal(2);
    expect(listed(inbox)).to.deep.equal([overdue, recent]);
    const items = inbox.shadowRoot!.querySelectorAll('[part="item"]');
    expect(items[0]!.textContent).to.include('Past its deadline').and.include('Akta kelahiran tertunda');
    expect(items[1]!.textContent).not.to.include('Past its deadline');
    expect(shadowText(inbox)).to.include('2 reports, those past their deadline first.');
    // Not remembered unless asked: nothing in either storage.
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    inbox.locale = 'id';
    await inbox.updateComplete;
    expect(items[0]!.textContent).to.include('Melewati batas waktu').and.include('Penundaan berlarut');
  });

  it('says clearly when the token is wrong, and stays on the sign-in form', async () => {
    const intake = newIntake();
    const inbox = await inboxFor(intake.endpoint, 'en');
    const events: string[] = [];
    inbox.addEventListener('nh-error', (event) => events.push(`${event.detail.status}`));
    await signIn(inbox, 'token-that-does-not-exist-0123456789');
    expect($(inbox, '#token-error')!.textContent).to.include('This token is not valid');
    expect($(inbox, '#token')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(inbox, '#token')!.getAttribute('aria-describedby')).to.include('token-error');
    expect(inbox.shadowRoot!.activeElement?.id).to.equal('token');
    expect(events).to.deep.equal(['401']);
    inbox.locale = 'id';
    await inbox.updateComplete;
    await signIn(inbox, '   ');
    expect($(inbox, '#token-error')!.textContent).to.include('Masukkan token akses.');
  });

  it('remembers the token in sessionStorage only when asked, and forgets it on sign-out', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint);
    await signIn(inbox, TOKENS.disdukcapil, true);
    expect(Object.values({ ...sessionStorage })).to.deep.equal([TOKENS.disdukcapil]);
    expect(localStorage.length).to.equal(0);
    // A second inbox on the page (a reload) signs in by itself from the remembered token.
    const again = await inboxFor(intake.endpoint);
    await waitFor(() => listed(again).length === 1, 'the remembered sign-in');
    const signedOut = new Promise((resolve) => inbox.addEventListener('nh-signed-out', resolve, { once: true }));
    [...inbox.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Keluar')!.click();
    await signedOut;
    await inbox.updateComplete;
    expect(sessionStorage.length).to.equal(0);
    expect($(inbox, '#token')).to.exist;
    expect(shadowText(inbox)).to.include('Anda sudah keluar.');
    expect(shadowText(inbox)).not.to.include('KTP-el');
  });

  it('shows no identity for an anonymous complaint, and the reporter of a public one', async () => {
    const intake = newIntake();
    const canary = { name: 'Kanari Rahasia Xq7', email: 'kanari-xq7@example.id', phone: '0812 9999 7777', address: 'Jl. Kanari 7', idNumber: '1871019999990007' };
    const anonymous = await file(intake.endpoint, { reporter: canary, confidentiality: 'anonymous' });
    const secret = await file(intake.endpoint, { reporter: canary, confidentiality: 'secret' });
    const known = await file(intake.endpoint, { reporter: { ...canary, name: 'Budi Terbuka' }, confidentiality: 'public' });
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    const absent = ['Kanari', 'kanari-xq7', '9999 7777', '+6281299997777', 'Jl. Kanari', '1871019999990007'];
    for (const trackingId of [anonymous, secret]) {
      await open(inbox, trackingId);
      const text = shadowText(inbox);
      expect(text).to.include('Identity hidden');
      for (const value of absent) expect(text, value).not.to.include(value);
      [...inbox.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Back to the list')!.click();
      await waitFor(() => listed(inbox).length === 3, 'the list');
    }
    for (const value of absent) expect(shadowText(inbox), value).not.to.include(value);
    await open(inbox, known);
    expect(shadowText(inbox)).to.include('Budi Terbuka').and.include('kanari-xq7@example.id').and.not.include('Identity hidden');
    // The national ID number is for intake officers only.
    expect(shadowText(inbox)).not.to.include('1871019999990007');
  });

  it('verifies, takes in progress and resolves with public notes the status page shows', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint);
    await signIn(inbox, TOKENS.disdukcapil);
    await open(inbox, trackingId);
    expect([...inbox.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="to"]')].map((radio) => radio.value)).to.deep.equal(['needs_info', 'verified', 'rejected']);
    expect(shadowText(inbox)).to.include('Catatan ini ditampilkan kepada pelapor di halaman status laporan.');
    const moves: string[] = [];
    inbox.addEventListener('nh-transitioned', (event: NhTransitionedEvent) => moves.push(`${event.detail.from}>${event.detail.to}`));
    await move(inbox, 'verified', 'Berkas lengkap, diteruskan ke Bidang Pelayanan.');
    expect($(inbox, '[part="notice"]')!.textContent).to.include('Terverifikasi');
    expect(inbox.shadowRoot!.activeElement?.id).to.equal('notice');
    await move(inbox, 'in_progress', 'Sedang dicetak.');
    await move(inbox, 'resolved', 'KTP-el sudah terbit dan dapat diambil di loket 3.');
    expect(moves).to.deep.equal(['received>verified', 'verified>in_progress', 'in_progress>resolved']);
    expect($(inbox, '[part="status"]')!.textContent).to.equal('Selesai ditangani');
    // Resolved can be closed, reopened or escalated; "in progress" from here reads as reopening.
    expect(shadowText(inbox)).to.include('Buka kembali');
    const status = await publicStatus(intake.endpoint, trackingId);
    expect(status.status).to.equal('resolved');
    expect(status.history.map((entry) => entry.note)).to.deep.equal(['', 'Berkas lengkap, diteruskan ke Bidang Pelayanan.', 'Sedang dicetak.', 'KTP-el sudah terbit dan dapat diambil di loket 3.']);
    // The list reflects the move.
    [...inbox.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Kembali ke daftar')!.click();
    await waitFor(() => listed(inbox).length === 1, 'the list');
    expect(shadowText(inbox)).to.include('Selesai');
    expect(inbox.shadowRoot!.activeElement?.getAttribute('data-tracking-id')).to.equal(trackingId);
  });

  it('asks for a reason to reject, at the reason field (422), then rejects with it', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await open(inbox, trackingId);
    await move(inbox, 'rejected', 'Not our authority.');
    const reason = $<HTMLSelectElement>(inbox, '#reason')!;
    expect($(inbox, '#reason-error')!.textContent).to.not.equal('');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.include('reason-error');
    expect(inbox.shadowRoot!.activeElement).to.equal(reason);
    expect((await publicStatus(intake.endpoint, trackingId)).status).to.equal('received');
    // The note typed is kept while the error is fixed.
    expect($<HTMLTextAreaElement>(inbox, '#note')!.value).to.equal('Not our authority.');
    type(inbox, '#reason', 'not_competent');
    await move(inbox, 'rejected', 'This is a matter for the provincial office.');
    expect($(inbox, '[part="status"]')!.textContent).to.equal('Rejected');
    expect(shadowText(inbox)).to.include('Outside the agency\'s authority').and.include('nothing more can be done');
    expect($(inbox, '[part="transition-form"]')).to.equal(null);
  });

  it('says when no step is chosen, and reloads the complaint when someone else moved it first (409)', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await open(inbox, trackingId);
    $<HTMLButtonElement>(inbox, '[part="transition-form"] button[type="submit"]')!.click();
    await waitFor(() => $(inbox, '#to-error'), 'the missing choice');
    expect($(inbox, '#to-error')!.textContent).to.include('Choose what to do');
    // A colleague verifies it meanwhile; "verified" is then no longer a step from here.
    await intake.transition(trackingId, 'verified', 'Diverifikasi rekan.');
    $<HTMLInputElement>(inbox, '#to-verified')!.click();
    await inbox.updateComplete;
    type(inbox, '#note', 'Lengkap.');
    $<HTMLButtonElement>(inbox, '[part="transition-form"] button[type="submit"]')!.click();
    await waitFor(() => $(inbox, '[role="alert"] [part="notice"]'), 'the conflict notice');
    await waitFor(() => $(inbox, '[part="status"]')?.textContent === 'Verified', 'the reloaded complaint');
    expect(shadowText(inbox)).to.include('changed elsewhere').and.include('Diverifikasi rekan.');
    expect($(inbox, '#to-verified')).to.equal(null);
    expect($(inbox, '#to-in_progress')).to.exist;
  });

  it('does not show or open another agency\'s complaint', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint, { title: 'Laporan Disdukcapil' });
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en" tracking-id=${trackingId}></nh-focal-point-inbox>`);
    await signIn(inbox, TOKENS.rsud);
    await waitFor(() => $(inbox, '[role="alert"] [part="notice"]'), 'not found');
    expect(listed(inbox)).to.deep.equal([]);
    const text = shadowText(inbox);
    expect(text).to.include(`Report ${trackingId} was not found`).and.include('There are no reports for your agency yet.');
    expect(text).not.to.include('Laporan Disdukcapil');
    // The agency's own focal point opens it straight from the same link.
    const own = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en" tracking-id=${trackingId}></nh-focal-point-inbox>`);
    await signIn(own, TOKENS.disdukcapil);
    await waitFor(() => $(own, '[part="detail"]'), 'the complaint');
    expect($(own, '#view-heading')!.textContent).to.equal('Laporan Disdukcapil');
  });

  it('returns to sign-in, and forgets the token, when a remembered token no longer works', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    // Remembered earlier in this tab, then rotated by the administrator.
    sessionStorage.setItem(`narahubung.inbox-token:${new URL(intake.endpoint, document.baseURI).href}`, 'token-rotated-away-0123456789abcdef');
    const inbox = await inboxFor(intake.endpoint, 'en');
    const signedOut = new Promise<Event>((resolve) => inbox.addEventListener('nh-signed-out', resolve, { once: true }));
    expect(((await signedOut) as CustomEvent<{ reason: string }>).detail.reason).to.equal('unauthorized');
    await waitFor(() => $(inbox, '#token-error'), 'the sign-in form with the error');
    expect($(inbox, '#token-error')!.textContent).to.include('not valid');
    expect(sessionStorage.length).to.equal(0);
  });

  it('shows markup in a complaint and in notes as text, and never runs it', async () => {
    const intake = newIntake();
    const win = window as unknown as { __inboxCanary?: number };
    delete win.__inboxCanary;
    const img = '<img src=x onerror="window.__inboxCanary=1">';
    const svg = '<svg onload="window.__inboxCanary=2"></svg>';
    const trackingId = await file(intake.endpoint, {
      title: `Antrean ${img}`,
      description: `Petugas menulis ${svg} dan ${img} di papan pengumuman loket pelayanan.`,
      unit: `Loket ${svg}`,
      expectedResolution: `Diperbaiki ${img}`,
    });
    const inbox = await inboxFor(intake.endpoint);
    await signIn(inbox, TOKENS.disdukcapil);
    expect(shadowText(inbox)).to.include(`Antrean ${img}`);
    await open(inbox, trackingId);
    await move(inbox, 'verified', `Catatan ${svg} ${img}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const root = inbox.shadowRoot!;
    expect(root.querySelectorAll('img, svg').length).to.equal(0);
    expect(win.__inboxCanary).to.equal(undefined);
    const text = shadowText(inbox);
    expect(text).to.include(`Antrean ${img}`).and.include(`Petugas menulis ${svg}`).and.include(`Catatan ${svg} ${img}`).and.include(`Loket ${svg}`);
  });
});
