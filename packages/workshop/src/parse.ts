import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import { problem, WorkshopError, type WorkshopProblem } from './errors.js';
import { message, type Locale, type MessageKey } from './messages/index.js';
import { workshopSchema, type Workshop } from './schema.js';

/** Options of {@link parseWorkshop}. */
export interface ParseOptions {
  /** `yaml` or `json`; by default JSON when the text starts with `{`, else YAML. */
  format?: 'yaml' | 'json';
  /** Language of the problem messages (default `id`). */
  locale?: Locale;
}

/**
 * Reads a workshop file (YAML or JSON) and validates it.
 * YAML is read with the failsafe schema: every scalar stays text, so an 18-digit NIP or a phone
 * number starting with 0 arrives exactly as written; numbers that are meant as numbers
 * (`event.sequence`) are converted by the schema.
 * @throws {WorkshopError} with every problem, each naming its field path and YAML line.
 */
export function parseWorkshop(source: string, options: ParseOptions = {}): Workshop {
  const locale = options.locale ?? 'id';
  const format = options.format ?? (source.trimStart().startsWith('{') ? 'json' : 'yaml');
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw syntaxError(locale, error instanceof Error ? error.message : String(error));
    }
    return validateWorkshop(value, { locale });
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const line = lineCounter.linePos(error.pos[0]).line;
      return problem(locale, 'error.syntax', 'syntax', [], error.message.split('\n')[0] ?? '', line);
    });
    throw new WorkshopError('syntax', problems);
  }
  const value = document.toJS({ maxAliasCount: 100 }) as unknown;
  return validateWorkshop(value, {
    locale,
    lineOf: (path) => lineOf(document, lineCounter, path),
  });
}

/** Validates an already-parsed workshop value (e.g. an object built in code). */
export function validateWorkshop(
  value: unknown,
  options: { locale?: Locale; lineOf?: (path: readonly PropertyKey[]) => number | undefined } = {},
): Workshop {
  const locale = options.locale ?? 'id';
  const result = workshopSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(locale, issue, options.lineOf?.(issue.path)));
  throw new WorkshopError('invalid', problems);
}

function syntaxError(locale: Locale, detail: string): WorkshopError {
  return new WorkshopError('syntax', [problem(locale, 'error.syntax', 'syntax', [], detail)]);
}

function describeIssue(locale: Locale, issue: z.core.$ZodIssue, line: number | undefined): WorkshopProblem {
  const detail = issue.message.startsWith('detail.') ? message(locale, issue.message as MessageKey) : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '')
        return problem(locale, 'error.required', 'required', issue.path, '', line);
      return problem(locale, 'error.invalid_type', 'invalid_type', issue.path, detail || typeDetail(locale, issue.expected), line);
    case 'too_small':
      return problem(locale, 'error.too_small', 'too_small', issue.path, detail, line);
    case 'invalid_value':
      return problem(locale, 'error.invalid_value', 'invalid_value', issue.path, issue.values.map(String).join(', '), line);
    case 'unrecognized_keys':
      return problem(locale, 'error.unrecognized_keys', 'unrecognized_keys', issue.path, issue.keys.join(', '), line);
    case 'invalid_format':
      return problem(locale, 'error.invalid_format', 'invalid_format', issue.path, detail || issue.format, line);
    default:
      // A refinement: a format (time zone, date) or a rule between fields (venue or online).
      if (issue.message === 'detail.venueOrOnline' || issue.message === 'detail.endBeforeStart' || !detail)
        return problem(locale, 'error.custom', issue.code, issue.path, detail || issue.message, line);
      return problem(locale, 'error.invalid_format', 'invalid_format', issue.path, detail, line);
  }
}

function typeDetail(locale: Locale, expected: string): string {
  if (expected === 'array') return message(locale, 'detail.list');
  if (expected === 'object') return message(locale, 'detail.object');
  if (expected === 'number' || expected === 'int') return message(locale, 'detail.integer');
  return message(locale, 'detail.text');
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
function lineOf(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value ?? item.key) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      if (isMap(node) || isSeq(node)) offset = rangeStart(pair.key) ?? offset;
      else offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
