// describe/it come from 'vitest' as in core's tests: in Chromium the runner maps them to Mocha's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { afterEach, beforeAll, describe, it } from 'vitest';
import '../indicators-define.js';
import { CATEGORIES, indicatorMessage, message, parseCsv } from '@narahubung/core';
import type { IndicatorTableAnswer, IndicatorsAnswer, Share } from '@narahubung/core';
import type { NhIndicators } from './indicators-element.js';
import { COLUMNS, shareOf } from './columns.js';
import { newIntake, waitFor } from '../test-support/intake.js';
import type { TestIntake } from '../test-support/intake.js';
import { $, $$, DISDUKCAPIL, RSUD, TOKENS, indicators, inbox, nextAnswer, rowOrder, scenario, setValue, shown, signIn, text, watchDownloads } from '../test-support/indicators.js';

afterEach(() => {
  fixtureCleanup();
  sessionStorage.clear();
});

/** A share as the reader sees it, written out here rather than through the element's Intl: `66,7%` / `66.7%`. */
function percent(share: number, locale: 'id' | 'en'): string {
  const value = String(Math.round(share * 1000) / 10);
  return `${locale === 'id' ? value.replace('.', ',') : value}%`;
}

/** What a share's cell must say: the percentage (or "—") and "n dari N" / "n of N". */
function shareText(share: Share, locale: 'id' | 'en'): string {
  return `${share.share === null ? '—' : percent(share.share, locale)} ${share.n} ${locale === 'id' ? 'dari' : 'of'} ${share.of}`;
}

/** The worst-first order the table must start in: lowest share resolved on time, none last, ties by name. */
function worstFirst(answer: IndicatorsAnswer): string[] {
  return [...answer.agencies]
    .sort((a, b) => {
      const x = a.cepat.resolvedOnTime.share;
      const y = b.cepat.resolvedOnTime.share;
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'id') : x === null ? 1 : -1;
      return x - y || a.name.localeCompare(b.name, 'id');
    })
    .map((agency) => agency.agencyId);
}

/** Every number of one row of the table, as the JSON has it. */
function expectRow(element: NhIndicators, agencyId: string, table: IndicatorTableAnswer, locale: 'id' | 'en'): void {
  const row = $<HTMLTableRowElement>(element, `table[part="table"] tr[data-agency="${agencyId}"]`)!;
  expect(row, agencyId || 'total').to.exist;
  const cell = (key: string) => text(row.querySelector(`[data-column="${key}"]`));
  expect(cell('received'), `${agencyId} received`).to.equal(String(table.received));
  for (const column of COLUMNS) {
    const share = shareOf(table, column.key);
    if (!share) continue;
    // A screen reader hears "nothing counted" where a sighted reader sees the dash; the drill link adds words after a colon.
    const seen = cell(column.key).replace(/ ?(tidak ada yang dihitung|nothing counted)/, '').replace(/: (lihat|see) .*$/, '');
    expect(seen, `${agencyId} ${column.key}`).to.equal(shareText(share, locale));
  }
  expect(cell('openOverdue').replace(/: (lihat|see) .*$/, '')).to.equal(String(table.tuntas.openOverdue));
  const median = table.cepat.medianWorkingDaysToResolve;
  expect(cell('medianWorkingDaysToResolve').replace(/ ?(tidak ada yang dihitung|nothing counted)/, '')).to.equal(median === null ? '—' : String(median).replace('.', locale === 'id' ? ',' : '.'));
}

describe('<nh-indicators>', () => {
  let intake: TestIntake;
  let ids: { disdukcapil: string[]; rsud: string[] };
  beforeAll(async () => {
    intake = newIntake();
    ids = await scenario(intake);
  });

  it('shows the public numbers of the real API, worst first, with "< 5" and what it means', async () => {
    const expected = await indicators(intake);
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    const answer = await nextAnswer(element);
    expect(answer).to.deep.equal({ ...expected, at: answer.at });
    expect(answer.exact).to.equal(false);
    await shown(element);
    expect(text($(element, 'h2'))).to.equal('Kinerja penanganan pengaduan');
    expect(rowOrder(element)).to.deep.equal(worstFirst(answer));
    expect(rowOrder(element).slice(0, 2)).to.deep.equal([DISDUKCAPIL, RSUD]);
    for (const agency of answer.agencies) expectRow(element, agency.agencyId, agency, 'id');
    expectRow(element, '', answer.total, 'id');
    expect(text($(element, 'tfoot th'))).to.equal('Seluruh instansi');
    // The sorted column says so, in the header itself.
    expect($(element, 'th[aria-sort]')!.getAttribute('aria-sort')).to.equal('ascending');
    expect(text($(element, 'th[aria-sort] button'))).to.include('Diselesaikan tepat waktu');
    // The period the server chose (the year so far) is in the form, as the days it covers.
    expect($<HTMLInputElement>(element, '#from')!.value).to.equal('2026-01-01');
    expect($<HTMLInputElement>(element, '#to')!.value).to.equal('2026-11-02');
    expect(answer.period).to.deep.equal({ from: '2026-01-01', to: '2026-11-03' });
    // Two improper requests about Disdukcapil in March: fewer than five, shown as such and explained.
    expect(answer.total.trend['2026-03']).to.deep.equal({ undue_delay: 6, improper_request: '< 5' });
    const notes = text($(element, '.notes'));
    expect(notes).to.include('ditampilkan sebagai “< 5”');
    expect(notes).to.include('“< 5”: antara 1 dan 4 pengaduan');
    expect(notes).to.include('“—”');
    // No token: nothing leads to complaints.
    expect($(element, '[part="drill-button"]')).to.equal(null);
  });

  it('sorts by any column with a click or the keyboard, the header saying which way', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint} locale="en"></nh-indicators>`);
    const answer = await nextAnswer(element);
    await shown(element);
    const button = (key: string) => $<HTMLButtonElement>(element, `button[data-column="${key}"]`)!;
    const sortedBy = () => $(element, 'th[aria-sort]')!;
    const byShare = (key: 'verifiedOnTime', direction: 1 | -1) =>
      [...answer.agencies]
        .sort((a, b) => {
          const x = a.cepat[key].share;
          const y = b.cepat[key].share;
          if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'en') : x === null ? 1 : -1;
          return direction * (x - y) || a.name.localeCompare(b.name, 'en');
        })
        .map((agency) => agency.agencyId);

    button('verifiedOnTime').click();
    await element.updateComplete;
    expect(sortedBy().contains(button('verifiedOnTime'))).to.equal(true);
    expect(sortedBy().getAttribute('aria-sort')).to.equal('ascending');
    expect(rowOrder(element)).to.deep.equal(byShare('verifiedOnTime', 1));
    expect(text($(element, 'p.visually-hidden[role="status"]'))).to.equal('Sorted by “Verified on time”, worst first.');

    // Enter and Space on the focused header button, as a keyboard user sorts.
    button('verifiedOnTime').focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(sortedBy().getAttribute('aria-sort')).to.equal('descending');
    expect(rowOrder(element)).to.deep.equal(byShare('verifiedOnTime', -1));
    expect(text($(element, 'p.visually-hidden[role="status"]'))).to.equal('Sorted by “Verified on time”, best first.');
    expect(element.shadowRoot!.activeElement).to.equal(button('verifiedOnTime'));

    await sendKeys({ press: 'Tab' });
    expect((element.shadowRoot!.activeElement as HTMLElement).dataset.column).to.equal('resolvedOnTime');
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(sortedBy().getAttribute('aria-sort')).to.equal('ascending');
    expect(rowOrder(element)).to.deep.equal(worstFirst(answer));

    // Names A to Z; counts most first.
    button('name').click();
    await element.updateComplete;
    expect(rowOrder(element)).to.deep.equal([...answer.agencies].sort((a, b) => a.name.localeCompare(b.name, 'en')).map((agency) => agency.agencyId));
    button('received').click();
    await element.updateComplete;
    expect(sortedBy().getAttribute('aria-sort')).to.equal('descending');
    expect(rowOrder(element)[0]).to.equal(DISDUKCAPIL);
    expect(text($(element, 'p.visually-hidden[role="status"]'))).to.equal('Sorted by “Complaints received”, most first.');
  });

  it('asks again when the period changes: presets and dates, with a mistake said at the form', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    await nextAnswer(element);
    await shown(element);
    const preset = (name: string) => $<HTMLButtonElement>(element, `button[data-preset="${name}"]`)!;

    const lastYear = await nextAnswer(element, () => preset('last_year').click());
    expect(lastYear.period).to.deep.equal({ from: '2025-01-01', to: '2026-01-01' });
    expect(lastYear.total.received).to.equal(0);
    expect($<HTMLInputElement>(element, '#from')!.value).to.equal('2025-01-01');
    expect($<HTMLInputElement>(element, '#to')!.value).to.equal('2025-12-31');
    expect(text($(element, 'tfoot [data-column="received"]'))).to.equal('0');
    expect(text($(element, '#chart-categories svg'))).to.not.include('Penundaan');

    const twelve = await nextAnswer(element, () => preset('last_12_months').click());
    expect(twelve.period).to.deep.equal({ from: '2025-12-01', to: '2026-11-03' });
    expect(twelve.total.received).to.equal(11);

    setValue(element, '#from', '2026-04-01');
    setValue(element, '#to', '2026-04-30');
    const april = await nextAnswer(element, () => $<HTMLButtonElement>(element, 'form[part="period"] button[type="submit"]')!.click());
    expect(april.period).to.deep.equal({ from: '2026-04-01', to: '2026-05-01' });
    expect(april).to.deep.equal({ ...(await indicators(intake, 'from=2026-04-01&to=2026-05-01')), at: april.at });
    expect(text($(element, `tr[data-agency="${RSUD}"] [data-column="received"]`))).to.equal('3');
    expect(text($(element, `tr[data-agency="${DISDUKCAPIL}"] [data-column="received"]`))).to.equal('0');
    expect(text($(element, 'caption'))).to.equal('Indikator per instansi, 1 April 2026 sampai dengan 30 April 2026');

    // The last day before the first: said at the form, nothing asked.
    let asked = 0;
    element.addEventListener('nh-indicators', () => asked++);
    setValue(element, '#to', '2026-03-01');
    $<HTMLButtonElement>(element, 'form[part="period"] button[type="submit"]')!.click();
    await element.updateComplete;
    expect(text($(element, '#period-error'))).to.equal('Tanggal akhir harus sama dengan atau sesudah tanggal awal.');
    expect($(element, '#to')!.getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.activeElement?.id).to.equal('to');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked).to.equal(0);
  });

  it('narrows to one inspectorate or one agency, with the lists from the broadest answer', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    const all = await nextAnswer(element);
    await shown(element);
    const options = $$<HTMLOptionElement>(element, '#scope option').map((option) => option.value);
    expect(options).to.deep.equal(['', ...all.inspectorates.map((entry) => `inspectorate:${entry.inspectorateId}`), ...all.agencies.map((agency) => `agency:${agency.agencyId}`)]);

    const inspectorate = await nextAnswer(element, () => setValue(element, '#scope', 'inspectorate:inspektorat-bandar-lampung'));
    expect(inspectorate.agencies.map((agency) => agency.agencyId)).to.deep.equal([DISDUKCAPIL]);
    expect(rowOrder(element)).to.deep.equal([DISDUKCAPIL]);
    expect(text($(element, 'tfoot th'))).to.equal('Inspektorat Kota Bandar Lampung');
    expectRow(element, '', inspectorate.total, 'id');

    const one = await nextAnswer(element, () => setValue(element, '#scope', `agency:${RSUD}`));
    expect(one.agencies.map((agency) => agency.agencyId)).to.deep.equal([RSUD]);
    expect($(element, 'tfoot')).to.equal(null);
    // The lists stay whole while narrowed.
    expect($$(element, '#scope option').length).to.equal(options.length);
    expect($(element, 'a#csv')!.getAttribute('href')).to.include(`agency=${RSUD}`);
  });

  it('opens on the scope its attribute names', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint} scope="agency:${DISDUKCAPIL}"></nh-indicators>`);
    const answer = await nextAnswer(element);
    await shown(element);
    expect(answer.agencies.map((agency) => agency.agencyId)).to.deep.equal([DISDUKCAPIL]);
    await waitFor(() => $$(element, '#scope option').length > 1, 'the scope lists');
    expect($<HTMLSelectElement>(element, '#scope')!.value).to.equal(`agency:${DISDUKCAPIL}`);
  });

  it('draws each chart with a summary in words and a data table of the same numbers', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    const answer = await nextAnswer(element);
    await shown(element);
    for (const id of ['chart-trend', 'chart-categories', 'chart-shares']) {
      const svg = $<SVGSVGElement>(element, `#${id} svg.chart`)!;
      expect(svg.getAttribute('role'), id).to.equal('img');
      expect(svg.getAttribute('aria-label'), id).to.match(/\S{10}/);
      expect(svg.querySelector('title')!.textContent).to.equal(svg.getAttribute('aria-label'));
    }
    // Trend: a row per month of the period, a column per category, "< 5" as the API says it.
    const trend = $$<HTMLTableRowElement>(element, '#chart-trend table tbody tr');
    expect(trend.map((row) => text(row.querySelector('th')))).to.deep.equal(['Januari 2026', 'Februari 2026', 'Maret 2026', 'April 2026', 'Mei 2026', 'Juni 2026', 'Juli 2026', 'Agustus 2026', 'September 2026', 'Oktober 2026', 'November 2026']);
    const headers = $$(element, '#chart-trend table thead th').map((th) => text(th));
    const categories = CATEGORIES.filter((category) => Object.values(answer.total.trend).some((counts) => category in counts));
    expect(headers.slice(1, -1).sort()).to.deep.equal(categories.map((category) => message('id', `category.${category}`)).sort());
    for (const [index, month] of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].entries()) {
      const cells = [...trend[index]!.querySelectorAll('td')].map((td) => text(td));
      headers.slice(1, -1).forEach((header, column) => {
        const category = categories.find((code) => message('id', `category.${code}`) === header)!;
        expect(cells[column], `${month} ${category}`).to.equal(String(answer.total.trend[month]?.[category] ?? 0));
      });
    }
    expect(text(trend[2]!.querySelector('td:last-child'))).to.equal('7–10');
    expect(text(trend[3]!.querySelector('td:last-child'))).to.equal('1–4');
    expect($(element, '#chart-trend svg')!.getAttribute('aria-label')).to.equal(
      'Pengaduan diterima per bulan, 1 Januari 2026 sampai dengan 2 November 2026: 8–14 pengaduan; terbanyak Maret 2026 (7–10).',
    );
    expect(text($(element, '#chart-trend .legend'))).to.include('Kotak bergaris putus-putus');

    // Categories: every category with complaints, largest first.
    const byCategory = $$<HTMLTableRowElement>(element, '#chart-categories table tbody tr').map((row) => [text(row.querySelector('th')), text(row.querySelector('td'))]);
    expect(byCategory).to.deep.equal([
      [message('id', 'category.undue_delay'), '6'],
      [message('id', 'category.no_service'), '< 5'],
      [message('id', 'category.improper_request'), '< 5'],
    ]);
    expect(Object.keys(answer.total.byCategory).sort()).to.deep.equal(['improper_request', 'no_service', 'undue_delay']);

    // On-time shares: a row per agency in the table's order, the same words and numbers.
    const shares = $$<HTMLTableRowElement>(element, '#chart-shares table tbody tr');
    expect(shares.map((row) => text(row.querySelector('th')))).to.deep.equal(rowOrder(element).map((id) => answer.agencies.find((agency) => agency.agencyId === id)!.name));
    for (const row of shares) {
      const agency = answer.agencies.find((entry) => entry.name === text(row.querySelector('th')))!;
      const [verified, resolved] = [...row.querySelectorAll('td')].map((td) => text(td));
      expect(verified).to.equal(shareText(agency.cepat.verifiedOnTime, 'id').replace(/ (\d+ dari \d+)$/, ' ($1)'));
      expect(resolved).to.equal(shareText(agency.cepat.resolvedOnTime, 'id').replace(/ (\d+ dari \d+)$/, ' ($1)'));
    }
    const disdukcapil = answer.agencies.find((agency) => agency.agencyId === DISDUKCAPIL)!;
    expect($(element, '#chart-shares svg')!.getAttribute('aria-label')).to.include(`terendah: ${disdukcapil.name} (${percent(disdukcapil.cepat.resolvedOnTime.share!, 'id')})`);
    // Each bar's number is written beside it: greyscale (or no colour at all) loses nothing.
    const labels = $$<SVGTextElement>(element, '#chart-shares svg text.value').map((node) => node.textContent);
    expect(labels).to.include(percent(disdukcapil.cepat.verifiedOnTime.share!, 'id'));
    expect(labels).to.include('—');
  });

  it('exports the same query as CSV and PDF links; the public CSV has a BOM and a row per agency and indicator', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint} locale="en"></nh-indicators>`);
    const answer = await nextAnswer(element);
    await shown(element);
    const csv = new URL($<HTMLAnchorElement>(element, 'a#csv')!.href);
    const pdf = new URL($<HTMLAnchorElement>(element, 'a#pdf')!.href);
    expect(csv.pathname).to.equal(`${intake.endpoint}/v1/indicators.csv`);
    expect(pdf.pathname).to.equal(`${intake.endpoint}/v1/indicators.pdf`);
    for (const url of [csv, pdf]) expect(Object.fromEntries(url.searchParams)).to.deep.equal({ from: answer.period.from, to: answer.period.to, locale: 'en' });
    expect($(element, 'a#csv')!.hasAttribute('download')).to.equal(true);

    // Without a token the link is followed as it is: nothing fetched by the element.
    const downloads = watchDownloads(element);
    try {
      $<HTMLAnchorElement>(element, 'a#csv')!.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(downloads.clicks.map((click) => click.id)).to.deep.equal(['csv']);
      expect(downloads.blobs.size).to.equal(0);
    } finally {
      downloads.restore();
    }
    const bytes = new Uint8Array(await (await fetch(csv, { cache: 'no-store' })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM it reads, as Excel does.
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]!.slice(0, 6)).to.deep.equal(['from', 'to', 'at', 'scope', 'id', 'name']);
    expect(rows.length - 1).to.equal((answer.agencies.length + answer.inspectorates.length + 1) * 12);
    const row = rows.find((cells) => cells[4] === DISDUKCAPIL && cells[7] === 'resolvedOnTime')!;
    const share = answer.agencies.find((agency) => agency.agencyId === DISDUKCAPIL)!.cepat.resolvedOnTime;
    expect(row.slice(8, 12)).to.deep.equal([indicatorMessage('en', 'indicator.resolvedOnTime'), String(share.n), String(share.of), String(share.share)]);
  });

  it('gives a supervisor exact numbers, a CSV fetched with the token, and the complaints behind a number', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    await nextAnswer(element);
    await shown(element);
    const exact = (await signIn(element, TOKENS.supervisor))!;
    expect(exact).to.deep.equal({ ...(await indicators(intake, '', TOKENS.supervisor)), at: exact.at });
    expect(exact.exact).to.equal(true);
    expect(rowOrder(element)).to.deep.equal([DISDUKCAPIL]);
    expectRow(element, DISDUKCAPIL, exact.agencies[0]!, 'id');
    await waitFor(() => text($(element, '[part="signed-in-as"]')).includes('Hendra Gunawan'), 'who is signed in');
    expect(element.shadowRoot!.activeElement?.id).to.equal('session');
    expect(text($(element, '.notes'))).to.include('Angka pasti');
    expect(text($(element, '.notes'))).to.not.include('< 5');
    // Exact: the two improper requests are counted, not hidden.
    expect(exact.total.byCategory).to.deep.equal({ undue_delay: 6, improper_request: 2 });
    expect($$(element, '#chart-categories tbody tr').map((row) => [...row.children].map((cell) => text(cell)))).to.deep.equal([
      [message('id', 'category.undue_delay'), '6'],
      [message('id', 'category.improper_request'), '2'],
    ]);

    // The CSV carries the token: fetched and saved, with the exact numbers.
    const downloads = watchDownloads(element);
    try {
      $<HTMLAnchorElement>(element, 'a#csv')!.click();
      await waitFor(() => downloads.blobs.size === 1 && downloads.clicks.length === 2, 'the CSV saved');
      const saved = downloads.clicks[1]!;
      expect(saved.download).to.equal(`indikator-${exact.period.from}-${exact.period.to}.csv`);
      const bytes = new Uint8Array(await downloads.blobs.get(saved.href)!.arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder().decode(bytes));
      expect(rows.filter((cells) => cells[3] === 'agency').map((cells) => cells[4])).to.deep.equal(Array(12).fill(DISDUKCAPIL));
      expect(rows.find((cells) => cells[4] === DISDUKCAPIL && cells[7] === 'received')![12]).to.equal('8');
    } finally {
      downloads.restore();
    }

    // Resolved on time: the complaints that missed it, exactly those the inbox gives for the same question.
    const column = (key: string) => $<HTMLButtonElement>(element, `[data-drill="${DISDUKCAPIL}:${key}"]`)!;
    const resolved = exact.agencies[0]!.cepat.resolvedOnTime;
    expect(resolved.of - resolved.n).to.equal(2);
    expect(text(column('resolvedOnTime'))).to.include('lihat 2 pengaduan tidak diselesaikan tepat waktu');
    column('resolvedOnTime').click();
    await waitFor(() => $$(element, '[part="drill"] tbody tr').length > 0, 'the complaints behind the number');
    const query = `indicator=resolvedOnTime&outcome=missed&at=${encodeURIComponent(exact.at)}&agency=${DISDUKCAPIL}&from=${exact.period.from}&to=2026-11-02`;
    const page = await inbox(intake, query, TOKENS.supervisor);
    expect(page.total).to.equal(2);
    const listed = $$<HTMLTableRowElement>(element, '[part="drill"] tbody tr');
    expect(listed.map((row) => row.dataset.trackingId)).to.deep.equal(page.items.map((item) => item.trackingId));
    expect(new Set(page.items.map((item) => item.trackingId))).to.deep.equal(new Set([ids.disdukcapil[4], ids.disdukcapil[5]]));
    page.items.forEach((item, index) => {
      const cells = [...listed[index]!.children].map((cell) => text(cell));
      expect(cells[0]).to.equal(item.trackingId);
      expect(cells[1]).to.equal(item.title);
      expect(cells[2]).to.equal(message('id', `status.${item.status}`));
      expect(cells[3]).to.include('2026');
      expect(cells[4]).to.equal(item.overdue ? 'Ya' : 'Tidak');
    });
    expect(text($(element, '#drill-count'))).to.equal('2 pengaduan tidak diselesaikan tepat waktu.');
    expect(text($(element, '#drill-heading'))).to.equal(`Diselesaikan tepat waktu: ${exact.agencies[0]!.name}`);
    expect(element.shadowRoot!.activeElement?.id).to.equal('drill-heading');
    // Read-only: nothing in the list moves a complaint.
    expect($$(element, '[part="drill"] button').map((button) => button.id)).to.deep.equal(['drill-close']);

    // Escalated counts against the agency when met: the one escalated complaint.
    column('escalated').click();
    await waitFor(() => text($(element, '#drill-count')).startsWith('1 '), 'the escalated complaint');
    expect($$<HTMLTableRowElement>(element, '[part="drill"] tbody tr').map((row) => row.dataset.trackingId)).to.deep.equal([ids.disdukcapil[4]]);
    // Closing returns to the number.
    $<HTMLButtonElement>(element, '#drill-close')!.click();
    await element.updateComplete;
    await waitFor(() => !$(element, '[part="drill"]'), 'the list closed');
    expect((element.shadowRoot!.activeElement as HTMLElement).dataset.drill).to.equal(`${DISDUKCAPIL}:escalated`);

    // The total row leads to the complaints of every agency in scope, still open past their deadline.
    $<HTMLButtonElement>(element, '[data-drill="total:openOverdue"]')!.click();
    await waitFor(() => $$(element, '[part="drill"] tbody tr').length > 0, 'the overdue complaints');
    const overdue = await inbox(intake, `indicator=openOverdue&outcome=met&at=${encodeURIComponent(exact.at)}&agency=${DISDUKCAPIL}&from=${exact.period.from}&to=2026-11-02`, TOKENS.supervisor);
    expect(overdue.total).to.equal(exact.total.tuntas.openOverdue);
    expect($$<HTMLTableRowElement>(element, '[part="drill"] tbody tr').map((row) => row.dataset.trackingId)).to.deep.equal(overdue.items.map((item) => item.trackingId));

    // Signing out: public numbers again, nothing leads to complaints.
    const signedOut = new Promise((resolve) => element.addEventListener('nh-signed-out', resolve, { once: true }));
    const publicAgain = nextAnswer(element, () => $<HTMLButtonElement>(element, '.session button')!.click());
    await signedOut;
    expect((await publicAgain).exact).to.equal(false);
    await element.updateComplete;
    expect($(element, '[part="drill-button"]')).to.equal(null);
    expect(text($(element, '#notice'))).to.equal('Anda sudah keluar. Angka publik ditampilkan.');
  });

  it('keeps the public numbers when a token is refused, and says so at the field', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint} locale="en"></nh-indicators>`);
    await nextAnswer(element);
    await shown(element);
    const refused = new Promise<string>((resolve) => element.addEventListener('nh-signed-out', (event) => resolve(event.detail.reason), { once: true }));
    const publicAgain = nextAnswer(element);
    await signIn(element, 'not-a-valid-token-0123456789abcdef');
    expect(await refused).to.equal('unauthorized');
    expect((await publicAgain).exact).to.equal(false);
    await element.updateComplete;
    expect(text($(element, '#token-error'))).to.equal('This token is not valid or no longer in use. The public numbers are shown.');
    expect(element.shadowRoot!.activeElement?.id).to.equal('token');
    expect(element.token).to.equal(undefined);
  });

  it('takes a token from the host page, and remembers one only when asked', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint} .token=${TOKENS.supervisor}></nh-indicators>`);
    const answer = await nextAnswer(element);
    expect(answer.exact).to.equal(true);
    expect(sessionStorage.length).to.equal(0);
    fixtureCleanup();

    const second = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    await nextAnswer(second);
    $<HTMLElement>(second, 'details[part="sign-in"] summary')!.click();
    $<HTMLInputElement>(second, '#remember')!.click();
    await signIn(second, TOKENS.supervisor);
    expect(Object.values({ ...sessionStorage })).to.deep.equal([TOKENS.supervisor]);
    fixtureCleanup();
    const third = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    expect((await nextAnswer(third)).exact).to.equal(true);
  });

  it('speaks both languages, switching at run time', async () => {
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${intake.endpoint}></nh-indicators>`);
    const answer = await nextAnswer(element);
    await shown(element);
    const headers = () => $$(element, 'thead button.sort').map((button) => text(button));
    expect(headers()).to.include(indicatorMessage('id', 'indicator.verifiedOnTime'));
    expect($$(element, 'thead th[scope="colgroup"]').map((th) => text(th))).to.deep.equal(['Cepat', 'Transparan', 'Akuntabel', 'Tuntas']);
    element.locale = 'en';
    await element.updateComplete;
    expect(text($(element, 'h2'))).to.equal('Complaint handling performance');
    expect($$(element, 'thead th[scope="colgroup"]').map((th) => text(th))).to.deep.equal(['Quick', 'Transparent', 'Accountable', 'Complete']);
    expect(headers()).to.include(indicatorMessage('en', 'indicator.verifiedOnTime'));
    expect($(element, 'div[lang]')!.getAttribute('lang')).to.equal('en');
    for (const agency of answer.agencies) expectRow(element, agency.agencyId, agency, 'en');
    expect(text($(element, 'caption'))).to.equal('Indicators per agency, 1 January 2026 to 2 November 2026');
    expect(text($(element, 'tfoot th'))).to.equal('All agencies');
    expect($(element, 'a#csv')!.getAttribute('href')).to.include('locale=en');
  });

  it('says when the server cannot be reached, and tries again when asked', async () => {
    const down = newIntake();
    await down.down();
    const element = await fixture<NhIndicators>(html`<nh-indicators endpoint=${down.endpoint} locale="en"></nh-indicators>`);
    const failed = new Promise((resolve) => element.addEventListener('nh-error', resolve, { once: true }));
    await failed;
    await element.updateComplete;
    expect(text($(element, '[role="alert"]'))).to.include('Cannot reach the server');
    await down.up();
    const answer = await nextAnswer(element, () => $<HTMLButtonElement>(element, '[role="alert"] button')!.click());
    expect(answer.total.received).to.equal(0);
    expect(text($(element, '[role="alert"]'))).to.equal('');
  });
});
