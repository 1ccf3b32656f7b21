/**
 * @narahubung/widget/inbox: the focal point's inbox as web components, apart from the citizen's
 * elements so that `narahubung-widget.js` does not carry it. Importing this module defines
 * nothing; import `@narahubung/widget/inbox-define` (or load `narahubung-inbox.js`) to register
 * `<nh-focal-point-inbox>` and the parts it is made of.
 */
import { NhInboxAssignment } from './inbox/assignment/inbox-assignment.js';
import { NhInboxAttachments } from './inbox/attachments/inbox-attachments.js';
import { NhInboxBulk } from './inbox/bulk/inbox-bulk.js';
import { NhInboxDetail } from './inbox/detail/inbox-detail.js';
import { NhFocalPointInbox } from './inbox/focal-point-inbox/focal-point-inbox.js';
import { NhInboxList } from './inbox/list/inbox-list.js';
import { NhInboxNotes } from './inbox/notes/inbox-notes.js';
import { NhInboxSignIn } from './inbox/sign-in/inbox-sign-in.js';
import { NhInboxTransitionForm } from './inbox/transition-form/inbox-transition-form.js';

export { NhFocalPointInbox };
export { NhSignedInEvent, NhSignedOutEvent, NhOpenedEvent, NhTransitionedEvent } from './inbox-events.js';
export { NhErrorEvent } from './events.js';
export { setPageDefaults } from './defaults.js';
export type { WidgetDefaults } from './defaults.js';

/** The inbox's elements: the one a page uses, and the parts inside it (`nh-inbox-*`). */
const elements: readonly (readonly [string, CustomElementConstructor])[] = [
  ['nh-inbox-sign-in', NhInboxSignIn],
  ['nh-inbox-list', NhInboxList],
  ['nh-inbox-bulk', NhInboxBulk],
  ['nh-inbox-detail', NhInboxDetail],
  ['nh-inbox-attachments', NhInboxAttachments],
  ['nh-inbox-transition-form', NhInboxTransitionForm],
  ['nh-inbox-assignment', NhInboxAssignment],
  ['nh-inbox-notes', NhInboxNotes],
  ['nh-focal-point-inbox', NhFocalPointInbox],
];

/** Registers `<nh-focal-point-inbox>` and its parts, once even if called twice. */
export function defineInbox(): void {
  for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);
}
