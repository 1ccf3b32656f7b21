import QRCode from 'qrcode';

/**
 * A QR code of `text` as PDF operators: black squares on the page (whose white is the light
 * modules), each row's runs of dark modules one rectangle, in a square of `size` points whose
 * lower left corner is (x, y). The square includes the quiet zone of 4 modules the standard asks
 * for, so nothing else may be drawn inside it. Error correction level M (15%).
 */
export function qrOperators(text: string, x: number, y: number, size: number): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const unit = size / (count + 8);
  const parts: string[] = [`q\n0 0 0 rg\n${round(unit)} 0 0 ${round(unit)} ${round(x + 4 * unit)} ${round(y + 4 * unit)} cm`];
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column++;
      // Module rows count down from the top; the PDF's y counts up.
      parts.push(`${start} ${count - 1 - row} ${column - start} 1 re`);
    }
  }
  parts.push('f\nQ\n');
  return parts.join('\n');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
