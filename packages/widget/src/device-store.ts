/**
 * What the citizen's elements keep on the device in IndexedDB: the outbox of submissions
 * (`narahubung`/`outbox`) and the reporters' actions not yet answered by the server
 * (`narahubung-reporter`/`actions`), each in a database of its own so that neither file of the
 * widget needs to know the other's stores. Where IndexedDB is unavailable (some private modes) a
 * collection lives as long as the page.
 */

/** A durable collection of entries keyed by their `idempotencyKey`, with an in-memory fallback. */
export interface Collection<T> {
  put(entry: T): Promise<void>;
  delete(idempotencyKey: string): Promise<void>;
  all(): Promise<T[]>;
}

export function collection<T extends { idempotencyKey: string }>(database: string, storeName: string): Collection<T> {
  const fallback = new Map<string, T>();
  let opening: Promise<IDBDatabase | null> | undefined;

  function open(): Promise<IDBDatabase | null> {
    opening ??= new Promise((resolve) => {
      try {
        const request = indexedDB.open(database, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'idempotencyKey' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
      } catch {
        resolve(null);
      }
    });
    return opening;
  }

  async function run<R>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest<R>): Promise<R> {
    const db = await open();
    if (!db) throw new Error('no IndexedDB');
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = operation(transaction.objectStore(storeName));
      // Resolve on commit, not on the request's success: a reload right after must still find it.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    });
  }

  return {
    async put(entry) {
      try {
        await run('readwrite', (store) => store.put(entry));
      } catch {
        fallback.set(entry.idempotencyKey, entry);
      }
    },
    async delete(idempotencyKey) {
      fallback.delete(idempotencyKey);
      try {
        await run('readwrite', (store) => store.delete(idempotencyKey));
      } catch {
        // Nothing stored there.
      }
    },
    async all() {
      let stored: T[] = [];
      try {
        stored = await run('readonly', (store) => store.getAll() as IDBRequest<T[]>);
      } catch {
        // Only the in-memory fallback.
      }
      return [...stored, ...fallback.values()];
    },
  };
}
