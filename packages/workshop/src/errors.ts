import { message, type Locale, type MessageKey } from './messages/index.js';

/** What kind of problem stopped a workshop from being read or built. */
export type WorkshopErrorCode = 'syntax' | 'invalid' | 'missing_glyph' | 'bad_image' | 'attended';

/** One problem, at one place of the workshop file. */
export interface WorkshopProblem {
  /** A stable code: `required`, `invalid_type`, `missing_glyph`, ... */
  code: string;
  /** Where in the file, e.g. `invitees[3].email` (empty for the whole file). */
  path: string;
  /** The line in a YAML file, 1-based, when known. */
  line?: number;
  /** The problem in the caller's locale, path and line included. */
  message: string;
}

/** A workshop file that cannot be read or built, with every problem found. */
export class WorkshopError extends Error {
  override readonly name = 'WorkshopError';
  constructor(
    readonly code: WorkshopErrorCode,
    readonly problems: readonly WorkshopProblem[],
  ) {
    super(problems.map((problem) => problem.message).join('\n'));
  }
}

/** `['invitees', 3, 'email']` -> `invitees[3].email`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Builds a problem whose message names the path and, when known, the line. */
export function problem(
  locale: Locale,
  key: MessageKey,
  code: string,
  path: readonly PropertyKey[],
  detail: string,
  line?: number,
): WorkshopProblem {
  const where = formatPath(path) || '(workshop)';
  let text = message(locale, key, { path: where, detail });
  if (line !== undefined) text += ` ${message(locale, 'error.at_line', { line })}`;
  return line === undefined
    ? { code, path: formatPath(path), message: text }
    : { code, path: formatPath(path), line, message: text };
}
