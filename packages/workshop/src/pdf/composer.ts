import {
  degrees,
  drawImage,
  type PDFArray,
  PDFContentStream,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFString,
  rgb,
  setFillingColor,
  setStrokingColor,
  type Color,
  type PDFFont,
  PDFOperator,
  PDFOperatorNames as Op,
  PDFPage,
  PDFPageLeaf,
  type PDFRef,
} from 'pdf-lib';
import pako from 'pako';
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
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  return { doc, faces: { regular: { pdf: regular, bytes: fonts.regular }, bold: { pdf: bold, bytes: fonts.bold } } };
}

const glyphStrings = new WeakMap<PDFFont, Map<string, PDFString>>();

/**
 * The glyphs of `text` in `font` as a literal string, remembered per font (a run of letters
 * draws the same lines hundreds of times; the subset's glyph numbers belong to one document, so
 * the memory belongs to one font object): two bytes a glyph, where pdf-lib's hex
 * string spends four characters on each (a content stream half as long to write, compress or,
 * for a stream left uncompressed, to store). Backslash, parentheses and line-end bytes are
 * escaped (an unescaped CR or CR LF inside a literal string would be read as LF).
 */
function glyphString(font: PDFFont, text: string): PDFString {
  let strings = glyphStrings.get(font);
  if (!strings) {
    strings = new Map();
    glyphStrings.set(font, strings);
  }
  let string = strings.get(text);
  if (string === undefined) {
    const hex = font.encodeText(text).asString();
    let value = '';
    for (let index = 0; index < hex.length; index += 2) {
      const byte = parseInt(hex.slice(index, index + 2), 16);
      value += literalByte[byte] ?? String.fromCharCode(byte);
    }
    string = PDFString.of(value);
    strings.set(text, string);
  }
  return string;
}

const literalByte: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\' };

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

const numbers = new Map<number, PDFNumber>();
const numberLimit = 20_000;

/**
 * The PDF number for `value`, made once: pdf-lib formats every number an operator is given anew
 * (0.5-1 µs each), and a page's coordinates, widths and sizes come back on every page. A
 * number object is a value written the same way wherever it is used.
 */
function pdfNumber(value: number): PDFNumber {
  let number = numbers.get(value);
  if (number === undefined) {
    if (numbers.size >= numberLimit) numbers.clear();
    number = PDFNumber.of(value);
    numbers.set(value, number);
  }
  return number;
}

const zero = pdfNumber(0);
const one = pdfNumber(1);
// Operators without operands (or with fixed ones), written the same on every page.
const beginText = PDFOperator.of(Op.BeginText);
const endText = PDFOperator.of(Op.EndText);
const saveState = PDFOperator.of(Op.PushGraphicsState);
const restoreState = PDFOperator.of(Op.PopGraphicsState);
const closePath = PDFOperator.of(Op.ClosePath);
const strokePath = PDFOperator.of(Op.StrokePath);
const fillPath = PDFOperator.of(Op.FillNonZero);
const fillAndStrokePath = PDFOperator.of(Op.FillNonZeroAndStroke);
const solidLine = PDFOperator.of(Op.SetLineDashPattern, ['[]', zero]);
// pdf-lib's drawRectangle rotates by 0 and skews by 0 after moving to the corner: twice the identity.
const identity = PDFOperator.of(Op.ConcatTransformationMatrix, [one, zero, zero, one, zero, zero]);

/** The operator setting the stroking or filling colour. */
function colourOperator(color: Color, use: 'stroke' | 'fill'): PDFOperator {
  if (!('red' in color)) return use === 'stroke' ? setStrokingColor(color) : setFillingColor(color);
  return PDFOperator.of(use === 'stroke' ? Op.StrokingColorRgb : Op.NonStrokingColorRgb, [pdfNumber(color.red), pdfNumber(color.green), pdfNumber(color.blue)]);
}

/** The content of one page: its /Contents array and the stream drawing goes to now, if one is open. */
interface PageContent {
  contents: PDFArray;
  open: PDFContentStream | undefined;
}

/** A piece of content drawn once and placed again: its stream (if it drew anything) and where it left the cursor. */
interface Segment {
  ref: PDFRef | undefined;
  y: number;
}

/**
 * Lays content out top to bottom on pages of one size, starting a new page when the next piece
 * does not fit. `onPage` runs at the top of every page after the first (repeated headers).
 *
 * Every page of a composer shares one resource dictionary, with one fixed name per font and
 * image, and its content is a list of streams. So a piece of content that is the same on many
 * pages (the letterhead and body of a letter) can be drawn into a stream once and that stream
 * listed on every page that shows it ({@link Composer.reuse}): it is laid out, encoded and
 * compressed once per document instead of once per page.
 */
export class Composer {
  page!: PDFPage;
  y = 0;
  onPage: ((composer: Composer) => void) | undefined;
  readonly pages: PDFPage[] = [];
  private readonly resources: PDFDict;
  private readonly resourcesRef: PDFRef;
  private readonly pageTreeRef: PDFRef;
  private readonly names = new Map<PDFRef, PDFName>();
  private readonly content = new Map<PDFPage, PageContent>();
  private readonly segments = new Map<string, Segment | null>();
  private compress = true;

  constructor(
    readonly doc: PDFDocument,
    readonly faces: Faces,
    readonly size: readonly [number, number],
    readonly margins: Margins,
  ) {
    this.resources = doc.context.obj({ Font: doc.context.obj({}), XObject: doc.context.obj({}) });
    this.resourcesRef = doc.context.register(this.resources);
    this.pageTreeRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  }

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
    // The page is appended to the page tree directly: pdf-lib's addPage walks every earlier page
    // to find the end and sets the size through inherited-attribute lookups, which made a
    // thousand-page document's pages cost more than drawing them. pdf-lib's own page list is
    // built from the tree when first asked for, which nothing does until the document is done.
    const { context } = this.doc;
    const leaf = PDFPageLeaf.withContextAndParent(context, this.pageTreeRef);
    const contents = context.obj([]);
    leaf.set(PDFName.of('MediaBox'), context.obj([0, 0, this.size[0], this.size[1]]));
    leaf.set(PDFName.of('Resources'), this.resourcesRef);
    leaf.set(PDFName.of('Contents'), contents);
    const ref = context.register(leaf);
    this.doc.catalog.Pages().pushLeafNode(ref);
    this.page = PDFPage.of(leaf, ref, this.doc);
    this.content.set(this.page, { contents, open: undefined });
    this.pages.push(this.page);
    this.y = this.size[1] - this.margins.top;
    if (repeat && this.onPage) this.onPage(this);
    return this.page;
  }

  /** Appends operators to the content of `page` (the current page unless given). */
  push(operators: readonly PDFOperator[], page: PDFPage = this.page): void {
    const content = this.content.get(page);
    if (!content) throw new Error('push: the page does not belong to this composer');
    if (!content.open) {
      content.open = PDFContentStream.of(this.doc.context.obj({}), [], this.compress);
      content.contents.push(this.doc.context.register(content.open));
    }
    content.open.push(...operators);
  }

  /**
   * Draws what `draw` draws, or, when a piece with the same `key` was drawn before from the same
   * height, places that piece's stream again without drawing. `key` must name everything the
   * drawing depends on besides the cursor's height (the page size and faces are the composer's).
   * A piece that ran onto a new page is drawn every time.
   */
  reuse(key: string, draw: () => void): void {
    const id = `${key}\u0000${this.y}`;
    const known = this.segments.get(id);
    if (known === null) {
      draw();
      return;
    }
    const content = this.content.get(this.page);
    if (!content) throw new Error('reuse: no page');
    content.open = undefined;
    if (known) {
      if (known.ref) content.contents.push(known.ref);
      this.y = known.y;
      return;
    }
    const page = this.page;
    draw();
    if (this.page !== page) {
      this.segments.set(id, null);
      return;
    }
    const ref = content.open ? content.contents.get(content.contents.size() - 1) : undefined;
    this.segments.set(id, { ref: ref as PDFRef | undefined, y: this.y });
    content.open = undefined;
  }

  /**
   * Draws what `draw` draws into streams of their own that are written uncompressed: for a few
   * lines found on one page only (a letter's addressee), where setting up a deflate for the
   * stream costs more time than the hundred bytes it would save.
   */
  uncompressed(draw: () => void): void {
    const content = this.content.get(this.page);
    if (content) content.open = undefined;
    this.compress = false;
    try {
      draw();
    } finally {
      this.compress = true;
      const last = this.content.get(this.page);
      if (last) last.open = undefined;
    }
  }

  /**
   * Appends operators already written as text (a QR code's few hundred squares) as a stream of
   * their own, compressed, on `page` (the current page unless given).
   */
  raw(operators: string, page: PDFPage = this.page): void {
    const content = this.content.get(page);
    if (!content) throw new Error('raw: the page does not belong to this composer');
    content.open = undefined;
    content.contents.push(this.doc.context.register(this.doc.context.stream(deflateSmall(operators), { Filter: 'FlateDecode' })));
  }

  /**
   * A new page showing the same content as `page` (its streams listed again, nothing drawn): an
   * attachment repeated after every letter.
   */
  repeatPage(page: PDFPage): PDFPage {
    const source = this.content.get(page);
    if (!source) throw new Error('repeatPage: the page does not belong to this composer');
    source.open = undefined;
    const copy = this.newPage(false);
    for (const ref of source.contents.asArray()) this.content.get(copy)?.contents.push(ref);
    return copy;
  }

  /** The resource name of a font or image in the shared resources, given on first use. */
  private nameOf(kind: 'Font' | 'XObject', ref: PDFRef): PDFName {
    let name = this.names.get(ref);
    if (!name) {
      name = PDFName.of(`${kind === 'Font' ? 'F' : 'Im'}${this.names.size + 1}`);
      this.resources.lookup(PDFName.of(kind), PDFDict).set(name, ref);
      this.names.set(ref, name);
    }
    return name;
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
    this.text(text, style, x, top - style.size * 0.95);
  }

  /**
   * Draws one line of text with its baseline at (x, y), on `page` (default the current one):
   * BT /F size Tf x y Td <glyphs> Tj ET, the fill colour staying the default black.
   */
  text(text: string, style: TextStyle, x: number, y: number, page: PDFPage = this.page): void {
    if (text === '') return;
    const font = style.face.pdf;
    this.push(
      [
        beginText,
        PDFOperator.of(Op.SetFontAndSize, [this.nameOf('Font', font.ref), pdfNumber(style.size)]),
        PDFOperator.of(Op.MoveText, [pdfNumber(round(x)), pdfNumber(round(y))]),
        PDFOperator.of(Op.ShowText, [glyphString(font, text)]),
        endText,
      ],
      page,
    );
  }

  /**
   * A straight line (black unless `color` is given): the operators pdf-lib's drawLine writes
   * (its starting point given twice included), with numbers made once (see {@link pdfNumber}).
   */
  line(start: { x: number; y: number }, end: { x: number; y: number }, thickness: number, color: Color = ink): void {
    const moveTo = PDFOperator.of(Op.MoveTo, [pdfNumber(start.x), pdfNumber(start.y)]);
    this.push([
      saveState,
      colourOperator(color, 'stroke'),
      PDFOperator.of(Op.SetLineWidth, [pdfNumber(thickness)]),
      solidLine,
      moveTo,
      moveTo,
      PDFOperator.of(Op.LineTo, [pdfNumber(end.x), pdfNumber(end.y)]),
      strokePath,
      restoreState,
    ]);
  }

  /**
   * A rectangle, filled with `color` and/or stroked with `borderColor`: the operators pdf-lib's
   * drawRectangle writes for an upright one, with numbers made once (see {@link pdfNumber}).
   */
  rectangle(options: { x: number; y: number; width: number; height: number; color?: Color; borderColor?: Color; borderWidth?: number }): void {
    const { width, height, color, borderColor } = options;
    const borderWidth = options.borderWidth ?? 0;
    const operators = [saveState];
    if (color) operators.push(colourOperator(color, 'fill'));
    if (borderColor) operators.push(colourOperator(borderColor, 'stroke'));
    operators.push(
      PDFOperator.of(Op.SetLineWidth, [pdfNumber(borderWidth)]),
      solidLine,
      PDFOperator.of(Op.ConcatTransformationMatrix, [one, zero, zero, one, pdfNumber(options.x), pdfNumber(options.y)]),
      identity,
      identity,
      PDFOperator.of(Op.MoveTo, [zero, zero]),
      PDFOperator.of(Op.LineTo, [zero, pdfNumber(height)]),
      PDFOperator.of(Op.LineTo, [pdfNumber(width), pdfNumber(height)]),
      PDFOperator.of(Op.LineTo, [pdfNumber(width), zero]),
      closePath,
      color && borderWidth ? fillAndStrokePath : color ? fillPath : borderColor ? strokePath : closePath,
      restoreState,
    );
    this.push(operators);
  }

  /** An embedded image (or a form drawn into the unit square) scaled into the box with its lower left corner at (x, y). */
  image(image: { ref: PDFRef }, box: { x: number; y: number; width: number; height: number }): void {
    this.push(drawImage(this.nameOf('XObject', image.ref), { ...box, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
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
    this.line({ x: this.left, y: this.y }, { x: this.right, y: this.y }, thickness);
    this.y -= thickness + gap;
  }

  /** Writes "Halaman n dari m" at the foot of every page. */
  numberPages(label: (page: number, pages: number) => string, style: TextStyle): void {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const text = label(index + 1, total);
      const x = (this.size[0] - widthOf(style.face, text, style.size)) / 2;
      this.text(text, style, x, this.margins.bottom / 2, page);
    });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * `text` compressed for a stream of a few kilobytes that is written once per page (a QR code):
 * zlib level 4 with a 4 KB window and 2 K-entry hash table. pdf-lib's flateStream compresses at
 * level 6 with a 32 KB window, allocating and clearing about 256 KB for every stream and
 * searching long match chains through text made of the same few tokens: a QR code's stream took
 * 0.3-0.4 ms that way and takes about 0.11 ms so, 3% larger (1,008 bytes instead of 978).
 */
function deflateSmall(text: string): Uint8Array {
  return pako.deflate(new TextEncoder().encode(text), { level: 4, windowBits: 12, memLevel: 4 });
}

export interface Column {
  header: string;
  /** Share of the table width (the shares are normalised). */
  share: number;
  align?: 'left' | 'center' | 'right';
  /**
   * Where a body row's text starts, as a share of the column's width: a daftar hadir's
   * signature column puts odd rows' numbers on the left and even rows' in the middle.
   */
  indent?: (row: number) => number;
  /**
   * A heading over this column and its neighbours of the same group, in a header row of its own
   * (the indicators' "Cepat" over its three columns). A column without one has its header over
   * both rows.
   */
  group?: string;
}

export interface TableOptions {
  style: TextStyle;
  headerStyle: TextStyle;
  padding?: number;
  /** Minimum height of a body row (room to sign). */
  minRowHeight?: number;
  /** Rows set in the header's style on the header's shade (a roll-up or a total). */
  emphasis?: (row: number) => boolean;
}

const tableShade = rgb(0.9, 0.9, 0.9);

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

  /** Where a line of a cell starts. */
  const lineStart = (index: number, line: string, style: TextStyle, indent: number): number => {
    const x = xs[index] ?? composer.left;
    const width = widths[index] ?? 0;
    const align = columns[index]?.align;
    if (align === 'center') return x + (width - widthOf(style.face, line, style.size)) / 2;
    if (align === 'right') return x + width - padding - widthOf(style.face, line, style.size);
    return x + indent + padding;
  };

  const drawRow = (cells: readonly (readonly string[])[], style: TextStyle, lineHeight: number, height: number, shade: boolean, row = -1) => {
    const top = composer.y;
    if (shade) composer.rectangle({ x: composer.left, y: top - height, width: composer.contentWidth, height, color: tableShade });
    cells.forEach((lines, index) => {
      const width = widths[index] ?? 0;
      lines.forEach((line, lineIndex) => {
        const indent = row >= 0 ? (columns[index]?.indent?.(row) ?? 0) * width : 0;
        composer.drawLine(line, style, lineStart(index, line, style, indent), top - padding - lineIndex * lineHeight);
      });
    });
    composer.rectangle({ x: composer.left, y: top - height, width: composer.contentWidth, height, borderColor: ink, borderWidth: 0.6 });
    for (const x of xs.slice(1)) composer.line({ x, y: top }, { x, y: top - height }, 0.6);
    composer.y = top - height;
  };

  const headerStyle = options.headerStyle;
  const headerCells = columns.map((column, index) => wrap(column.header, headerStyle.face, headerStyle.size, (widths[index] ?? 0) - 2 * padding));
  const cellHeight = (lines: readonly string[]) => lines.length * headerLine + 2 * padding;
  let headerHeight = Math.max(...headerCells.map(cellHeight));
  let drawHeader = () => drawRow(headerCells, headerStyle, headerLine, headerHeight, true);

  const groups = groupRuns(columns);
  if (groups.some((run) => run.group !== undefined)) {
    // Two header rows: the groups' headings above their columns' headers; a column outside any
    // group has its header over both rows.
    const runWidth = (run: GroupRun) => widths.slice(run.first, run.last + 1).reduce((sum, width) => sum + width, 0);
    const groupCells = groups.map((run) => (run.group === undefined ? [] : wrap(run.group, headerStyle.face, headerStyle.size, runWidth(run) - 2 * padding)));
    const groupHeight = Math.max(...groupCells.filter((lines) => lines.length > 0).map(cellHeight));
    const grouped = (index: number) => columns[index]?.group !== undefined;
    const lowerHeight = Math.max(0, ...headerCells.filter((_lines, index) => grouped(index)).map(cellHeight));
    const wholeHeight = Math.max(0, ...headerCells.filter((_lines, index) => !grouped(index)).map(cellHeight));
    headerHeight = Math.max(groupHeight + lowerHeight, wholeHeight);
    drawHeader = () => {
      const top = composer.y;
      const bottom = top - headerHeight;
      const below = top - groupHeight;
      composer.rectangle({ x: composer.left, y: bottom, width: composer.contentWidth, height: headerHeight, color: tableShade });
      groups.forEach((run, runIndex) => {
        const x = xs[run.first] ?? composer.left;
        const width = runWidth(run);
        for (const [lineIndex, line] of (groupCells[runIndex] ?? []).entries()) {
          composer.drawLine(line, headerStyle, x + (width - widthOf(headerStyle.face, line, headerStyle.size)) / 2, top - padding - lineIndex * headerLine);
        }
        if (run.group !== undefined) composer.line({ x, y: below }, { x: x + width, y: below }, 0.6);
      });
      headerCells.forEach((lines, index) => {
        const lineTop = (grouped(index) ? below : top) - padding;
        lines.forEach((line, lineIndex) => composer.drawLine(line, headerStyle, lineStart(index, line, headerStyle, 0), lineTop - lineIndex * headerLine));
      });
      composer.rectangle({ x: composer.left, y: bottom, width: composer.contentWidth, height: headerHeight, borderColor: ink, borderWidth: 0.6 });
      xs.slice(1).forEach((x, boundary) => {
        // Inside a group the line starts under the group's heading.
        const inside = columns[boundary]?.group !== undefined && columns[boundary]?.group === columns[boundary + 1]?.group;
        composer.line({ x, y: inside ? below : top }, { x, y: bottom }, 0.6);
      });
      composer.y = bottom;
    };
  }

  const previous = composer.onPage;
  composer.onPage = (c) => {
    previous?.(c);
    drawHeader();
  };
  composer.ensure(headerHeight + bodyLine + 2 * padding);
  drawHeader();

  for (const [rowIndex, row] of rows.entries()) {
    const emphasised = options.emphasis?.(rowIndex) ?? false;
    const style = emphasised ? headerStyle : options.style;
    const lineHeight = emphasised ? headerLine : bodyLine;
    let cells = row.map((text, index) => wrap(text, style.face, style.size, (widths[index] ?? 0) - 2 * padding));
    for (;;) {
      const lines = Math.max(1, ...cells.map((lines) => lines.length));
      const height = Math.max(lines * lineHeight + 2 * padding, options.minRowHeight ?? 0);
      if (height <= composer.room) {
        drawRow(cells, style, lineHeight, height, emphasised, rowIndex);
        break;
      }
      const fit = Math.floor((composer.room - 2 * padding) / lineHeight);
      const fullPage = composer.room >= composer.height - composer.margins.top - composer.margins.bottom - headerHeight - 1;
      if (fit < 1 || (fit < lines && !fullPage && lines * lineHeight + 2 * padding <= composer.height - composer.margins.top - composer.margins.bottom - headerHeight)) {
        // The whole row fits on a fresh page: move it there rather than split it.
        composer.newPage();
        continue;
      }
      drawRow(cells.map((lines) => lines.slice(0, fit)), style, lineHeight, fit * lineHeight + 2 * padding, emphasised, rowIndex);
      cells = cells.map((lines) => lines.slice(fit));
      composer.newPage();
    }
  }
  composer.onPage = previous;
}

/** A run of neighbouring columns under one group heading (or one column outside any group). */
interface GroupRun {
  group: string | undefined;
  first: number;
  last: number;
}

function groupRuns(columns: readonly Column[]): GroupRun[] {
  const runs: GroupRun[] = [];
  columns.forEach((column, index) => {
    const last = runs[runs.length - 1];
    if (last && column.group !== undefined && last.group === column.group) last.last = index;
    else runs.push({ group: column.group, first: index, last: index });
  });
  return runs;
}
