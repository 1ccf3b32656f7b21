/**
 * @narahubung/widget/inbox: the focal point's inbox as a web component, apart from the citizen's
 * elements so that `narahubung-widget.js` does not carry it. Importing this module defines
 * nothing; import `@narahubung/widget/inbox-define` (or load `narahubung-inbox.js`) to register
 * `<nh-focal-point-inbox>`.
 */
import { NhFocalPointInbox } from './focal-point-inbox.js';

export { NhFocalPointInbox };
export { NhSignedInEvent, NhSignedOutEvent, NhOpenedEvent, NhTransitionedEvent } from './inbox-events.js';
export { NhErrorEvent } from './events.js';
export { setPageDefaults } from './defaults.js';
export type { WidgetDefaults } from './defaults.js';

/** Registers `<nh-focal-point-inbox>`, once even if called twice. */
export function defineInbox(): void {
  if (!customElements.get('nh-focal-point-inbox')) customElements.define('nh-focal-point-inbox', NhFocalPointInbox);
}
