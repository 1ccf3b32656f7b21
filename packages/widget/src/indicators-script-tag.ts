/**
 * Entry of the one-file `narahubung-indicators.js` (a classic script): reads the defaults from its
 * own `<script data-endpoint data-locale>` tag, then defines `<nh-indicators>`. As in
 * `script-tag.ts`, the defaults are read first: elements already on the page upgrade at once.
 */
import { readScriptDefaults } from './defaults.js';
import { defineIndicators } from './indicators.js';

readScriptDefaults(document.currentScript);
defineIndicators();
