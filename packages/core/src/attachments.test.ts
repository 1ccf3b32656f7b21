import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_TYPES } from './model.js';
import { ATTACHMENT_EXTENSIONS, attachmentName } from './attachments.js';

describe('attachmentName', () => {
  it('replaces the sender\'s extension with the one of the sniffed type', () => {
    expect(attachmentName('evil.html', 'application/pdf', 'lampiran-1')).to.equal('evil.pdf');
    expect(attachmentName('KTP Siti.JPEG', 'image/jpeg', 'lampiran-1')).to.equal('KTP Siti.jpg');
    expect(attachmentName('scan', 'image/png', 'lampiran-2')).to.equal('scan.png');
    expect(attachmentName('surat.v2.final.pdf', 'application/pdf', 'x')).to.equal('surat.v2.final.pdf');
    expect(attachmentName('foto.svg.', 'image/png', 'x')).to.equal('foto.svg.png');
    expect(attachmentName('.html', 'application/pdf', 'lampiran-3')).to.equal('lampiran-3.pdf');
    expect(attachmentName('', 'application/pdf', 'lampiran-1')).to.equal('lampiran-1.pdf');
    expect(attachmentName('KTP Siti\u202Egpj.pdf', 'application/pdf', 'x')).to.equal('KTP Sitigpj.pdf');
    expect(attachmentName('../../etc/passwd', 'application/pdf', 'x')).to.equal('.._.._etc_passwd.pdf');
  });

  it('always ends in the sniffed type\'s extension, and never holds a control character or a slash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...ATTACHMENT_TYPES), (name, type) => {
        const saved = attachmentName(name, type, 'lampiran-1');
        expect(saved.endsWith(`.${ATTACHMENT_EXTENSIONS[type]}`)).to.equal(true);
        expect(/[\p{Cc}\p{Cf}/\\]/u.test(saved)).to.equal(false);
        expect([...saved].length).to.be.at.most(200);
      }),
    );
  });
});
