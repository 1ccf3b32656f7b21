import QRCode, { type QRCodeSegment } from 'qrcode';

/** A QR code's modules, row by row from the top: 1 dark, 0 light. */
export interface QrMatrix {
  size: number;
  modules: Uint8Array;
}

/**
 * The QR code of `text` at error correction level M (15%), as the `qrcode` encoder makes it with
 * its automatic mask choice, module for module.
 *
 * The encoder chooses the mask by applying each of the eight and scoring the result with the
 * standard's penalty rules (ISO/IEC 18004 §7.8.3), with a function call and a branch per module
 * read: about three quarters of its time for a certificate's URL, and most of what 500
 * certificates cost. Here the encoder places the data once under mask 0; the same scores (its
 * rules, its order, its ties) are computed on that matrix with each mask swapped in, without
 * branches on the modules, and the winner is built from it.
 */
export function qrMatrix(text: string): QrMatrix {
  const { size, data, reservedBit } = encodeUnderMask0(text).modules;
  const masks = maskTables(size, reservedBit);
  const first = masks[0] ?? new Uint8Array(size * size);
  // The data and error correction modules without a mask (function patterns and format bits are reserved).
  const unmasked = new Uint8Array(size * size);
  for (let index = 0; index < unmasked.length; index++) unmasked[index] = (data[index] ?? 0) ^ (first[index] ?? 0);
  const candidate = new Uint8Array(size * size);
  const transposed = new Uint8Array(size * size);
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    masked(unmasked, masks, size, mask, candidate, transposed);
    const score = penalty(candidate, transposed, size);
    if (score < lowest) {
      lowest = score;
      best = mask;
    }
  }
  return { size, modules: masked(unmasked, masks, size, best, candidate, transposed) };
}

/** How the encoder split a text into segments: each segment's mode and length in characters. */
type SegmentPlan = { mode: 'numeric' | 'alphanumeric' | 'byte'; length: number }[];

const plans = new Map<string, SegmentPlan>();
const planLimit = 1000;

/**
 * The encoder's symbol for `text` under mask 0. For a string, the encoder first searches for the
 * cheapest split into numeric, alphanumeric and byte segments (a shortest path over a graph of
 * every choice, half of its time here); the split depends only on which class each character is
 * in, so for an ASCII text it is remembered by that sequence and handed to the encoder as
 * segments for the next text of the same shape (a certificate's URL, with another number).
 */
function encodeUnderMask0(text: string) {
  const options = { errorCorrectionLevel: 'M', maskPattern: 0 } as const;
  const shape = asciiShape(text);
  const plan = shape === undefined ? undefined : plans.get(shape);
  if (plan) {
    const segments: QRCodeSegment[] = [];
    let at = 0;
    for (const { mode, length } of plan) {
      const data = text.slice(at, at + length);
      at += length;
      segments.push(mode === 'byte' ? { mode, data: new TextEncoder().encode(data) } : { mode, data });
    }
    return QRCode.create(segments, options);
  }
  const symbol = QRCode.create(text, options);
  if (shape !== undefined) {
    if (plans.size >= planLimit) plans.clear();
    plans.set(
      shape,
      symbol.segments.map((segment) => ({ mode: segment.mode.id === 'Numeric' ? 'numeric' : segment.mode.id === 'Alphanumeric' ? 'alphanumeric' : 'byte', length: segment.getLength() })),
    );
  }
  return symbol;
}

/** The encoder's character class of each character of an ASCII text (digit, alphanumeric, byte), or undefined for any other text. */
function asciiShape(text: string): string | undefined {
  let shape = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) return undefined;
    shape += code >= 0x30 && code <= 0x39 ? 'n' : alphanumeric.has(code) ? 'a' : 'b';
  }
  return shape;
}

/** The alphanumeric mode's characters besides the digits. */
const alphanumeric = new Set(Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:', (char) => char.charCodeAt(0)));

const maskTablesBySize = new Map<number, Uint8Array[]>();

/** For each mask, the modules it darkens outside the reserved ones (the same for every symbol of a size). */
function maskTables(size: number, reserved: Uint8Array): Uint8Array[] {
  let tables = maskTablesBySize.get(size);
  if (!tables) {
    tables = Array.from({ length: 8 }, (_, mask) => {
      const table = new Uint8Array(size * size);
      for (let row = 0; row < size; row++) {
        for (let column = 0; column < size; column++) {
          const index = row * size + column;
          table[index] = reserved[index] ? 0 : maskBit(mask, row, column);
        }
      }
      return table;
    });
    maskTablesBySize.set(size, tables);
  }
  return tables;
}

/**
 * `unmasked` under mask `mask`, with the format bits of level M and that mask, into `out` (and
 * into `transposed`, column by column, for the penalty's column scans).
 */
function masked(unmasked: Uint8Array, masks: readonly Uint8Array[], size: number, mask: number, out: Uint8Array, transposed: Uint8Array): Uint8Array {
  const table = masks[mask] ?? new Uint8Array(size * size);
  for (let row = 0, index = 0; row < size; row++) {
    for (let column = 0; column < size; column++, index++) {
      const module = (unmasked[index] ?? 0) ^ (table[index] ?? 0);
      out[index] = module;
      transposed[column * size + row] = module;
    }
  }
  // The format information, where the encoder puts it: 15 bits, each twice.
  const set = (row: number, column: number, module: number) => {
    out[row * size + column] = module;
    transposed[column * size + row] = module;
  };
  const bits = formatBits(mask);
  for (let bit = 0; bit < 15; bit++) {
    const module = (bits >> bit) & 1;
    set(bit < 6 ? bit : bit < 8 ? bit + 1 : size - 15 + bit, 8, module);
    set(8, bit < 8 ? size - bit - 1 : bit < 9 ? 15 - bit : 15 - bit - 1, module);
  }
  set(size - 8, 8, 1);
  return out;
}

/** Whether mask `mask` darkens the module at (row, column): the standard's eight conditions. */
function maskBit(mask: number, row: number, column: number): number {
  switch (mask) {
    case 0:
      return (row + column) % 2 === 0 ? 1 : 0;
    case 1:
      return row % 2 === 0 ? 1 : 0;
    case 2:
      return column % 3 === 0 ? 1 : 0;
    case 3:
      return (row + column) % 3 === 0 ? 1 : 0;
    case 4:
      return (Math.floor(row / 2) + Math.floor(column / 3)) % 2 === 0 ? 1 : 0;
    case 5:
      return ((row * column) % 2) + ((row * column) % 3) === 0 ? 1 : 0;
    case 6:
      return (((row * column) % 2) + ((row * column) % 3)) % 2 === 0 ? 1 : 0;
    default:
      return (((row * column) % 3) + ((row + column) % 2)) % 2 === 0 ? 1 : 0;
  }
}

/** The 15 format bits of level M (indicator 00) and `mask`: BCH(15, 5) code, XOR 101010000010010. */
function formatBits(mask: number): number {
  const value = mask; // level M's two bits are 00
  let remainder = value << 10;
  for (let bit = 14; bit >= 10; bit--) if ((remainder >> bit) & 1) remainder ^= 0b10100110111 << (bit - 10);
  return ((value << 10) | remainder) ^ 0b101010000010010;
}

// Lookup tables that keep the penalty's loops free of branches on the (random) modules: the
// points a run earns as it grows (3 on reaching 5, then 1 a module), 11-module windows that are
// the 1:1:3:1:1 pattern beside 4 light modules, and 2 x 2 blocks by their count of dark modules.
const runPoints = new Uint8Array(178).map((_, length) => (length === 5 ? 3 : length > 5 ? 1 : 0));
const finderLike = new Uint8Array(0x800).map((_, window) => (window === 0x5d0 || window === 0x05d ? 1 : 0));
const blockOfOneColour = Uint8Array.of(1, 0, 0, 0, 1);

/**
 * The mask penalty as the `qrcode` encoder scores it: runs of five or more same-coloured modules
 * in a row or column (3 + the excess), 2 x 2 blocks of one colour (3 each), 1:1:3:1:1 finder-like
 * patterns beside four light modules (40 each, in windows that start inside the symbol), and the
 * dark share's distance from half (10 per 5%).
 */
function penalty(modules: Uint8Array, transposed: Uint8Array, size: number): number {
  let runs = 0;
  let finders = 0;
  for (const lines of [modules, transposed]) {
    for (let start = 0; start < size * size; start += size) {
      let last = lines[start] ?? 0;
      let run = 1;
      let window = last;
      for (let step = 1; step < size; step++) {
        const module = lines[start + step] ?? 0;
        run = run * (1 - (module ^ last)) + 1;
        runs += runPoints[run] ?? 1;
        last = module;
        window = ((window << 1) & 0x7ff) | module;
        if (step >= 10) finders += finderLike[window] ?? 0;
      }
    }
  }
  let dark = 0;
  for (let index = 0; index < size * size; index++) dark += modules[index] ?? 0;
  let blocks = 0;
  for (let start = 0; start < size * (size - 1); start += size) {
    let previous = (modules[start] ?? 0) + (modules[start + size] ?? 0);
    for (let column = 1; column < size; column++) {
      const pair = (modules[start + column] ?? 0) + (modules[start + size + column] ?? 0);
      blocks += blockOfOneColour[previous + pair] ?? 0;
      previous = pair;
    }
  }
  const share = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
  return runs + 3 * blocks + 40 * finders + 10 * share;
}

/**
 * A QR code of `text` as PDF operators: black squares on the page (whose white is the light
 * modules) in a square of `size` points whose lower left corner is (x, y). The square includes
 * the quiet zone of 4 modules the standard asks for, so nothing else may be drawn inside it.
 * Error correction level M (15%).
 *
 * Dark modules are drawn as rectangles that do not overlap: from the top left, each not yet
 * drawn module starts a run to the right, which grows downwards while every module under it is
 * dark and not drawn. About 280 rectangles for a certificate's URL where one per run of a row
 * took 350: a fifth less to write, compress and render.
 */
export function qrOperators(text: string, x: number, y: number, size: number): string {
  const { size: count, modules } = qrMatrix(text);
  const unit = size / (count + 8);
  const parts: string[] = [`q\n0 0 0 rg\n${round(unit)} 0 0 ${round(unit)} ${round(x + 4 * unit)} ${round(y + 4 * unit)} cm`];
  const drawn = new Uint8Array(count * count);
  const free = (index: number) => modules[index] === 1 && drawn[index] === 0;
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!free(row * count + column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && free(row * count + column)) column++;
      let height = 1;
      while (row + height < count && runIsFree(free, (row + height) * count, start, column)) height++;
      for (let line = row; line < row + height; line++) drawn.fill(1, line * count + start, line * count + column);
      // Module rows count down from the top; the PDF's y counts up.
      parts.push(`${start} ${count - row - height} ${column - start} ${height} re`);
    }
  }
  parts.push('f\nQ\n');
  return parts.join('\n');
}

/** Whether the modules from `start` to before `end` of the row beginning at `rowStart` are all dark and not drawn. */
function runIsFree(free: (index: number) => boolean, rowStart: number, start: number, end: number): boolean {
  for (let column = start; column < end; column++) if (!free(rowStart + column)) return false;
  return true;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
