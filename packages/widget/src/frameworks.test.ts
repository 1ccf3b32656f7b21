// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
// React and Vue are served by web-test-runner.config.mjs (React bundled to an ES module once).
import { expect } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp, h } from 'vue';
import './define.js';
import type { NhComplaintForm } from './complaint-form.js';
import type { NhSubmittedEvent } from './events.js';
import { fillAndSend, newIntake, waitFor } from './test-support/intake.js';

const hosts: HTMLElement[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.remove()));

function mountPoint(): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  hosts.push(host);
  return host;
}

describe('inside frameworks', () => {
  it('React 19: sets properties and receives nh-submitted', async () => {
    const intake = newIntake();
    const host = mountPoint();
    const received: string[] = [];
    const root = createRoot(host);
    root.render(
      createElement('nh-complaint-form', {
        endpoint: intake.endpoint,
        locale: 'en',
        categories: 'undue_delay,other',
        'onnh-submitted': (event: NhSubmittedEvent) => received.push(event.detail.trackingId),
      }),
    );
    const form = await waitFor(() => host.querySelector('nh-complaint-form') as NhComplaintForm | null, 'the element');
    await waitFor(() => form.shadowRoot?.querySelector('form'), 'the form');
    expect(form.locale).to.equal('en');
    expect(form.categories).to.equal('undue_delay,other');
    await fillAndSend(form);
    await waitFor(() => received.length === 1, 'nh-submitted in React');
    expect(await intake.complaints()).to.deep.equal(received);
    root.unmount();
  });

  it('Vue 3: sets properties and receives nh-submitted', async () => {
    const intake = newIntake();
    const host = mountPoint();
    const received: string[] = [];
    const app = createApp({
      render: () => h('nh-complaint-form', { endpoint: intake.endpoint, locale: 'en', onNhSubmitted: (event: NhSubmittedEvent) => received.push(event.detail.trackingId) }),
    });
    app.mount(host);
    const form = await waitFor(() => host.querySelector('nh-complaint-form') as NhComplaintForm | null, 'the element');
    await waitFor(() => form.shadowRoot?.querySelector('form'), 'the form');
    expect(form.endpoint).to.equal(intake.endpoint);
    await fillAndSend(form);
    await waitFor(() => received.length === 1, 'nh-submitted in Vue');
    expect(await intake.complaints()).to.deep.equal(received);
    app.unmount();
  });
});
