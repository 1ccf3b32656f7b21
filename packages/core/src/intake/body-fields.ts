/**
 * Small JSON bodies (a transition, a note, a reply, a rating…) checked field by field, each problem
 * a localized error naming its field. Text goes through `cleanText`, the one rule for user text.
 */
import type { FieldError, Locale } from '../model.js';
import { hasMessage, message } from '../messages/index.js';
import type { MessageKey } from '../messages/index.js';
import { hasServerMessage, serverMessage } from '../messages/server.js';
import type { ServerMessageKey } from '../messages/server.js';
import { cleanText } from '../text.js';

/** Collects field errors for one body. */
export class BodyFields {
  readonly errors: FieldError[] = [];
  private readonly fields: Record<string, unknown>;

  /**
   * `allowed` are the field names the body may have; others are `unknown_field`. `labels` names the
   * catalogue label of a path where `field.<path>` is not the right one.
   */
  constructor(
    body: unknown,
    allowed: readonly string[],
    private readonly locale: Locale,
    private readonly labels: Readonly<Record<string, MessageKey | ServerMessageKey>> = {},
  ) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      this.fields = {};
      this.errors.push({ path: '', code: 'not_an_object', message: message(locale, 'validation.not_an_object') });
      return;
    }
    this.fields = body as Record<string, unknown>;
    for (const key of Object.keys(this.fields)) {
      if (!allowed.includes(key)) {
        const path = key.slice(0, 50);
        this.errors.push({ path, code: 'unknown_field', message: message(locale, 'validation.unknown_field', { field: path }) });
      }
    }
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** The label of a field in messages: its catalogue label when there is one, else its path. */
  label(path: string): string {
    const named = this.labels[path];
    if (named) return text(this.locale, named);
    const key = `field.${path}`;
    return hasServerMessage(key) || hasMessage(key) ? text(this.locale, key) : path;
  }

  fail(path: string, code: string, key: MessageKey | ServerMessageKey, params: Record<string, string | number> = {}): void {
    this.errors.push({ path, code, message: text(this.locale, key, { field: this.label(path), ...params }) });
  }

  raw(name: string): unknown {
    return this.fields[name];
  }

  /** A text field, cleaned and trimmed; `required` makes absent or blank an error. Undefined when absent or wrong. */
  text(name: string, options: { max: number; required?: boolean; path?: string }): string | undefined {
    const path = options.path ?? name;
    const value = this.fields[name];
    if (value === undefined || value === null) {
      if (options.required) this.fail(path, 'required', 'validation.required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(path, 'invalid_type', 'validation.invalid_type');
      return undefined;
    }
    const clean = cleanText(value);
    if (clean === null) {
      this.fail(path, 'invalid_text', 'validation.invalid_text');
      return undefined;
    }
    if (clean === '' && options.required) {
      this.fail(path, 'required', 'validation.required');
      return undefined;
    }
    if ([...clean].length > options.max) {
      this.fail(path, 'too_long', 'validation.too_long', { max: options.max });
      return undefined;
    }
    return clean;
  }

  /** One of `choices`; absent is allowed unless `required`. */
  choice<T extends string>(name: string, choices: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const value = this.fields[name];
    if (value === undefined) {
      if (options.required) this.fail(name, 'required', 'validation.required');
      return undefined;
    }
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      this.fail(name, 'invalid_choice', 'validation.invalid_choice');
      return undefined;
    }
    return value as T;
  }

  /** A boolean; absent is allowed unless `required`. */
  boolean(name: string, options: { required?: boolean } = {}): boolean | undefined {
    const value = this.fields[name];
    if (value === undefined) {
      if (options.required) this.fail(name, 'required', 'validation.required');
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.fail(name, 'invalid_type', 'validation.invalid_type');
      return undefined;
    }
    return value;
  }
}

/** A text from the server's catalogue (staff and reporter requests) or the shared one. */
function text(locale: Locale, key: MessageKey | ServerMessageKey, params: Record<string, string | number> = {}): string {
  return hasServerMessage(key) ? serverMessage(locale, key, params) : message(locale, key, params);
}
