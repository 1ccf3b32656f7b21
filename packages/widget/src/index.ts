/**
 * @narahubung/widget: the complaint form and status tracker as web components. Importing this
 * module defines nothing; import `@narahubung/widget/define` (or load `narahubung-widget.js`) to
 * register `<nh-complaint-form>` and `<nh-complaint-status>`. The focal point's inbox is a separate
 * entry, `@narahubung/widget/inbox`, so that the citizen's elements never carry it.
 */
export { NhComplaintForm } from './complaint-form.js';
export { NhComplaintStatus } from './complaint-status.js';
export { NhSubmitEvent, NhSubmittedEvent, NhQueuedEvent, NhErrorEvent, NhStatusEvent } from './events.js';
export { setPageDefaults } from './defaults.js';
export type { WidgetDefaults } from './defaults.js';
export type { OutboxEntry } from './outbox.js';
export { defineElements } from './registry.js';
