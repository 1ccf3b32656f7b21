/** Side-effect entry: registers `<nh-indicators>` (and nothing of the citizen's elements or the inbox). */
import { defineIndicators } from './indicators.js';

export * from './indicators.js';

defineIndicators();
