/**
 * `loadCitizen` of the one-file script-tag build: adds a `<script>` for `narahubung-citizen.js`,
 * from beside this file's own script, and hands it this file's Lit through one global, so the
 * second file does not carry a copy. A script element needs nothing more than a strict policy's
 * `script-src 'self'`: no eval, no inline script. The build writes the citizen file's SRI hash
 * into `CITIZEN_INTEGRITY`, so a page that pins this file with `integrity` pins the second one
 * too, and the two files of different versions never run together.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';

/** The global `narahubung-citizen.js` takes Lit from (build.mjs names it and checks it needs nothing else). */
const LIT_GLOBAL = '__narahubungLit';
/** Replaced by build.mjs with the `sha384-…` of narahubung-citizen.js (the same length, so source maps stay right). */
const CITIZEN_INTEGRITY = 'sha384-@@narahubung-citizen-integrity@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@';

// Read while this file runs: later there is no current script.
const own = document.currentScript as HTMLScriptElement | null;
let loading: Promise<void> | undefined;

export function loadCitizen(): Promise<void> {
  return (loading ??= new Promise<void>((resolve, reject) => {
    (globalThis as Record<string, unknown>)[LIT_GLOBAL] = { LitElement, css, html, nothing, property, state };
    const script = document.createElement('script');
    // Beside this file. Integrity is checked in CORS mode, as for any script pinned across origins
    // (the intake server allows it); a cached file of another version fails it, and the next try fetches again.
    script.src = new URL('narahubung-citizen.js', own?.src || location.href).href;
    script.crossOrigin = 'anonymous';
    script.integrity = CITIZEN_INTEGRITY;
    script.onload = () => resolve();
    script.onerror = (error) => {
      loading = undefined;
      script.remove();
      reject(error);
    };
    document.head.append(script);
  }));
}
