import { XMLParser } from 'fast-xml-parser';

// SVG emblems drawn as PDF vectors. An emblem is a few filled and stroked shapes; this reads
// the part of SVG such files use: <svg> with viewBox, <g>, <path>, <rect>, <circle>, <ellipse>,
// <line>, <polyline>, <polygon>; fill, stroke, stroke-width, fill-rule, line caps and joins,
// transform; presentation attributes, style="" and simple rules of a <style> element (by
// element name, .class or #id); a gradient is painted in its first stop's colour. Text,
// embedded images, clip paths, masks, patterns and opacity are not drawn. The result is a PDF
// content stream in the SVG's own coordinates (y down); the caller maps the viewBox onto the page.

/** An SVG read into PDF operators. */
export interface SvgGraphic {
  /** The viewBox: x, y, width, height. */
  viewBox: readonly [number, number, number, number];
  /** PDF content-stream operators in viewBox coordinates (y pointing down). */
  content: string;
}

/** Why an SVG cannot be drawn. */
export class SvgError extends Error {
  override readonly name = 'SvgError';
}

type Rgb = readonly [number, number, number];

interface Paint {
  fill: Rgb | null;
  stroke: Rgb | null;
  strokeWidth: number;
  fillRule: 'nonzero' | 'evenodd';
  lineCap: number;
  lineJoin: number;
  miterLimit: number;
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const initialPaint: Paint = { fill: [0, 0, 0], stroke: null, strokeWidth: 1, fillRule: 'nonzero', lineCap: 0, lineJoin: 0, miterLimit: 4 };

/** At most this many elements are drawn: an emblem has dozens or hundreds, not millions. */
const maxElements = 20_000;

/**
 * Reads an SVG file into PDF operators.
 * @throws {SvgError} when the bytes are not an SVG document with a size.
 */
export function readSvg(source: string): SvgGraphic {
  let tree: unknown;
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      parseTagValue: false,
      trimValues: false,
      processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 1000 },
    } as ConstructorParameters<typeof XMLParser>[0]);
    tree = parser.parse(source);
  } catch (error) {
    throw new SvgError(`not well-formed XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const root = toNodes(tree).find((node) => localName(node.name) === 'svg');
  if (!root) throw new SvgError('no <svg> element');
  const viewBox = viewBoxOf(root);
  const reader = new SvgReader(root);
  const content = reader.element(root, initialPaint, true);
  return { viewBox, content };
}

function toNodes(value: unknown): XmlNode[] {
  if (!Array.isArray(value)) return [];
  const nodes: XmlNode[] = [];
  for (const entry of value as Record<string, unknown>[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (name === undefined || name === '#text' || name.startsWith('?') || name === '#comment') continue;
    const attributes: Record<string, string> = {};
    const raw = entry[':@'];
    if (raw && typeof raw === 'object') for (const [key, item] of Object.entries(raw)) attributes[key] = String(item);
    const inner = entry[name];
    const text = Array.isArray(inner)
      ? (inner as Record<string, unknown>[])
          .map((part) => (typeof part === 'object' && part !== null && '#text' in part ? String(part['#text']) : ''))
          .join('')
      : '';
    nodes.push({ name, attributes, children: toNodes(inner), text });
  }
  return nodes;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function viewBoxOf(root: XmlNode): [number, number, number, number] {
  const numbers = (root.attributes['viewBox'] ?? '').trim().split(/[\s,]+/).map(Number);
  if (numbers.length === 4 && numbers.every(Number.isFinite) && (numbers[2] ?? 0) > 0 && (numbers[3] ?? 0) > 0) return numbers as [number, number, number, number];
  const width = length(root.attributes['width']);
  const height = length(root.attributes['height']);
  if (width !== undefined && height !== undefined && width > 0 && height > 0) return [0, 0, width, height];
  throw new SvgError('the <svg> element needs a viewBox, or a width and a height');
}

/** A length in user units (px, pt and the rest converted at 96 per inch); percentages are not lengths here. */
function length(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$/i.exec(value);
  if (!match) return undefined;
  const number = Number(match[1]);
  const unit = (match[2] ?? 'px').toLowerCase();
  const factor = { px: 1, pt: 96 / 72, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 }[unit] ?? 1;
  return number * factor;
}

interface StyleRule {
  selector: { element?: string; className?: string; id?: string };
  declarations: Record<string, string>;
}

class SvgReader {
  private readonly byId = new Map<string, XmlNode>();
  private readonly rules: StyleRule[] = [];
  private count = 0;

  constructor(root: XmlNode) {
    const visit = (node: XmlNode) => {
      const id = node.attributes['id'];
      if (id !== undefined && !this.byId.has(id)) this.byId.set(id, node);
      if (localName(node.name) === 'style') this.rules.push(...parseStyleSheet(node.text));
      node.children.forEach(visit);
    };
    visit(root);
  }

  /** The operators drawing `node` and its children with the paint inherited from `parent`. */
  element(node: XmlNode, parent: Paint, isRoot = false): string {
    if (++this.count > maxElements) return '';
    const name = localName(node.name);
    const declarations = this.declarationsOf(node, name);
    if (declarations['display'] === 'none' || declarations['visibility'] === 'hidden') return '';
    const paint = this.paintOf(declarations, parent);
    let body: string;
    switch (name) {
      case 'svg':
      case 'g':
      case 'a':
      case 'switch':
        body = node.children.map((child) => this.element(child, paint)).join('');
        break;
      case 'path':
      case 'rect':
      case 'circle':
      case 'ellipse':
      case 'line':
      case 'polyline':
      case 'polygon':
        body = shapeOperators(name, node.attributes, paint);
        break;
      default:
        // defs, clipPath, mask, text, image, symbol, use, style, title, metadata: not drawn.
        return '';
    }
    if (body === '') return '';
    const transform = isRoot ? undefined : parseTransform(node.attributes['transform'] ?? '');
    const cm = transform ? `${transform.map(format).join(' ')} cm\n` : '';
    return `q\n${cm}${body}Q\n`;
  }

  private declarationsOf(node: XmlNode, name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of ['fill', 'stroke', 'stroke-width', 'fill-rule', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'display', 'visibility', 'color']) {
      const value = node.attributes[key];
      if (value !== undefined) out[key] = value.trim();
    }
    const classes = (node.attributes['class'] ?? '').split(/\s+/).filter(Boolean);
    for (const rule of this.rules) {
      const { element, className, id } = rule.selector;
      if (element !== undefined && element !== name) continue;
      if (className !== undefined && !classes.includes(className)) continue;
      if (id !== undefined && node.attributes['id'] !== id) continue;
      Object.assign(out, rule.declarations);
    }
    Object.assign(out, parseDeclarations(node.attributes['style'] ?? ''));
    return out;
  }

  private paintOf(declarations: Record<string, string>, parent: Paint): Paint {
    const paint: Paint = { ...parent };
    const fill = declarations['fill'];
    if (fill !== undefined && fill !== 'inherit') paint.fill = this.color(fill, parent.fill);
    const stroke = declarations['stroke'];
    if (stroke !== undefined && stroke !== 'inherit') paint.stroke = this.color(stroke, parent.stroke);
    const width = length(declarations['stroke-width']);
    if (width !== undefined && width >= 0) paint.strokeWidth = width;
    const rule = declarations['fill-rule'];
    if (rule === 'evenodd' || rule === 'nonzero') paint.fillRule = rule;
    const cap = ['butt', 'round', 'square'].indexOf(declarations['stroke-linecap'] ?? '');
    if (cap !== -1) paint.lineCap = cap;
    const join = ['miter', 'round', 'bevel'].indexOf(declarations['stroke-linejoin'] ?? '');
    if (join !== -1) paint.lineJoin = join;
    const miter = Number(declarations['stroke-miterlimit']);
    if (Number.isFinite(miter) && miter >= 1) paint.miterLimit = miter;
    return paint;
  }

  /** A colour; a gradient (url(#id)) paints in its first stop's colour. */
  private color(value: string, inherited: Rgb | null, depth = 0): Rgb | null {
    const url = /^url\(\s*['"]?#([^'")\s]+)['"]?\s*\)\s*(.*)$/.exec(value);
    if (url) {
      const gradient = this.byId.get(url[1] ?? '');
      const stop = gradient ? this.firstStop(gradient, 0) : undefined;
      if (stop !== undefined) return stop;
      return url[2] ? this.color(url[2], inherited, depth + 1) : null;
    }
    return parseColor(value, inherited);
  }

  private firstStop(gradient: XmlNode, depth: number): Rgb | undefined {
    if (depth > 8) return undefined;
    const stop = gradient.children.find((child) => localName(child.name) === 'stop');
    if (stop) {
      const declarations = { ...stop.attributes, ...parseDeclarations(stop.attributes['style'] ?? '') };
      return parseColor(declarations['stop-color'] ?? 'black', [0, 0, 0]) ?? undefined;
    }
    const href = gradient.attributes['href'] ?? gradient.attributes['xlink:href'];
    const next = href?.startsWith('#') ? this.byId.get(href.slice(1)) : undefined;
    return next ? this.firstStop(next, depth + 1) : undefined;
  }
}

function parseStyleSheet(css: string): StyleRule[] {
  const rules: StyleRule[] = [];
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = parseDeclarations(match[2] ?? '');
    for (const raw of (match[1] ?? '').split(',')) {
      const selector = /^\s*([a-zA-Z][\w-]*)?(?:\.([\w-]+)|#([\w-]+))?\s*$/.exec(raw);
      if (!selector || (!selector[1] && !selector[2] && !selector[3])) continue;
      rules.push({
        selector: {
          ...(selector[1] ? { element: selector[1] } : {}),
          ...(selector[2] ? { className: selector[2] } : {}),
          ...(selector[3] ? { id: selector[3] } : {}),
        },
        declarations,
      });
    }
  }
  return rules;
}

function parseDeclarations(style: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    const key = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).replace(/!important/i, '').trim();
    if (key && value) out[key] = value;
  }
  return out;
}

const namedColors: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  maroon: [128, 0, 0],
  navy: [0, 0, 128],
  olive: [128, 128, 0],
  purple: [128, 0, 128],
  teal: [0, 128, 128],
  lime: [0, 255, 0],
  aqua: [0, 255, 255],
  cyan: [0, 255, 255],
  fuchsia: [255, 0, 255],
  magenta: [255, 0, 255],
  orange: [255, 165, 0],
  gold: [255, 215, 0],
  darkgreen: [0, 100, 0],
  darkblue: [0, 0, 139],
  darkred: [139, 0, 0],
  lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211],
  darkgray: [169, 169, 169],
  darkgrey: [169, 169, 169],
};

/** A CSS colour as 0-255 channels; `none` and `transparent` are null; an unknown colour keeps the inherited one. */
export function parseColor(value: string, inherited: Rgb | null): Rgb | null {
  const text = value.trim().toLowerCase();
  if (text === 'none' || text === 'transparent') return null;
  if (text === 'currentcolor') return inherited ?? [0, 0, 0];
  const named = namedColors[text];
  if (named) return named;
  const hex = /^#([0-9a-f]{3,8})$/.exec(text)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) return [0, 1, 2].map((index) => parseInt(`${hex[index]}${hex[index]}`, 16)) as unknown as Rgb;
  if (hex && (hex.length === 6 || hex.length === 8)) return [0, 2, 4].map((index) => parseInt(hex.slice(index, index + 2), 16)) as unknown as Rgb;
  const rgb = /^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)/.exec(text);
  if (rgb) {
    return [rgb[1], rgb[2], rgb[3]].map((channel = '0') => {
      const number = Number.parseFloat(channel);
      const scaled = channel.endsWith('%') ? (number * 255) / 100 : number;
      return Math.min(255, Math.max(0, Number.isFinite(scaled) ? scaled : 0));
    }) as unknown as Rgb;
  }
  return inherited;
}

type Matrix = [number, number, number, number, number, number];

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

/** The matrix of an SVG transform list, or undefined for none (or one that cannot be read). */
export function parseTransform(value: string): Matrix | undefined {
  let matrix: Matrix = [1, 0, 0, 1, 0, 0];
  let any = false;
  for (const match of value.matchAll(/(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g)) {
    const args = (match[2] ?? '').trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (args.some((arg) => !Number.isFinite(arg))) return undefined;
    const [a = 0, b, c, d, e, f] = args;
    let step: Matrix;
    switch (match[1]) {
      case 'matrix':
        if (args.length !== 6) return undefined;
        step = [a, b ?? 0, c ?? 0, d ?? 0, e ?? 0, f ?? 0];
        break;
      case 'translate':
        step = [1, 0, 0, 1, a, b ?? 0];
        break;
      case 'scale':
        step = [a, 0, 0, b ?? a, 0, 0];
        break;
      case 'rotate': {
        const angle = (a * Math.PI) / 180;
        const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
        step = [cos, sin, -sin, cos, 0, 0];
        if (b !== undefined && c !== undefined) step = multiply(multiply([1, 0, 0, 1, b, c], step), [1, 0, 0, 1, -b, -c]);
        break;
      }
      case 'skewX':
        step = [1, 0, Math.tan((a * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        step = [1, Math.tan((a * Math.PI) / 180), 0, 1, 0, 0];
    }
    matrix = multiply(matrix, step);
    any = true;
  }
  return any ? matrix : undefined;
}

/** A number as PDF writes it: at most 3 decimals, no exponent, no trailing zeros. */
function format(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function paintOperator(paint: Paint, closedFill: boolean): string {
  const fill = closedFill && paint.fill !== null;
  const stroke = paint.stroke !== null && paint.strokeWidth > 0;
  if (fill && stroke) return paint.fillRule === 'evenodd' ? 'B*' : 'B';
  if (fill) return paint.fillRule === 'evenodd' ? 'f*' : 'f';
  if (stroke) return 'S';
  return 'n';
}

function shapeOperators(name: string, attributes: Record<string, string>, paint: Paint): string {
  const number = (key: string, fallback = 0) => length(attributes[key]) ?? fallback;
  let path = '';
  switch (name) {
    case 'path':
      path = pathOperators(attributes['d'] ?? '');
      break;
    case 'rect': {
      const [x, y, width, height] = [number('x'), number('y'), number('width'), number('height')];
      if (width <= 0 || height <= 0) return '';
      let rx = length(attributes['rx']);
      let ry = length(attributes['ry']);
      rx ??= ry;
      ry ??= rx;
      if (!rx || !ry) path = `${[x, y, width, height].map(format).join(' ')} re\n`;
      else path = roundedRect(x, y, width, height, Math.min(rx, width / 2), Math.min(ry, height / 2));
      break;
    }
    case 'circle':
    case 'ellipse': {
      const rx = name === 'circle' ? number('r') : number('rx');
      const ry = name === 'circle' ? number('r') : number('ry');
      if (rx <= 0 || ry <= 0) return '';
      path = ellipse(number('cx'), number('cy'), rx, ry);
      break;
    }
    case 'line':
      path = `${format(number('x1'))} ${format(number('y1'))} m\n${format(number('x2'))} ${format(number('y2'))} l\n`;
      break;
    default: {
      const points = (attributes['points'] ?? '').trim().split(/[\s,]+/).map(Number);
      const pairs: string[] = [];
      for (let index = 0; index + 1 < points.length; index += 2) {
        const [x, y] = [points[index] ?? NaN, points[index + 1] ?? NaN];
        if (!Number.isFinite(x) || !Number.isFinite(y)) break;
        pairs.push(`${format(x)} ${format(y)} ${pairs.length === 0 ? 'm' : 'l'}\n`);
      }
      if (pairs.length < 2) return '';
      path = pairs.join('') + (name === 'polygon' ? 'h\n' : '');
    }
  }
  if (path === '') return '';
  const operator = paintOperator(paint, name !== 'line');
  if (operator === 'n') return '';
  const state: string[] = [];
  if (paint.fill && operator !== 'S') state.push(`${paint.fill.map((channel) => format(channel / 255)).join(' ')} rg`);
  if (paint.stroke && operator !== 'f' && operator !== 'f*') {
    state.push(`${paint.stroke.map((channel) => format(channel / 255)).join(' ')} RG`, `${format(paint.strokeWidth)} w`);
    if (paint.lineCap) state.push(`${paint.lineCap} J`);
    if (paint.lineJoin) state.push(`${paint.lineJoin} j`);
    if (paint.miterLimit !== 4) state.push(`${format(paint.miterLimit)} M`);
  }
  return `${state.join('\n')}\n${path}${operator}\n`;
}

const kappa = 0.5522847498;

function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  const [ox, oy] = [rx * kappa, ry * kappa];
  const p = (...values: number[]) => values.map(format).join(' ');
  return (
    `${p(cx + rx, cy)} m\n` +
    `${p(cx + rx, cy + oy, cx + ox, cy + ry, cx, cy + ry)} c\n` +
    `${p(cx - ox, cy + ry, cx - rx, cy + oy, cx - rx, cy)} c\n` +
    `${p(cx - rx, cy - oy, cx - ox, cy - ry, cx, cy - ry)} c\n` +
    `${p(cx + ox, cy - ry, cx + rx, cy - oy, cx + rx, cy)} c\nh\n`
  );
}

function roundedRect(x: number, y: number, width: number, height: number, rx: number, ry: number): string {
  const [ox, oy] = [rx * kappa, ry * kappa];
  const p = (...values: number[]) => values.map(format).join(' ');
  const [right, bottom] = [x + width, y + height];
  return (
    `${p(x + rx, y)} m\n${p(right - rx, y)} l\n${p(right - rx + ox, y, right, y + ry - oy, right, y + ry)} c\n` +
    `${p(right, bottom - ry)} l\n${p(right, bottom - ry + oy, right - rx + ox, bottom, right - rx, bottom)} c\n` +
    `${p(x + rx, bottom)} l\n${p(x + rx - ox, bottom, x, bottom - ry + oy, x, bottom - ry)} c\n` +
    `${p(x, y + ry)} l\n${p(x, y + ry - oy, x + rx - ox, y, x + rx, y)} c\nh\n`
  );
}

const argumentCounts: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

/**
 * The PDF path operators of SVG path data. Data that goes wrong part way is drawn up to the
 * error, as SVG renderers do.
 */
export function pathOperators(data: string): string {
  const tokens = data.match(/[MmLlHhVvCcSsQqTtAaZz]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g) ?? [];
  const out: string[] = [];
  const p = (...values: number[]) => values.map(format).join(' ');
  let [x, y, startX, startY] = [0, 0, 0, 0];
  // The last control point, for S and T (which reflect it).
  let [lastCubicX, lastCubicY, lastQuadX, lastQuadY] = [NaN, NaN, NaN, NaN];
  let command = '';
  let index = 0;
  let started = false;
  while (index < tokens.length) {
    const token = tokens[index] ?? '';
    if (/^[a-zA-Z]$/.test(token)) {
      command = token;
      index++;
      if (command === 'z' || command === 'Z') {
        if (started) out.push('h');
        [x, y] = [startX, startY];
        [lastCubicX, lastQuadX] = [NaN, NaN];
        continue;
      }
    } else if (command === '' || command === 'z' || command === 'Z') {
      break;
    }
    const lower = command.toLowerCase();
    const count = argumentCounts[lower] ?? 0;
    const args: number[] = [];
    for (let k = 0; k < count; k++) {
      const value = tokens[index + k];
      if (value === undefined || /^[a-zA-Z]$/.test(value)) return out.length ? `${out.join('\n')}\n` : '';
      args.push(Number(value));
    }
    if (!args.every(Number.isFinite)) break;
    index += count;
    const relative = command !== command.toUpperCase();
    const [ox, oy] = relative ? [x, y] : [0, 0];
    if (!started && lower !== 'm') {
      out.push(`${p(x, y)} m`);
      started = true;
    }
    const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0] = args;
    let cubic: [number, number] | undefined;
    let quad: [number, number] | undefined;
    switch (lower) {
      case 'm':
        [x, y] = [ox + a0, oy + a1];
        [startX, startY] = [x, y];
        out.push(`${p(x, y)} m`);
        started = true;
        // Further pairs after a moveto are linetos.
        command = relative ? 'l' : 'L';
        break;
      case 'l':
        [x, y] = [ox + a0, oy + a1];
        out.push(`${p(x, y)} l`);
        break;
      case 'h':
        x = ox + a0;
        out.push(`${p(x, y)} l`);
        break;
      case 'v':
        y = oy + a0;
        out.push(`${p(x, y)} l`);
        break;
      case 'c':
        out.push(`${p(ox + a0, oy + a1, ox + a2, oy + a3, ox + a4, oy + a5)} c`);
        cubic = [ox + a2, oy + a3];
        [x, y] = [ox + a4, oy + a5];
        break;
      case 's': {
        const [c1x, c1y] = Number.isNaN(lastCubicX) ? [x, y] : [2 * x - lastCubicX, 2 * y - lastCubicY];
        out.push(`${p(c1x, c1y, ox + a0, oy + a1, ox + a2, oy + a3)} c`);
        cubic = [ox + a0, oy + a1];
        [x, y] = [ox + a2, oy + a3];
        break;
      }
      case 'q':
      case 't': {
        const [qx, qy] =
          lower === 'q' ? [ox + a0, oy + a1] : Number.isNaN(lastQuadX) ? [x, y] : [2 * x - lastQuadX, 2 * y - lastQuadY];
        const [ex, ey] = lower === 'q' ? [ox + a2, oy + a3] : [ox + a0, oy + a1];
        out.push(`${p(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey), ex, ey)} c`);
        quad = [qx, qy];
        [x, y] = [ex, ey];
        break;
      }
      case 'a': {
        const [ex, ey] = [ox + a5, oy + a6];
        for (const curve of arcToCubics(x, y, a0, a1, a2, a3 !== 0, a4 !== 0, ex, ey)) out.push(`${p(...curve)} c`);
        [x, y] = [ex, ey];
        break;
      }
    }
    [lastCubicX, lastCubicY] = cubic ?? [NaN, NaN];
    [lastQuadX, lastQuadY] = quad ?? [NaN, NaN];
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** An elliptical arc (SVG endpoint form) as cubic Béziers, each of at most a quarter turn. */
function arcToCubics(x1: number, y1: number, rxIn: number, ryIn: number, angle: number, large: boolean, sweep: boolean, x2: number, y2: number): [number, number, number, number, number, number][] {
  let [rx, ry] = [Math.abs(rxIn), Math.abs(ryIn)];
  if (rx === 0 || ry === 0 || (x1 === x2 && y1 === y2)) return x1 === x2 && y1 === y2 ? [] : [[x1, y1, x2, y2, x2, y2]];
  const phi = (angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const numerator = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const denominator = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let factor = Math.sqrt(Math.max(0, numerator / denominator));
  if (large === sweep) factor = -factor;
  const cxp = (factor * rx * y1p) / ry;
  const cyp = (-factor * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angleOf = (ux: number, uy: number, vx: number, vy: number) => {
    const sign = ux * vy - uy * vx < 0 ? -1 : 1;
    const dot = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
    return sign * Math.acos(Math.min(1, Math.max(-1, dot)));
  };
  const theta1 = angleOf(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let delta = angleOf((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const segments = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / segments;
  const t = (4 / 3) * Math.tan(step / 4);
  const point = (theta: number): [number, number] => [cx + rx * Math.cos(theta) * cos - ry * Math.sin(theta) * sin, cy + rx * Math.cos(theta) * sin + ry * Math.sin(theta) * cos];
  const derivative = (theta: number): [number, number] => [-rx * Math.sin(theta) * cos - ry * Math.cos(theta) * sin, -rx * Math.sin(theta) * sin + ry * Math.cos(theta) * cos];
  const curves: [number, number, number, number, number, number][] = [];
  for (let segment = 0; segment < segments; segment++) {
    const a = theta1 + segment * step;
    const b = a + step;
    const [p0, p3, d0, d3] = [point(a), point(b), derivative(a), derivative(b)];
    curves.push([p0[0] + t * d0[0], p0[1] + t * d0[1], p3[0] - t * d3[0], p3[1] - t * d3[1], p3[0], p3[1]]);
  }
  return curves;
}
