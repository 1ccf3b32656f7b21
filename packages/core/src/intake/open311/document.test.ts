/**
 * The XML that Open311 writes is well-formed XML 1.0 whatever the text in it: every string is
 * written, parsed back by a real XML parser (fast-xml-parser everywhere; in Chromium also the
 * browser's own DOMParser, which refuses any document that is not well-formed) and compared.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Open311List, toJson, toXml, xmlSafeText } from './document.js';

/** XML 1.0's `Char` production: what a document may contain at all. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const parser = new XMLParser({ trimValues: false, parseTagValue: false, processEntities: true, htmlEntities: true, ignoreDeclaration: true });

/** The text of `<root><item><text>` as the platform's own strict parser reads it, where there is one (Chromium). */
function strictlyParsed(xml: string): string | null | undefined {
  if (typeof DOMParser === 'undefined') return undefined;
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return null;
  return document.getElementsByTagName('text')[0]?.textContent ?? '';
}

/** Strings full of what breaks XML writers: markup, entities, controls, lone surrogates, CR, noncharacters. */
const nasty = fc.array(
  fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom('&', '<', '>', '"', "'", ']]>', '&amp;', '&#0;', '<![CDATA[', '\r', '\r\n', '\n', '\t', ' ', '\u0000', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F', '\u0085', '\u2028', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '😀', 'é'),
  ),
  { maxLength: 12 },
).map((parts) => parts.join(''));

describe('Open311 XML', () => {
  it('is well-formed XML 1.0 for any text, and gives the text back (forbidden characters as U+FFFD)', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const xml = toXml({ root: 'root', item: 'item', items: [{ text }] });
        const expected = xmlSafeText(text);
        expect(XML_CHARS.test(xml), JSON.stringify(text)).to.equal(true);
        expect(XMLValidator.validate(xml), JSON.stringify(text)).to.equal(true);
        const parsed = parser.parse(xml) as { root: { item: { text: unknown } } };
        // An empty element parses as ''.
        expect(String(parsed.root.item.text), JSON.stringify(text)).to.equal(expected);
        const strict = strictlyParsed(xml);
        if (strict !== undefined) expect(strict, JSON.stringify(text)).to.equal(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('replaces exactly the characters XML 1.0 forbids, and keeps every other', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = xmlSafeText(text);
        expect(XML_CHARS.test(safe)).to.equal(true);
        expect(safe.length).to.equal(text.length);
        if (XML_CHARS.test(text)) expect(safe).to.equal(text);
      }),
    );
  });

  it('declares UTF-8, writes nothing as an empty element, repeats a field given several times, and wraps lists', () => {
    const xml = toXml({
      root: 'service_definition',
      object: { service_code: 'undue_delay', keywords: null, metadata: true, order: 1, media_url: ['https://a.example/1.jpg', 'https://a.example/2.jpg'], values: new Open311List('value', [{ key: 'a', name: 'A' }]) },
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<service_definition>')).to.equal(true);
    expect(xml).to.include('<keywords/>');
    expect(xml).to.include('<metadata>true</metadata>');
    expect(xml.match(/<media_url>/g)?.length).to.equal(2);
    expect(xml).to.include('<values>\n    <value>\n      <key>a</key>');
    expect(JSON.parse(toJson({ root: 'service_definition', object: { keywords: null, values: new Open311List('value', [{ key: 'a' }]), media_url: ['x', 'y'] } }))).to.deep.equal({ keywords: null, values: [{ key: 'a' }], media_url: ['x', 'y'] });
    expect(toXml({ root: 'service_requests', item: 'request', items: [] })).to.include('<service_requests/>');
    expect(toJson({ root: 'service_requests', item: 'request', items: [] })).to.equal('[]');
  });
});
