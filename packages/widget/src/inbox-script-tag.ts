/**
 * Entry of the one-file `narahubung-inbox.js` (a classic script): reads the defaults from its own
 * `<script data-endpoint data-locale>` tag, then defines `<nh-focal-point-inbox>`. As in
 * `script-tag.ts`, the defaults are read first: elements already on the page upgrade at once.
 */
import { readScriptDefaults } from './defaults.js';
import { defineInbox } from './inbox.js';

readScriptDefaults(document.currentScript);
defineInbox();
