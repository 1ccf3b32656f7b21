import { execFileSync } from 'node:child_process';
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
