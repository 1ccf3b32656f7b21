/**
 * Copy and share for the tracking number and the personal link. The Clipboard API and Web Share
 * exist only in secure contexts (HTTPS, localhost), and agency sites on plain HTTP exist: copying
 * then falls back to the copy command on a selection, and sharing is not offered.
 */

/** How a copy went: `copied`, or `selected` (the text is selected for the citizen to copy themselves). */
export type CopyOutcome = 'copied' | 'selected';

/** Copies `text`; without the Clipboard API, selects `shown` (the element showing it) and tries the copy command. */
export async function copyText(text: string, shown: Element): Promise<CopyOutcome> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    getSelection()?.selectAllChildren(shown);
    try {
      // Deprecated, yet the only copy there is outside a secure context; the selection stays either way.
      return document.execCommand('copy') ? 'copied' : 'selected';
    } catch {
      return 'selected';
    }
  }
}

/** Whether the device can share a link (Web Share: secure contexts, mostly phones). */
export const canShare = (): boolean => typeof navigator.share === 'function';

/** Opens the device's share sheet; false when the citizen closed it or it failed. */
export async function share(data: ShareData): Promise<boolean> {
  try {
    await navigator.share(data);
    return true;
  } catch {
    return false;
  }
}
