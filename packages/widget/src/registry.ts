import { NhComplaintForm } from './complaint-form.js';
import { NhComplaintStatus } from './complaint-status.js';

/** Registers `<nh-complaint-form>` and `<nh-complaint-status>`, once even if called twice. */
export function defineElements(): void {
  if (!customElements.get('nh-complaint-form')) customElements.define('nh-complaint-form', NhComplaintForm);
  if (!customElements.get('nh-complaint-status')) customElements.define('nh-complaint-status', NhComplaintStatus);
}
