/**
 * @narahubung/widget/indicators: the indicators per agency as a web component, apart from the
 * citizen's elements and the inbox so that neither bundle carries it. Importing this module defines
 * nothing; import `@narahubung/widget/indicators-define` (or load `narahubung-indicators.js`) to
 * register `<nh-indicators>`.
 */
import { NhIndicators } from './indicators/indicators-element.js';

export { NhIndicators };
export { NhIndicatorsEvent } from './indicators/events.js';
export { NhSignedOutEvent } from './inbox-events.js';
export { NhErrorEvent } from './events.js';
export { setPageDefaults } from './defaults.js';
export type { WidgetDefaults } from './defaults.js';

/** Registers `<nh-indicators>`, once even if called twice. */
export function defineIndicators(): void {
  if (!customElements.get('nh-indicators')) customElements.define('nh-indicators', NhIndicators);
}
