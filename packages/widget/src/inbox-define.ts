/** Side-effect entry: registers `<nh-focal-point-inbox>` (and nothing of the citizen's elements). */
import { defineInbox } from './inbox.js';

export * from './inbox.js';

defineInbox();
