import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndicatorsAnswer } from '@narahubung/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoutRow } from '../packages/workshop/src/test-support/handout.js';
import { submitComplaint, transition } from './e2e/api.js';
import { SERVER_BUILD, requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

/** The text of every page, in the order the PDF draws it (`pdftotext -raw`), whitespace removed. */
function pages(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nh-handout-e2e-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
    return text
      .split('\f')
      .filter((page) => page.trim() !== '')
      .map((page) => page.replace(/\s+/gu, ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const complaint = (agencyId: string, category: string, title: string) => ({
  kind: 'complaint',
  agencyId,
  category,
  title,
  description: 'Pelayanan tidak selesai sesuai janji petugas dan tidak ada penjelasan yang diberikan kepada saya.',
  reporter: { name: 'Warga Contoh', email: 'warga@example.id' },
  confidentiality: 'anonymous',
  consent: true,
  locale: 'id',
});

describe('GET /v1/indicators.pdf (server process, SQLite file)', () => {
  const folder = tempFolder('narahubung-e2e-handout-');
  let server: ServerProcess;

  beforeAll(async () => {
    requireBuild([SERVER_BUILD]);
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    const sent = [
      ...Array.from({ length: 6 }, (_, index) => complaint('disdukcapil-bandar-lampung', index < 4 ? 'undue_delay' : 'improper_request', `KTP-el belum terbit ${index + 1}`)),
      ...Array.from({ length: 3 }, (_, index) => complaint('rsud-abdul-moeloek', 'improper_conduct', `Antrean rawat jalan ${index + 1}`)),
      complaint('kantah-bandar-lampung', 'undue_delay', 'Sertipikat belum selesai'),
    ];
    const answers = await Promise.all(sent.map((body) => submitComplaint(server.url, body)));
    expect(answers.map((answer) => answer.status)).toEqual(sent.map(() => 201));
    // Some moved on, with and without a public note: shares other than 0% and "—".
    const disdukcapil = server.token('Narahubung Disdukcapil');
    for (const [index, answer] of answers.slice(0, 4).entries()) {
      const moved = await transition(server.url, disdukcapil, answer.body.trackingId, 'verified', index % 2 === 0 ? 'Berkas lengkap, sedang diproses.' : '');
      expect(moved.status).toBe(200);
    }
    const rsud = server.token('Narahubung RSUD');
    expect((await transition(server.url, rsud, answers[6]!.body.trackingId, 'verified', 'Diteruskan ke bagian rawat jalan.')).status).toBe(200);
  });

  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  it('is a PDF whose pages hold the numbers of GET /v1/indicators for the same period: each inspectorate, then every agency and the total', async () => {
    // The default period (this year so far) of the JSON answer, asked for again as a PDF.
    const answer = (await (await fetch(`${server.url}/v1/indicators`)).json()) as IndicatorsAnswer;
    const query = `from=${answer.period.from}&to=${answer.period.to}`;
    const response = await fetch(`${server.url}/v1/indicators.pdf?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="indikator-${answer.period.from}-${answer.period.to}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const text = pages(bytes);

    expect(answer.agencies.find((agency) => agency.agencyId === 'disdukcapil-bandar-lampung')!.received).toBe(6);
    expect(answer.inspectorates.length).toBeGreaterThan(0);
    answer.inspectorates.forEach((inspectorate, index) => {
      const page = text[index]!;
      expect(page).toContain(inspectorate.name.replace(/\s+/g, ''));
      for (const agencyId of inspectorate.agencyIds) {
        const agency = answer.agencies.find((candidate) => candidate.agencyId === agencyId)!;
        expect(page).toContain(handoutRow(agency.name, agency, 'id'));
      }
      expect(page).toContain(handoutRow(`Gabungan ${inspectorate.agencyIds.length} instansi`, inspectorate, 'id'));
    });
    const total = text.slice(answer.inspectorates.length).join('');
    expect(text[answer.inspectorates.length]).toContain('Seluruhinstansi');
    // Every agency the intake offers, those under no inspectorate (the inspectorates themselves) among them.
    for (const agency of answer.agencies) expect(total).toContain(handoutRow(agency.name, agency, 'id'));
    expect(total).toContain(handoutRow('Seluruh instansi', answer.total, 'id'));
    // Public numbers: the small counts are hidden as in the JSON ("< 5"), and the handout says what that means.
    expect(answer.total.byCategory.improper_request).toBe('< 5');
    expect(total).toContain('Permintaanimbalanuang,barang,ataujasa<5');
    expect(total).toContain('"<5":1sampai4pengaduan');
    text.forEach((page, index) => expect(page).toContain(`Halaman${index + 1}dari${text.length}`));
  });

  it("gives a supervisor's exact numbers of their scope, in English when asked", async () => {
    const headers = { authorization: `Bearer ${server.token('Pengawas Inspektorat Kota')}`, 'accept-language': 'en' };
    const answer = (await (await fetch(`${server.url}/v1/indicators`, { headers })).json()) as IndicatorsAnswer;
    expect(answer.exact).toBe(true);
    const response = await fetch(`${server.url}/v1/indicators.pdf?from=${answer.period.from}&to=${answer.period.to}`, { headers });
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const text = pages(new Uint8Array(await response.arrayBuffer())).join('');
    expect(text).toContain('Exactnumberswithastafftoken');
    for (const agency of answer.agencies) expect(text).toContain(handoutRow(agency.name, agency, 'en'));
    expect(text).toContain(handoutRow('All agencies', answer.total, 'en'));
    // Only the supervised agencies: the RSUD is the province's, not the city's.
    expect(text).not.toContain('RSUD');
    expect(text).toContain('Page1of');
  });

  it('refuses a bad period as the JSON does', async () => {
    const response = await fetch(`${server.url}/v1/indicators.pdf?from=2026-02-30`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
