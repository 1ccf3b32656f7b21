import { beginText, endText, moveText, PDFDocument, rgb, setFontAndSize, showText, type PDFFont, type PDFHexString, type PDFName, type PDFPage } from 'pdf-lib';
import { cachingFontkit, type FontFiles } from './fonts.js';
import { widthOf, wrap, type Face } from './text.js';

/** Paper sizes in points (A4, and F4 / folio 215 x 330 mm as used by Indonesian offices). */
export const paperSizes = {
  a4: [595.28, 841.89],
  f4: [609.45, 935.43],
} as const satisfies Record<string, readonly [number, number]>;
export type Paper = keyof typeof paperSizes;

/** Fixed metadata: the same input gives the same bytes. */
export interface DocumentInfo {
  title: string;
  author: string;
  subject?: string;
  language: string;
  /** The fixed creation and modification date (from the workshop, never the clock). */
  date: Date;
}

export interface Faces {
  regular: Face;
  bold: Face;
}

/** A new PDF with the fonts embedded as subsets and deterministic metadata. */
export async function createDocument(fonts: FontFiles, info: DocumentInfo): Promise<{ doc: PDFDocument; faces: Faces }> {
  const doc = await createBareDocument(info);
  doc.registerFontkit(cachingFontkit);
  const regular = rememberEncodings(await doc.embedFont(fonts.regular, { subset: true }));
  const bold = rememberEncodings(await doc.embedFont(fonts.bold, { subset: true }));
  return { doc, faces: { regular: { pdf: regular, bytes: fonts.regular }, bold: { pdf: bold, bytes: fonts.bold } } };
}

/**
 * Remembers each string's encoding in this document's subset: a run of letters draws the same
 * lines hundreds of times, and encoding means shaping and mapping glyphs again each time. The
 * subset's glyph numbers belong to one document, so the memory belongs to one font object.
 */
function rememberEncodings(font: PDFFont): PDFFont {
  const encode = font.encodeText.bind(font);
  const encodings = new Map<string, PDFHexString>();
  font.encodeText = (text: string) => {
    let encoded = encodings.get(text);
    if (encoded === undefined) {
      encoded = encode(text);
      encodings.set(text, encoded);
    }
    return encoded;
  };
  return font;
}

/** A new PDF with deterministic metadata and no fonts (for pages copied from another). */
export async function createBareDocument(info: DocumentInfo): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(info.title);
  doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  doc.setCreator('Narahubung workshop');
  doc.setProducer('Narahubung (pdf-lib)');
  doc.setLanguage(info.language);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  return doc;
}

/** Saves without anything that varies between runs (pdf-lib writes no /ID and seeds its names). */
export function saveDocument(doc: PDFDocument, options: { objectStreams?: boolean } = {}): Promise<Uint8Array> {
  // Object streams make a long document smaller but cost a deflate per stream; a one-letter
  // file copied from the whole (its streams already compressed) is written without them.
  // pdf-lib yields to the event loop (a setTimeout, at least 1 ms in Node) every 50 objects by
  // default; 2,000 one-letter files spent more time waiting than writing.
  return doc.save({ useObjectStreams: options.objectStreams ?? true, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: 2000 });
}

export interface TextStyle {
  face: Face;
  size: number;
  /** Line height as a multiple of the size (default 1.3). */
  leading?: number;
}

export interface ParagraphOptions {
  x?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** Space after the paragraph, in points. */
  after?: number;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const ink = rgb(0, 0, 0);

/**
 * Lays content out top to bottom on pages of one size, starting a new page when the next piece
 * does not fit. `onPage` runs at the top of every page after the first (repeated headers).
 */
export class Composer {
  page!: PDFPage;
  y = 0;
  onPage: ((composer: Composer) => void) | undefined;
  readonly pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly faces: Faces,
    readonly size: readonly [number, number],
    readonly margins: Margins,
  ) {}

  get width(): number {
    return this.size[0];
  }
  get height(): number {
    return this.size[1];
  }
  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.size[0] - this.margins.right;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }

  /** Starts a page; `repeat` false skips the repeated header (the first page of a document part). */
  newPage(repeat = true): PDFPage {
    this.page = this.doc.addPage([this.size[0], this.size[1]]);
    this.pages.push(this.page);
    this.y = this.size[1] - this.margins.top;
    if (repeat && this.onPage) this.onPage(this);
    return this.page;
  }

  /** Room left on this page above the bottom margin. */
  get room(): number {
    return this.y - this.margins.bottom;
  }

  /** Makes sure `height` points fit, else starts a new page. */
  ensure(height: number): void {
    if (height > this.room) this.newPage();
  }

  lineHeight(style: TextStyle): number {
    return style.size * (style.leading ?? 1.3);
  }

  /** Draws one line with its baseline placed for a line box starting at `top`. */
  drawLine(text: string, style: TextStyle, x: number, top: number): void {
    if (text === '') return;
    drawTextRun(this.page, text, style, x, top - style.size * 0.95);
  }

  /** Draws wrapped text at the cursor, breaking pages between lines; returns the lines drawn. */
  paragraph(text: string, style: TextStyle, options: ParagraphOptions = {}): string[] {
    const x = options.x ?? this.left;
    const width = options.width ?? this.right - x;
    const lines = wrap(text, style.face, style.size, width);
    const height = this.lineHeight(style);
    for (const line of lines) {
      this.ensure(height);
      let lineX = x;
      if (options.align === 'center') lineX = x + (width - widthOf(style.face, line, style.size)) / 2;
      else if (options.align === 'right') lineX = x + width - widthOf(style.face, line, style.size);
      this.drawLine(line, style, lineX, this.y);
      this.y -= height;
    }
    this.y -= options.after ?? 0;
    return lines;
  }

  /** A horizontal rule across the content width at the cursor. */
  rule(thickness = 0.8, gap = 0): void {
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness, color: ink });
    this.y -= thickness + gap;
  }

  /** Writes "Halaman n dari m" at the foot of every page. */
  numberPages(label: (page: number, pages: number) => string, style: TextStyle): void {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const text = label(index + 1, total);
      const x = (this.size[0] - widthOf(style.face, text, style.size)) / 2;
      drawTextRun(page, text, style, x, this.margins.bottom / 2);
    });
  }
}

// PDFPage.drawText registers the font in the page's resources under a new name on every call
// and wraps each line in a saved graphics state; a letter page has some fifty lines. Here each
// font gets one resource name per page and a line is just BT /F size Tf x y Td <glyphs> Tj ET
// (the fill colour stays the default black).
const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

/** Draws one line of text with its baseline at (x, y). */
export function drawTextRun(page: PDFPage, text: string, style: TextStyle, x: number, y: number): void {
  if (text === '') return;
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  const font = style.face.pdf;
  let key = keys.get(font);
  if (!key) {
    key = page.node.newFontDictionary(font.name, font.ref);
    keys.set(font, key);
  }
  page.pushOperators(beginText(), setFontAndSize(key, style.size), moveText(round(x), round(y)), showText(font.encodeText(text)), endText());
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface Column {
  header: string;
  /** Share of the table width (the shares are normalised). */
  share: number;
  align?: 'left' | 'center';
}

export interface TableOptions {
  style: TextStyle;
  headerStyle: TextStyle;
  padding?: number;
  /** Minimum height of a body row (room to sign). */
  minRowHeight?: number;
}

/**
 * Draws a bordered table at the cursor; the header row is drawn again at the top of every
 * page the table runs onto. A row taller than a page is split across pages.
 */
export function drawTable(composer: Composer, columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions): void {
  const padding = options.padding ?? 4;
  const total = columns.reduce((sum, column) => sum + column.share, 0);
  const widths = columns.map((column) => (column.share / total) * composer.contentWidth);
  const xs: number[] = [];
  widths.reduce((x, width) => {
    xs.push(x);
    return x + width;
  }, composer.left);
  const bodyLine = composer.lineHeight(options.style);
  const headerLine = composer.lineHeight(options.headerStyle);

  const drawRow = (cells: readonly (readonly string[])[], style: TextStyle, lineHeight: number, height: number, shade: boolean) => {
    const top = composer.y;
    const page = composer.page;
    if (shade) page.drawRectangle({ x: composer.left, y: top - height, width: composer.contentWidth, height, color: rgb(0.9, 0.9, 0.9) });
    cells.forEach((lines, index) => {
      const x = xs[index] ?? composer.left;
      const width = widths[index] ?? 0;
      lines.forEach((line, lineIndex) => {
        const lineX = columns[index]?.align === 'center' ? x + (width - widthOf(style.face, line, style.size)) / 2 : x + padding;
        composer.drawLine(line, style, lineX, top - padding - lineIndex * lineHeight);
      });
    });
    page.drawRectangle({ x: composer.left, y: top - height, width: composer.contentWidth, height, borderColor: ink, borderWidth: 0.6 });
    for (const x of xs.slice(1)) page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness: 0.6, color: ink });
    composer.y = top - height;
  };

  const headerCells = columns.map((column, index) => wrap(column.header, options.headerStyle.face, options.headerStyle.size, (widths[index] ?? 0) - 2 * padding));
  const headerHeight = Math.max(...headerCells.map((lines) => lines.length)) * headerLine + 2 * padding;
  const drawHeader = () => drawRow(headerCells, options.headerStyle, headerLine, headerHeight, true);

  const previous = composer.onPage;
  composer.onPage = (c) => {
    previous?.(c);
    drawHeader();
  };
  composer.ensure(headerHeight + bodyLine + 2 * padding);
  drawHeader();

  for (const row of rows) {
    let cells = row.map((text, index) => wrap(text, options.style.face, options.style.size, (widths[index] ?? 0) - 2 * padding));
    for (;;) {
      const lines = Math.max(1, ...cells.map((lines) => lines.length));
      const height = Math.max(lines * bodyLine + 2 * padding, options.minRowHeight ?? 0);
      if (height <= composer.room) {
        drawRow(cells, options.style, bodyLine, height, false);
        break;
      }
      const fit = Math.floor((composer.room - 2 * padding) / bodyLine);
      const fullPage = composer.room >= composer.height - composer.margins.top - composer.margins.bottom - headerHeight - 1;
      if (fit < 1 || (fit < lines && !fullPage && lines * bodyLine + 2 * padding <= composer.height - composer.margins.top - composer.margins.bottom - headerHeight)) {
        // The whole row fits on a fresh page: move it there rather than split it.
        composer.newPage();
        continue;
      }
      drawRow(cells.map((lines) => lines.slice(0, fit)), options.style, bodyLine, fit * bodyLine + 2 * padding, false);
      cells = cells.map((lines) => lines.slice(fit));
      composer.newPage();
    }
  }
  composer.onPage = previous;
}
