import { isMap, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
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
 * (`event.sequence`) are converted by the schema. A plain `~`, `null` or nothing after the
 * colon means the key is absent, as does `null` in JSON.
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
    return validateWorkshop(withoutNullKeys(value), { locale });
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const line = lineCounter.linePos(error.pos[0]).line;
      const key = yamlErrorKeys[error.code];
      const detail = key ? message(locale, key) : (error.message.split('\n')[0] ?? '');
      return problem(locale, 'error.syntax', 'syntax', [], detail, line);
    });
    throw new WorkshopError('syntax', problems);
  }
  // The failsafe schema reads `~`, `null` and an empty value as text; they mean "absent".
  visit(document, {
    Scalar(key, node) {
      if (key !== 'key' && node.type === 'PLAIN' && typeof node.value === 'string' && /^(~|null|Null|NULL|)$/.test(node.value)) node.value = null;
    },
  });
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    // An alias bomb (aliases of aliases, growing exponentially) is refused by `yaml` here.
    if (error instanceof ReferenceError) throw syntaxError(locale, message(locale, 'syntax.aliases'));
    throw error;
  }
  return validateWorkshop(withoutNullKeys(value), {
    locale,
    lineOf: (path) => lineOf(document, lineCounter, path),
  });
}

/** Localized texts for the YAML errors an organizer is likely to make (others keep yaml's English). */
const yamlErrorKeys: Partial<Record<string, MessageKey>> = {
  DUPLICATE_KEY: 'syntax.duplicateKey',
  BAD_INDENT: 'syntax.indent',
  TAB_AS_INDENT: 'syntax.tab',
  MISSING_CHAR: 'syntax.missingChar',
  UNEXPECTED_TOKEN: 'syntax.unexpected',
  BLOCK_AS_IMPLICIT_KEY: 'syntax.nestedMapping',
  MULTILINE_IMPLICIT_KEY: 'syntax.multilineKey',
  MULTIPLE_DOCS: 'syntax.multipleDocs',
};

/** A copy of `value` without keys whose value is `null` (an item of a list stays, and is reported). */
function withoutNullKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNullKeys(item);
  return out;
}

/** Validates an already-parsed workshop value (e.g. an object built in code). */
export function validateWorkshop(
  value: unknown,
  options: { locale?: Locale; lineOf?: (path: readonly PropertyKey[]) => number | undefined } = {},
): Workshop {
  const locale = options.locale ?? 'id';
  // reportInput: the problem says what was wrong with the value written (a number where text
  // belongs) rather than calling every wrong type "required".
  const result = workshopSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(locale, issue, options.lineOf?.(issue.path)));
  throw new WorkshopError('invalid', problems);
}

function syntaxError(locale: Locale, detail: string): WorkshopError {
  return new WorkshopError('syntax', [problem(locale, 'error.syntax', 'syntax', [], detail)]);
}

function describeIssue(locale: Locale, issue: $ZodIssue, line: number | undefined): WorkshopProblem {
  const detail = issue.message.startsWith('detail.') ? message(locale, issue.message as MessageKey) : '';
  const report = (key: MessageKey, code: string, text = '') => problem(locale, key, code, issue.path, text, line);
  switch (issue.code) {
    case 'invalid_type': {
      const input = issue.input;
      if (input === undefined || input === null) return report('error.required', 'required');
      // A number or a yes/no where text belongs (JSON, or an object built in code): quoting fixes it.
      if (issue.expected === 'string' && ['number', 'boolean', 'bigint'].includes(typeof input))
        return report(issue.path.at(-1) === 'nip' ? 'error.quoteNip' : 'error.quoteText', 'invalid_type');
      return report('error.invalid_type', 'invalid_type', detail || typeDetail(locale, issue.expected));
    }
    case 'too_small':
      if (detail) return report('error.invalid_format', 'invalid_format', detail);
      return report(issue.origin === 'array' ? 'error.emptyList' : 'error.too_small', 'too_small');
    case 'too_big':
      if (detail) return report('error.invalid_format', 'invalid_format', detail);
      return report('error.tooLong', 'too_big', String(issue.maximum));
    case 'invalid_value':
      return report('error.invalid_value', 'invalid_value', issue.values.map(String).join(', '));
    case 'unrecognized_keys':
      return report('error.unrecognized_keys', 'unrecognized_keys', issue.keys.join(', '));
    case 'invalid_format':
      return report('error.invalid_format', 'invalid_format', detail || issue.format);
    default:
      // A refinement: a format (time zone, date) or a rule between fields (venue or online).
      if (['detail.venueOrOnline', 'detail.endBeforeStart', 'detail.verifyNeedsNumber'].includes(issue.message) || !detail)
        return report('error.custom', issue.code, detail || issue.message);
      return report('error.invalid_format', 'invalid_format', detail);
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
