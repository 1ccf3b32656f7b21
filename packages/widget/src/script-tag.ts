/**
 * Entry of the one-file `narahubung-widget.js` (a classic script): reads the defaults from its own
 * `<script data-endpoint data-agency data-locale>` tag, then defines both elements. The order
 * matters: elements already on the page upgrade, and read the defaults, as soon as they are defined.
 */
import { readScriptDefaults } from './defaults.js';
import { defineElements } from './registry.js';

readScriptDefaults(document.currentScript);
defineElements();
