/** Small HTTP building blocks for the intake handler: JSON and problem+json answers, bounded bodies. */
import type { FieldError, Locale } from '../model.js';
import { problemMessage } from '../messages/problems.js';
import type { ProblemMessageKey } from '../messages/problems.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** Stable problem codes, each with its HTTP status. */
export const PROBLEMS = {
  malformed_body: 400,
  bad_request: 400,
  missing_complaint_part: 400,
  too_deep: 400,
  missing_idempotency_key: 400,
  invalid_query: 400,
  validation_failed: 422,
  unauthorized: 401,
  not_handling_agency: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  transition_forbidden: 409,
  conflict: 409,
  idempotency_conflict: 409,
  action_not_open: 409,
  request_timeout: 408,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  method_not_allowed: 405,
  internal: 500,
  busy: 503,
} as const;
export type ProblemCode = keyof typeof PROBLEMS;

/** The RFC 9457 body the intake answers errors with. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** A problem+json answer with title and detail from the locale's catalogue. */
export function problem(
  locale: Locale,
  code: ProblemCode,
  params: Record<string, string | number> = {},
  extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
): Response {
  const titleKey = `problem.${code === 'route_not_found' ? 'not_found' : code}.title` as ProblemMessageKey;
  const detailKey = `problem.${code}.detail` as ProblemMessageKey;
  const body: Problem = {
    type: `urn:narahubung:problem:${code}`,
    title: problemMessage(locale, titleKey, params),
    status: PROBLEMS[code],
    detail: problemMessage(locale, detailKey, params),
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_TYPE, 'cache-control': 'no-store', 'content-language': locale, ...extra.headers },
  });
}

/**
 * Reads at most `maxBytes` of a request body: its bytes, `'too_large'` when it is larger (the rest
 * is not read), or `'unreadable'` when the body stream failed (the client went away, or the server
 * cut it off: the server then answers for itself, e.g. 408).
 */
export async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array | 'too_large' | 'unreadable'> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return 'too_large';
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too_large';
      }
      chunks.push(value);
    }
  } catch {
    return 'unreadable';
  }
  // Small bodies usually come in one chunk, which is the body already.
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The media type of a request, lower case, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The bearer token of a request, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/**
 * JSON with object keys sorted, so that equal values give equal text whatever the key order.
 * Written out by hand: `JSON.stringify` with a replacer takes V8's slow path, and this runs on
 * every submission (callers bound the depth first, see `nestsDeeperThan`).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  // Concatenation, not arrays joined: this runs on every submission and allocates less so.
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (index > 0) text += ',';
      text += item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : canonicalJson(item);
    }
    return `${text}]`;
  }
  text = '{';
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/** True when `value` nests objects or arrays deeper than `limit` (checked without recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  // Objects and arrays only, each with its depth in a parallel stack: no pair per value.
  const values: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === 'object') {
    values.push(value);
    depths.push(0);
  }
  while (values.length > 0) {
    const current = values.pop()!;
    const depth = depths.pop()!;
    if (depth >= limit) return true;
    for (const inner of Object.values(current)) {
      if (inner !== null && typeof inner === 'object') {
        values.push(inner as object);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
