/**
 * The citizen's elements that come after sending, in `narahubung-citizen.js` (or a chunk of a
 * bundler's build): `<nh-confirmation>` under the form's tracking number, and `<nh-status-detail>`
 * under a status's current state, with the reporter's own view and actions.
 */
import { NhConfirmation } from './confirmation.js';
import { NhStatusDetail } from './status-detail.js';

export { NhConfirmation, NhStatusDetail };
export { NhReporterActionEvent } from './reporter-events.js';

/** Registers `<nh-confirmation>` and `<nh-status-detail>`, once even if called twice. */
export function defineCitizenElements(): void {
  if (!customElements.get('nh-confirmation')) customElements.define('nh-confirmation', NhConfirmation);
  if (!customElements.get('nh-status-detail')) customElements.define('nh-status-detail', NhStatusDetail);
}
