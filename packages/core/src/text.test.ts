import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from './text.js';
import { validateComplaint } from './validate.js';
import { createTestIntake, request, submission, submitOk, TOKENS } from './test-support/fixtures.js';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/u;

describe('cleanText', () => {
  it('removes NUL, BEL, ESC, DEL, C1 controls and bidi overrides, and keeps what people see', () => {
    expect(cleanText(' Judul\u0000\u0007 laporan\u001B ')).to.equal('Judul laporan');
    expect(cleanText('gambar\u202Egnp.exe')).to.equal('gambargnp.exe');
    expect(cleanText('baris satu\nbaris dua\r\n\tbaris tiga')).to.equal('baris satu\nbaris dua\r\n\tbaris tiga');
    expect(cleanText('Nguyễn Thị Hương 😀 قانون')).to.equal('Nguyễn Thị Hương 😀 قانون');
    expect(cleanText('\u0085\u009F\uFFFE')).to.equal('');
  });

  it('refuses a lone surrogate', () => {
    expect(cleanText('catatan \uD800')).to.equal(null);
    expect(cleanText('\uDC00')).to.equal(null);
  });

  it('never leaves a forbidden character or a lone surrogate, and never changes clean text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const clean = cleanText(input);
        if (clean === null) return;
        expect(FORBIDDEN.test(clean)).to.equal(false);
        expect(cleanText(clean)).to.equal(clean);
        expect(clean.length).to.be.at.most(input.length);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (input) => {
        fc.pre(!FORBIDDEN.test(input));
        expect(cleanText(input)).to.equal(input.trim());
      }),
    );
  });
});

describe('user text everywhere it enters', () => {
  it('a submission keeps no control character in any text field', () => {
    const result = validateComplaint(
      submission({
        title: 'KTP\u0000 belum\u0007 terbit\u202E',
        description: 'Saya\u0000 menunggu KTP-el\u001B sejak\u009B September tanpa kabar dari petugas.',
        reporter: { name: 'Siti\u202E Aminah', email: 'siti@example.id' },
        incident: { place: 'Kantor\u0000 Disdukcapil' },
      }),
      { now: new Date('2026-11-02T03:00:00Z') },
    );
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value.title).to.equal('KTP belum terbit');
    expect(result.value.description).to.equal('Saya menunggu KTP-el sejak September tanpa kabar dari petugas.');
    expect(result.value.reporter.name).to.equal('Siti Aminah');
    expect(result.value.incident?.place).to.equal('Kantor Disdukcapil');
  });

  it('a transition note with a lone surrogate is refused naming the field, and controls never reach the public status', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const path = `/v1/complaints/${trackingId}/transitions`;
    const auth = { authorization: `Bearer ${TOKENS.disdukcapil}` };
    const broken = await request(intake, 'POST', path, { to: 'verified', note: 'catatan \ud800' }, { ...auth, 'accept-language': 'en' });
    expect(broken.status).to.equal(422);
    const problem = await broken.json();
    expect(problem.errors).to.deep.equal([{ path: 'note', code: 'invalid_text', message: 'Note contains characters that are not text. Type it again rather than pasting it.' }]);
    const ok = await request(intake, 'POST', path, { to: 'verified', note: 'Lengkap\u0000\u0007 \u202Edan diverifikasi' }, auth);
    expect(ok.status).to.equal(200);
    const status = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).text();
    expect(status).to.include('Lengkap dan diverifikasi');
    expect(FORBIDDEN.test(JSON.parse(status).history.at(-1).note)).to.equal(false);
  });
});
