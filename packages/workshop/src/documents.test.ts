import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFHexString, type PDFNumber, type PDFRef, type PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkshop, type WorkshopOutput } from './build.js';
import { WorkshopError } from './errors.js';
import { parseWorkshop } from './parse.js';
import { maxLengths } from './schema.js';
import type { FontFiles } from './pdf/fonts.js';
import { sha256Hex } from './sha256.js';
import { pdfPages, squash, testFonts, wordBoxes } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await testFonts();
});

const file = (outputs: WorkshopOutput[], path: string) => outputs.find((output) => output.path === path)!.bytes;

describe('agenda.pdf', () => {
  it('repeats the table header on every page of an agenda that runs over three pages', async () => {
    const workshop = sampleWorkshop((file) => {
      file.agenda = Array.from({ length: 70 }, (_, index) => ({
        start: `${String(8 + Math.floor(index / 6)).padStart(2, '0')}:${String((index % 6) * 10).padStart(2, '0')}`,
        activity: `Sesi ${index + 1}: pengelolaan pengaduan pelayanan publik, kasus dan tindak lanjut di daerah`,
        speaker: index % 5 === 0 ? `Narasumber ${index + 1} dengan nama yang cukup panjang sehingga terlipat` : `Narasumber ${index + 1}`,
      }));
    });
    const pages = pdfPages(file(await buildWorkshop(workshop, { fonts }), 'agenda.pdf'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain('Waktu');
      expect(page).toContain('Kegiatan');
      expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`);
    });
    const all = squash(pages.join(''));
    for (let index = 1; index <= 70; index++) expect(all).toContain(squash(`Sesi ${index}:`));
  });
});

describe('attendance.pdf', () => {
  it('lists every invitee, then blank rows, with the header on every page', async () => {
    const workshop = sampleWorkshop((file) => {
      file.invitees = Array.from({ length: 45 }, (_, index) => ({
        name: `Peserta Nomor ${index + 1} ${index === 3 ? 'dengan Nama yang Sangat Panjang Sekali Hingga Harus Dilipat Beberapa Kali' : ''}`.trim(),
        position: 'Inspektur',
        institution: 'Inspektorat Kabupaten Tulang Bawang Barat',
        email: `p${index}@example.id`,
        phone: `08123456${String(index).padStart(4, '0')}`,
      }));
      file.attendance = { blankRows: 12 };
    });
    const pages = pdfPages(file(await buildWorkshop(workshop, { fonts }), 'attendance.pdf'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      for (const header of ['No', 'Nama', 'Jabatan', 'Instansi', 'Tanda Tangan']) expect(squash(page)).toContain(squash(header));
      expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`);
    });
    const raw = squash(pdfPages(file(await buildWorkshop(workshop, { fonts }), 'attendance.pdf'), true).join(''));
    for (const invitee of workshop.invitees) expect(raw).toContain(squash(invitee.name));
    expect(pages.join('')).toMatch(/\b57\b/); // 45 invitees + 12 blank rows
  });

  it('prints no phone number or e-mail address unless attendance.columns asks for them', async () => {
    const workshop = sampleWorkshop();
    const phone = workshop.invitees[0]!.phone!;
    const plain = pdfPages(file(await buildWorkshop(workshop, { fonts }), 'attendance.pdf')).join('');
    expect(squash(plain)).not.toContain(phone);
    expect(plain).not.toContain('No. HP');
    expect(plain).not.toContain('@');
    const asked = sampleWorkshop((changed) => (changed.attendance = { blankRows: 2, columns: ['name', 'institution', 'phone', 'signature'] }));
    const text = pdfPages(file(await buildWorkshop(asked, { fonts }), 'attendance.pdf'), true).join('');
    expect(squash(text)).toContain(phone);
    expect(text).toContain('No. HP');
    expect(text).not.toContain('Jabatan');
  });

  it('numbers the signature column left and middle in turn, the Instansi and signature columns the widest', async () => {
    const bytes = file(await buildWorkshop(sampleWorkshop((changed) => (changed.attendance = { blankRows: 4 })), { fonts }), 'attendance.pdf');
    const words = wordBoxes(bytes);
    const header = (text: string) => words.find((word) => word.text === text)!;
    const signature = header('Tanda');
    const columnLeft = signature.xMin;
    // Rows 1-6 (2 invitees, 4 blank): "n." in the signature column.
    const numbers = [1, 2, 3, 4, 5, 6].map((n) => words.find((word) => word.text === `${n}.` && word.xMin >= columnLeft - 1)!);
    const odd = numbers.filter((_, index) => index % 2 === 0).map((word) => word.xMin);
    const even = numbers.filter((_, index) => index % 2 === 1).map((word) => word.xMin);
    expect(Math.max(...odd) - Math.min(...odd)).toBeLessThan(1);
    expect(Math.min(...even) - Math.max(...odd)).toBeGreaterThan(40);
    // Column widths from the header words' left edges: Instansi and Tanda Tangan wider than Jabatan.
    const [name, position, institution] = ['Nama', 'Jabatan', 'Instansi'].map((text) => header(text).xMin) as [number, number, number];
    expect(columnLeft - institution).toBeGreaterThan(institution - position);
    expect(institution - position).toBeLessThan(position - name);
  });
});

describe('commitment.pdf', () => {
  it('has one empty signature field per signatory, on its block', async () => {
    const workshop = parseWorkshop(JSON.stringify(sampleWorkshop((file) => {
      file.commitment.signatories = Array.from({ length: 9 }, (_, index) => ({
        institution: index === 4 ? 'Inspektorat Kab. Tulang Bawang Barat, Provinsi Lampung' : `Inspektorat Daerah ${index + 1}`,
        position: 'Inspektur',
      }));
    })));
    const bytes = file(await buildWorkshop(workshop, { fonts }), 'commitment.pdf');
    const doc = await PDFDocument.load(bytes);
    const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    const fieldRefs = acroForm.lookup(PDFName.of('Fields'), PDFArray).asArray() as PDFRef[];
    expect(fieldRefs).toHaveLength(9);
    const names = new Set<string>();
    const words = wordBoxes(bytes);
    for (const [index, ref] of fieldRefs.entries()) {
      const field = doc.context.lookup(ref, PDFDict);
      expect(field.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
      expect(field.get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
      expect((field.get(PDFName.of('F')) as PDFNumber).asNumber()).toBe(4);
      const name = (field.get(PDFName.of('T')) as PDFString).decodeText();
      expect(name).not.toContain('.');
      names.add(name);
      const institution = workshop.commitment.signatories[index]!.institution;
      expect((field.get(PDFName.of('TU')) as PDFHexString).decodeText()).toBe(institution);
      // On its page: the page is /P and lists the widget in /Annots.
      const pageRef = field.get(PDFName.of('P')) as PDFRef;
      const pageIndex = doc.getPages().findIndex((page) => page.ref === pageRef);
      expect(pageIndex).toBeGreaterThanOrEqual(0);
      const annots = doc.getPages()[pageIndex]!.node.Annots()!.asArray();
      expect(annots).toContain(ref);
      // Inside its block: under the institution's first word, as wide as the block.
      const [x1, y1, x2, y2] = (field.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]).map((n) => n.asNumber()) as [number, number, number, number];
      const height = doc.getPages()[pageIndex]!.getHeight();
      const first = institution.split(' ')[0]!;
      const label = words.filter((word) => word.page === pageIndex && word.text === first && word.xMin >= x1 - 0.5 && word.xMin <= x2 && height - word.yMax > y2 && height - word.yMax - y2 < 90);
      expect(label.length, `${institution} above its field`).toBeGreaterThan(0);
      expect(x2 - x1).toBeGreaterThan(130);
      expect(y2 - y1).toBeGreaterThan(40);
    }
    expect(names.size).toBe(9);
    const form = doc.getForm();
    expect(form.getFields().filter((field) => field.constructor.name === 'PDFSignature')).toHaveLength(9);
  });
});

describe('commitment.pdf with the longest names the file allows', () => {
  it('keeps every signature field inside its page, on A4 and F4', async () => {
    // Wide letters without spaces (broken inside the word) are the tallest a block can get.
    const long = (length: number, word: string) => Array.from({ length: Math.ceil(length / word.length) }, () => word).join('').slice(0, length);
    const workshop = sampleWorkshop((file) => {
      file.commitment.signatories = Array.from({ length: 7 }, (_, index) => ({
        institution: index % 2 ? long(maxLengths.institution, 'WMŴ') : `Inspektorat ${long(maxLengths.institution - 12, 'Kabupaten Tulang Bawang Barat ')}`.trim(),
        position: long(maxLengths.position, 'MW'),
        name: long(maxLengths.name, 'Ŵ'),
        place: long(maxLengths.place, 'W'),
      }));
    });
    for (const paper of ['a4', 'f4'] as const) {
      const bytes = file(await buildWorkshop(workshop, { fonts, paper }), 'commitment.pdf');
      const doc = await PDFDocument.load(bytes);
      // No text runs off a page either.
      const pageHeight = doc.getPages()[0]!.getHeight();
      for (const word of wordBoxes(bytes)) expect([word.yMin >= 0, word.yMax <= pageHeight], word.text).toEqual([true, true]);
      const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray).asArray() as PDFRef[];
      expect(fields).toHaveLength(7);
      for (const ref of fields) {
        const field = doc.context.lookup(ref, PDFDict);
        const page = doc.getPages().find((candidate) => candidate.ref === field.get(PDFName.of('P')))!;
        const [x1, y1, x2, y2] = (field.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]).map((n) => n.asNumber()) as [number, number, number, number];
        const box = page.getMediaBox();
        expect(x1, paper).toBeGreaterThanOrEqual(box.x);
        expect(y1, paper).toBeGreaterThanOrEqual(box.y);
        expect(x2, paper).toBeLessThanOrEqual(box.x + box.width);
        expect(y2, paper).toBeLessThanOrEqual(box.y + box.height);
        expect(y2 - y1).toBeGreaterThan(40);
      }
    }
  });
});

describe('invitations and certificates', () => {
  it('writes one letter per invitee and one landscape certificate each, on A4 or F4', async () => {
    const workshop = sampleWorkshop();
    const a4 = await buildWorkshop(workshop, { fonts });
    const letters = pdfPages(file(a4, 'invitations.pdf'));
    expect(letters).toHaveLength(2);
    expect(squash(letters[0]!)).toContain(squash('Yth. Siti Aminah'));
    expect(letters[0]).toContain('Nomor');
    expect(letters[0]).toContain('Rabu, 2 Juni 2021');
    expect(letters[0]).toContain('08.00 s.d. 15.30 WIB');
    expect(letters[0]).toContain('NIP. 197301011999031001');
    expect(letters[0]).toContain('Tembusan');
    expect(a4.map((output) => output.path)).toEqual(expect.arrayContaining(['invitations/001-siti-aminah.pdf', 'invitations/002-ngurah-rai-wiryawan.pdf']));
    expect(squash(pdfPages(file(a4, 'invitations/002-ngurah-rai-wiryawan.pdf')).join(''))).toContain('NgurahRaiWiryawan');
    const certificates = await PDFDocument.load(file(a4, 'certificates.pdf'));
    expect(certificates.getPageCount()).toBe(2);
    for (const page of certificates.getPages()) expect(page.getWidth()).toBeGreaterThan(page.getHeight());
    expect(squash(pdfPages(file(a4, 'certificates.pdf'))[1]!)).toContain('NgurahRaiWiryawan');

    const f4 = await buildWorkshop(workshop, { fonts, paper: 'f4', locale: 'en' });
    const letter = await PDFDocument.load(file(f4, 'invitations.pdf'));
    expect(letter.getPage(0).getHeight()).toBeCloseTo(935.43, 1);
    const text = pdfPages(file(f4, 'invitations.pdf'))[0]!;
    expect(text).toContain('Subject');
    expect(text).toContain('Wednesday, 2 June 2021');
  });

  it('lists every file in the manifest with its size and SHA-256', async () => {
    const outputs = await buildWorkshop(sampleWorkshop(), { fonts });
    const manifest = JSON.parse(new TextDecoder().decode(file(outputs, 'manifest.json'))) as { files: { path: string; size: number; sha256: string }[] };
    const others = outputs.filter((output) => output.path !== 'manifest.json');
    expect(manifest.files.map((entry) => entry.path)).toEqual(others.map((output) => output.path));
    for (const entry of manifest.files) {
      const bytes = file(outputs, entry.path);
      expect(entry.size).toBe(bytes.length);
      expect(entry.sha256).toBe(sha256Hex(bytes));
    }
  });
});

describe('logo', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

  it('puts the logo on the letterhead, from a data URL or from bytes given for its path', async () => {
    for (const [logo, assets] of [
      [`data:image/png;base64,${png}`, {}],
      ['logo.png', { 'logo.png': Uint8Array.from(atob(png), (char) => char.charCodeAt(0)) }],
    ] as const) {
      const outputs = await buildWorkshop(sampleWorkshop((file) => (file.organizer.logo = logo)), { fonts, assets });
      const doc = await PDFDocument.load(file(outputs, 'invitations.pdf'));
      const xObjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
      expect(xObjects.keys()).toHaveLength(1);
    }
  });

  it('reports a logo that is missing or not an image, with its field', async () => {
    const error = await buildWorkshop(sampleWorkshop((file) => (file.organizer.logo = 'logo.gif')), { fonts, assets: { 'logo.gif': new Uint8Array([0x47, 0x49, 0x46]) } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkshopError);
    expect((error as WorkshopError).problems[0]?.path).toBe('organizer.logo');
  });
});

describe('characters', () => {
  it('renders names in many scripts, and reports a character no embedded font has', async () => {
    const names = ['Łukasz Żółć', 'Nguyễn Thị Hương', 'Öztürk Çağlar', 'Ἀλέξανδρος Παπαδόπουλος', 'Сергей Иванов'];
    const workshop = sampleWorkshop((file) => {
      file.invitees = names.map((name, index) => ({ name, position: 'Inspektur', institution: 'Inspektorat', email: `p${index}@example.id` }));
    });
    const pages = pdfPages(file(await buildWorkshop(workshop, { fonts }), 'invitations.pdf'), true);
    names.forEach((name, index) => expect(squash(pages[index]!)).toContain(squash(name)));

    const bad = sampleWorkshop((file) => {
      file.invitees[1]!.name = 'Wang 王小明';
    });
    const error = await buildWorkshop(bad, { fonts, locale: 'en' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkshopError);
    const problems = (error as WorkshopError).problems;
    expect(problems.map((problem) => problem.path)).toEqual(['invitees[1].name', 'invitees[1].name', 'invitees[1].name']);
    expect(problems[0]?.message).toBe('invitees[1].name: the character "王 U+738B" is in no embedded font.');
  });
});
