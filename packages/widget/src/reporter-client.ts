import { reporterActionBody, reporterActionPath } from '@narahubung/core';
import type { Client } from '@narahubung/core';
import { READ_TIMEOUT_MS, intakeRequest, signalOf } from './intake.js';

/** The reporter's calls, with their key: core's `Client` methods of the same names, one attempt each (the caller retries). */
export type ReporterClient = Pick<Client, 'ownStatus' | 'reporterAction'>;

const clients = new Map<string, ReporterClient>();

/** The reporter's client for an API root. */
export function reporterClientFor(endpoint: string): ReporterClient {
  let client = clients.get(endpoint);
  if (!client) {
    const call = intakeRequest(endpoint);
    const authorization = (key: string) => ({ authorization: `Reporter ${key}` });
    client = {
      ownStatus: (trackingId, key, options) =>
        call(`complaints/${encodeURIComponent(trackingId)}`, { headers: authorization(key), ...signalOf(options) }, options?.locale, READ_TIMEOUT_MS),
      reporterAction(trackingId, key, action, payload, options) {
        const { body, headers } = reporterActionBody(action, payload, options.attachments);
        return call(reporterActionPath(trackingId, action), { method: 'POST', headers: { ...headers, ...authorization(key), 'idempotency-key': options.idempotencyKey }, body, ...signalOf(options) }, options.locale, null);
      },
    };
    clients.set(endpoint, client);
  }
  return client;
}
