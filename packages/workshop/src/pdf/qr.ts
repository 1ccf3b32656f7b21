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
 * rules, its order, its ties) are computed for each mask swapped in, on the modules packed 32 to
 * a word, and the winner is unpacked.
 */
export function qrMatrix(text: string): QrMatrix {
  const { size, data, reservedBit } = encodeUnderMask0(text).modules;
  const words = Math.ceil(size / 32);
  const masks = maskTables(size, reservedBit);
  // Rows packed (a word holds 32 columns of a row) and columns packed (32 rows of a column).
  const rows = new Int32Array(size * words);
  const columns = new Int32Array(size * words);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (data[row * size + column]) {
        rows[row * words + (column >>> 5)]! |= 1 << (column & 31);
        columns[column * words + (row >>> 5)]! |= 1 << (row & 31);
      }
    }
  }
  // Mask 0 taken off again: the data and error correction modules as placed.
  xorInto(rows, masks[0]!.rows, rows);
  xorInto(columns, masks[0]!.columns, columns);
  const candidateRows = new Int32Array(rows.length);
  const candidateColumns = new Int32Array(columns.length);
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    masked(rows, columns, masks[mask]!, size, mask, candidateRows, candidateColumns);
    const score = penalty(candidateRows, candidateColumns, size);
    if (score < lowest) {
      lowest = score;
      best = mask;
    }
  }
  masked(rows, columns, masks[best]!, size, best, candidateRows, candidateColumns);
  const modules = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) modules[row * size + column] = (candidateRows[row * words + (column >>> 5)]! >>> (column & 31)) & 1;
  }
  return { size, modules };
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

/** The modules a mask darkens outside the reserved ones, packed by rows and by columns. */
interface MaskTable {
  rows: Int32Array;
  columns: Int32Array;
}

const maskTablesBySize = new Map<number, MaskTable[]>();

/** Each mask's table (the same for every symbol of a size: the size gives the version and so the reserved modules). */
function maskTables(size: number, reserved: Uint8Array): MaskTable[] {
  let tables = maskTablesBySize.get(size);
  if (!tables) {
    const words = Math.ceil(size / 32);
    tables = Array.from({ length: 8 }, (_, mask) => {
      const table = { rows: new Int32Array(size * words), columns: new Int32Array(size * words) };
      for (let row = 0; row < size; row++) {
        for (let column = 0; column < size; column++) {
          if (reserved[row * size + column] || !maskDarkens(mask, row, column)) continue;
          table.rows[row * words + (column >>> 5)]! |= 1 << (column & 31);
          table.columns[column * words + (row >>> 5)]! |= 1 << (row & 31);
        }
      }
      return table;
    });
    maskTablesBySize.set(size, tables);
  }
  return tables;
}

function xorInto(a: Int32Array, b: Int32Array, out: Int32Array): void {
  for (let index = 0; index < out.length; index++) out[index] = a[index]! ^ b[index]!;
}

/** The modules under mask `mask` with the format bits of level M and that mask, packed both ways into `outRows` and `outColumns`. */
function masked(rows: Int32Array, columns: Int32Array, table: MaskTable, size: number, mask: number, outRows: Int32Array, outColumns: Int32Array): void {
  xorInto(rows, table.rows, outRows);
  xorInto(columns, table.columns, outColumns);
  const words = Math.ceil(size / 32);
  const set = (row: number, column: number, dark: number) => {
    const inRow = row * words + (column >>> 5);
    const inColumn = column * words + (row >>> 5);
    if (dark) {
      outRows[inRow]! |= 1 << (column & 31);
      outColumns[inColumn]! |= 1 << (row & 31);
    } else {
      outRows[inRow]! &= ~(1 << (column & 31));
      outColumns[inColumn]! &= ~(1 << (row & 31));
    }
  };
  // The format information, where the encoder puts it: 15 bits, each twice, and one module always dark.
  const bits = formatBits(mask);
  for (let bit = 0; bit < 15; bit++) {
    const dark = (bits >> bit) & 1;
    set(bit < 6 ? bit : bit < 8 ? bit + 1 : size - 15 + bit, 8, dark);
    set(8, bit < 8 ? size - bit - 1 : bit < 9 ? 15 - bit : 15 - bit - 1, dark);
  }
  set(size - 8, 8, 1);
}

/** Whether mask `mask` darkens the module at (row, column): the standard's eight conditions. */
function maskDarkens(mask: number, row: number, column: number): boolean {
  switch (mask) {
    case 0:
      return (row + column) % 2 === 0;
    case 1:
      return row % 2 === 0;
    case 2:
      return column % 3 === 0;
    case 3:
      return (row + column) % 3 === 0;
    case 4:
      return (Math.floor(row / 2) + Math.floor(column / 3)) % 2 === 0;
    case 5:
      return ((row * column) % 2) + ((row * column) % 3) === 0;
    case 6:
      return (((row * column) % 2) + ((row * column) % 3)) % 2 === 0;
    default:
      return (((row * column) % 3) + ((row + column) % 2)) % 2 === 0;
  }
}

/** The 15 format bits of level M (indicator 00) and `mask`: BCH(15, 5) code, XOR 101010000010010. */
function formatBits(mask: number): number {
  const value = mask; // level M's two bits are 00
  let remainder = value << 10;
  for (let bit = 14; bit >= 10; bit--) if ((remainder >> bit) & 1) remainder ^= 0b10100110111 << (bit - 10);
  return ((value << 10) | remainder) ^ 0b101010000010010;
}

/** The set bits of a 32-bit word. */
function bitCount(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** A word whose lowest `count` bits are set (0 to 32). */
function lowBits(count: number): number {
  return count >= 32 ? -1 : count <= 0 ? 0 : (1 << count) - 1;
}

/**
 * The mask penalty as the `qrcode` encoder scores it: runs of five or more same-coloured modules
 * in a row or column (3 + the excess), 2 x 2 blocks of one colour (3 each), 1:1:3:1:1 finder-like
 * patterns beside four light modules (40 each, in windows that start inside the symbol), and the
 * dark share's distance from half (10 per 5%).
 */
function penalty(rows: Int32Array, columns: Int32Array, size: number): number {
  const words = Math.ceil(size / 32);
  const line = new Int32Array(size);
  const alike = new Int32Array(size);
  let score = 0;
  let blocks = 0;
  for (let word = 0; word < words; word++) {
    const valid = lowBits(size - 32 * word);
    // The rows' runs and patterns, 32 rows at a time, from the packed columns; the columns' from the packed rows.
    for (const packed of [columns, rows]) {
      for (let index = 0; index < size; index++) line[index] = packed[index * words + word]!;
      score += alongLines(line, alike, size, valid);
    }
    // 2 x 2 blocks, from the packed columns: bit r of `below` is the module of row r + 1.
    const blockRows = lowBits(size - 1 - 32 * word);
    let here = columns[word]!;
    let hereBelow = (here >>> 1) | ((word + 1 < words ? columns[word + 1]! : 0) << 31);
    for (let column = 1; column < size; column++) {
      const next = columns[column * words + word]!;
      const nextBelow = (next >>> 1) | ((word + 1 < words ? columns[column * words + word + 1]! : 0) << 31);
      blocks += bitCount(~(here ^ next) & ~(hereBelow ^ nextBelow) & ~(here ^ hereBelow) & blockRows);
      here = next;
      hereBelow = nextBelow;
    }
  }
  let dark = 0;
  for (const word of rows) dark += bitCount(word);
  const share = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
  return score + 3 * blocks + 10 * share;
}

/**
 * Runs and finder-like patterns along `line` (each word holds 32 lines across, scored together;
 * `alike` is scratch room): a run of n >= 5 earns n - 2, the windows of five alike it holds plus 2
 * at its start; a window of 11 that is 1:1:3:1:1 after or before four light modules, oldest module
 * first 10111010000 (the encoder's 0x5D0) or 00001011101 (0x05D), earns 40.
 */
function alongLines(line: Int32Array, alike: Int32Array, size: number, valid: number): number {
  let score = 0;
  for (let index = 0; index + 1 < size; index++) alike[index] = ~(line[index]! ^ line[index + 1]!) & valid;
  let before = 0;
  for (let index = 0; index + 4 < size; index++) {
    const five = alike[index]! & alike[index + 1]! & alike[index + 2]! & alike[index + 3]!;
    score += bitCount(five) + 2 * bitCount(five & ~before);
    before = alike[index]!;
  }
  for (let end = 10; end < size; end++) {
    const at = end - 10;
    const core = line[at + 4]! & ~line[at + 5]! & line[at + 6]!;
    const lightAfter = line[at]! & ~line[at + 1]! & line[at + 2]! & line[at + 3]! & core & ~(line[at + 7]! | line[at + 8]! | line[at + 9]! | line[at + 10]!);
    const lightBefore = ~(line[at]! | line[at + 1]! | line[at + 2]! | line[at + 3]!) & core & line[at + 7]! & line[at + 8]! & ~line[at + 9]! & line[at + 10]!;
    score += 40 * (bitCount(lightAfter & valid) + bitCount(lightBefore & valid));
  }
  return score;
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
