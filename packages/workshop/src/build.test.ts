import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildWorkshop } from './build.js';
import { parseWorkshop } from './parse.js';
import { lampungAssets, lampungYaml, pdfPages, squash, testFonts } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

describe('buildWorkshop on the Lampung example', () => {
  it('makes every file, byte-identical on a second run', async () => {
    const workshop = parseWorkshop(lampungYaml());
    const fonts = await testFonts();
    const first = await buildWorkshop(workshop, { fonts, assets: lampungAssets() });
    const second = await buildWorkshop(workshop, { fonts, assets: lampungAssets() });
    expect(first.map((file) => file.path)).toEqual(second.map((file) => file.path));
    first.forEach((file, index) => expect(Buffer.from(file.bytes).equals(Buffer.from(second[index]!.bytes)), file.path).toBe(true));
    const paths = first.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['agenda.pdf', 'invitations.pdf', 'invitation.ics', 'commitment.pdf', 'attendance.pdf', 'certificates.pdf', 'manifest.json']));
    expect(paths.filter((path) => path.startsWith('invitations/'))).toHaveLength(workshop.invitees.length);
    const invitations = first.find((file) => file.path === 'invitations.pdf')!.bytes;
    // Each letter is followed by the agenda it names as its attachment.
    const pages = pdfPages(invitations);
    expect(pages).toHaveLength(2 * workshop.invitees.length);
    workshop.invitees.forEach((invitee, index) => {
      expect(squash(pages[2 * index]!)).toContain(squash(invitee.name));
      expect(squash(pages[2 * index + 1]!)).toContain(squash('Lampiran surat Nomor : B/000/PW.08/V/2021 Tanggal : 26 Mei 2021'));
    });
    const doc = await PDFDocument.load(invitations);
    expect(doc.getPageCount()).toBe(2 * workshop.invitees.length);
  });
});

describe('byte-identical output', () => {
  it('does not depend on what the process built before', async () => {
    const fonts = await testFonts();
    const workshop = sampleWorkshop();
    const first = await buildWorkshop(workshop, { fonts });
    // Another workshop in between, with other characters (Greek, Cyrillic, Vietnamese).
    await buildWorkshop(
      sampleWorkshop((file) => {
        file.invitees[0]!.name = 'Ἀλέξανδρος Сергей Nguyễn Ǻ';
      }),
      { fonts, locale: 'en', paper: 'f4' },
    );
    const again = await buildWorkshop(workshop, { fonts });
    first.forEach((file, index) => expect(Buffer.from(file.bytes).equals(Buffer.from(again[index]!.bytes)), file.path).toBe(true));
  });
});
