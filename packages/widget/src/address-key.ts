/** The characters of a reporter key (`Authorization: Reporter <key>`). */
const KEY = /^[A-Za-z0-9_-]{16,128}$/;

let fromAddress: string | null | undefined;

/**
 * The reporter's key in this page's address (`#key=…`, the personal link's fragment), read once:
 * it is then taken out of the address bar (history.replaceState), so it is not left in a
 * screenshot, a shared address or a bookmark.
 */
export function takeKeyFromAddress(): string | null {
  if (fromAddress === undefined) {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const key = fragment.get('key');
    fromAddress = key && KEY.test(key) ? key : null;
    if (key !== null) {
      fragment.delete('key');
      const rest = fragment.toString();
      history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    }
  }
  return fromAddress;
}
