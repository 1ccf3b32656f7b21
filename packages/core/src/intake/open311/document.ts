/**
 * Open311 answers in both of GeoReport v2's formats from one description of the content, so that
 * XML (the format the specification requires) and JSON (its "Spark convention" mapping) never say
 * different things. XML is written by fast-xml-parser's XMLBuilder, never by hand; every character
 * of every value is escaped, and characters XML 1.0 forbids are replaced, so the output is always
 * well-formed whatever a citizen or a client typed.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'xml' | 'json';
export const OPEN311_FORMATS: readonly Open311Format[] = ['xml', 'json'];

/**
 * A value in an Open311 answer. `null` is a field with nothing in it: an empty element in XML,
 * `null` in JSON (as in the specification's examples). An array is a field given several times:
 * the element repeated in XML, an array in JSON. A {@link Open311List} is a list in a wrapper
 * element (`<attributes><attribute>…`), an array in JSON.
 */
export type Open311Value = string | number | boolean | null | readonly Open311Value[] | Open311List | Open311Object;
export interface Open311Object {
  readonly [field: string]: Open311Value;
}

/** A list that XML wraps: `<values><value>…</value></values>` for `new Open311List('value', …)` under `values`. */
export class Open311List {
  constructor(
    /** The element name of each item in XML. */
    readonly item: string,
    readonly items: readonly Open311Value[],
  ) {}
}

/** A whole answer: either a list of items under a root (`services`/`service`), or one object under a root (`discovery`). */
export type Open311Document = { root: string; item: string; items: readonly Open311Object[] } | { root: string; object: Open311Object };

export const XML_TYPE = 'text/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Characters XML 1.0 does not allow in a document (its `Char` production): C0 controls but tab,
 * line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. Each becomes U+FFFD, the
 * replacement character, so a reader sees that something was there.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML 1.0 can carry it: every character it forbids replaced by U+FFFD. */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

// `entities` is read by the builder (fast-xml-builder's `replaceEntitiesValue`) though its types leave it out.
const builderOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
  // The builder's own list, plus carriage return: a parser turns a bare CR into a line feed, and
  // escaped it comes back as sent. `&` stays first so that no other replacement is escaped twice.
  entities: [
    { regex: /&/g, val: '&amp;' },
    { regex: />/g, val: '&gt;' },
    { regex: /</g, val: '&lt;' },
    { regex: /'/g, val: '&apos;' },
    { regex: /"/g, val: '&quot;' },
    { regex: /\r/g, val: '&#13;' },
  ],
  tagValueProcessor: (_name: string, value: unknown) => (typeof value === 'string' ? xmlSafeText(value) : value),
};
const builder = new XMLBuilder(builderOptions);

/** The value as fast-xml-parser's builder takes it: lists wrapped, `true`/`false` and numbers as text. */
function toBuilderValue(value: Open311Value): unknown {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Open311List) return value.items.length === 0 ? null : { [value.item]: value.items.map(toBuilderValue) };
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(toBuilderValue);
  const object: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value as Open311Object)) object[field] = toBuilderValue(inner);
  return object;
}

function toJsonValue(value: Open311Value): unknown {
  if (value instanceof Open311List) return value.items.map(toJsonValue);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const object: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value as Open311Object)) object[field] = toJsonValue(inner);
    return object;
  }
  return value;
}

/**
 * The document as XML text, with the UTF-8 declaration the specification asks for.
 * @example toXml({ root: 'errors', item: 'error', items: [{ code: 403, description: 'Invalid api_key' }] })
 */
export function toXml(document: Open311Document): string {
  const body =
    'items' in document
      ? { [document.root]: document.items.length === 0 ? '' : { [document.item]: document.items.map(toBuilderValue) } }
      : { [document.root]: toBuilderValue(document.object) };
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...body }) as string;
}

/** The document as JSON text: a list is an array of its items, an object an object. */
export function toJson(document: Open311Document): string {
  return JSON.stringify('items' in document ? document.items.map(toJsonValue) : toJsonValue(document.object));
}

/** An Open311 answer in the format asked for. */
export function open311Response(format: Open311Format, document: Open311Document, status = 200, headers: Record<string, string> = {}): Response {
  const body = format === 'xml' ? toXml(document) : toJson(document);
  return new Response(body, {
    status,
    headers: { 'content-type': format === 'xml' ? XML_TYPE : JSON_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** The specification's error answer: `errors`/`error` with `code` and `description`, one per problem. */
export function open311Errors(format: Open311Format, status: number, descriptions: readonly string[], headers: Record<string, string> = {}): Response {
  return open311Response(format, { root: 'errors', item: 'error', items: descriptions.map((description) => ({ code: status, description })) }, status, headers);
}
