/**
 * The focal point's inbox at the scale issue 11 asks for: the built server process over a real
 * SQLite file holding 300 complaints, the inbox page in Chromium under the server's real CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitComplaint } from './e2e/api.js';
import { describeViolations, launchBrowser, runAxe, watchPage } from './e2e/browser.js';
import type { Page, PageWatch, TestBrowser } from './e2e/browser.js';
import { INBOX, detailShown, inboxText, listShown, listed, signIn, signInHere, waitInInbox, waitInInboxFor } from './e2e/focal-point.js';
import { INBOX_BUNDLE, SERVER_BUILD, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

const FOCAL_POINT = 'Narahubung Disdukcapil Bandar Lampung';
const OFFICER = 'Staf Pengaduan Disdukcapil 1';
const COMPLAINTS = 300;
const CATEGORIES = ['undue_delay', 'no_service', 'procedural_deviation', 'improper_request', 'incompetence', 'improper_conduct'];
const KINDS = ['complaint', 'complaint', 'aspiration', 'information_request'];
const SUBJECTS = ['KTP-el', 'akta kelahiran', 'kartu keluarga', 'surat pindah', 'akta kematian', 'KIA'];

interface Inbox {
  items: { trackingId: string; title: string }[];
  total: number;
  counts?: Record<string, number>;
}

/** One complaint of the seed: its title says which, so a search for words finds a known few. */
const complaint = (index: number) => ({
  kind: KINDS[index % KINDS.length],
  agencyId: 'disdukcapil-bandar-lampung',
  category: CATEGORIES[index % CATEGORIES.length],
  title: `${SUBJECTS[index % SUBJECTS.length]} nomor ${index} belum selesai`,
  description: `Permohonan ${SUBJECTS[index % SUBJECTS.length]} saya (urutan ${index}) belum selesai melewati waktu yang dijanjikan petugas loket.`,
  reporter: { name: `Pelapor ${index}`, email: `pelapor${index}@example.id` },
  confidentiality: index % 10 === 0 ? 'public' : 'anonymous',
  consent: true,
  locale: 'id',
});

describe('the focal point\'s inbox with 300 complaints (server process, SQLite file, Chromium)', () => {
  const folder = tempFolder('narahubung-e2e-inbox-');
  let server: ServerProcess;
  let chromium: TestBrowser;
  let token: string;
  const ids: string[] = [];
  let withPdf: string;

  const api = async <T>(path: string, init: RequestInit = {}, bearer = token): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const move = (id: string, body: Record<string, unknown>) => api(`/v1/complaints/${id}/transitions`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    requireBuild([SERVER_BUILD, INBOX_BUNDLE]);
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    chromium = await launchBrowser();
    token = server.token(FOCAL_POINT);
    for (let start = 0; start < COMPLAINTS - 1; start += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, COMPLAINTS - 1 - start) }, (_, offset) => submitComplaint(server.url, complaint(start + offset))));
      for (const answer of batch) {
        expect(answer.status).toBe(201);
        ids.push(answer.body.trackingId);
      }
    }
    // One with a PDF, for the viewer.
    const form = new FormData();
    form.set('complaint', new Blob([JSON.stringify({ ...complaint(COMPLAINTS - 1), title: 'Surat keterangan dengan lampiran' })], { type: 'application/json' }));
    form.append('attachments', new Blob(['%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], { type: 'application/pdf' }), 'surat.pdf');
    const created = await fetch(`${server.url}/v1/complaints`, { method: 'POST', headers: { 'idempotency-key': `e2e-${crypto.randomUUID()}` }, body: form });
    expect(created.status).toBe(201);
    withPdf = ((await created.json()) as { trackingId: string }).trackingId;
    ids.push(withPdf);
    for (const id of ids.slice(0, 40)) await move(id, { to: 'verified', note: 'Berkas lengkap.' });
    for (const id of ids.slice(40, 52)) await move(id, { to: 'needs_info', note: 'Mohon lampirkan KK.' });
    for (const id of ids.slice(52, 64)) await move(id, { to: 'rejected', reason: 'duplicate', note: 'Sudah dilaporkan.' });
    for (const id of ids.slice(64, 84)) await api(`/v1/complaints/${id}/assignment`, { method: 'POST', body: JSON.stringify({ officerId: 'officer-disdukcapil-1' }) });
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    folder.remove();
  });

  async function inboxPage(path = '/inbox', scheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; watch: PageWatch }> {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const watch = await watchPage(page);
    await signIn(page, server.url, token, path);
    return { page, watch };
  }

  async function clean(watch: PageWatch): Promise<void> {
    expect(await watch.cspViolations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  }

  const range = (page: Page) => listShown(page);
  const search = async (page: Page, text: string) => {
    await page.keyboard.press('/');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  const tabs = (page: Page) =>
    page.$eval(INBOX, (inbox) =>
      [...(inbox.shadowRoot?.querySelector('nh-inbox-list')?.shadowRoot?.querySelectorAll('[part~="tabs"] a') ?? [])].map((link) => ({
        href: (link as HTMLAnchorElement).href,
        count: Number(link.querySelector('.count')?.textContent ?? NaN),
      })),
    );
  const focusedOne = (page: Page) =>
    page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active ? { id: active.id, trackingId: active.getAttribute('data-tracking-id'), text: (active.textContent ?? '').trim(), name: active.getAttribute('name') } : null;
    });
  const tabUntil = async (page: Page, until: (focused: Awaited<ReturnType<typeof focusedOne>>) => boolean, what: string) => {
    for (let i = 0; i < 80 && !until(await focusedOne(page)); i++) await page.keyboard.press('Tab');
    expect(until(await focusedOne(page)), `Tab reaches ${what}`).toBe(true);
  };

  it('lists the first 50 of the open ones with the true total, and finds a mistyped tracking number', async () => {
    const { page, watch } = await inboxPage();
    const open = await api<Inbox>('/v1/inbox?status=received,needs_info,verified,forwarded,in_progress,escalated,resolved&limit=1');
    expect(await range(page)).toBe(`1–50 dari ${open.total} laporan`);
    expect(open.total).toBe(COMPLAINTS - 12);
    expect(await listed(page)).toHaveLength(50);
    const wanted = ids[123]!;
    // Lower case, spaces for dashes, no "NH-", the letter O for the digit 0.
    const mistyped = wanted.slice(3).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    await search(page, mistyped);
    await waitInInbox(page, `${wanted} alone`, (selector, id) => {
      const list = document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-list')?.shadowRoot;
      const links = [...(list?.querySelectorAll<HTMLElement>('a[data-tracking-id]') ?? [])];
      return links.length === 1 && links[0]!.dataset.trackingId === id;
    }, wanted);
    expect(await range(page)).toBe('1–1 dari 1 laporan');
    expect(new URL(page.url()).searchParams.get('q')).toBe(mistyped);
    await clean(watch);
    await page.close();
  }, 60_000);

  it('shows the counts per status and the filtered lists the API gives', async () => {
    const { page, watch } = await inboxPage();
    await range(page);
    const all = await api<Inbox>('/v1/inbox?limit=1&counts=true');
    const shown = await tabs(page);
    const countOf = (status: string) => shown.find((tab) => new URL(tab.href).searchParams.get('status') === status)?.count;
    for (const status of ['received', 'needs_info', 'verified', 'rejected', 'closed']) expect(countOf(status), status).toBe(all.counts![status]);
    expect(countOf('all')).toBe(COMPLAINTS);
    expect(all.counts).toMatchObject({ verified: 40, needs_info: 12, rejected: 12 });
    // Category and kind, then the words of a title: each list is the API's first page, with its total.
    await page.select(`${INBOX} >>> #category`, 'improper_request');
    await page.select(`${INBOX} >>> #kind`, 'complaint');
    await waitInInbox(page, 'the filtered list', () => new URL(location.href).searchParams.get('kind') === 'complaint');
    const filtered = await api<Inbox>('/v1/inbox?status=received,needs_info,verified,forwarded,in_progress,escalated,resolved&category=improper_request&kind=complaint&limit=50&counts=true');
    expect(await range(page)).toBe(`1–${Math.min(50, filtered.total)} dari ${filtered.total} laporan`);
    expect(await listed(page)).toEqual(filtered.items.map((item) => item.trackingId));
    const filteredTabs = await tabs(page);
    expect(filteredTabs.find((tab) => new URL(tab.href).searchParams.get('status') === 'verified')?.count).toBe(filtered.counts!.verified);
    await page.click(`${INBOX} >>> #overdue`);
    await waitInInbox(page, 'the overdue filter', () => new URL(location.href).searchParams.get('overdue') === 'true');
    expect(await range(page)).toBe('Tidak ada laporan yang cocok.');
    await page.click(`${INBOX} >>> #overdue`);
    await page.select(`${INBOX} >>> #assignee`, 'none');
    await waitInInbox(page, 'the unassigned ones', () => new URL(location.href).searchParams.get('assignee') === 'none');
    const unassigned = await api<Inbox>('/v1/inbox?status=received,needs_info,verified,forwarded,in_progress,escalated,resolved&category=improper_request&kind=complaint&assignee=none&limit=50');
    expect(await range(page)).toBe(`1–${Math.min(50, unassigned.total)} dari ${unassigned.total} laporan`);
    await clean(watch);
    await page.close();
  }, 60_000);

  it('opens a colleague\'s link in a new page once signed in, and Back returns to the filtered list where it was scrolled', async () => {
    const target = ids[7]!;
    const { page: colleague, watch: colleagueWatch } = await inboxPage(`/inbox?complaint=${encodeURIComponent(target.toLowerCase())}`);
    await detailShown(colleague, target);
    expect(await inboxText(colleague)).toContain(`${SUBJECTS[7 % SUBJECTS.length]} nomor 7 belum selesai`);
    await clean(colleagueWatch);
    await colleague.close();

    const { page, watch } = await inboxPage('/inbox?status=received&sort=received');
    expect(await range(page)).toMatch(/^1–50 dari \d+ laporan$/);
    const rows = await listed(page);
    const chosen = rows[40]!;
    await page.$eval(INBOX, (inbox, id) => {
      const link = inbox.shadowRoot!.querySelector('nh-inbox-list')!.shadowRoot!.querySelector<HTMLElement>(`a[data-tracking-id="${id}"]`)!;
      link.scrollIntoView({ block: 'center' });
    }, chosen);
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(800);
    const listUrl = page.url();
    await page.focus(`${INBOX} >>> a[data-tracking-id="${chosen}"]`);
    await page.keyboard.press('Enter');
    await detailShown(page, chosen);
    expect(new URL(page.url()).searchParams.get('complaint')).toBe(chosen);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(scrolled);
    await page.goBack();
    await waitInInbox(page, 'the list again', (selector) => !document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-detail'));
    expect(page.url()).toBe(listUrl);
    expect(await listed(page)).toEqual(rows);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);
    expect((await focusedOne(page))?.trackingId).toBe(chosen);
    // Forward opens it again; a reload keeps the place.
    await page.goForward();
    await detailShown(page, chosen);
    await page.reload();
    await signInHere(page, token);
    await detailShown(page, chosen);
    await clean(watch);
    await page.close();
  }, 90_000);

  it('keeps an internal note with a canary out of the public status and Open311, and assigns and unassigns', async () => {
    const target = ids[30]!;
    const { page, watch } = await inboxPage(`/inbox?complaint=${target}`);
    await detailShown(page, target);
    const canary = `KANARI-INTERNAL-${crypto.randomUUID().slice(0, 8)}`;
    await page.click(`${INBOX} >>> #internal-note`);
    await page.keyboard.type(`${canary}: pelapor pernah melapor hal serupa.`);
    await page.click(`${INBOX} >>> [part~="internal-notes"] button[type="submit"]`);
    await waitInInboxFor(page, '#notes-notice', 'the note saved');
    expect(await inboxText(page)).toContain(canary);
    const item = await api<{ notes: { text: string; author: string }[] }>(`/v1/inbox/${target}`);
    expect(item.notes.map((note) => note.author)).toEqual(['Contoh: Narahubung Disdukcapil Bandar Lampung']);
    for (const path of [`/v1/complaints/${target}`, `/open311/v2/requests/${target}.json`, `/open311/v2/requests/${target}.xml`, '/open311/v2/requests.json', '/open311/v2/requests.xml']) {
      const text = await (await fetch(`${server.url}${path}`)).text();
      expect(text, path).not.toContain(canary);
    }
    // Assignment, there and back.
    await page.select(`${INBOX} >>> #officer`, 'officer-disdukcapil-1');
    await page.click(`${INBOX} >>> [part~="assignment"] button[type="submit"]`);
    await waitInInbox(page, 'the assignment', (selector) => {
      const detail = document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-detail')?.shadowRoot;
      return (detail?.querySelector('nh-inbox-assignment')?.shadowRoot?.querySelector('#assignee')?.textContent ?? '').includes('Staf Pengaduan Disdukcapil 1');
    });
    const mine = await api<Inbox>(`/v1/inbox?assignee=me&q=${target}`, {}, server.token(OFFICER));
    expect(mine.items.map((entry) => entry.trackingId)).toEqual([target]);
    expect(await inboxText(page)).toContain('Ditugaskan kepada Contoh: Staf Pengaduan Disdukcapil 1 oleh Contoh: Narahubung Disdukcapil Bandar Lampung');
    await page.select(`${INBOX} >>> #officer`, '');
    await page.click(`${INBOX} >>> [part~="assignment"] button[type="submit"]`);
    await waitInInbox(page, 'unassigned', (selector) => {
      const detail = document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-detail')?.shadowRoot;
      return (detail?.querySelector('nh-inbox-assignment')?.shadowRoot?.querySelector('#assignee')?.textContent ?? '') === 'Belum ditugaskan kepada siapa pun.';
    });
    expect((await api<{ assignee: unknown }>(`/v1/inbox/${target}`)).assignee).toBe(null);
    await clean(watch);
    await page.close();
  }, 60_000);

  for (const scheme of ['light', 'dark'] as const) {
    for (const locale of ['id', 'en'] as const) {
      it(`passes axe in every state of the inbox page: ${locale}, ${scheme}; the PDF shows in place`, async () => {
        const page = await chromium.browser.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        const watch = await watchPage(page);
        await page.goto(`${server.url}/inbox?status=received`);
        await page.$eval(INBOX, (inbox, value) => inbox.setAttribute('locale', value), locale);
        await waitInInboxFor(page, '#token');
        const expectAccessible = async (what: string) => {
          const violations = await runAxe(page);
          expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
        };
        await expectAccessible('sign in');
        await signInHere(page, token);
        await range(page);
        await expectAccessible('list');
        await page.click(`${INBOX} >>> #select-all`);
        await waitInInboxFor(page, 'nh-inbox-bulk');
        await page.click(`${INBOX} >>> #bulk-needs_info`);
        await expectAccessible('list with 50 selected');
        await page.click(`${INBOX} >>> #select-all`);
        await page.goto(`${server.url}/inbox?complaint=${withPdf}`);
        await page.$eval(INBOX, (inbox, value) => inbox.setAttribute('locale', value), locale);
        await signInHere(page, token);
        await detailShown(page, withPdf);
        await waitInInboxFor(page, '#officer');
        await expectAccessible('complaint');
        await page.click(`${INBOX} >>> [part~="view-button"]`);
        await waitInInboxFor(page, '[part~="viewer"] iframe');
        // Chromium's own PDF viewer runs in the frame: the file is shown, not refused.
        for (let i = 0; i < 100 && !page.frames().some((frame) => frame.url().startsWith('chrome-extension://')); i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(page.frames().map((frame) => frame.url()).some((url) => url.startsWith('chrome-extension://'))).toBe(true);
        await expectAccessible('complaint with the PDF shown');
        await page.click(`${INBOX} >>> #to-rejected`);
        await page.click(`${INBOX} >>> [part~="transition-form"] button[type="submit"]`);
        await waitInInboxFor(page, '#reason-error');
        await expectAccessible('complaint with a field error');
        await clean(watch);
        await page.close();
      }, 90_000);
    }
  }

  it('triages one complaint with the keyboard alone', async () => {
    const target = ids[200]!;
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const watch = await watchPage(page);
    await page.goto(`${server.url}/inbox`);
    await waitInInboxFor(page, '#token');
    await tabUntil(page, (focused) => focused?.id === 'token', 'the token');
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await range(page);
    await search(page, target.replace(/-/g, ''));
    await waitInInbox(page, 'the complaint found', (selector) => {
      const list = document.querySelector(selector)?.shadowRoot?.querySelector('nh-inbox-list')?.shadowRoot;
      return list?.querySelector('#range')?.textContent === '1–1 dari 1 laporan';
    });
    await tabUntil(page, (focused) => focused?.trackingId === target, 'its link');
    await page.keyboard.press('Enter');
    await detailShown(page, target);
    await tabUntil(page, (focused) => focused?.name === 'to', 'the steps');
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, (focused) => focused?.id === 'note', 'the public note');
    await page.keyboard.type('Berkas lengkap, kami proses.');
    await tabUntil(page, (focused) => focused?.text === 'Simpan tindak lanjut', 'Save');
    await page.keyboard.press('Enter');
    await waitInInboxFor(page, '[part~="transition-form"] #notice', 'the move');
    await tabUntil(page, (focused) => focused?.id === 'officer', 'the assignment');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, (focused) => focused?.text === 'Simpan penugasan', 'Save assignment');
    await page.keyboard.press('Enter');
    await waitInInboxFor(page, '#assign-notice', 'the assignment');
    await tabUntil(page, (focused) => focused?.id === 'internal-note', 'the internal note');
    await page.keyboard.type('Hubungi loket 2 untuk arsipnya.');
    await tabUntil(page, (focused) => focused?.text === 'Simpan catatan internal', 'Save internal note');
    await page.keyboard.press('Enter');
    await waitInInboxFor(page, '#notes-notice', 'the note');
    const item = await api<{ status: string; assignee: { id: string } | null; notes: { text: string }[]; history: { note: string }[] }>(`/v1/inbox/${target}`);
    expect(item.status).toBe('verified');
    expect(item.assignee?.id).toBe('officer-disdukcapil-1');
    expect(item.notes.map((note) => note.text)).toEqual(['Hubungi loket 2 untuk arsipnya.']);
    const status = await (await fetch(`${server.url}/v1/complaints/${target}`)).json() as { history: { note: string }[] };
    expect(status.history.at(-1)?.note).toBe('Berkas lengkap, kami proses.');
    await clean(watch);
    await page.close();
  }, 90_000);
});
