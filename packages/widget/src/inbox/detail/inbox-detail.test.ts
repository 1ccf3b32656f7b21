// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { createClient } from '@narahubung/core';
import '../../inbox-define.js';
import type { NhFocalPointInbox } from '../focal-point-inbox/focal-point-inbox.js';
import { TOKENS, backToList, deep, deepAll, file, inboxText, listShown, listed, move, moveAs, open, resetUrl, signIn } from '../../test-support/inbox.js';
import { newIntake, waitFor } from '../../test-support/intake.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
  resetUrl();
});

async function signedIn(endpoint: string, token: string = TOKENS.disdukcapil, locale = 'en'): Promise<NhFocalPointInbox> {
  const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${endpoint} locale=${locale}></nh-focal-point-inbox>`);
  await signIn(inbox, token);
  await listShown(inbox);
  return inbox;
}

describe('<nh-focal-point-inbox> complaint', () => {
  it('shows no identity for an anonymous or secret complaint, and the reporter of a public one', async () => {
    const intake = newIntake();
    const canary = { name: 'Kanari Rahasia Xq7', email: 'kanari-xq7@example.id', phone: '0812 9999 7777', address: 'Jl. Kanari 7', idNumber: '1871019999990007' };
    const anonymous = await file(intake.endpoint, { reporter: canary, confidentiality: 'anonymous' });
    const secret = await file(intake.endpoint, { reporter: canary, confidentiality: 'secret' });
    const known = await file(intake.endpoint, { reporter: { ...canary, name: 'Budi Terbuka' }, confidentiality: 'public' });
    const inbox = await signedIn(intake.endpoint);
    const absent = ['Kanari', 'kanari-xq7', '9999 7777', '+6281299997777', 'Jl. Kanari', '1871019999990007'];
    for (const trackingId of [anonymous, secret]) {
      await open(inbox, trackingId);
      const text = inboxText(inbox);
      expect(text).to.include('Identity hidden');
      for (const value of absent) expect(text, value).not.to.include(value);
      await backToList(inbox);
      await waitFor(() => listed(inbox).length === 3, 'the list');
    }
    for (const value of absent) expect(inboxText(inbox), value).not.to.include(value);
    await open(inbox, known);
    expect(inboxText(inbox)).to.include('Budi Terbuka').and.include('kanari-xq7@example.id').and.not.include('Identity hidden');
    // The national ID number is for intake officers only.
    expect(inboxText(inbox)).not.to.include('1871019999990007');
  });

  it('names who made each change in the history, and says when it is due in working days', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    await moveAs(intake.endpoint, trackingId, { to: 'verified', note: 'Berkas lengkap.' });
    await moveAs(intake.endpoint, trackingId, { to: 'in_progress' }, TOKENS.officer);
    const inbox = await signedIn(intake.endpoint);
    await open(inbox, trackingId);
    const steps = deepAll(inbox, '[part="timeline"] li').map((step) => step.textContent!.replace(/\s+/g, ' ').trim());
    expect(steps[0]).to.match(/^In progress by Petugas Penerimaan \d/);
    expect(steps[1]).to.match(/^Verified by Rina Marlina \d.*Berkas lengkap\.$/);
    expect(steps[2]).to.match(/^Received by the system \d/);
    expect(deep(inbox, '.summary-line')!.textContent).to.match(/In progress\s*Due in \d+ working days/);
  });

  it('verifies, takes in progress and resolves with public notes the status page shows', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint, TOKENS.disdukcapil, 'id');
    await open(inbox, trackingId);
    expect(deepAll<HTMLInputElement>(inbox, 'input[name="to"]').map((radio) => radio.value)).to.deep.equal(['needs_info', 'verified', 'rejected']);
    expect(deep(inbox, '[part="transition-form"]')!.textContent).to.include('Publik: terlihat oleh pelapor').and.include('Ditampilkan kepada pelapor di halaman status laporan.');
    const moves: string[] = [];
    inbox.addEventListener('nh-transitioned', (event) => moves.push(`${event.detail.from}>${event.detail.to}`));
    await move(inbox, 'verified', 'Berkas lengkap, diteruskan ke Bidang Pelayanan.');
    expect(deep(inbox, '[part="transition-form"] [part="notice"]')!.textContent).to.include('Terverifikasi');
    await move(inbox, 'in_progress', 'Sedang dicetak.');
    await move(inbox, 'resolved', 'KTP-el sudah terbit dan dapat diambil di loket 3.');
    expect(moves).to.deep.equal(['received>verified', 'verified>in_progress', 'in_progress>resolved']);
    expect(deep(inbox, '[part="status"]')!.textContent).to.equal('Selesai ditangani');
    expect(inboxText(inbox)).to.include('Buka kembali');
    const status = await (await fetch(`${intake.endpoint}/v1/complaints/${trackingId}`)).json() as { status: string; history: { note: string }[] };
    expect(status.status).to.equal('resolved');
    expect(status.history.map((entry) => entry.note)).to.deep.equal(['', 'Berkas lengkap, diteruskan ke Bidang Pelayanan.', 'Sedang dicetak.', 'KTP-el sudah terbit dan dapat diambil di loket 3.']);
    // The list shows the move when it comes back.
    await backToList(inbox);
    await waitFor(() => deep(inbox, 'tbody tr')?.textContent?.includes('Selesai ditangani'), 'the list with the new status');
  });

  it('asks for a reason to reject, at the reason field (422), then rejects with it', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint);
    await open(inbox, trackingId);
    await move(inbox, 'rejected', 'Not our authority.');
    const reason = deep<HTMLSelectElement>(inbox, '#reason')!;
    expect(deep(inbox, '#reason-error')!.textContent).to.not.equal('');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.include('reason-error');
    await waitFor(() => deep(inbox, 'nh-inbox-transition-form')!.shadowRoot!.activeElement === reason, 'focus on the reason');
    expect(deep<HTMLTextAreaElement>(inbox, '#note')!.value, 'the note typed is kept').to.equal('Not our authority.');
    await move(inbox, 'rejected', 'This is a matter for the provincial office.', 'not_competent');
    expect(deep(inbox, '[part="status"]')!.textContent).to.equal('Rejected');
    expect(inboxText(inbox)).to.include('Outside the agency\'s authority').and.include('nothing more can be done');
    expect(deep(inbox, '[part="transition-form"]')).to.equal(null);
  });

  it('says when no step is chosen, and reloads the complaint when someone else moved it first (409)', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint);
    await open(inbox, trackingId);
    deep<HTMLButtonElement>(inbox, '[part="transition-form"] button[type="submit"]')!.click();
    await waitFor(() => deep(inbox, '#to-error'), 'the missing choice');
    expect(deep(inbox, '#to-error')!.textContent).to.include('Choose what to do');
    await intake.transition(trackingId, 'verified', 'Diverifikasi rekan.');
    await move(inbox, 'verified', 'Lengkap.');
    await waitFor(() => deep(inbox, '[role="alert"] [part="notice"]'), 'the conflict notice');
    await waitFor(() => deep(inbox, '[part="status"]')?.textContent === 'Verified', 'the reloaded complaint');
    expect(inboxText(inbox)).to.include('changed elsewhere').and.include('Diverifikasi rekan.');
    expect(deep(inbox, '#to-verified')).to.equal(null);
    expect(deep(inbox, '#to-in_progress')).to.exist;
  });

  it('keeps internal notes in their own box, for staff only: a canary never reaches the public status or Open311', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint, { confidentiality: 'public' });
    const inbox = await signedIn(intake.endpoint);
    await open(inbox, trackingId);
    const box = deep(inbox, '[part="internal-notes"]')!;
    expect(box.textContent).to.include('Internal: staff only').and.include('Never shown on the status page');
    expect(getComputedStyle(box).borderTopStyle).to.equal('dashed');
    expect(getComputedStyle(deep(inbox, '[part="transition-form"]')!).borderTopStyle).to.equal('solid');
    deep<HTMLButtonElement>(inbox, '[part="internal-notes"] button[type="submit"]')!.click();
    await waitFor(() => deep(inbox, '#internal-note-error')?.textContent === 'Write the note.', 'the empty note refused');
    const canary = 'CANARY-INTERNAL-7Q: pelapor pernah melapor kasus serupa';
    const field = deep<HTMLTextAreaElement>(inbox, '#internal-note')!;
    field.value = canary;
    field.dispatchEvent(new Event('input'));
    deep<HTMLButtonElement>(inbox, '[part="internal-notes"] button[type="submit"]')!.click();
    await waitFor(() => deep(inbox, '#notes-notice')?.textContent === 'Internal note saved.', 'saved');
    expect(box.textContent).to.include(canary).and.include('Rina Marlina');
    expect(field.value).to.equal('');
    // A colleague (an officer of the agency) reads it; nothing public does.
    const client = createClient({ endpoint: new URL(intake.endpoint, location.href).href });
    expect((await client.inboxItem(TOKENS.staff, trackingId)).notes.map((note) => note.text)).to.deep.equal([canary]);
    for (const path of [`/v1/complaints/${trackingId}`, '/open311/v2/requests.json', `/open311/v2/requests/${trackingId}.json`]) {
      expect(await (await fetch(`${intake.endpoint}${path}`)).text(), path).to.not.include('CANARY-INTERNAL');
    }
  });

  it('assigns to an officer of the handling agency and back to nobody; the list and the history show it', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint);
    await open(inbox, trackingId);
    expect(deep(inbox, '#assignee')!.textContent).to.equal('Not assigned to anyone.');
    const select = await waitFor(() => deep<HTMLSelectElement>(inbox, '#officer'), 'the officers');
    expect([...select.options].map((option) => option.textContent)).to.deep.equal(['Nobody (unassign)', 'Rina Marlina, Kepala Seksi Pengaduan', 'Andi Saputra, Staf Pengaduan']);
    select.value = 'off-disdukcapil';
    select.dispatchEvent(new Event('change'));
    deep<HTMLButtonElement>(inbox, '[part="assignment"] button[type="submit"]')!.click();
    await waitFor(() => deep(inbox, '#assignee')?.textContent === 'Assigned to Andi Saputra.', 'assigned');
    expect(deepAll(inbox, '[part="timeline"] li')[0]!.textContent).to.include('Assigned to Andi Saputra').and.include('by Rina Marlina');
    const client = createClient({ endpoint: new URL(intake.endpoint, location.href).href });
    expect((await client.inbox(TOKENS.staff, { assignee: 'me' })).items.map((item) => item.trackingId)).to.deep.equal([trackingId]);
    expect((await (await fetch(`${intake.endpoint}/v1/complaints/${trackingId}`)).json() as { history: unknown[] }).history).to.have.length(1);
    await backToList(inbox);
    await waitFor(() => deep(inbox, 'tbody tr')?.textContent?.includes('Andi Saputra'), 'the list');
    await open(inbox, trackingId);
    const again = await waitFor(() => deep<HTMLSelectElement>(inbox, '#officer'), 'the officers');
    expect(again.value).to.equal('off-disdukcapil');
    again.value = '';
    again.dispatchEvent(new Event('change'));
    deep<HTMLButtonElement>(inbox, '[part="assignment"] button[type="submit"]')!.click();
    await waitFor(() => deep(inbox, '#assignee')?.textContent === 'Not assigned to anyone.', 'unassigned');
    expect((await client.inboxItem(TOKENS.disdukcapil, trackingId)).assignee).to.equal(null);
  });

  it('lets an officer read, move and note, but not assign', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint, TOKENS.staff);
    await open(inbox, trackingId);
    expect(deep(inbox, '#officer')).to.equal(null);
    expect(deep(inbox, '#internal-note')).to.exist;
    expect(deep(inbox, '#to-verified')).to.exist;
  });
});
