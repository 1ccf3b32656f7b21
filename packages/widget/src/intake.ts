import { createClient } from '@narahubung/core';
import type { Client, IntakeConfig } from '@narahubung/core';

// One client and one config request per API root, shared by every element on the page.
const clients = new Map<string, Client>();
const configs = new Map<string, Promise<IntakeConfig>>();

/**
 * The core client for an API root. It retries once, quickly: the outbox then takes over for
 * submissions (capped backoff, for as long as it takes) and tells the citizen it is saved, which
 * a long retry inside one request would hide.
 */
export function clientFor(endpoint: string): Client {
  let client = clients.get(endpoint);
  if (!client) {
    // The client's default timeouts stay: none for a submission with attachments on a slow link.
    client = createClient({ endpoint, retry: { limit: 1, backoffLimit: 2000 } });
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
