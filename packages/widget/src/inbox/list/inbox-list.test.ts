// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { createClient } from '@narahubung/core';
import type { InboxQueryOptions, Status } from '@narahubung/core';
import '../../inbox-define.js';
import type { NhFocalPointInbox } from '../focal-point-inbox/focal-point-inbox.js';
import { TOKENS, button, click, deep, deepAll, file, fileOverdue, focused, inboxText, listShown, listed, moveAs, open, pdf, resetUrl, signIn, type } from '../../test-support/inbox.js';
import { newIntake, waitFor } from '../../test-support/intake.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
  resetUrl();
});

async function signedIn(endpoint: string, token: string = TOKENS.disdukcapil): Promise<NhFocalPointInbox> {
  const inbox = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${endpoint} locale="en"></nh-focal-point-inbox>`);
  await signIn(inbox, token);
  await listShown(inbox);
  return inbox;
}

/** What the API itself answers for the same query, as Disdukcapil's focal point. */
async function api(endpoint: string, query: InboxQueryOptions) {
  return createClient({ endpoint: new URL(endpoint, location.href).href }).inbox(TOKENS.disdukcapil, { limit: 500, ...query });
}

const tabCount = (inbox: NhFocalPointInbox, label: string) => {
  const tab = deepAll<HTMLAnchorElement>(inbox, '[part="tabs"] a').find((link) => link.textContent?.replace(link.querySelector('.count')?.textContent ?? '', '').trim() === label);
  return Number(tab?.querySelector('.count')?.textContent ?? NaN);
};

describe('<nh-focal-point-inbox> list', () => {
  it('has status tabs with the counts the API gives, each a link that narrows the list', async () => {
    const intake = newIntake();
    const ids = await Promise.all(Array.from({ length: 7 }, (_, index) => file(intake.endpoint, { title: `Laporan ${index}` })));
    await moveAs(intake.endpoint, ids[0]!, { to: 'verified' });
    await moveAs(intake.endpoint, ids[1]!, { to: 'verified' });
    await moveAs(intake.endpoint, ids[2]!, { to: 'needs_info', note: 'Mohon lampirkan KK.' });
    await moveAs(intake.endpoint, ids[3]!, { to: 'rejected', reason: 'duplicate' });
    const inbox = await signedIn(intake.endpoint);
    const { counts } = await api(intake.endpoint, { counts: true });
    for (const status of ['received', 'needs_info', 'verified', 'rejected', 'closed'] as Status[]) {
      const label = { received: 'Received', needs_info: 'More information needed', verified: 'Verified', rejected: 'Rejected', closed: 'Closed' }[status as 'received'];
      expect(tabCount(inbox, label), status).to.equal(counts![status]);
    }
    expect(tabCount(inbox, 'All open')).to.equal(6);
    expect(tabCount(inbox, 'All')).to.equal(7);
    expect(deep(inbox, '[aria-current="page"]')!.textContent).to.include('All open');
    expect(listed(inbox).length).to.equal(6);
    deepAll<HTMLAnchorElement>(inbox, '[part="tabs"] a').find((link) => link.textContent?.startsWith('Verified'))!.click();
    await waitFor(() => listed(inbox).length === 2, 'the verified ones');
    expect(listed(inbox).sort()).to.deep.equal([ids[0], ids[1]].sort());
    expect(new URL(location.href).searchParams.get('status')).to.equal('verified');
    expect(deep(inbox, '[aria-current="page"]')!.textContent).to.include('Verified');
    // The tabs count with the other filters applied, the status aside: as the API's `counts`.
    type(inbox, '#q', 'Laporan 0');
    click(inbox, '[part="filter"] button[type="submit"]');
    await waitFor(() => listed(inbox).join() === ids[0], 'the search within the tab');
    const searched = await api(intake.endpoint, { q: 'Laporan 0', counts: true });
    expect(tabCount(inbox, 'Verified')).to.equal(searched.counts!.verified);
  });

  it('finds a tracking number however it is typed: lower case, spaces, no NH-, O for 0, and words', async () => {
    const intake = newIntake();
    const wanted = await file(intake.endpoint, { title: 'Surat pindah belum selesai' });
    await file(intake.endpoint, { title: 'Antrean panjang' });
    const inbox = await signedIn(intake.endpoint);
    const mistyped = wanted.slice(3).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    type(inbox, '#q', mistyped);
    click(inbox, '[part="filter"] button[type="submit"]');
    await waitFor(() => listed(inbox).join() === wanted, `${wanted} found as "${mistyped}"`);
    expect(deep(inbox, '#range')!.textContent).to.equal('1–1 of 1 reports');
    await waitFor(() => focused()?.id === 'range', 'focus on what was found');
    type(inbox, '#q', 'pindah');
    click(inbox, '[part="filter"] button[type="submit"]');
    await waitFor(() => listed(inbox).join() === wanted && new URL(location.href).searchParams.get('q') === 'pindah', 'found by a word');
  });

  it('filters by category, kind, overdue, assignee and received dates, as the API does', async () => {
    const intake = newIntake();
    const old = await fileOverdue(intake.endpoint, 20, { category: 'improper_request', kind: 'aspiration' });
    const fresh = await file(intake.endpoint, { category: 'undue_delay' });
    const assigned = await file(intake.endpoint, { category: 'undue_delay', kind: 'information_request' });
    await createClient({ endpoint: new URL(intake.endpoint, location.href).href }).assign(TOKENS.disdukcapil, assigned, 'fp-disdukcapil');
    const inbox = await signedIn(intake.endpoint);
    const check = async (what: string, query: InboxQueryOptions, expected: string[]) => {
      await waitFor(async () => JSON.stringify([...listed(inbox)].sort()) === JSON.stringify([...expected].sort()) && deep(inbox, 'table[aria-busy="false"], #range'), what);
      const answer = await api(intake.endpoint, { statuses: ['received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'escalated', 'resolved'], ...query });
      expect(answer.items.map((item) => item.trackingId).sort(), `${what}: as the API`).to.deep.equal([...expected].sort());
    };
    type(inbox, '#category', 'improper_request');
    await check('category', { categories: ['improper_request'] }, [old]);
    type(inbox, '#category', '');
    type(inbox, '#kind', 'information_request');
    await check('kind', { kinds: ['information_request'] }, [assigned]);
    type(inbox, '#kind', '');
    click(inbox, '#overdue');
    await check('overdue', { overdue: true }, [old]);
    click(inbox, '#overdue');
    type(inbox, '#assignee', 'me');
    await check('assigned to me', { assignee: 'me' }, [assigned]);
    type(inbox, '#assignee', 'none');
    await check('unassigned', { assignee: 'none' }, [old, fresh]);
    type(inbox, '#assignee', '');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    type(inbox, '#from', today);
    await check('received from today', { from: today }, [fresh, assigned]);
    type(inbox, '#from', '');
    type(inbox, '#to', new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - 10 * 86_400_000)));
    await waitFor(() => listed(inbox).join() === old, 'received until ten days ago');
    button(inbox, 'Clear filters').click();
    await waitFor(() => listed(inbox).length === 3 && !new URL(location.href).search.includes('to='), 'every filter cleared');
    expect(deepAll(inbox, 'tbody tr.overdue').length, 'the overdue row is marked').to.equal(1);
    expect(deep(inbox, 'tbody tr.overdue')!.textContent).to.match(/working days? late|Late, by less/);
    expect(inboxText(inbox)).to.include('Rina Marlina');
  });

  it('sorts by received date either way', async () => {
    const intake = newIntake();
    const older = await fileOverdue(intake.endpoint, 5);
    const newer = await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint);
    type(inbox, '#sort', 'received');
    await waitFor(() => listed(inbox).join() === [older, newer].join(), 'oldest first');
    type(inbox, '#sort', '-received');
    await waitFor(() => listed(inbox).join() === [newer, older].join(), 'newest first');
    expect(new URL(location.href).searchParams.get('sort')).to.equal('-received');
  });

  it('pages by cursor with the true total, back and forth', async () => {
    const intake = newIntake();
    const filed: string[] = [];
    for (let batch = 0; batch < 112; batch += 28) filed.push(...(await Promise.all(Array.from({ length: 28 }, () => file(intake.endpoint)))));
    const inbox = await signedIn(intake.endpoint);
    expect(listed(inbox).length).to.equal(50);
    expect(deep(inbox, '#range')!.textContent).to.equal('1–50 of 112 reports');
    const firstPage = listed(inbox);
    click(inbox, 'a[rel="next"]');
    await waitFor(() => deep(inbox, '#range')?.textContent === '51–100 of 112 reports', 'the second page');
    await waitFor(() => focused()?.id === 'range', 'focus on the range');
    const secondPage = listed(inbox);
    click(inbox, 'a[rel="next"]');
    await waitFor(() => deep(inbox, '#range')?.textContent === '101–112 of 112 reports', 'the last page');
    expect(deep(inbox, 'a[rel="next"]'), 'no next page').to.equal(null);
    expect(new Set([...firstPage, ...secondPage, ...listed(inbox)])).to.deep.equal(new Set(filed));
    click(inbox, 'a[rel="prev"]');
    await waitFor(() => deep(inbox, '#range')?.textContent === '51–100 of 112 reports' && listed(inbox).join() === secondPage.join(), 'previous');
    history.back();
    await waitFor(() => deep(inbox, '#range')?.textContent === '101–112 of 112 reports', 'Back: the last page again');
    // A page reached by a link has no "previous", only the first page.
    fixtureCleanup();
    const reloaded = await fixture<NhFocalPointInbox>(html`<nh-focal-point-inbox endpoint=${intake.endpoint} locale="en"></nh-focal-point-inbox>`);
    history.replaceState(null, '', location.href);
    await signIn(reloaded, TOKENS.disdukcapil);
    await waitFor(() => deep(reloaded, '#range')?.textContent === '101–112 of 112 reports', 'a reload keeps the page');
    expect(deep(reloaded, 'a[rel="prev"]')!.textContent).to.include('First page');
  });

  it('shows when each complaint was received in words, with the full time on hover or when its row has focus', async () => {
    const intake = newIntake();
    await file(intake.endpoint);
    const inbox = await signedIn(intake.endpoint);
    const cell = deep(inbox, 'tbody tr td:nth-child(6)')!;
    const time = cell.querySelector('time')!;
    expect(time.textContent).to.match(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    const tip = cell.querySelector<HTMLElement>('.tip')!;
    expect(tip.textContent).to.match(/ at \d{2}:\d{2} WIB$/);
    expect(getComputedStyle(tip).display).to.equal('none');
    deep<HTMLAnchorElement>(inbox, 'tbody a[data-tracking-id]')!.focus();
    expect(getComputedStyle(tip).display).to.equal('block');
    deep(inbox, '.table-wrap')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await inbox.updateComplete;
    await waitFor(() => getComputedStyle(tip).display === 'none', 'Escape hides it');
  });

  it('verifies several complaints at once, one transition each, and skips what cannot be verified', async () => {
    const intake = newIntake();
    const ids = await Promise.all(Array.from({ length: 3 }, () => file(intake.endpoint)));
    await moveAs(intake.endpoint, ids[2]!, { to: 'verified' });
    const inbox = await signedIn(intake.endpoint);
    const moved: string[] = [];
    inbox.addEventListener('nh-transitioned', (event) => moved.push(event.detail.trackingId));
    click(inbox, '#select-all');
    await waitFor(() => deep(inbox, 'nh-inbox-bulk'), 'the bulk actions');
    expect(deep(inbox, '#bulk-heading')!.textContent).to.equal('3 reports selected');
    click(inbox, '#bulk-verified');
    await inbox.updateComplete;
    type(inbox, '#bulk-note', 'Berkas lengkap.');
    button(inbox, 'Apply to 3 reports').click();
    await waitFor(() => deep(inbox, '#bulk-report'), 'the report');
    expect(deep(inbox, '#bulk-report')!.textContent).to.include('2 of 3 reports done.').and.include(`${ids[2]}: not possible from “Verified”; skipped.`);
    expect(moved.sort()).to.deep.equal([ids[0], ids[1]].sort());
    const client = createClient({ endpoint: new URL(intake.endpoint, location.href).href });
    for (const id of [ids[0]!, ids[1]!]) {
      const item = await client.inboxItem(TOKENS.disdukcapil, id, { locale: 'id' });
      expect(item.history.map((entry) => [entry.status, entry.note, entry.actorName])).to.deep.equal([['received', '', 'sistem'], ['verified', 'Berkas lengkap.', 'Rina Marlina']]);
    }
    expect(deep(inbox, 'nh-inbox-bulk'), 'the selection is cleared').to.equal(null);
  });

  it('marks in each row the number of attachments and whom it is assigned to, in words for screen readers', async () => {
    const intake = newIntake();
    const withFiles = await file(intake.endpoint, { title: 'Dengan lampiran' }, [pdf('antrean.pdf'), pdf('bukti.pdf')]);
    const without = await file(intake.endpoint, { title: 'Tanpa lampiran' });
    const inbox = await signedIn(intake.endpoint);
    const row = (id: string) => deepAll<HTMLTableRowElement>(inbox, 'tbody tr').find((tr) => tr.querySelector(`[data-tracking-id="${id}"]`))!;
    const cells = (id: string) => [...row(id).querySelectorAll('td')];
    const files = cells(withFiles).at(-1)!;
    expect(files.querySelector('svg'), 'a paperclip').to.not.equal(null);
    expect(files.textContent!.replace(/\s+/g, ' ').trim()).to.equal('2 2 attachments');
    expect(cells(without).at(-1)!.textContent!.trim()).to.equal('No attachments');
    expect(cells(without).at(-1)!.querySelector('svg')).to.equal(null);
    expect(cells(without).at(-2)!.textContent).to.include('Unassigned');
  });

  it('asks several reporters for information at once, the same public note on each, one transition each', async () => {
    const intake = newIntake();
    const ids = await Promise.all(Array.from({ length: 2 }, () => file(intake.endpoint)));
    const inbox = await signedIn(intake.endpoint);
    click(inbox, '#select-all');
    await waitFor(() => deep(inbox, '#bulk-needs_info'), 'the bulk actions');
    click(inbox, '#bulk-needs_info');
    await inbox.updateComplete;
    type(inbox, '#bulk-note', 'Mohon kirim foto bukti antrean.');
    button(inbox, 'Apply to 2 reports').click();
    await waitFor(() => deep(inbox, '#bulk-report')?.textContent?.includes('2 of 2 reports done.'), 'the report');
    const client = createClient({ endpoint: new URL(intake.endpoint, location.href).href });
    for (const id of ids) {
      const item = await client.inboxItem(TOKENS.disdukcapil, id, { locale: 'id' });
      expect(item.status).to.equal('needs_info');
      expect(item.history.map((entry) => [entry.status, entry.note])).to.deep.equal([['received', ''], ['needs_info', 'Mohon kirim foto bukti antrean.']]);
    }
    await waitFor(() => tabCount(inbox, 'More information needed') === 2, 'the tab\'s count');
  });

  it('assigns several complaints at once to an officer of the agency', async () => {
    const intake = newIntake();
    const ids = await Promise.all(Array.from({ length: 2 }, () => file(intake.endpoint)));
    const inbox = await signedIn(intake.endpoint);
    for (const id of ids) click(inbox, `input[name="select"][value="${id}"]`);
    await waitFor(() => deep(inbox, '#bulk-assign'), 'the assign action');
    click(inbox, '#bulk-assign');
    await inbox.updateComplete;
    button(inbox, 'Apply to 2 reports').click();
    await waitFor(() => deep(inbox, '#bulk-error'), 'the missing officer');
    expect(deep(inbox, '#bulk-error')!.textContent).to.equal('Choose an officer.');
    type(inbox, '#bulk-officer', 'off-disdukcapil');
    button(inbox, 'Apply to 2 reports').click();
    await waitFor(() => deep(inbox, '#bulk-report')?.textContent?.includes('2 of 2 reports done.'), 'the report');
    await waitFor(() => deepAll(inbox, 'tbody tr').every((row) => row.textContent?.includes('Andi Saputra')), 'the officer in every row');
    await open(inbox, ids[0]!);
    expect(inboxText(inbox)).to.include('Assigned to Andi Saputra by Rina Marlina');
  });
});
