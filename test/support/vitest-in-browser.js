// In Chromium, core's tests run under Mocha (web-test-runner). They import { describe, it, expect }
// from 'vitest'; web-test-runner.config.mjs resolves that import to this file, so the same test file
// runs in both places. Tests use chai-style assertions, which vitest's expect also supports.
import { expect } from '@esm-bundle/chai';

const g = globalThis;
export const describe = g.describe;
export const it = g.it;
export const test = g.it;
export const beforeEach = g.beforeEach;
export const afterEach = g.afterEach;
export const beforeAll = g.before;
export const afterAll = g.after;
export { expect };
