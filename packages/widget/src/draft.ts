/** The answers typed so far, keyed by field path (`reporter.email`), kept across reloads. */
export interface Draft {
  values: Record<string, string | boolean>;
  savedAt: string;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Blocked storage (sandboxed iframe, privacy settings): no draft, the form still works.
    return null;
  }
}

export const drafts = {
  load(key: string): Draft | null {
    try {
      const raw = storage()?.getItem(key);
      return raw ? (JSON.parse(raw) as Draft) : null;
    } catch {
      return null;
    }
  },
  save(key: string, values: Draft['values']): void {
    try {
      storage()?.setItem(key, JSON.stringify({ values, savedAt: new Date().toISOString() }));
    } catch {
      // Quota or blocked storage: losing the draft must not break typing.
    }
  },
  clear(key: string): void {
    storage()?.removeItem(key);
  },
};
