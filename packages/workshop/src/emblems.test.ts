import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkshop } from './build.js';
import { WorkshopError } from './errors.js';
import type { FontFiles } from './pdf/fonts.js';
import { pathOperators, readSvg, SvgError } from './pdf/svg.js';
import { lampungAssets, testFonts } from './test-support/pdf.js';
import { sampleWorkshop } from './test-support/workshop.js';

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await testFonts();
});

const svg = (body: string, attributes = 'viewBox="0 0 100 100"') => `<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${body}</svg>`;

/** The RGB of the pixel at (x, y) points from the top left of page 1, rendered by poppler at 72 dpi. */
function pixel(pdf: Uint8Array, x: number, y: number): [number, number, number] {
  const dir = mkdtempSync(join(tmpdir(), 'nh-pixel-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')]);
    const ppm = readFileSync(join(dir, 'page.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
    const width = Number(header[1]);
    const offset = header[0].length + (Math.round(y) * width + Math.round(x)) * 3;
    return [ppm[offset]!, ppm[offset + 1]!, ppm[offset + 2]!];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('SVG emblems', () => {
  it('draws an SVG logo as vectors: a form of paths, in its colours, where the letterhead puts it', async () => {
    const red = svg('<rect x="0" y="0" width="100" height="100" fill="#d00000"/>');
    const outputs = await buildWorkshop(sampleWorkshop((file) => (file.organizer.logo = 'logo.svg')), { fonts, assets: { 'logo.svg': new TextEncoder().encode(red) } });
    const bytes = outputs.find((output) => output.path === 'invitations.pdf')!.bytes;
    const doc = await PDFDocument.load(bytes);
    const xObjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const forms = xObjects.keys().map((key) => xObjects.lookup(key) as PDFRawStream);
    expect(forms).toHaveLength(1);
    expect(forms[0]).toBeInstanceOf(PDFRawStream);
    expect(forms[0]!.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('Form'));
    // The letterhead's emblem: 62 pt high at the left margin (71 pt), from the top margin (42 pt).
    expect(pixel(bytes, 71 + 31, 42 + 31)).toEqual([208, 0, 0]);
    expect(pixel(bytes, 71 + 66, 42 + 31)).toEqual([255, 255, 255]);
  });

  it('reads the placeholder emblem of the Lampung example: styles, classes, arcs, transforms', () => {
    const graphic = readSvg(new TextDecoder().decode(lampungAssets()['emblem-placeholder.svg']));
    expect(graphic.viewBox).toEqual([0, 0, 120, 120]);
    expect(graphic.content).toContain('0.102 0.251 0.451 RG'); // .ring { stroke: #1a4073 }
    expect(graphic.content).toContain('0.788 0.635 0.153 rg'); // fill="#c9a227"
    expect(graphic.content).toMatch(/ c\n/); // circles and arcs as curves
    expect(graphic.content).toMatch(/ cm\n/); // the transform
  });

  it('turns path data into PDF operators, relative and absolute, arcs ending where they should', () => {
    expect(pathOperators('M10 10 h10 v10 z')).toBe('10 10 m\n20 10 l\n20 20 l\nh\n');
    expect(pathOperators('m10 10 20 0 0 20Z')).toBe('10 10 m\n30 10 l\n30 30 l\nh\n');
    expect(pathOperators('M0 0 Q 10 10 20 0')).toBe('0 0 m\n6.667 6.667 13.333 6.667 20 0 c\n');
    const arc = pathOperators('M0 50 A50 50 0 0 1 100 50').trim().split('\n');
    expect(arc.at(-1)).toMatch(/ 100 50 c$/);
    expect(arc.length).toBe(3); // a half circle: two quarter curves
    expect(pathOperators('M0 0 L 10')).toBe('0 0 m\n'); // broken data draws up to the error
  });

  it('honours fill="none", fill-rule, display:none and gradients painted in their first stop', () => {
    const content = readSvg(
      svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#00ff00"/></linearGradient></defs>' +
          '<rect width="10" height="10" fill="url(#g)"/><circle r="5" cx="5" cy="5" fill="none" stroke="blue"/>' +
          '<path d="M0 0h5v5z" fill-rule="evenodd"/><rect width="5" height="5" style="display:none"/><text>x</text>',
      ),
    ).content;
    expect(content).toContain('0 1 0 rg');
    expect(content).toContain('0 0 1 RG');
    expect(content).toMatch(/\nS\n/);
    expect(content).toMatch(/\nf\*\n/);
    expect(content.match(/ re\n/g)).toHaveLength(1);
  });

  it('reports an SVG it cannot draw, with the field, and never throws anything else', async () => {
    const error = await buildWorkshop(sampleWorkshop((file) => (file.organizer.coLogos = ['mitra.svg'])), { fonts, assets: { 'mitra.svg': new TextEncoder().encode('<svg><rect/></svg>') }, locale: 'en' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkshopError);
    expect((error as WorkshopError).problems[0]!.message).toBe('organizer.coLogos[0]: the logo must be a PNG, JPEG or SVG image (mitra.svg: the <svg> element needs a viewBox, or a width and a height).');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((text) => svg(text)), fc.string().map((d) => svg(`<path d="${d.replace(/["<&]/g, '')}"/>`))), (text) => {
        try {
          readSvg(text);
        } catch (caught) {
          expect(caught).toBeInstanceOf(SvgError);
        }
        expect(typeof pathOperators(text)).toBe('string');
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
