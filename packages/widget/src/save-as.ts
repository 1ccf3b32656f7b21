/** Chromium takes hold of a download's blob at the click; Firefox and Safari a moment later, so the URL outlives the click a little. */
const REVOKE_AFTER_MS = 1000;

/**
 * Saves `blob` as a file called `name` through a temporary `<a download>` in `root`: the page does
 * not navigate, and nothing runs that a strict Content-Security-Policy forbids.
 */
export function saveAs(blob: Blob, name: string, root: HTMLElement | DocumentFragment): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  // A host page's router listening for clicks on links must not take this one for navigation.
  link.addEventListener('click', (event) => event.stopPropagation());
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
