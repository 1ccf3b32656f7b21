/**
 * The reporter's key: the secret of the submit answer that opens the citizen's own view and
 * actions. It travels only in the `Authorization` header and in the fragment of the personal link
 * (`…/status?tracking=NH-…#key=…`), which browsers never send to a server. The device keeps it for
 * its complaint in `localStorage`, so that this device's status page opens the own view too; the
 * citizen can tell the status page to forget it.
 */

const storageKey = (endpoint: string, trackingId: string) => `narahubung-key:${endpoint}|${trackingId}`;

/** Runs `use` on localStorage; blocked storage (sandboxed frames, privacy settings) keeps nothing. */
function stored<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(localStorage);
  } catch {
    return undefined;
  }
}

/** Keeps the key of a complaint on this device. */
export const keepReporterKey = (endpoint: string, trackingId: string, key: string): void => stored((storage) => storage.setItem(storageKey(endpoint, trackingId), key));

/** The key this device keeps for a complaint, if any. */
export const keptReporterKey = (endpoint: string, trackingId: string): string | null => stored((storage) => storage.getItem(storageKey(endpoint, trackingId))) ?? null;

/** Forgets the key of a complaint on this device. */
export const forgetReporterKey = (endpoint: string, trackingId: string): void => stored((storage) => storage.removeItem(storageKey(endpoint, trackingId)));

/**
 * The personal link: `page` with `?tracking=` and the key in the fragment.
 * @example personalLink('/status', 'NH-7K3M-9XQ2-4TDV-8', key) // 'https://…/status?tracking=NH-7K3M-9XQ2-4TDV-8#key=…'
 */
export function personalLink(page: string, trackingId: string, key: string): string {
  const url = new URL(page, document.baseURI);
  url.searchParams.set('tracking', trackingId);
  url.hash = `key=${key}`;
  return url.href;
}
