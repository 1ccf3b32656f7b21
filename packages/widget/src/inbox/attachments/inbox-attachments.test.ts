// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { createClient } from '@narahubung/core';
import '../../inbox-define.js';
import type { NhFocalPointInbox } from '../focal-point-inbox/focal-point-inbox.js';
import { TOKENS, attachmentsAs, click, deep, deepAll, file, focused, inboxText, listShown, open, pdf, resetUrl, signIn, watchDownloads } from '../../test-support/inbox.js';
import { newIntake, waitFor } from '../../test-support/intake.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
  resetUrl();
});

async function opened(endpoint: string, trackingId: string): Promise<NhFocalPointInbox> {
  const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${endpoint} locale="en"></nh-focal-point-inbox>`);
  await signIn(inbox, TOKENS.disdukcapil);
  await listShown(inbox);
  await open(inbox, trackingId);
  return inbox;
}

/** A 1×1 PNG. */
const png = (name: string) =>
  new File([Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))], name, { type: 'image/png' });

describe('<nh-focal-point-inbox> attachments', () => {
  it('downloads an attachment through a temporary <a download>, byte for byte, with its real name when the complaint is public', async () => {
    const intake = newIntake();
    const uploaded = pdf('surat pernyataan "asli".pdf');
    const trackingId = await file(intake.endpoint, { confidentiality: 'public' }, [uploaded]);
    const inbox = await opened(intake.endpoint, trackingId);
    const button = deep<HTMLButtonElement>(inbox, '[part="download-button"]')!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Download surat pernyataan "asli".pdf');
    const page = location.href;
    const downloads = watchDownloads(inbox);
    try {
      button.click();
      await waitFor(() => downloads.clicks.length === 1, 'the download');
      const [clicked] = downloads.clicks;
      expect(clicked!.download).to.equal('surat pernyataan "asli".pdf');
      expect(clicked!.href).to.match(/^blob:/);
      expect(clicked!.connected, 'the link is in the document when clicked').to.equal(true);
      const blob = downloads.blobs.get(clicked!.href)!;
      expect(blob.type).to.equal('application/pdf');
      expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...new Uint8Array(await uploaded.arrayBuffer())]);
      await waitFor(() => downloads.revoked.includes(clicked!.href), 'the object URL revoked');
    } finally {
      downloads.restore();
    }
    expect(location.href).to.equal(page);
    expect(deepAll(inbox, 'a[download]')).to.deep.equal([]);
  });

  it('shows a PDF and an image in place, in a frame the server sandboxes, through a ticket and never the token', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint, {}, [pdf('KTP Siti Aminah.pdf'), png('foto loket.png')]);
    const inbox = await opened(intake.endpoint, trackingId);
    // Anonymous: the agency sees neutral names.
    expect(inboxText(inbox)).to.include('lampiran-1.pdf').and.include('lampiran-2.png').and.not.include('Siti Aminah');
    for (const [id, type] of [['a1', 'application/pdf'], ['a2', 'image/png']] as const) {
      click(inbox, `[data-view-id="${id}"]`);
      const name = id === 'a1' ? 'lampiran-1.pdf' : 'lampiran-2.png';
      const frame = await waitFor(() => deep<HTMLIFrameElement>(inbox, `[part="viewer"] iframe[title="${name}"]`), `the viewer of ${name}`);
      await waitFor(() => focused()?.id === 'viewer-caption', 'focus on the viewer');
      const url = new URL(frame.src);
      expect(url.pathname).to.equal(`${new URL(intake.endpoint, location.href).pathname}/v1/inbox/${trackingId}/attachments/${id}`);
      expect(url.searchParams.get('view')).to.match(/^\d+\.[\w-]{43}$/);
      expect(frame.src).to.not.include(TOKENS.disdukcapil);
      const shown = await fetch(frame.src);
      expect(shown.status).to.equal(200);
      expect(shown.headers.get('content-type')).to.equal(type);
      expect(shown.headers.get('content-disposition')).to.match(/^inline;/);
      expect(shown.headers.get('content-security-policy')).to.equal("sandbox; default-src 'none'; frame-ancestors 'self'");
      expect(deep(inbox, `[data-view-id="${id}"]`)!.getAttribute('aria-pressed')).to.equal('true');
    }
    click(inbox, '[part="viewer"] button');
    await waitFor(() => !deep(inbox, '[part="viewer"]') && focused()?.getAttribute('data-view-id') === 'a2', 'closed, focus back on its button');
  });

  it('does not give an attachment to another agency: the server answers 404, and the element says so where it was asked', async () => {
    const intake = newIntake();
    const trackingId = await file(intake.endpoint, {}, [pdf('KTP Siti Aminah.pdf')]);
    const client = createClient({ endpoint: new URL(intake.endpoint, location.href).href });
    const own = await client.inboxItem(TOKENS.disdukcapil, trackingId);
    expect(await client.attachment(TOKENS.rsud, trackingId, own.attachments[0]!.id).then(() => 0, (error: { status: number }) => error.status)).to.equal(404);
    const inbox = await opened(intake.endpoint, trackingId);
    const errors: number[] = [];
    inbox.addEventListener('nh-error', (event) => errors.push(event.detail.status));
    const downloads = watchDownloads(inbox);
    const swapped = attachmentsAs(TOKENS.rsud);
    try {
      click(inbox, '[part="download-button"]');
      await waitFor(() => deep(inbox, '#attachment-error'), 'the error');
    } finally {
      swapped.restore();
      downloads.restore();
    }
    expect(deep(inbox, '#attachment-error')!.textContent).to.equal('Attachment lampiran-1.pdf was not found, or it is not one of your agency’s.');
    await waitFor(() => focused()?.id === 'attachment-error', 'focus on the error');
    expect(errors).to.deep.equal([404]);
    expect(downloads.clicks).to.deep.equal([]);
    expect(deep(inbox, '#view-heading')!.textContent).to.equal('KTP-el tidak kunjung terbit');
  });
});
