/** Side-effect entry: registers `<nh-complaint-form>` and `<nh-complaint-status>`. */
import { defineElements } from './registry.js';

export * from './index.js';

defineElements();
