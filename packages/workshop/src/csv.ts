/** One row of a CSV file and the line it starts on (1-based). */
export interface CsvRow {
  cells: string[];
  line: number;
}

/** The delimiter of a CSV file from its first line: comma, semicolon (spreadsheets in Indonesian) or tab, whichever occurs most outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/**
 * Rows of CSV text as RFC 4180 writes them: fields in double quotes may hold the delimiter, line
 * breaks and doubled quotes; CR LF, LF or CR end a row; a byte-order mark is dropped. A quote
 * inside an unquoted field is kept as written, and an unterminated quoted field runs to the end.
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): CsvRow[] {
  const source = text.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let fieldStart = true;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
    cells = [];
    cell = '';
    fieldStart = true;
  };
  for (let index = 0; index < source.length; index++) {
    const char = source[index] ?? '';
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          cell += '"';
          index++;
        } else quoted = false;
      } else {
        if (char === '\n' || (char === '\r' && source[index + 1] !== '\n')) line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      fieldStart = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[index + 1] === '\n') index++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += char;
      fieldStart = false;
    }
  }
  if (cell !== '' || cells.length > 0 || quoted) endRow();
  return rows;
}

/** A CSV field as written: quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
