// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from 'vitest';
import '../../inbox-define.js';
import type { NhFocalPointInbox } from './focal-point-inbox.js';
import type { NhSignedInEvent } from '../../inbox-events.js';
import { TOKENS, backToList, button, deep, deepAll, file, fileOverdue, focused, inboxText, listShown, listed, move, open, resetUrl, signIn, type, urlWith } from '../../test-support/inbox.js';
import { newIntake, waitFor } from '../../test-support/intake.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
  resetUrl();
});

async function inboxFor(endpoint: string, locale = 'id'): Promise<NhFocalPointInbox> {
  return fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${endpoint} locale=${locale}></nh-focal-point-inbox>`);
}

describe('<nh-focal-point-inbox>', () => {
  it('signs in with a valid token and lists the agency\'s complaints, overdue first, with the true total', async () => {
    const intake = newIntake();
    const recent = await file(intake.endpoint, { title: 'Antrean KTP-el' });
    const overdue = await fileOverdue(intake.endpoint, 30, { title: 'Akta kelahiran tertunda' });
    const inbox = await inboxFor(intake.endpoint, 'en');
    const token = deep<HTMLInputElement>(inbox, '#token')!;
    expect(token.type).to.equal('password');
    expect(token.autocomplete).to.equal('off');
    const signedIn = new Promise<NhSignedInEvent>((resolve) => inbox.addEventListener('nh-signed-in', resolve, { once: true }));
    await signIn(inbox, TOKENS.disdukcapil);
    expect((await signedIn).detail.count).to.equal(2);
    await listShown(inbox);
    expect(listed(inbox)).to.deep.equal([overdue, recent]);
    expect(focused()?.id, 'focus on the inbox after a typed sign-in').to.equal('inbox-heading');
    const rows = [...inbox.shadowRoot!.querySelector('nh-inbox-list')!.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows[0]!.textContent).to.include('Akta kelahiran tertunda').and.match(/working days late/);
    expect(rows[1]!.textContent).to.include('Due in 3 working days');
    expect(deep(inbox, '#range')!.textContent).to.equal('1–2 of 2 reports');
    // Not remembered unless asked: nothing in either storage.
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    inbox.locale = 'id';
    await waitFor(() => deep(inbox, '#range')?.textContent === '1–2 dari 2 laporan', 'Indonesian');
    expect(inboxText(inbox)).to.include('Terlambat').and.include('Penundaan berlarut');
  });

  it('says clearly when the token is wrong, and stays on the sign-in form', async () => {
    const intake = newIntake();
    const inbox = await inboxFor(intake.endpoint, 'en');
    const events: string[] = [];
    inbox.addEventListener('nh-error', (event) => events.push(`${event.detail.status}`));
    await signIn(inbox, 'token-that-does-not-exist-0123456789');
    await waitFor(() => deep(inbox, '#token-error'), 'the error');
    expect(deep(inbox, '#token-error')!.textContent).to.include('This token is not valid');
    expect(deep(inbox, '#token')!.getAttribute('aria-invalid')).to.equal('true');
    expect(deep(inbox, '#token')!.getAttribute('aria-describedby')).to.include('token-error');
    await waitFor(() => focused()?.id === 'token', 'focus on the token');
    expect(events).to.deep.equal(['401']);
    inbox.locale = 'id';
    await inbox.updateComplete;
    type(inbox, '#token', '   ');
    deep<HTMLButtonElement>(inbox, 'form[part="form"] button[type="submit"]')!.click();
    await waitFor(() => deep(inbox, '#token-error')?.textContent?.includes('Masukkan token akses.'), 'the required message');
  });

  it('remembers the token in sessionStorage only when asked, and forgets it on sign-out', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint);
    await signIn(inbox, TOKENS.disdukcapil, true);
    await waitFor(() => sessionStorage.length === 1, 'the token remembered');
    expect(Object.values({ ...sessionStorage })).to.deep.equal([TOKENS.disdukcapil]);
    expect(localStorage.length).to.equal(0);
    // A second inbox on the page (a reload) signs in by itself from the remembered token.
    const again = await inboxFor(intake.endpoint);
    await waitFor(() => listed(again).length === 1, 'the remembered sign-in');
    const signedOut = new Promise((resolve) => inbox.addEventListener('nh-signed-out', resolve, { once: true }));
    button(inbox, 'Keluar').click();
    await signedOut;
    await inbox.updateComplete;
    expect(sessionStorage.length).to.equal(0);
    await waitFor(() => deep(inbox, '#token'), 'the sign-in form');
    expect(inboxText(inbox)).to.include('Anda sudah keluar.');
    expect(inboxText(inbox)).not.to.include('KTP-el');
  });

  it('returns to sign-in, and forgets the token, when a remembered token no longer works', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    sessionStorage.setItem(`narahubung.inbox-token:${new URL(intake.endpoint, document.baseURI).href}`, 'token-rotated-away-0123456789abcdef');
    const inbox = await inboxFor(intake.endpoint, 'en');
    const signedOut = new Promise<Event>((resolve) => inbox.addEventListener('nh-signed-out', resolve, { once: true }));
    expect(((await signedOut) as CustomEvent<{ reason: string }>).detail.reason).to.equal('unauthorized');
    await waitFor(() => deep(inbox, '#token-error'), 'the sign-in form with the error');
    expect(deep(inbox, '#token-error')!.textContent).to.include('not valid');
    expect(sessionStorage.length).to.equal(0);
  });

  it('says who is signed in, and for which agency, beside "Sign out"', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    const who = await waitFor(() => deep(inbox, '[part="signed-in-as"]'), 'who is signed in');
    expect(who.textContent).to.equal('Signed in as Rina Marlina, Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    expect([...who.closest('.bar')!.querySelectorAll('button')].map((element) => element.textContent?.trim()), 'beside it').to.include('Sign out');
    inbox.locale = 'id';
    await inbox.updateComplete;
    expect(deep(inbox, '[part="signed-in-as"]')!.textContent).to.equal('Masuk sebagai Rina Marlina, Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    button(inbox, 'Keluar').click();
    await waitFor(() => deep(inbox, '#token'), 'the sign-in form');
    await signIn(inbox, TOKENS.officer);
    await waitFor(() => deep(inbox, '[part="signed-in-as"]')?.textContent === 'Masuk sebagai Petugas Penerimaan, semua instansi', 'the intake officer');
  });

  it('keeps every view in the URL: filters, the opened complaint; Back and Forward move between them', async () => {
    const intake = newIntake();
    const first = await file(intake.endpoint, { title: 'Antrean KTP-el', category: 'undue_delay' });
    const second = await file(intake.endpoint, { title: 'Pungutan akta', category: 'improper_request' });
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await listShown(inbox);
    // Each Back is one step from the newest entry. (The runner shares one page between test files,
    // so history is at Chromium's cap of 50 entries by now; there, a second Back in a row was seen
    // to leave the page for the runner's about:blank.)
    type(inbox, '#category', 'undue_delay');
    await waitFor(() => listed(inbox).join() === first, 'the first filter');
    type(inbox, '#category', 'improper_request');
    await waitFor(() => listed(inbox).join() === second, 'the filtered list');
    expect(new URL(location.href).searchParams.get('category')).to.equal('improper_request');
    expect(new URL(location.href).searchParams.get('wtr-session-id'), 'the page\'s own parameters stay').to.not.equal(null);
    history.back();
    await waitFor(() => listed(inbox).join() === first, 'the first filter again');
    expect(deep<HTMLSelectElement>(inbox, '#category')!.value, 'the filter shows the view\'s value').to.equal('undue_delay');
    history.forward();
    await waitFor(() => listed(inbox).join() === second, 'forward to the filter');
    expect(deep<HTMLSelectElement>(inbox, '#category')!.value).to.equal('improper_request');
    await open(inbox, second);
    expect(new URL(location.href).searchParams.get('complaint')).to.equal(second);
    history.back();
    await waitFor(() => !deep(inbox, 'nh-inbox-detail') && listed(inbox).join() === second, 'the filtered list again');
    await waitFor(() => focused()?.getAttribute('data-tracking-id') === second, 'focus back on the complaint\'s link');
    history.forward();
    await waitFor(() => deep(inbox, '[part="detail"]')?.textContent?.includes('Pungutan akta'), 'forward to the complaint');
    // "Back to the list" is a link to the list as it was (a new entry).
    await backToList(inbox);
    expect(new URL(location.href).searchParams.get('complaint')).to.equal(null);
    expect(listed(inbox)).to.deep.equal([second]);
  });

  it('opens the complaint of a link (?complaint=, as mails link) once signed in, however the number is written', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint, { title: 'Laporan dari tautan' });
    history.replaceState(null, '', urlWith({ complaint: trackingId.toLowerCase().replace(/-/g, ' ') }));
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await waitFor(() => deep(inbox, '#view-heading')?.textContent === 'Laporan dari tautan' && focused()?.id === 'view-heading', 'the complaint, focused');
    expect(deep(inbox, 'nh-inbox-list')).to.equal(null, 'the list is there, hidden');
    await backToList(inbox);
    expect(listed(inbox)).to.deep.equal([trackingId]);
  });

  it('does not show or open another agency\'s complaint, and its own focal point opens it from the same link', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint, { title: 'Laporan Disdukcapil' });
    const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en" tracking-id=${trackingId}></nh-focal-point-inbox>`);
    await signIn(inbox, TOKENS.rsud);
    await waitFor(() => deep(inbox, '[role="alert"] [part="notice"]'), 'not found');
    expect(inboxText(inbox)).to.include(`Report ${trackingId} was not found`).and.not.include('Laporan Disdukcapil');
    await backToList(inbox);
    await listShown(inbox);
    expect(listed(inbox)).to.deep.equal([]);
    expect(deep(inbox, '#range')!.textContent).to.equal('No reports match.');
    fixtureCleanup();
    resetUrl();
    const own = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en" tracking-id=${trackingId}></nh-focal-point-inbox>`);
    await signIn(own, TOKENS.disdukcapil);
    await waitFor(() => deep(own, '#view-heading')?.textContent === 'Laporan Disdukcapil', 'the complaint');
  });

  it('goes to the search field with "/", from the list and from a complaint', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await listShown(inbox);
    await sendKeys({ press: '/' });
    await waitFor(() => focused()?.id === 'q', 'the search field');
    expect(deep<HTMLInputElement>(inbox, '#q')!.value, 'the "/" is not typed').to.equal('');
    await open(inbox, trackingId);
    deep<HTMLElement>(inbox, '#view-heading')!.focus();
    await sendKeys({ press: '/' });
    await waitFor(() => focused()?.id === 'q', 'the search field, on the list');
    // In a field, "/" is a character.
    await sendKeys({ type: 'a/b' });
    expect(deep<HTMLInputElement>(inbox, '#q')!.value).to.equal('a/b');
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
    await listShown(inbox);
    expect(inboxText(inbox)).to.include(`Antrean ${img}`);
    await open(inbox, trackingId);
    await move(inbox, 'verified', `Catatan ${svg} ${img}`);
    type(inbox, '#internal-note', `Internal ${img}`);
    button(inbox, 'Simpan catatan internal').click();
    await waitFor(() => inboxText(inbox).includes(`Internal ${img}`) && deep(inbox, '#notes-notice'), 'the internal note');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(deepAll(inbox, 'img, svg:not([aria-hidden="true"])')).to.deep.equal([]);
    expect(win.__inboxCanary).to.equal(undefined);
    const text = inboxText(inbox);
    expect(text).to.include(`Antrean ${img}`).and.include(`Petugas menulis ${svg}`).and.include(`Catatan ${svg} ${img}`).and.include(`Loket ${svg}`);
  });
});
