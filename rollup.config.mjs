// Builds every package: ESM + .d.ts per package, and the widget's one-file script-tag bundle.
// Each package describes its own outputs in its `build.mjs`; this file only gathers them, in
// dependency order (core first: the others read its declarations; the intake server last).
import core from './packages/core/build.mjs';
import widget from './packages/widget/build.mjs';
import workshop from './packages/workshop/build.mjs';
import intakeServer from './examples/intake-server/build.mjs';

export default [...core, ...widget, ...workshop, ...intakeServer];
