import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAttended } from './attended.js';
import { buildWorkshop, type BuildOptions, type WorkshopOutput } from './build.js';
import { certificateNumber, verificationUrl } from './certificate-number.js';
import { WorkshopError } from './errors.js';
import { parseWorkshop } from './parse.js';
import type { FontFiles } from './pdf/fonts.js';
import type { WorkshopNotice } from './recipients.js';
import { sha256Hex } from './sha256.js';
import { decodeQrCodes, lampungAssets, lampungYaml, pdfPages, squash, testFonts, wordBoxes } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await testFonts();
});

const file = (outputs: WorkshopOutput[], path: string) => outputs.find((output) => output.path === path)?.bytes;

const numbered = sampleWorkshop((workshop) => {
  workshop.invitees.push({ name: 'Made Wirawan, S.H.', position: 'Inspektur', institution: 'Inspektorat Kabupaten Pringsewu', email: 'made@example.id' });
  workshop.certificate.number = '{seq:3}/SERT/ORI-LPG/{monthRoman}/{year}';
  workshop.certificate.verifyUrl = 'https://ombudsman.example/verifikasi?nomor={number}';
});

async function build(options: Partial<BuildOptions> = {}) {
  const notices: WorkshopNotice[] = [];
  const outputs = await buildWorkshop(numbered, { fonts, onNotice: (notice) => notices.push(notice), ...options });
  return { outputs, notices };
}

describe('certificate numbers and verification URLs', () => {
  it('fills the number pattern and puts the number into the URL', () => {
    expect(certificateNumber('{seq:3}/SERT/ORI-LPG/{monthRoman}/{year}', 7, '2021-06-02')).toBe('007/SERT/ORI-LPG/VI/2021');
    expect(certificateNumber('SERT-{year}{month}{day}-{seq}', 1234, '2021-12-31')).toBe('SERT-20211231-1234');
    expect(verificationUrl('https://example.id/cek?n={number}', '001/SERT/VI/2021')).toBe('https://example.id/cek?n=001%2FSERT%2FVI%2F2021');
    expect(verificationUrl('https://example.id/cek', '1/A')).toBe('https://example.id/cek?number=1%2FA');
    expect(verificationUrl('https://example.id/cek?lang=id#top', '1')).toBe('https://example.id/cek?lang=id&number=1#top');
  });

  it('refuses a pattern without {seq} and a verifyUrl without a number', () => {
    for (const [change, path] of [
      [(certificate: Record<string, unknown>) => (certificate['number'] = 'SERT/2021'), 'certificate.number'],
      [(certificate: Record<string, unknown>) => (certificate['verifyUrl'] = 'https://example.id/cek'), 'certificate.verifyUrl'],
    ] as const) {
      const workshop = sampleWorkshop((file) => change(file.certificate as unknown as Record<string, unknown>));
      let caught: unknown;
      try {
        parseWorkshop(JSON.stringify(workshop));
      } catch (error) {
        caught = error;
      }
      expect((caught as WorkshopError).problems.map((problem) => problem.path)).toEqual([path]);
    }
  });
});

describe('certificates.pdf', () => {
  it('prints each number and a QR code that a real decoder reads as the verification URL', async () => {
    const { outputs } = await build();
    const bytes = file(outputs, 'certificates.pdf')!;
    const pages = pdfPages(bytes);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Nomor: 001/SERT/ORI-LPG/VI/2021');
    expect(pages[2]).toContain('Nomor: 003/SERT/ORI-LPG/VI/2021');
    expect(decodeQrCodes(bytes, 1)).toEqual(['https://ombudsman.example/verifikasi?nomor=001%2FSERT%2FORI-LPG%2FVI%2F2021']);
    expect(decodeQrCodes(bytes, 3)).toEqual(['https://ombudsman.example/verifikasi?nomor=003%2FSERT%2FORI-LPG%2FVI%2F2021']);
    // Drawn as vectors: no image on the page.
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPage(0).node.Resources()?.toString()).not.toMatch(/\/Subtype \/Image/);
  });

  it('lists each number in manifest.json with a hash of its recipient', async () => {
    const { outputs } = await build();
    const manifest = JSON.parse(new TextDecoder().decode(file(outputs, 'manifest.json'))) as { certificates: { for: string; issued: { number: string; recipient: string }[] } };
    expect(manifest.certificates.for).toBe('all');
    expect(manifest.certificates.issued.map((record) => record.number)).toEqual(['001/SERT/ORI-LPG/VI/2021', '002/SERT/ORI-LPG/VI/2021', '003/SERT/ORI-LPG/VI/2021']);
    expect(manifest.certificates.issued[1]!.recipient).toBe(sha256Hex(new TextEncoder().encode('002/SERT/ORI-LPG/VI/2021\nNgurah Rai Wiryawan')));
    expect(JSON.stringify(manifest)).not.toContain('Ngurah');
  });

  it('fills the landscape page: the content spans it from the emblem row to the foot, centred', async () => {
    const lampung = parseWorkshop(lampungYaml());
    const bytes = file(await buildWorkshop(lampung, { fonts, assets: lampungAssets() }), 'certificates.pdf')!;
    const doc = await PDFDocument.load(bytes);
    const [width, height] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect(width).toBeGreaterThan(height);
    const words = wordBoxes(bytes).filter((word) => word.page === 0);
    const top = Math.min(...words.map((word) => word.yMin));
    const bottom = Math.max(...words.map((word) => word.yMax));
    // Text from the upper fifth (under the emblem) to the last tenth of the page.
    expect(top).toBeLessThan(height * 0.2);
    expect(bottom).toBeGreaterThan(height * 0.9);
    const lineCenter = (first: string, last: string) => (words.find((word) => word.text === first)!.xMin + words.find((word) => word.text === last)!.xMax) / 2;
    expect(lineCenter('SERTIFIKAT', 'SERTIFIKAT')).toBeCloseTo(width / 2, 0);
    expect(lineCenter('diberikan', 'kepada')).toBeCloseTo(width / 2, 0);
    // The text block is centred too, not left-aligned under a centred title.
    const body = words.filter((word) => word.text === 'sebagai')[0]!;
    expect(body.xMin).toBeGreaterThan(100);
    expect(decodeQrCodes(bytes, 16)).toEqual(['https://ombudsman.example/verifikasi-sertifikat?nomor=016%2FSERT%2FORI-LPG%2FVI%2F2021']);
  });
});

describe('certificates for those who attended', () => {
  it('without attendance: one for every invitee, with a notice', async () => {
    const { outputs, notices } = await build();
    expect(notices.map((notice) => notice.code)).toEqual(['certificates_for_all']);
    expect((await PDFDocument.load(file(outputs, 'certificates.pdf')!)).getPageCount()).toBe(numbered.invitees.length);
  });

  it('with an attended list: as many certificates as people who came, walk-ins last, numbered in that order', async () => {
    // As collected at the door: a name without titles, an e-mail in capitals, a walk-in, a repeat.
    const attended = parseAttended('nama;email;jabatan;instansi\nsiti aminah;;;\n;MADE@EXAMPLE.ID;;\nRina Marlina, S.Sos.;;Kepala Bagian Umum;Inspektorat Kota Metro\nSiti Aminah;;;\n');
    const { outputs, notices } = await build({ attended });
    const bytes = file(outputs, 'certificates.pdf')!;
    const pages = pdfPages(bytes);
    expect(pages).toHaveLength(3);
    expect(squash(pages[0]!)).toContain('SitiAminah');
    expect(squash(pages[1]!)).toContain(squash('Made Wirawan, S.H.'));
    expect(squash(pages[2]!)).toContain(squash('Rina Marlina, S.Sos.'));
    expect(squash(pages[2]!)).toContain(squash('Kepala Bagian Umum, Inspektorat Kota Metro'));
    expect(pages[2]).toContain('003/SERT/ORI-LPG/VI/2021');
    expect(pages.join('')).not.toContain('Ngurah');
    expect(notices.map((notice) => notice.code)).toEqual(['walk_ins']);
    expect(notices[0]!.message).toContain('Rina Marlina, S.Sos.');
    const manifest = JSON.parse(new TextDecoder().decode(file(outputs, 'manifest.json'))) as { certificates: { for: string; issued: unknown[] } };
    expect(manifest.certificates).toMatchObject({ for: 'attended' });
    expect(manifest.certificates.issued).toHaveLength(3);
  });

  it('with attended: true on invitees, and no certificates.pdf when nobody came', async () => {
    const flagged = sampleWorkshop((workshop) => {
      workshop.invitees[1]!.attended = true;
      workshop.invitees[0]!.attended = false;
    });
    const outputs = await buildWorkshop(flagged, { fonts });
    expect(squash(pdfPages(file(outputs, 'certificates.pdf')!).join(''))).toContain('NgurahRaiWiryawan');
    expect((await PDFDocument.load(file(outputs, 'certificates.pdf')!)).getPageCount()).toBe(1);
    const notices: WorkshopNotice[] = [];
    const nobody = await buildWorkshop(flagged, { fonts, attended: [], onNotice: (notice) => notices.push(notice) });
    expect(nobody.map((output) => output.path)).toContain('certificates.pdf');
    const none = await buildWorkshop(sampleWorkshop((workshop) => (workshop.invitees[0]!.attended = false)), { fonts, attended: [], onNotice: (notice) => notices.push(notice) });
    expect(none.map((output) => output.path)).not.toContain('certificates.pdf');
    expect(notices.map((notice) => notice.code)).toEqual(['no_certificates']);
  });

  it('reports an e-mail that is no invitee’s, and a walk-in’s character no font has', async () => {
    const unknown = await buildWorkshop(numbered, { fonts, attended: [{ email: 'stranger@example.id', line: 4 }], locale: 'en' }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(WorkshopError);
    expect((unknown as WorkshopError).problems[0]!.message).toBe('attended[0].email: stranger@example.id is no invitee\'s email; for a walk-in participant give the name too. (line 4)');
    const glyph = await buildWorkshop(numbered, { fonts, attended: [{ name: 'Wang 王' }] }).catch((error: unknown) => error);
    expect((glyph as WorkshopError).problems.map((problem) => problem.path)).toEqual(['attended[0].name']);
  });
});
