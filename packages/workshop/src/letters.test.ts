import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkshop, type WorkshopOutput } from './build.js';
import type { FontFiles } from './pdf/fonts.js';
import { pdfPages, squash, testFonts } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await testFonts();
});

const file = (outputs: WorkshopOutput[], path: string) => outputs.find((output) => output.path === path)!.bytes;

describe('invitation letters and their attachment', () => {
  const withAgenda = sampleWorkshop((workshop) => {
    workshop.agenda.unshift({ start: '07.30', end: '08.00', activity: 'Registrasi peserta' });
    workshop.letter.attachments = ['agenda'];
  });

  it('take the time from the first agenda item unless letter.time is set', async () => {
    const letter = pdfPages(file(await buildWorkshop(withAgenda, { fonts }), 'invitations.pdf'))[0]!;
    expect(letter).toContain('07.30 s.d. 15.30 WIB');
    const set = sampleWorkshop((workshop) => {
      workshop.agenda.unshift({ start: '07.30', activity: 'Registrasi peserta' });
      workshop.letter.time = '08.00';
    });
    expect(pdfPages(file(await buildWorkshop(set, { fonts }), 'invitations.pdf'))[0]).toContain('08.00 s.d. 15.30 WIB');
  });

  it('append the agenda after every letter, headed "Lampiran surat Nomor … Tanggal …", in invitations.pdf and each file', async () => {
    const outputs = await buildWorkshop(withAgenda, { fonts });
    const pages = pdfPages(file(outputs, 'invitations.pdf'), true);
    expect(pages).toHaveLength(4);
    expect(squash(pages[0]!)).toContain(squash('Lampiran : 1 (satu) berkas'));
    for (const attachment of [pages[1]!, pages[3]!]) {
      expect(squash(attachment)).toContain(squash('Lampiran surat Nomor : B/001/2021 Tanggal : 26 Mei 2021 SUSUNAN ACARA'));
      expect(squash(attachment)).toContain(squash('07.30 - 08.00 Registrasi peserta'));
    }
    const single = pdfPages(file(outputs, 'invitations/002-ngurah-rai-wiryawan.pdf'), true);
    expect(single).toHaveLength(2);
    expect(squash(single[0]!)).toContain('NgurahRaiWiryawan');
    expect(squash(single[1]!)).toContain(squash('Lampiran surat'));
    // agenda.pdf itself stays the plain susunan acara.
    expect(pdfPages(file(outputs, 'agenda.pdf')).join('')).not.toContain('Lampiran surat');
    // A text is printed as written and nothing is appended.
    const text = await buildWorkshop(sampleWorkshop((workshop) => (workshop.letter.attachments = '1 (satu) berkas TOR')), { fonts });
    const plain = pdfPages(file(text, 'invitations.pdf'));
    expect(plain).toHaveLength(2);
    expect(plain[0]).toContain('1 (satu) berkas TOR');
    const english = pdfPages(file(await buildWorkshop(withAgenda, { fonts, locale: 'en' }), 'invitations.pdf'), true);
    expect(squash(english[0]!)).toContain(squash('1 (one) document(s)'));
    expect(squash(english[1]!)).toContain(squash('Attachment to the letter'));
  });
});
