import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontFiles } from './pdf/fonts.js';

/** DejaVu Sans, regular and bold, read from the `dejavu-fonts-ttf` package (Node only). */
export async function loadDejaVuFonts(): Promise<FontFiles> {
  const require = createRequire(import.meta.url);
  const folder = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const [regular, bold] = await Promise.all([readFile(join(folder, 'DejaVuSans.ttf')), readFile(join(folder, 'DejaVuSans-Bold.ttf'))]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}
