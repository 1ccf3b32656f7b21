import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDejaVuFonts } from '../node.js';
import type { FontFiles } from '../pdf/fonts.js';

let fonts: Promise<FontFiles> | undefined;
/** DejaVu Sans, loaded once per test file. */
export function testFonts(): Promise<FontFiles> {
  fonts ??= loadDejaVuFonts();
  return fonts;
}

/** The Lampung example's text. */
export function lampungYaml(): string {
  return readFileSync(new URL('../../../../examples/lampung-2021/workshop.yaml', import.meta.url), 'utf8');
}

/** The files the Lampung example names by path (its placeholder emblem), as the CLI reads them. */
export function lampungAssets(): Record<string, Uint8Array> {
  return { 'emblem-placeholder.svg': new Uint8Array(readFileSync(new URL('../../../../examples/lampung-2021/emblem-placeholder.svg', import.meta.url))) };
}

/** The text of every page of a PDF, as poppler's pdftotext reads it from the saved bytes. */
export function pdfPages(bytes: Uint8Array, raw = false): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nh-workshop-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : ['-layout']), file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f');
    if (pages[pages.length - 1]?.trim() === '') pages.pop();
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text compared as a reader sees it: NFC, with every run of whitespace (wrapped lines) removed. */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '').normalize('NFC');
}

/** Word boxes from poppler (`pdftotext -bbox`), in points from the top-left of each page. */
export function wordBoxes(bytes: Uint8Array): { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'nh-bbox-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    const html = execFileSync('pdftotext', ['-bbox', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
    const out: ReturnType<typeof wordBoxes> = [];
    html.split('<page').slice(1).forEach((page, index) => {
      for (const match of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g))
        out.push({ page: index, xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: decodeEntities(match[5]!) });
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_whole, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '');
}

/** Decodes the QR codes on page `page` (1-based) of a PDF with zbarimg, after rendering it with pdftoppm at `dpi`. */
export function decodeQrCodes(bytes: Uint8Array, page: number, dpi = 300): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nh-qr-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')]);
    const result = spawnSync('zbarimg', ['--quiet', '--raw', '-Sqrcode.enable', join(dir, 'page.png')], { encoding: 'utf8' });
    // zbarimg exits 4 when it finds no code.
    if (result.status !== 0 && result.status !== 4) throw new Error(`zbarimg failed (${result.status}): ${result.stderr}`);
    return result.stdout.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
