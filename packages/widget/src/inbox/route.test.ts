import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST, firstPage, inboxQueryOf, routeFromUrl, urlOfRoute } from './route.js';

const page = 'https://pemda.example.id/layanan/kotak-masuk?lang=id#main';

describe('the inbox route in the URL', () => {
  it('reads a mail\'s link however the number is typed, and keeps the page\'s own parameters when written back', () => {
    const route = routeFromUrl(new URL('https://pemda.example.id/inbox?complaint=nh7k3m9xq24tdv8&lang=id'));
    expect(route.complaint).to.equal('NH-7K3M-9XQ2-4TDV-8');
    expect(route.list).to.deep.equal(DEFAULT_LIST);
    const url = urlOfRoute(route, new URL(page));
    expect(url.href).to.equal('https://pemda.example.id/layanan/kotak-masuk?lang=id&complaint=NH-7K3M-9XQ2-4TDV-8#main');
  });

  it('round-trips every filter, and leaves defaults out', () => {
    const list = firstPage(DEFAULT_LIST, { status: 'verified', categories: ['undue_delay', 'other'], kinds: ['complaint'], q: 'ktp terbit', overdue: true, assignee: 'none', from: '2026-11-01', to: '2026-11-30', sort: '-received' });
    const url = urlOfRoute({ complaint: null, list: { ...list, cursor: 'abc', start: 51 } }, new URL(page));
    expect(url.search).to.equal('?lang=id&status=verified&category=undue_delay%2Cother&kind=complaint&q=ktp+terbit&overdue=true&assignee=none&from=2026-11-01&to=2026-11-30&sort=-received&cursor=abc&start=51');
    expect(routeFromUrl(url)).to.deep.equal({ complaint: null, list: { ...list, cursor: 'abc', start: 51 } });
    expect(urlOfRoute({ complaint: null, list: DEFAULT_LIST }, new URL(page)).search).to.equal('?lang=id');
  });

  it('takes anything unknown or malformed for the default', () => {
    const route = routeFromUrl(new URL('https://x.example/?status=lost&category=nope,undue_delay&sort=random&assignee=bob&from=1%20Mei&start=9&overdue=yes'));
    expect(route.list).to.deep.equal({ ...DEFAULT_LIST, categories: ['undue_delay'] });
  });

  it('asks the API for the open statuses by default, and for nothing else than what is set', () => {
    expect(inboxQueryOf(DEFAULT_LIST)).to.deep.equal({ statuses: ['received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'escalated', 'resolved'], sort: 'deadline' });
    expect(inboxQueryOf(firstPage(DEFAULT_LIST, { status: 'all', q: '  ktp ', assignee: 'me' }))).to.deep.equal({ q: 'ktp', assignee: 'me', sort: 'deadline' });
  });
});
