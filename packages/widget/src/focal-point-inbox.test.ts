// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import './inbox-define.js';
import type { NhFocalPointInbox } from './focal-point-inbox.js';
import type { NhSignedInEvent, NhTransitionedEvent } from './inbox-events.js';
import { createClient } from '@narahubung/core';
import { TOKENS, attachmentsAs, file, fileOverdue, move, moveAs, open, pdf, publicStatus, signIn, type, watchDownloads } from './test-support/inbox.js';
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
    expect(text).to.include(`Report ${trackingId} was not found`).and.include('Your agency has no open reports.');
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

  it('says who is signed in, and for which agency, beside "Sign out"', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    const who = $(inbox, '[part="signed-in-as"]')!;
    expect(who.textContent).to.equal('Signed in as Rina Marlina, Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    const signOut = [...who.parentElement!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Sign out');
    expect(signOut, 'the sign-out button beside it').to.exist;
    await open(inbox, (listed(inbox))[0]!);
    expect($(inbox, '[part="signed-in-as"]')!.textContent).to.include('Rina Marlina');
    inbox.locale = 'id';
    await inbox.updateComplete;
    expect($(inbox, '[part="signed-in-as"]')!.textContent).to.equal('Masuk sebagai Rina Marlina, Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    signOut!.click();
    await waitFor(() => $(inbox, '#token'), 'the sign-in form');
    expect($(inbox, '[part="signed-in-as"]')).to.equal(null);
    // An intake officer of every agency.
    await signIn(inbox, TOKENS.officer);
    expect($(inbox, '[part="signed-in-as"]')!.textContent).to.equal('Masuk sebagai Petugas Penerimaan, semua instansi');
  });

  it('downloads an attachment through a temporary <a download>, byte for byte, without leaving the page', async () => {
    const intake = newIntake();
    const uploaded = pdf('surat pernyataan "asli".pdf');
    // A public complaint: the focal point sees the file's own name.
    const trackingId = await file(intake.endpoint, { confidentiality: 'public' }, [uploaded]);
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await open(inbox, trackingId);
    const button = $<HTMLButtonElement>(inbox, '[part="download-button"]')!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Download surat pernyataan "asli".pdf');
    expect(button.closest('li')!.textContent).to.include('application/pdf');
    const page = location.href;
    const downloads = watchDownloads(inbox);
    try {
      button.click();
      await waitFor(() => downloads.clicks.length === 1, 'the download');
      const [click] = downloads.clicks;
      expect(click!.download).to.equal('surat pernyataan "asli".pdf');
      expect(click!.href).to.match(/^blob:/);
      expect(click!.connected, 'the link is in the document when clicked').to.equal(true);
      const blob = downloads.blobs.get(click!.href)!;
      expect(blob.type).to.equal('application/pdf');
      expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...new Uint8Array(await uploaded.arrayBuffer())]);
      await waitFor(() => downloads.revoked.includes(click!.href), 'the object URL revoked');
    } finally {
      downloads.restore();
    }
    expect(location.href).to.equal(page);
    expect(inbox.shadowRoot!.querySelectorAll('a').length, 'the link is gone').to.equal(0);
    expect($(inbox, '[part="detail"]')).to.exist;
    expect($(inbox, '[role="alert"] [part="notice"]')).to.equal(null);
  });

  it('does not give an attachment to another agency: the server answers 404, and the element says so', async () => {
    const intake = newIntake();
    // Anonymous: the reporter's file name is not shown to the agency either, only `lampiran-1.pdf`.
    const trackingId = await file(intake.endpoint, {}, [pdf('KTP Siti Aminah.pdf')]);
    // Straight to the real handler: RSUD's focal point gets 404, as for a number never issued.
    const client = createClient({ endpoint: new URL(intake.endpoint, location.href).href });
    const own = await client.inboxItem(TOKENS.disdukcapil, trackingId);
    const refused = await client.attachment(TOKENS.rsud, trackingId, own.attachments[0]!.id).then(() => 0, (error: { status: number }) => error.status);
    expect(refused).to.equal(404);
    // The element, whose requests now carry RSUD's token, shows the 404 where the file was asked for.
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    await open(inbox, trackingId);
    const errors: number[] = [];
    inbox.addEventListener('nh-error', (event) => errors.push(event.detail.status));
    const downloads = watchDownloads(inbox);
    const swapped = attachmentsAs(TOKENS.rsud);
    try {
      $<HTMLButtonElement>(inbox, '[part="download-button"]')!.click();
      await waitFor(() => $(inbox, '[role="alert"] [part="notice"]'), 'the error');
    } finally {
      swapped.restore();
      downloads.restore();
    }
    expect($(inbox, '[role="alert"] [part="notice"]')!.textContent).to.equal('Attachment lampiran-1.pdf was not found, or it is not one of your agency’s.');
    expect(shadowText(inbox)).not.to.include('Siti Aminah');
    expect(inbox.shadowRoot!.activeElement?.id).to.equal('notice');
    expect(errors).to.deep.equal([404]);
    expect(downloads.clicks).to.deep.equal([]);
    expect(downloads.blobs.size).to.equal(0);
    // Still on the complaint, still signed in.
    expect($(inbox, '#view-heading')!.textContent).to.equal('KTP-el tidak kunjung terbit');
  });

  it('narrows the list by status: open ones first, then one status, then all', async () => {
    const intake = newIntake();
    const received = await file(intake.endpoint, { title: 'Masih diterima' });
    const verified = await file(intake.endpoint, { title: 'Sudah diverifikasi' });
    const rejected = await file(intake.endpoint, { title: 'Sudah ditolak' });
    await moveAs(intake.endpoint, verified, { to: 'verified', note: 'Lengkap.' });
    await moveAs(intake.endpoint, rejected, { to: 'rejected', note: 'Bukan kewenangan kami.', reason: 'not_competent' });
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    const filter = $<HTMLSelectElement>(inbox, '#status-filter')!;
    expect(filter.value).to.equal('open');
    expect([...filter.options].map((option) => option.textContent)).to.deep.equal([
      'All open', 'Received', 'More information needed', 'Verified', 'Forwarded', 'In progress', 'Escalated', 'Resolved', 'Closed', 'Rejected', 'All, closed and rejected included',
    ]);
    expect(listed(inbox).sort()).to.deep.equal([received, verified].sort());
    expect($(inbox, '#count')!.textContent).to.equal('2 reports, those past their deadline first.');
    const choose = async (value: string, count: string) => {
      filter.focus();
      type(inbox, '#status-filter', value);
      await waitFor(() => $(inbox, '#count')!.textContent === count, `the list of ${value}`);
    };
    await choose('verified', '1 report.');
    expect(listed(inbox)).to.deep.equal([verified]);
    expect(inbox.shadowRoot!.activeElement?.id, 'focus stays on the filter').to.equal('status-filter');
    await choose('closed', 'There are no reports with the status “Closed”.');
    expect(listed(inbox)).to.deep.equal([]);
    await choose('rejected', '1 report.');
    expect(listed(inbox)).to.deep.equal([rejected]);
    await choose('all', '3 reports, those past their deadline first.');
    expect(listed(inbox).at(-1), 'rejected ones last, as the server orders').to.equal(rejected);
    // The filter holds when a complaint is opened and the list comes back.
    await open(inbox, rejected);
    [...inbox.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Back to the list')!.click();
    await waitFor(() => listed(inbox).length === 3, 'the list of all');
    expect($<HTMLSelectElement>(inbox, '#status-filter')!.value).to.equal('all');
  });

  it('shows the next page when the server returned a full one', async () => {
    const intake = newIntake();
    const filed: string[] = [];
    for (let batch = 0; batch < 101; batch += 20) {
      filed.push(...(await Promise.all(Array.from({ length: Math.min(20, 101 - batch) }, () => file(intake.endpoint)))));
    }
    const inbox = await inboxFor(intake.endpoint, 'en');
    await signIn(inbox, TOKENS.disdukcapil);
    expect(listed(inbox).length).to.equal(100);
    const more = $<HTMLButtonElement>(inbox, '#more')!;
    expect(more.textContent).to.equal('Show the next reports');
    more.click();
    await waitFor(() => listed(inbox).length === 101, 'the next page');
    expect(listed(inbox).sort()).to.deep.equal([...filed].sort());
    expect($(inbox, '#more'), 'no more to show').to.equal(null);
    await expect(inbox, 'the longer list').to.be.accessible();
    const last = listed(inbox)[100]!;
    expect(inbox.shadowRoot!.activeElement?.getAttribute('data-tracking-id'), 'focus on the first new one').to.equal(last);
    // Back from a complaint of the second page, the list still holds it.
    await open(inbox, last);
    [...inbox.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Back to the list')!.click();
    await waitFor(() => listed(inbox).length === 101 && inbox.shadowRoot!.activeElement?.getAttribute('data-tracking-id') === last, 'the whole list again');
  });
});
