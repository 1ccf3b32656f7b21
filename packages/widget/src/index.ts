/**
 * @narahubung/widget: the complaint form and status tracker as web components. Importing this
 * module defines nothing; import `@narahubung/widget/define` (or load `narahubung-widget.js`) to
 * register `<nh-complaint-form>` and `<nh-complaint-status>`. What comes after sending (the
 * confirmation's personal link, a status's detail with the reporter's own view and actions) is
 * `@narahubung/widget/citizen`, which those elements load when they need it (`narahubung-citizen.js`
 * for the script tag). The focal point's inbox is a separate entry, `@narahubung/widget/inbox`,
 * so that the citizen's elements never carry it.
 */
export { NhComplaintForm } from './complaint-form.js';
export { NhComplaintStatus } from './complaint-status.js';
export { NhSubmitEvent, NhSubmittedEvent, NhQueuedEvent, NhErrorEvent, NhStatusEvent } from './events.js';
export { setPageDefaults } from './defaults.js';
export type { WidgetDefaults } from './defaults.js';
export type { OutboxEntry } from './outbox.js';
export { NhReporterActionEvent } from './reporter-events.js';
export type { NhConfirmation, NhStatusDetail } from './citizen.js';
export { defineElements } from './registry.js';
