import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The library must run in browsers: bundled for the browser platform, nothing may reach for a
// Node built-in (the Node font loader and the CLI are separate entry points).
describe('the library in a browser bundle', () => {
  it('bundles for the browser without Node built-ins', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /^node:|\/node\.ts$|\/cli\.ts$/.test(input))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from ["']node:/);
  });
});
