import type { ComplaintSubmission } from '@narahubung/core';

/** A submission waiting to be sent, stored before the first attempt. */
export interface OutboxEntry {
  idempotencyKey: string;
  /** The API root it is meant for: one page may embed forms for several intakes. */
  endpoint: string;
  submission: ComplaintSubmission;
  attachments: Blob[];
  savedAt: string;
}

const DATABASE = 'narahubung';
const STORE = 'outbox';
// Without IndexedDB (some private modes) the outbox still works for this page's lifetime.
const fallback = new Map<string, OutboxEntry>();
let opening: Promise<IDBDatabase | null> | undefined;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'idempotencyKey' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  if (!db) throw new Error('no IndexedDB');
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = operation(transaction.objectStore(STORE));
    // Resolve on commit, not on the request's success: a reload right after must still find it.
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** The submissions not yet accepted by a server, durable across reloads. */
export const outbox = {
  async put(entry: OutboxEntry): Promise<void> {
    try {
      await run('readwrite', (store) => store.put(entry));
    } catch {
      fallback.set(entry.idempotencyKey, entry);
    }
  },
  async delete(idempotencyKey: string): Promise<void> {
    fallback.delete(idempotencyKey);
    try {
      await run('readwrite', (store) => store.delete(idempotencyKey));
    } catch {
      // Nothing stored there.
    }
  },
  /** Entries for one endpoint, oldest first. */
  async list(endpoint: string): Promise<OutboxEntry[]> {
    let stored: OutboxEntry[] = [];
    try {
      stored = await run('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>);
    } catch {
      // Only the in-memory fallback.
    }
    return [...stored, ...fallback.values()]
      .filter((entry) => entry.endpoint === endpoint)
      .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  },
};
