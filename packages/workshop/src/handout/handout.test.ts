import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES } from '@narahubung/core';
import type { IndicatorsAnswer } from '@narahubung/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FontFiles } from '../pdf/fonts.js';
import { handoutRow } from '../test-support/handout.js';
import { sampleAnswer } from '../test-support/indicators.js';
import { pdfPages, squash, testFonts, wordBoxes } from '../test-support/pdf.js';
import { renderIndicatorsHandout } from './handout.js';

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await testFonts();
});

const A4_LANDSCAPE = { width: 841.89, height: 595.28 };

/** The output of a poppler or qpdf command run on the PDF's bytes. */
function onFile(command: string, args: readonly string[], bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'nh-handout-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    return execFileSync(command, [...args, join(dir, 'in.pdf')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sections' pages: which inspectorate (or the total) each page belongs to, read from its heading. */
function sectionOfPages(pages: readonly string[], answer: IndicatorsAnswer, totalName: string): string[] {
  return pages.map((page) => {
    const lines = page.split('\n').map((line) => line.trim());
    // A section's first page has the title, then the section's name; later ones "title · name (lanjutan)".
    const names = [...answer.inspectorates.map((inspectorate) => inspectorate.name), totalName];
    return names.find((name) => lines[1] === name || lines[0]?.includes(`· ${name} (`)) ?? '?';
  });
}

describe('renderIndicatorsHandout', () => {
  it('gives each inspectorate a page with its agencies, their exact numbers and its roll-up, then the total', async () => {
    const answer = sampleAnswer({ agencies: 7, inspectorates: 3, unsupervised: 1 });
    const bytes = await renderIndicatorsHandout(answer, { locale: 'id', fonts });
    const pages = pdfPages(bytes, true);
    const sections = sectionOfPages(pages, answer, 'Seluruh instansi');
    const totalPages = sections.filter((section) => section === 'Seluruh instansi').length;
    // One page per inspectorate (each fits), then the total's pages; nothing else.
    expect(sections).toEqual([...answer.inspectorates.map((inspectorate) => inspectorate.name), ...Array<string>(totalPages).fill('Seluruh instansi')]);
    expect(Number(onFile('pdfinfo', [], bytes).match(/^Pages:\s+(\d+)$/m)?.[1])).toBe(answer.inspectorates.length + totalPages);

    answer.inspectorates.forEach((inspectorate, index) => {
      const page = squash(pages[index]!);
      expect(page).toContain(squash('Pengaduan yang diterima 1 Januari 2026 s.d. 31 Desember 2026; dihitung pada 6 November 2026 pukul 10.00 WIB.'));
      for (const agency of answer.agencies) {
        const row = handoutRow(agency.name, agency, 'id');
        if (inspectorate.agencyIds.includes(agency.agencyId)) expect(page).toContain(row);
        else expect(page).not.toContain(squash(agency.name));
      }
      expect(page).toContain(handoutRow(`Gabungan ${inspectorate.agencyIds.length} instansi`, inspectorate, 'id'));
    });
    const total = squash(pages.slice(answer.inspectorates.length).join(''));
    // Every agency, the one under no inspectorate among them, and the total row.
    for (const agency of answer.agencies) expect(total).toContain(handoutRow(agency.name, agency, 'id'));
    expect(total).toContain(handoutRow('Seluruh instansi', answer.total, 'id'));
    pages.forEach((page, index) => expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`));
  });

  it('prints the categories and the trend by month, "< 5" cells as given, and says what "< 5" means only for public numbers', async () => {
    const publicAnswer = sampleAnswer();
    const text = pdfPages(await renderIndicatorsHandout(publicAnswer, { locale: 'id', fonts }), true).join('\n');
    expect(text).toContain('Pengaduan menurut kategori');
    expect(text).toContain('Pengaduan per bulan menurut kategori');
    // The category rows: core's labels and the counts given.
    for (const [category, count] of Object.entries(publicAnswer.total.byCategory)) {
      const label = { undue_delay: 'Penundaan berlarut', no_service: 'Tidak memberikan pelayanan', procedural_deviation: 'Penyimpangan prosedur' }[category];
      if (label) expect(squash(text)).toContain(squash(`${label} ${count}`));
    }
    // Every month of the period, in order, with its cells as given (hidden ones as "< 5").
    const trendRows = text.split('\n').filter((line) => /^(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) 2026\b/.test(line));
    expect(trendRows.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(
      ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'].map((month) => `${month} 2026`),
    );
    const march = publicAnswer.total.trend['2026-03']!;
    const shownCategories = CATEGORIES.filter((category) => publicAnswer.total.byCategory[category] !== undefined);
    expect(squash(trendRows[2]!)).toBe(squash(`Maret 2026 ${shownCategories.map((category) => String(march[category as keyof typeof march] ?? 0)).join(' ')}`));
    expect(trendRows.join(' ')).toContain('< 5');
    expect(text).toContain('"< 5": 1 sampai 4 pengaduan');

    const exactText = pdfPages(await renderIndicatorsHandout(sampleAnswer({ exact: true }), { locale: 'id', fonts }), true).join('\n');
    expect(exactText).not.toContain('"< 5"');
    expect(exactText).toContain('Angka lengkap dengan token petugas');
  });

  it('explains every indicator in one line at the end, and how to read a share at the foot of every page', async () => {
    const pages = pdfPages(await renderIndicatorsHandout(sampleAnswer(), { locale: 'id', fonts }), true);
    const last = pages[pages.length - 1]!;
    expect(last).toContain('Keterangan indikator');
    for (const line of [
      'Diverifikasi tepat waktu Pengaduan yang pertama ditindaklanjuti petugas dalam batas waktu verifikasi (bawaan 3 hari kerja, SP4N-LAPOR!).',
      'Indeks kepuasan pelapor Rata-rata empat nilai 1–4 × 25 (Permenpan RB 14/2017): A dari 88,31; B dari 76,61; C dari 65,00; selain itu D.',
    ]) {
      expect(last.split('\n').some((row) => row.includes(line))).toBe(true);
    }
    for (const page of pages) expect(page).toContain('Persentase dengan n/N: yang memenuhi dari yang dihitung; "—": tidak ada yang dihitung.');
  });

  it('speaks English when asked, with the same numbers', async () => {
    const answer = sampleAnswer({ agencies: 3, inspectorates: 1, unsupervised: 0 });
    const pages = pdfPages(await renderIndicatorsHandout(answer, { locale: 'en', fonts, title: 'Handout for the focal-point workshop' }), true);
    expect(pages[0]).toContain('Handout for the focal-point workshop');
    expect(pages[0]).toContain('Complaints received 1 January 2026 to 31 December 2026; computed on 6 November 2026 at 10:00 WIB.');
    expect(squash(pages[0]!)).toContain(handoutRow(answer.agencies[0]!.name, answer.agencies[0]!, 'en'));
    expect(squash(pages[0]!)).toContain(handoutRow('3 agencies together', answer.inspectorates[0]!, 'en'));
    expect(pages.join('')).toContain('All agencies');
    expect(pages.join('')).toContain('What each indicator counts');
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
  });

  it('embeds its font, and the same answer gives the same bytes', async () => {
    const answer = sampleAnswer();
    const first = await renderIndicatorsHandout(answer, { locale: 'id', fonts });
    const second = await renderIndicatorsHandout(structuredClone(answer), { locale: 'id', fonts });
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(await renderIndicatorsHandout(answer, { locale: 'en', fonts })).equals(Buffer.from(first))).toBe(false);
    const fontLines = onFile('pdffonts', [], first).split('\n').slice(2).filter(Boolean);
    expect(fontLines.map((line) => line.split(/\s+/)[0]?.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    // name, type, encoding (two words), emb: every font embedded.
    for (const line of fontLines) expect(line).toMatch(/Identity-H\s+yes\s/);
    const info = onFile('pdfinfo', [], first);
    expect(info).toMatch(/^CreationDate:\s+Fri Nov {2}6 03:00:00 2026 UTC$/m);
    expect(info).toMatch(/^Page size:\s+841\.89 x 595\.28 pts \(A4\)$/m);
    expect(() => onFile('qpdf', ['--check'], first)).not.toThrow();
  });

  it('wraps a long agency name with Indonesian and other accented letters inside its column and the page', async () => {
    const long = 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tulang Bawang Barat — Unit Pelayanan Terpadu Satu Atap Kecamatan Tumijajar (café, Māori, Đặng, Łódź, Ñuñoa, Gödöllő)';
    const answer = sampleAnswer({ agencies: 3, inspectorates: 1, unsupervised: 0, agencyName: (index) => (index === 0 ? long : `Dinas Contoh ${index + 1}`) });
    const bytes = await renderIndicatorsHandout(answer, { locale: 'id', fonts });
    const pages = pdfPages(bytes, true);
    expect(squash(pages[0]!)).toContain(handoutRow(long, answer.agencies[0]!, 'id'));
    const boxes = wordBoxes(bytes);
    expect(boxes.length).toBeGreaterThan(100);
    for (const box of boxes) {
      expect(box.xMin).toBeGreaterThanOrEqual(0);
      expect(box.yMin).toBeGreaterThanOrEqual(0);
      expect(box.xMax).toBeLessThanOrEqual(A4_LANDSCAPE.width);
      expect(box.yMax).toBeLessThanOrEqual(A4_LANDSCAPE.height);
    }
    // The name's cell on the first page: from its row's top to the next row's, left of the next
    // column's numbers; the whole name is there, on several lines.
    const received = boxes.find((box) => box.page === 0 && box.text === String(answer.agencies[0]!.received))!;
    const nextRow = boxes.find((box) => box.page === 0 && box.text === 'Dinas' && box.yMin > received.yMin + 1)!;
    const cell = boxes.filter((box) => box.page === 0 && box.yMin >= received.yMin - 1 && box.yMax < nextRow.yMin && box.xMax < received.xMin);
    expect(squash(cell.map((box) => box.text).join(''))).toBe(squash(long));
    expect(new Set(cell.map((box) => Math.round(box.yMin))).size).toBeGreaterThanOrEqual(3);
    const rowWords = boxes.filter((box) => box.page === 0 && box.yMin >= received.yMin - 1 && box.yMax < nextRow.yMin);
    expect(rowWords.filter((box) => box.xMin < received.xMin).length).toBe(cell.length);
  });

  it('runs an inspectorate with many agencies onto more pages, with its heading and the table header on each', async () => {
    const answer = sampleAnswer({ agencies: 41, inspectorates: 1, unsupervised: 1 });
    const pages = pdfPages(await renderIndicatorsHandout(answer, { locale: 'id', fonts }), true);
    const sections = sectionOfPages(pages, answer, 'Seluruh instansi');
    const own = sections.filter((section) => section === 'Inspektorat Contoh 1').length;
    expect(own).toBeGreaterThanOrEqual(2);
    expect(sections.slice(0, own).every((section) => section === 'Inspektorat Contoh 1')).toBe(true);
    for (const page of pages.slice(0, own)) expect(page).toContain('Diverifikasi');
    const section = squash(pages.slice(0, own).join(''));
    for (const agency of answer.agencies.slice(0, 40)) expect(section).toContain(handoutRow(agency.name, agency, 'id'));
    expect(section).not.toContain(handoutRow(answer.agencies[40]!.name, answer.agencies[40]!, 'id'));
  });

  it('replaces the characters its font cannot draw', async () => {
    const answer = sampleAnswer({ agencies: 2, inspectorates: 1, unsupervised: 0, agencyName: (index) => (index === 0 ? 'Dinas 文化 Contoh\u0000' : 'Dinas Contoh 2') });
    const text = pdfPages(await renderIndicatorsHandout(answer, { locale: 'id', fonts }), true).join('');
    expect(squash(text)).toContain(squash('Dinas \uFFFD\uFFFD Contoh\uFFFD'));
  });

  it('prints a period without complaints, and an answer without inspectorates as the total alone', async () => {
    const empty: IndicatorsAnswer = {
      ...sampleAnswer({ agencies: 1, inspectorates: 0, unsupervised: 1 }),
      inspectorates: [],
    };
    empty.total = { ...empty.total, received: 0, byCategory: {}, trend: {} };
    const pages = pdfPages(await renderIndicatorsHandout(empty, { locale: 'id', fonts }), true);
    expect(pages[0]).toContain('Seluruh instansi');
    expect(pages.join('')).toContain('Tidak ada pengaduan yang diterima dalam periode ini.');
  });
});
