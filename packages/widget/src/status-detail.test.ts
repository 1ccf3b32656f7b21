// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
// The citizen's side of the conversation (issue 12) against core's real intake handler: the
// reporter key from the personal link, the own view, and replies, disputes, ratings, withdrawals.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from 'vitest';
import { formatDate } from '@narahubung/core';
import './define.js';
import type { NhComplaintStatus } from './complaint-status.js';
import type { NhReporterActionEvent } from './reporter-events.js';
import { detailOf, fileComplaint, newIntake, ownStatusOf, shadowText, waitFor } from './test-support/intake.js';
import type { TestIntake } from './test-support/intake.js';

const frames: HTMLIFrameElement[] = [];

afterEach(async () => {
  fixtureCleanup();
  for (const frame of frames.splice(0)) frame.remove();
  localStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
});

/** The status element, for a complaint, opened with the reporter's key the way a page gives it. */
async function statusWithKey(endpoint: string, trackingId: string, key: string, locale = 'en'): Promise<NhComplaintStatus> {
  return fixture<NhComplaintStatus>(html`<nh-complaint-status endpoint=${endpoint} locale=${locale} tracking-id=${trackingId} .reporterKey=${key}></nh-complaint-status>`);
}

const own = (status: Element) => waitFor(() => detailOf(status)?.querySelector<HTMLElement>('[part~="own"]'), 'the own view');
const root = (status: Element) => detailOf(status)!;

function buttonNamed(scope: ParentNode, name: string): HTMLButtonElement {
  const button = [...scope.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  if (!button) throw new Error(`no button "${name}" in: ${[...scope.querySelectorAll('button')].map((candidate) => candidate.textContent?.trim()).join(' | ')}`);
  return button;
}

/** Types into a text area of the detail as a user would. */
function typeInto(status: Element, id: string, text: string): void {
  const field = root(status).querySelector<HTMLTextAreaElement>(`#${id}`)!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function chooseFiles(status: Element, files: File[]): Promise<void> {
  const input = root(status).querySelector<HTMLInputElement>('#reply-files')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], 'foto-ktp-lama.png', { type: 'image/png' });
const noticeText = (status: Element) => root(status).querySelector('#own-notice')?.textContent?.trim() ?? '';

/** A page of its own in an iframe (same origin: same storage), reloadable like a tab. */
async function openPage(path: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = '400px';
  frame.style.height = '700px';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame;
}

const statusIn = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('nh-complaint-status') as NhComplaintStatus;
const statusPage = (intake: TestIntake, trackingId: string) => `/packages/widget/test/pages/status.html?endpoint=${encodeURIComponent(intake.endpoint)}&tracking=${trackingId}`;

async function reload(frame: HTMLIFrameElement): Promise<void> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.contentWindow!.location.reload();
  await loaded;
}

describe('<nh-complaint-status> with the reporter key', () => {
  it('opens the own view from the personal link, takes the key out of the address, keeps it on the device, and forgets it when asked', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    const frame = await openPage(`${statusPage(intake, trackingId)}#key=${reporterKey}`);
    const status = await waitFor(() => statusIn(frame), 'the status element');
    await own(status);
    expect(shadowText(status)).to.include('Your report').and.include('KTP-el tidak kunjung terbit');
    // Out of the address bar at once (still the same page and number), kept on the device.
    expect(frame.contentWindow!.location.hash).to.equal('');
    expect(new URLSearchParams(frame.contentWindow!.location.search).get('tracking')).to.equal(trackingId);
    const keptFor = () => Object.entries(frame.contentWindow!.localStorage).filter(([name]) => name.startsWith('narahubung-key:') && name.endsWith(`|${trackingId}`));
    expect(keptFor().map(([, value]) => value)).to.deep.equal([reporterKey]);
    // The personal link to copy is the page's own address with the key in the fragment.
    const link = root(status).querySelector('[part~="personal-link"]')!.getAttribute('href')!;
    expect(new URL(link).hash).to.equal(`#key=${reporterKey}`);
    expect(new URL(link).searchParams.get('tracking')).to.equal(trackingId);

    // A reload, without the fragment: the device's key opens it again.
    await reload(frame);
    const again = await waitFor(() => statusIn(frame), 'the status element');
    await own(again);
    buttonNamed(root(again), 'Forget this report on this device').click();
    await waitFor(() => !root(again).querySelector('[part~="own"]'), 'the public status only');
    expect(shadowText(again)).to.include('This device no longer keeps the personal link of this report.');
    expect(keptFor()).to.deep.equal([]);
    await reload(frame);
    const after = await waitFor(() => statusIn(frame), 'the status element');
    await waitFor(() => detailOf(after)?.querySelector('[part~="timeline"]'), 'the public status');
    expect(detailOf(after)!.querySelector('[part~="own"]')).to.equal(null);
  });

  it('says when the personal link does not open the report, shows the public status, and keeps nothing', async () => {
    const intake = newIntake();
    const { trackingId } = await fileComplaint(intake.endpoint);
    const frame = await openPage(`${statusPage(intake, trackingId)}#key=${'A'.repeat(43)}`);
    const status = await waitFor(() => statusIn(frame), 'the status element');
    await waitFor(() => shadowText(status).includes('The personal link did not open this report'), 'the notice');
    expect(root(status).querySelector('[part~="status"]')!.textContent).to.equal('Received');
    expect(root(status).querySelector('[part~="own"]')).to.equal(null);
    expect(frame.contentWindow!.location.hash).to.equal('');
    expect(Object.keys(frame.contentWindow!.localStorage).filter((name) => name.startsWith('narahubung-key:') && name.endsWith(trackingId))).to.deep.equal([]);
  });

  it('answers a request for information with text and a file, with the form\'s standards, in both languages', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    await intake.transition(trackingId, 'needs_info', 'Mohon kirim foto KTP lama Anda.');
    const status = await statusWithKey(intake.endpoint, trackingId, reporterKey);
    await own(status);
    const text = shadowText(status);
    expect(text).to.include('Questions from the agency').and.include('Mohon kirim foto KTP lama Anda.').and.include('Waiting for your answer');
    expect(root(status).querySelector('[part~="status"]')!.textContent).to.equal('More information needed');
    await expect(status).to.be.accessible();

    // Nothing typed: the error summary, the message at the field, focus on it.
    buttonNamed(root(status), 'Send answer').click();
    await waitFor(() => root(status).querySelector('[part~="error-summary"]'), 'the error summary');
    const summary = root(status).querySelector('[part~="error-summary"]')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect([...summary.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.deep.equal(['#reply-text']);
    expect(summary.textContent).to.include('Answer is required.');
    const field = root(status).querySelector('#reply-text')!;
    expect(root(status).activeElement).to.equal(field);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.include('reply-text-error');
    await expect(status).to.be.accessible();
    status.locale = 'id';
    await waitFor(() => root(status).querySelector('#reply-text-error')?.textContent?.includes('Jawaban wajib diisi.'), 'the message in Indonesian');
    expect(shadowText(status)).to.include('Pertanyaan dari instansi').and.include('Menunggu jawaban Anda');
    await expect(status).to.be.accessible();
    status.locale = 'en';

    // A file the rules refuse, named at the file field.
    typeInto(status, 'reply-text', 'Foto KTP lama saya lampirkan.');
    await chooseFiles(status, [new File(['plain text'], 'catatan.txt', { type: 'text/plain' })]);
    buttonNamed(root(status), 'Send answer').click();
    await waitFor(() => root(status).querySelector('[part~="error-summary"]')?.textContent?.includes('The file catatan.txt is not a JPEG, PNG or PDF.'), 'the file error');
    expect([...root(status).querySelector('[part~="error-summary"]')!.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.deep.equal(['#reply-files']);
    expect(root(status).activeElement?.id).to.equal('reply-files');

    // What was typed survives the element going away (a reload) before it is sent.
    fixtureCleanup();
    const later = await statusWithKey(intake.endpoint, trackingId, reporterKey);
    await own(later);
    expect(root(later).querySelector<HTMLTextAreaElement>('#reply-text')!.value).to.equal('Foto KTP lama saya lampirkan.');

    const accepted = new Promise<NhReporterActionEvent>((resolve) => later.addEventListener('nh-reporter-action', resolve, { once: true }));
    await chooseFiles(later, [png()]);
    buttonNamed(root(later), 'Send answer').click();
    const event = await accepted;
    expect(event.detail.action).to.equal('reply');
    expect(event.composed && event.bubbles).to.equal(true);
    await waitFor(() => noticeText(later) === 'Your answer was sent.', 'the notice');
    expect(root(later).activeElement?.id).to.equal('own-notice');
    expect(root(later).querySelector('#reply-text')).to.equal(null);
    const shown = shadowText(later);
    expect(shown).to.include('Answered').and.include('Your answers').and.include('Foto KTP lama saya lampirkan.').and.include('foto-ktp-lama.png');
    expect(root(later).querySelector('[part~="status"]')!.textContent).to.equal('Received');
    expect(root(later).querySelector('[part~="timeline"] li')!.textContent).to.include('by the reporter');
    await expect(later).to.be.accessible();
    const held = await ownStatusOf(intake.endpoint, trackingId, reporterKey);
    expect(held.own.replies.map((reply) => [reply.text, reply.attachments.map((file) => file.name)])).to.deep.equal([['Foto KTP lama saya lampirkan.', ['foto-ktp-lama.png']]]);
    // Sent: the draft of it is gone.
    expect(Object.values(localStorage).join()).to.not.include('Foto KTP lama saya lampirkan.');
  });

  it('keeps an answer on the device while the server is unreachable, through a reload, and sends it once with the same key', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    await intake.transition(trackingId, 'needs_info', 'Kapan Anda merekam data?');
    const frame = await openPage(`${statusPage(intake, trackingId)}#key=${reporterKey}`);
    const status = await waitFor(() => statusIn(frame), 'the status element');
    await own(status);
    typeInto(status, 'reply-text', 'Saya merekam data pada 1 September.');
    await intake.down();
    buttonNamed(root(status), 'Send answer').click();
    await waitFor(() => noticeText(status) === 'Saved on this device; it will be sent when you are back online.', 'the saved notice');

    await reload(frame);
    const again = await waitFor(() => statusIn(frame), 'the status element');
    await waitFor(() => shadowText(again).includes('Cannot reach the server'), 'the lookup failing');
    // The answer's first attempt reaches the server, but its answer is lost: the retry gets the first answer.
    await intake.up();
    await intake.loseNextAnswer();
    buttonNamed(again.shadowRoot!, 'Check status').click();
    await waitFor(() => detailOf(again)?.querySelector('#own-notice')?.textContent?.trim() === 'Your answer was sent.', 'the answer sent', 40000);
    const held = await ownStatusOf(intake.endpoint, trackingId, reporterKey);
    expect(held.own.replies.map((reply) => reply.text)).to.deep.equal(['Saya merekam data pada 1 September.']);
    expect(held.status).to.equal('received');
  });

  it('disputes a resolution until the date shown in words, then says where to turn next', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    for (const to of ['verified', 'in_progress', 'resolved']) await intake.transition(trackingId, to, to === 'resolved' ? 'KTP-el sudah dicetak.' : '');
    const { own: view } = await ownStatusOf(intake.endpoint, trackingId, reporterKey);
    const status = await statusWithKey(intake.endpoint, trackingId, reporterKey);
    await own(status);
    const until = formatDate(view.actions.dispute!.until, 'en', 'Asia/Jakarta');
    expect(until).to.match(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(shadowText(status)).to.include(`you may dispute this resolution until ${until}.`);
    expect(shadowText(status)).to.include('Rate how your report was handled');
    buttonNamed(root(status), 'Dispute the resolution').click();
    await waitFor(() => root(status).querySelector('#dispute-text-error'), 'the error');
    expect(root(status).querySelector('#dispute-text-error')!.textContent).to.equal('Reason for the dispute is required.');
    typeInto(status, 'dispute-text', 'KTP-el yang dicetak salah tanggal lahir.');
    buttonNamed(root(status), 'Dispute the resolution').click();
    await waitFor(() => noticeText(status) === 'Your dispute was sent. The report is reopened.', 'the notice');
    expect(root(status).querySelector('[part~="status"]')!.textContent).to.equal('In progress');
    const next = root(status).querySelector('[part~="next-steps"]')!;
    expect(next.textContent).to.include('You disputed its resolution.').and.include('Inspektorat Kota Bandar Lampung').and.include('Yusuf Hidayat').and.include('Ombudsman RI Perwakilan Provinsi Lampung');
    expect(next.querySelector('a[href="mailto:irban3@inspektorat.example.id"]')).to.not.equal(null);
    expect(shadowText(status)).to.include('You disputed the resolution on').and.include('KTP-el yang dicetak salah tanggal lahir.');
    await expect(status).to.be.accessible();
  });

  it('rates the handling with the four questions of the national survey, by keyboard', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    for (const to of ['verified', 'in_progress', 'resolved', 'closed']) await intake.transition(trackingId, to, '');
    const status = await statusWithKey(intake.endpoint, trackingId, reporterKey);
    await own(status);
    const legends = [...root(status).querySelectorAll('fieldset legend')].map((legend) => legend.textContent?.trim());
    expect(legends).to.deep.equal(['How fast was your report handled?', 'How clear was the information you were given?', 'Were the staff courteous and friendly?', 'Did the outcome match what you asked for?']);
    expect(root(status).querySelectorAll('input[name="speed"]').length).to.equal(4);
    buttonNamed(root(status), 'Send rating').click();
    await waitFor(() => root(status).querySelector('[part~="error-summary"]'), 'the error summary');
    expect([...root(status).querySelectorAll('[part~="error-summary"] a')].map((link) => link.getAttribute('href'))).to.deep.equal(['#rating-speed', '#rating-clarity', '#rating-conduct', '#rating-outcome']);
    expect(root(status).activeElement?.id).to.equal('rating-speed');
    await expect(status).to.be.accessible();
    // Arrow keys choose within a question; Tab goes to the next one.
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    for (const steps of [2, 3, 1]) {
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' });
      for (let step = 1; step < steps; step++) await sendKeys({ press: 'ArrowDown' });
    }
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Petugas ramah.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => noticeText(status) === 'Thank you for your rating.', 'the notice');
    const { own: view } = await ownStatusOf(intake.endpoint, trackingId, reporterKey);
    expect(view.rating?.scores).to.deep.equal({ speed: 4, clarity: 2, conduct: 3, outcome: 1 });
    expect(view.rating?.comment).to.equal('Petugas ramah.');
    expect(shadowText(status)).to.include('4 – Very fast').and.include('1 – Did not match').and.not.include('Send rating');
    status.locale = 'id';
    await status.updateComplete;
    await waitFor(() => shadowText(status).includes('4 – Sangat cepat'), 'the rating in Indonesian');
    await expect(status).to.be.accessible();
  });

  it('withdraws the report only after asking twice', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    const status = await statusWithKey(intake.endpoint, trackingId, reporterKey);
    await own(status);
    const details = root(status).querySelector<HTMLDetailsElement>('details[part~="withdrawal"]')!;
    details.querySelector('summary')!.click();
    typeInto(status, 'withdrawal-text', 'Sudah selesai di loket.');
    buttonNamed(details, 'Withdraw the report').click();
    await waitFor(() => root(status).activeElement?.id === 'withdrawal-confirm', 'the question');
    expect(root(status).querySelector('#withdrawal-confirm')!.textContent).to.equal(`Withdraw report ${trackingId}? This cannot be undone.`);
    await expect(status).to.be.accessible();
    buttonNamed(details, 'No, keep it').click();
    await status.updateComplete;
    expect((await ownStatusOf(intake.endpoint, trackingId, reporterKey)).status).to.equal('received');
    buttonNamed(details, 'Withdraw the report').click();
    await waitFor(() => root(status).querySelector('#withdrawal-confirm'), 'the question');
    buttonNamed(details, 'Yes, withdraw it').click();
    await waitFor(() => noticeText(status) === 'Your report was withdrawn.', 'the notice');
    expect(root(status).querySelector('[part~="status"]')!.textContent).to.equal('Rejected');
    expect(shadowText(status)).to.include('You withdrew this report on').and.include('Sudah selesai di loket.');
    expect(root(status).querySelector('details[part~="withdrawal"]')).to.equal(null);
  });

  it('says plainly when the complaint moved on before an answer arrived, and shows where it stands', async () => {
    const intake = newIntake();
    const { trackingId, reporterKey } = await fileComplaint(intake.endpoint);
    await intake.transition(trackingId, 'needs_info', 'Lampirkan bukti.');
    const status = await statusWithKey(intake.endpoint, trackingId, reporterKey);
    await own(status);
    // Meanwhile the focal point rejects it.
    const rejected = await fetch(`${intake.endpoint}/v1/complaints/${trackingId}/transitions`, {
      method: 'POST',
      headers: { authorization: 'Bearer token-disdukcapil-0123456789abcdef', 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'rejected', note: 'Tidak ada bukti.', reason: 'incomplete' }),
    });
    expect(rejected.status).to.equal(200);
    typeInto(status, 'reply-text', 'Ini buktinya.');
    buttonNamed(root(status), 'Send answer').click();
    await waitFor(() => noticeText(status).startsWith('This cannot be done any more'), 'the notice');
    await waitFor(() => root(status).querySelector('[part~="status"]')!.textContent === 'Rejected', 'the status as it stands');
    expect(root(status).querySelector('#reply-text')).to.equal(null);
    await expect(status).to.be.accessible();
  });
});

describe('<nh-complaint-status> for anyone with the number', () => {
  it('shows who made each step as a role, and where to turn next when overdue, with the directory\'s contacts, in both languages', async () => {
    const intake = newIntake();
    // Received three weeks ago: its verification deadline has passed.
    await intake.clock(-21 * 86_400_000);
    const { trackingId } = await fileComplaint(intake.endpoint);
    await intake.clock(0);
    const status = await fixture<NhComplaintStatus>(html`<nh-complaint-status endpoint=${intake.endpoint} locale="en" tracking-id=${trackingId}></nh-complaint-status>`);
    await waitFor(() => detailOf(status)?.querySelector('[part~="next-steps"]'), 'the next steps');
    const next = root(status).querySelector('[part~="next-steps"]')!;
    expect(next.textContent).to.include('This report is past its deadline. You may report it to:');
    expect(next.textContent).to.include('Inspektorat Kota Bandar Lampung').and.include('Yusuf Hidayat, Inspektur Pembantu').and.include('Ombudsman RI Perwakilan Provinsi Lampung');
    expect(next.querySelector('a[href="tel:+6272100001"]')?.textContent).to.equal('+6272100001');
    expect(root(status).querySelector('[part~="own"]')).to.equal(null);
    await intake.transition(trackingId, 'verified', 'Berkas lengkap.');
    buttonNamed(status.shadowRoot!, 'Check status').click();
    await waitFor(() => root(status).querySelector('[part~="status"]')?.textContent === 'Verified', 'the new status');
    expect(root(status).querySelector('[part~="timeline"] li')!.textContent).to.include('by staff of Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung');
    await expect(status).to.be.accessible();
    status.locale = 'id';
    await status.updateComplete;
    buttonNamed(status.shadowRoot!, 'Cek status').click();
    await waitFor(() => root(status).querySelector('[part~="timeline"] li')?.textContent?.includes('oleh petugas Dinas Kependudukan'), 'the history in Indonesian');
    expect(root(status).querySelector('[part~="next-steps"]')!.textContent).to.include('Laporan ini melewati batas waktu.');
    await expect(status).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    // The buttons ease into their new colours: judge contrast once the transitions are over.
    await Promise.all([...status.shadowRoot!.getAnimations(), ...root(status).getAnimations()].map((animation) => animation.finished));
    await expect(status).to.be.accessible();
  });
});
