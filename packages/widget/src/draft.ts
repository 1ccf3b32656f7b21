/** The answers typed so far, keyed by field path (`reporter.email`), kept across reloads. */
export interface Draft {
  values: Record<string, string | boolean>;
  savedAt: string;
}

/**
 * Answers kept only for this tab's session: they survive a reload, but not the next person on a
 * shared phone or a library computer. The national ID number is the one that must never linger.
 */
const SESSION_ONLY = new Set(['reporter.idNumber']);

/** A draft older than this is discarded unread: a week is long enough to come back to a report. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    // Blocked storage (sandboxed iframe, privacy settings): no draft, the form still works.
    return null;
  }
}

function read(kind: 'localStorage' | 'sessionStorage', key: string): Draft | null {
  try {
    const raw = storage(kind)?.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export const drafts = {
  load(key: string, now = Date.now()): Draft | null {
    const kept = read('localStorage', key);
    const session = read('sessionStorage', key);
    if (!kept && !session) return null;
    const savedAt = kept?.savedAt ?? session!.savedAt;
    if (!(now - Date.parse(savedAt) <= DRAFT_MAX_AGE_MS)) {
      drafts.clear(key);
      return null;
    }
    return { values: { ...kept?.values, ...session?.values }, savedAt };
  },
  save(key: string, values: Draft['values']): void {
    const savedAt = new Date().toISOString();
    const kept: Draft['values'] = {};
    const session: Draft['values'] = {};
    for (const [path, value] of Object.entries(values)) (SESSION_ONLY.has(path) ? session : kept)[path] = value;
    try {
      storage('localStorage')?.setItem(key, JSON.stringify({ values: kept, savedAt }));
      if (Object.keys(session).length > 0) storage('sessionStorage')?.setItem(key, JSON.stringify({ values: session, savedAt }));
      else storage('sessionStorage')?.removeItem(key);
    } catch {
      // Quota or blocked storage: losing the draft must not break typing.
    }
  },
  clear(key: string): void {
    try {
      storage('localStorage')?.removeItem(key);
      storage('sessionStorage')?.removeItem(key);
    } catch {
      // Blocked storage: nothing was kept.
    }
  },
};
