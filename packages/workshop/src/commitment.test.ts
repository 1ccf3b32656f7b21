import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFHexString, type PDFNumber, type PDFRef, type PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkshop, type WorkshopOutput } from './build.js';
import { parseWorkshop } from './parse.js';
import type { FontFiles } from './pdf/fonts.js';
import { lampungAssets, lampungYaml, pdfPages, squash, testFonts, wordBoxes } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await testFonts();
});

const file = (outputs: WorkshopOutput[], path: string) => outputs.find((output) => output.path === path)!.bytes;

/** Every signature field: name, tooltip, page index and rectangle. */
async function signatureFields(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const refs = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray).asArray() as PDFRef[];
  return refs.map((ref) => {
    const field = doc.context.lookup(ref, PDFDict);
    const [x1, y1, x2, y2] = (field.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]).map((n) => n.asNumber()) as [number, number, number, number];
    return {
      type: field.get(PDFName.of('FT')),
      name: (field.get(PDFName.of('T')) as PDFString).decodeText(),
      tooltip: (field.get(PDFName.of('TU')) as PDFHexString).decodeText(),
      page: doc.getPages().findIndex((page) => page.ref === field.get(PDFName.of('P'))),
      x1,
      y1,
      x2,
      y2,
      pageHeight: doc.getPage(0).getHeight(),
    };
  });
}

describe('commitment.pdf signature grid', () => {
  // Institutions and names that wrap to one, two and three lines, in the same rows.
  const workshop = sampleWorkshop((file) => {
    file.commitment.signatories = [
      { institution: 'Inspektorat Kota Metro', position: 'Inspektur' },
      { institution: 'Inspektorat Kabupaten Tulang Bawang Barat Provinsi Lampung', position: 'Inspektur Kabupaten Tulang Bawang Barat', name: 'Dr. Ir. Hj. Sri Wahyuningsih Kusumawardhani, S.H., M.H.', nip: '197301011999031001' },
      { institution: 'Inspektorat Provinsi Lampung', position: 'Inspektur', name: 'Budi' },
      { institution: 'Inspektorat Kabupaten Pesisir Barat', position: 'Inspektur Pembantu Wilayah II Bidang Pengawasan Pelayanan Publik' },
      { institution: 'Inspektorat Kota Bandar Lampung', position: 'Inspektur', nip: '196501011990031002', name: 'Andi' },
      { institution: 'Inspektorat Kabupaten Way Kanan', position: 'Inspektur' },
      { institution: 'Inspektorat Kabupaten Mesuji', position: 'Inspektur' },
    ];
    file.commitment.witnesses = [{ name: 'Dadan S. Suharmawijaya', position: 'Anggota Ombudsman Republik Indonesia' }];
    file.commitment.columns = 3;
  });

  it('keeps every row aligned however the entries wrap: fields, names and NIP lines at the same heights', async () => {
    const bytes = file(await buildWorkshop(workshop, { fonts }), 'commitment.pdf');
    const fields = (await signatureFields(bytes)).filter((field) => field.name.startsWith('signature-'));
    expect(fields).toHaveLength(7);
    // One height and one width for every field; within a row, the same top and bottom.
    const heights = new Set(fields.map((field) => Math.round(field.y2 - field.y1)));
    const widths = new Set(fields.map((field) => Math.round(field.x2 - field.x1)));
    expect([heights.size, widths.size]).toEqual([1, 1]);
    const rows = [fields.slice(0, 3), fields.slice(3, 6), fields.slice(6)];
    for (const row of rows) {
      expect(new Set(row.map((field) => `${field.page}:${field.y1}:${field.y2}`)).size).toBe(1);
    }
    // Rows on one page are one cell height apart.
    const onPage = rows.filter((row) => row[0]!.page === rows[0]![0]!.page).map((row) => row[0]!.y2);
    for (let index = 2; index < onPage.length; index++) expect(onPage[index - 1]! - onPage[index]!).toBeCloseTo(onPage[0]! - onPage[1]!, 1);

    // Read back from the PDF: the name lines (dotted or written) and NIP lines of a row sit at one height.
    const words = wordBoxes(bytes);
    for (const row of rows) {
      const page = row[0]!.page;
      const fieldBottom = row[0]!.pageHeight - row[0]!.y1;
      const nipWords = words.filter((word) => word.page === page && word.text === 'NIP.' && word.yMin > fieldBottom && word.yMin < fieldBottom + 60);
      const nameTops = row.map((field) => words.filter((word) => word.page === page && word.xMin >= field.x1 && word.xMax <= field.x2 && word.yMin >= fieldBottom && word.yMin < fieldBottom + 14).map((word) => word.yMin));
      for (const tops of nameTops) expect(tops.length).toBeGreaterThan(0);
      const firstLines = nameTops.map((tops) => Math.min(...tops));
      expect(Math.max(...firstLines) - Math.min(...firstLines)).toBeLessThan(0.5);
      expect(nipWords.length).toBeGreaterThan(0);
      expect(Math.max(...nipWords.map((word) => word.yMin)) - Math.min(...nipWords.map((word) => word.yMin))).toBeLessThan(0.5);
    }
    // Every part of every entry is printed, inside its cell.
    const text = squash(pdfPages(bytes, true).join(''));
    for (const signatory of workshop.commitment.signatories) {
      expect(text).toContain(squash(signatory.institution));
      expect(text).toContain(squash(signatory.position));
      if (signatory.name) expect(text).toContain(squash(signatory.name));
    }
    expect(text).toContain('NIP.197301011999031001');
  });

  it('prints the place and date once, and a Menyaksikan block with a field for each witness', async () => {
    const bytes = file(await buildWorkshop(workshop, { fonts }), 'commitment.pdf');
    const text = pdfPages(bytes).join('');
    expect(text.match(/Bandar Lampung, 2 Juni 2021/g)).toHaveLength(1);
    expect(text).toContain('Menyaksikan,');
    expect(text).toContain('Dadan S. Suharmawijaya');
    const witness = (await signatureFields(bytes)).find((field) => field.name === 'witness-1')!;
    expect(witness.type).toBe(PDFName.of('Sig'));
    expect(witness.tooltip).toBe('Saksi: Dadan S. Suharmawijaya');
    // Centered under the grid.
    expect((witness.x1 + witness.x2) / 2).toBeCloseTo((71 + 595.28 - 57) / 2, 0);
    const english = pdfPages(file(await buildWorkshop(workshop, { fonts, locale: 'en' }), 'commitment.pdf')).join('');
    expect(english).toContain('Witnessed by,');
    expect(english.match(/Bandar Lampung, 2 June 2021/g)).toHaveLength(1);
  });

  it('prints a signatory’s own place and date where it differs, and nothing else twice', async () => {
    const changed = sampleWorkshop((file) => {
      file.commitment.signatories[1]!.place = 'Kota Agung';
    });
    const text = pdfPages(file(await buildWorkshop(changed, { fonts }), 'commitment.pdf')).join('');
    expect(text.match(/Bandar Lampung, 2 Juni 2021/g)).toHaveLength(1);
    expect(text).toContain('Kota Agung, 2 Juni 2021');
  });

  it('in the Lampung example: letterhead, two pages, signatures on the page of the last point', async () => {
    const lampung = parseWorkshop(lampungYaml());
    const bytes = file(await buildWorkshop(lampung, { fonts, assets: lampungAssets() }), 'commitment.pdf');
    const pages = pdfPages(bytes);
    expect(pages[0]).toContain('OMBUDSMAN REPUBLIK INDONESIA');
    const lastPoint = lampung.commitment.points.at(-1)!;
    const pageOfLast = pages.findIndex((page) => squash(page).includes(squash(lastPoint)));
    const fields = await signatureFields(bytes);
    expect(fields.filter((field) => field.page === pageOfLast).length).toBeGreaterThanOrEqual(3);
    expect(fields).toHaveLength(lampung.commitment.signatories.length + 1);
    expect(pages).toHaveLength(2);
    expect(pages.map((page) => page.match(/Halaman \d dari 2/)?.[0])).toEqual(['Halaman 1 dari 2', 'Halaman 2 dari 2']);
  });

  it('moves the last point to the next page rather than leave the signatures alone on it', async () => {
    // Enough points to fill the first page almost to the bottom.
    const crowded = sampleWorkshop((file) => {
      file.commitment.points = Array.from({ length: 16 }, (_, index) => `Butir komitmen ${index + 1}: mengelola pengaduan pelayanan publik secara cepat, transparan, akuntabel dan tuntas sesuai ketentuan.`);
    });
    const bytes = file(await buildWorkshop(crowded, { fonts }), 'commitment.pdf');
    const pages = pdfPages(bytes, true);
    const fields = await signatureFields(bytes);
    const firstFieldPage = Math.min(...fields.map((field) => field.page));
    // The signatures start on page 2, and the last point went there with them.
    expect(firstFieldPage).toBe(1);
    expect(squash(pages[0]!)).toContain(squash('Butir komitmen 15:'));
    expect(squash(pages[1]!)).toContain(squash('Butir komitmen 16:'));
  });
});
