import { apiErrorFromResponse, networkApiError, submissionBody } from '@narahubung/core';
import type { Client, IntakeConfig, Locale, PublicStatus, RequestOptions, SubmitAnswer, SubmitOptions } from '@narahubung/core';
import { anySignal } from './any-signal.js';

/** What the citizen's elements ask of the intake. */
export type IntakeClient = Pick<Client, 'config' | 'submit' | 'status'>;

// One client and one config request per API root, shared by every element on the page.
const clients = new Map<string, IntakeClient>();
const configs = new Map<string, Promise<IntakeConfig>>();

/** How long a config or status request may take; a submission has no limit (slow links, files). */
export const READ_TIMEOUT_MS = 30_000;

/** One request under `<endpoint>/v1/`: the JSON answer, or core's `ApiError` (`status: 0` when no answer came). `timeout: null` for none. */
export type IntakeRequest = <T>(path: string, init: RequestInit, locale: Locale | undefined, timeout: number | null) => Promise<T>;

/**
 * A client for the citizen's elements: one attempt per call, with core's `ApiError` for every
 * failure. It is not core's `createClient` on purpose: ky's retry loop would duplicate the
 * outbox (which retries a submission with capped backoff for as long as it takes, and tells the
 * citizen it is saved), and ky is about 4.9 KB gzip of the 30 KB budget of narahubung-widget.js
 * (measured with bench/widget.mjs). Problem answers are read by core's `apiErrorFromResponse`.
 */
export function createIntakeClient(endpoint: string, fetchImpl?: typeof fetch): IntakeClient {
  const call = intakeRequest(endpoint, fetchImpl);
  return {
    config: (options?: RequestOptions) => call<IntakeConfig>('config', signalOf(options), options?.locale, READ_TIMEOUT_MS),
    status: (trackingId: string, options?: RequestOptions) =>
      call<PublicStatus>(`complaints/${encodeURIComponent(trackingId)}`, signalOf(options), options?.locale, READ_TIMEOUT_MS),
    submit(submission: unknown, options: SubmitOptions) {
      const { body, headers } = submissionBody(submission, options.attachments);
      return call<SubmitAnswer>('complaints', { method: 'POST', headers: { ...headers, 'idempotency-key': options.idempotencyKey }, body, ...signalOf(options) }, options.locale, null);
    },
  };
}

/** The requests of the citizen's elements to one API root (`createIntakeClient` and the reporter's calls build on it). */
export function intakeRequest(endpoint: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): IntakeRequest {
  const prefix = `${endpoint.replace(/\/+$/, '')}/v1/`;

  return async function call<T>(path: string, init: RequestInit, locale: Locale | undefined, timeout: number | null): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json, application/problem+json');
    if (locale) headers.set('accept-language', locale);
    const signals = [init.signal, timeout === null ? null : AbortSignal.timeout(timeout)].filter((signal): signal is AbortSignal => !!signal);
    let response: Response;
    try {
      response = await fetchImpl(prefix + path, { ...init, headers, ...(signals.length > 0 ? { signal: signals.length === 1 ? signals[0]! : anySignal(signals) } : {}) });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw networkApiError(locale ?? 'id', error instanceof DOMException && error.name === 'TimeoutError');
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    return (await response.json()) as T;
  };
}

export const signalOf = (options?: RequestOptions): RequestInit => (options?.signal ? { signal: options.signal } : {});

/** The client for an API root. */
export function clientFor(endpoint: string): IntakeClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = createIntakeClient(endpoint);
    clients.set(endpoint, client);
  }
  return client;
}

/** `GET /v1/config` for an API root, requested once; a failure is forgotten so a retry asks again. */
export function configFor(endpoint: string): Promise<IntakeConfig> {
  let config = configs.get(endpoint);
  if (!config) {
    config = clientFor(endpoint).config();
    configs.set(endpoint, config);
    config.catch(() => configs.delete(endpoint));
  }
  return config;
}
