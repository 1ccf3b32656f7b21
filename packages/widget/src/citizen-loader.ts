/**
 * Loads the citizen's elements that come after sending (`citizen.ts`: the confirmation's detail,
 * a status's detail with the reporter's own view and actions) with a dynamic import, which
 * bundlers turn into a separate chunk. The one-file script-tag build replaces this module with
 * `citizen-loader-script.ts` (build.mjs), which loads `narahubung-citizen.js` from beside
 * `narahubung-widget.js`.
 */
export async function loadCitizen(): Promise<void> {
  (await import('./citizen.js')).defineCitizenElements();
}
