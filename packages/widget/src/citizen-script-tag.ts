/**
 * Entry of `narahubung-citizen.js`, the second file of the script-tag build, which
 * `narahubung-widget.js` adds beside itself when a confirmation or a status needs it. It takes
 * Lit from the widget file (citizen-loader-script.ts hands it over) and defines the elements.
 */
import { defineCitizenElements } from './citizen.js';

defineCitizenElements();
