import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseCsv, type CsvRow } from './csv.js';
import { problem, WorkshopError, type WorkshopProblem } from './errors.js';
import type { Locale } from './messages/index.js';
import { maxLengths } from './schema.js';

/**
 * One person on the list of those who attended, as collected at the door: a name, an e-mail
 * address or both; a walk-in participant (not invited) also with a position and institution.
 */
export interface AttendedEntry {
  name?: string;
  email?: string;
  position?: string;
  institution?: string;
  /** The line of the file it came from (1-based). */
  line?: number;
}

/** Options of {@link parseAttended}. */
export interface AttendedOptions {
  /** `csv` or `yaml`; by default YAML when the text starts as a YAML list (`- `), else CSV. */
  format?: 'csv' | 'yaml';
  /** Language of the problem messages (default `id`). */
  locale?: Locale;
}

const emailPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/;

/** Header words of each column, in English and Indonesian. */
const headerWords: Record<'name' | 'email' | 'position' | 'institution', readonly string[]> = {
  name: ['name', 'nama', 'nama lengkap', 'full name'],
  email: ['email', 'e-mail', 'surel', 'alamat email', 'email address'],
  position: ['position', 'jabatan'],
  institution: ['institution', 'instansi', 'organisation', 'organization', 'lembaga', 'unit kerja'],
};

/**
 * Reads the list of those who attended (`--attended <file>`): CSV or YAML of names or e-mail
 * addresses, as collected at the door.
 *
 * CSV with a header row (`name`/`nama`, `email`/`surel`, `position`/`jabatan`,
 * `institution`/`instansi`; comma, semicolon or tab) is read by column. Without a header, each
 * line is one person: the cell that is an e-mail address is the e-mail, and the rest of the line
 * the name (so an unquoted `Budi Santoso, S.H.` stays one name). YAML is a list whose items are a
 * name or an e-mail address, or `{ name, email, position, institution }`.
 * @throws {WorkshopError} `attended`, with every problem, its entry and its line.
 * @example parseAttended('nama;instansi\nSiti Aminah;Inspektorat Kota Metro\n')
 */
export function parseAttended(source: string, options: AttendedOptions = {}): AttendedEntry[] {
  const locale = options.locale ?? 'id';
  const text = source.replace(/^\uFEFF/, '');
  const format = options.format ?? (/^\s*(#.*\n\s*)*-(\s|$)/.test(text) || /^\s*\[/.test(text) ? 'yaml' : 'csv');
  const problems: WorkshopProblem[] = [];
  const entries = format === 'yaml' ? fromYaml(text, locale, problems) : fromCsv(text);
  entries.forEach((entry, index) => checkEntry(entry, index, locale, problems));
  if (problems.length > 0) throw new WorkshopError('attended', problems);
  return entries;
}

function fromCsv(text: string): AttendedEntry[] {
  const rows = parseCsv(text).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const first = rows[0];
  if (!first) return [];
  const columns = headerColumns(first);
  if (columns) {
    return rows.slice(1).map((row) => {
      const entry: AttendedEntry = { line: row.line };
      for (const [key, index] of Object.entries(columns) as [keyof typeof headerWords, number][]) {
        const value = row.cells[index]?.trim();
        if (value) entry[key] = value;
      }
      return entry;
    });
  }
  return rows.map((row) => {
    const cells = row.cells.map((cell) => cell.trim());
    const email = cells.find((cell) => emailPattern.test(cell));
    // Without a header the line is a name (commas and all) or an e-mail, or both.
    const rest = cells.filter((cell) => cell !== email && cell !== '');
    const name = email === undefined ? rawLine(row) : rest.join(', ');
    const entry: AttendedEntry = { line: row.line };
    if (name) entry.name = name;
    if (email) entry.email = email;
    return entry;
  });
}

/** The row as written, its cells joined back with a comma and a space where the file had a bare comma. */
function rawLine(row: CsvRow): string {
  return row.cells
    .map((cell) => cell.trim())
    .filter(Boolean)
    .join(', ');
}

function headerColumns(row: CsvRow): Partial<Record<keyof typeof headerWords, number>> | undefined {
  const columns: Partial<Record<keyof typeof headerWords, number>> = {};
  row.cells.forEach((cell, index) => {
    const word = cell.trim().toLowerCase();
    for (const [key, words] of Object.entries(headerWords) as [keyof typeof headerWords, readonly string[]][]) {
      if (words.includes(word) && columns[key] === undefined) columns[key] = index;
    }
  });
  return columns.name !== undefined || columns.email !== undefined ? columns : undefined;
}

function fromYaml(text: string, locale: Locale, problems: WorkshopProblem[]): AttendedEntry[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  if (document.errors.length > 0) {
    for (const error of document.errors)
      problems.push(problem(locale, 'error.attendedSyntax', 'syntax', [], error.message.split('\n')[0] ?? '', lineCounter.linePos(error.pos[0]).line));
    return [];
  }
  const contents = document.contents;
  if (contents === null) return [];
  if (!isSeq(contents)) {
    problems.push(problem(locale, 'error.attendedList', 'invalid_type', [], '', lineOf(contents)));
    return [];
  }
  // Aliases are not expanded: every item is read from its own node.
  return contents.items.map((item: unknown, index) => {
    const line = lineOf(item);
    const entry: AttendedEntry = line === undefined ? {} : { line };
    if (isScalar(item)) {
      const value = String(item.value ?? '').trim();
      if (emailPattern.test(value)) entry.email = value;
      else if (value) entry.name = value;
      return entry;
    }
    if (isMap(item)) {
      for (const pair of item.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = isScalar(pair.value as Node) ? String((pair.value as { value: unknown }).value ?? '').trim() : undefined;
        if (key !== 'name' && key !== 'email' && key !== 'position' && key !== 'institution') {
          problems.push(problem(locale, 'error.unrecognized_keys', 'unrecognized_keys', ['attended', index], key, lineOf(pair.key) ?? line));
        } else if (value === undefined) {
          problems.push(problem(locale, 'error.invalid_type', 'invalid_type', ['attended', index, key], '', lineOf(pair.value) ?? line));
        } else if (value !== '' && value !== '~' && value !== 'null') {
          entry[key] = value;
        }
      }
      return entry;
    }
    problems.push(problem(locale, 'error.invalid_type', 'invalid_type', ['attended', index], '', line));
    return entry;
  });
}

function checkEntry(entry: AttendedEntry, index: number, locale: Locale, problems: WorkshopProblem[]): void {
  const at = (key?: string) => (key ? ['attended', index, key] : ['attended', index]);
  if (entry.name === undefined && entry.email === undefined) {
    problems.push(problem(locale, 'error.attendedEmpty', 'required', at(), '', entry.line));
    return;
  }
  if (entry.email !== undefined && !emailPattern.test(entry.email)) problems.push(problem(locale, 'error.invalid_format', 'invalid_format', at('email'), '', entry.line));
  for (const key of ['name', 'position', 'institution'] as const) {
    const value = entry[key];
    const max = key === 'name' ? maxLengths.name : key === 'position' ? maxLengths.position : maxLengths.institution;
    if (value !== undefined && [...value].length > max) problems.push(problem(locale, 'error.tooLong', 'too_big', at(key), String(max), entry.line));
  }
}
