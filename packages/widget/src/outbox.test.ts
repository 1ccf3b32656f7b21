// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import type { NhComplaintForm } from './complaint-form.js';
import { fillAndSend, newIntake, waitFor } from './test-support/intake.js';

const frames: HTMLIFrameElement[] = [];

/** A real page in an iframe (same origin, so the same IndexedDB), reloadable like a tab. */
async function openPage(endpoint: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = '360px';
  frame.style.height = '640px';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/packages/widget/test/pages/form.html?endpoint=${encodeURIComponent(endpoint)}`;
  document.body.append(frame);
  await loaded;
  return frame;
}

const formIn = (frame: HTMLIFrameElement) => frame.contentDocument?.querySelector('nh-complaint-form') as NhComplaintForm | null;
const headingIn = (frame: HTMLIFrameElement) => formIn(frame)?.shadowRoot?.querySelector('#view-heading')?.textContent?.trim();

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

describe('the outbox', () => {
  it('keeps a submission through an unreachable server and a reload, and the server stores it once', async () => {
    const intake = newIntake();
    const frame = await openPage(intake.endpoint);
    const form = await waitFor(() => formIn(frame)?.shadowRoot?.querySelector('form') && formIn(frame), 'the form');
    await intake.down();
    const queued = new Promise<CustomEvent>((resolve) => form.addEventListener('nh-queued', resolve as EventListener, { once: true }));
    await fillAndSend(form);
    const { idempotencyKey } = (await queued).detail;
    expect(idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    await waitFor(() => headingIn(frame) === 'Report saved', 'the queued notice');
    expect(formIn(frame)!.shadowRoot!.textContent).to.include('will be sent when you are back online');

    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.contentWindow!.location.reload();
    await reloaded;
    await waitFor(() => headingIn(frame) === 'Report saved', 'the queued notice after the reload');
    expect(await intake.complaints()).to.deep.equal([]);

    await intake.up();
    frame.contentWindow!.dispatchEvent(new Event('online'));
    await waitFor(() => headingIn(frame) === 'Report sent', 'the confirmation');
    const trackingId = formIn(frame)!.shadowRoot!.querySelector('[part="tracking-id"]')!.textContent;
    expect(await intake.complaints()).to.deep.equal([trackingId]);
    expect(await intake.requests()).to.be.greaterThan(2);
    expect(Object.keys(frame.contentWindow!.localStorage).filter((key) => key.startsWith('narahubung-draft'))).to.deep.equal([]);

    // The outbox is empty: a reload now starts a new report instead of sending again.
    const again = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.contentWindow!.location.reload();
    await again;
    await waitFor(() => headingIn(frame) === 'About your report', 'a fresh form');
    expect(await intake.complaints()).to.deep.equal([trackingId]);
  });

  it('resends with the same Idempotency-Key when the answer was lost: one complaint, the first answer', async () => {
    const intake = newIntake();
    const frame = await openPage(intake.endpoint);
    const form = await waitFor(() => formIn(frame)?.shadowRoot?.querySelector('form') && formIn(frame), 'the form');
    await intake.loseNextAnswer();
    await fillAndSend(form);
    await waitFor(() => headingIn(frame) === 'Report sent', 'the confirmation');
    const trackingId = formIn(frame)!.shadowRoot!.querySelector('[part="tracking-id"]')!.textContent;
    expect(await intake.complaints()).to.deep.equal([trackingId]);
  });
});
