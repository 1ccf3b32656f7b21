import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lampungYaml } from './test-support/pdf.js';

// A strict Content-Security-Policy (no 'unsafe-eval') reports every `new Function`, even one whose
// error is caught. The library's browser bundle is loaded in a fresh Node process with `Function`
// replaced by a counting spy before the first module runs, so a probe made while the schemas are
// built counts as much as code compiled to parse.
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nh-csp-'));
  bundle = join(dir, 'workshop.js');
  const result = await build({
    entryPoints: [new URL('./index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(bundle, result.outputFiles[0]!.contents);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` (module code using `lib`, the imported module) in a fresh process; how often `Function` was called. */
function compilations(moduleUrl: string, body: string): number {
  const script = `
    let count = 0;
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct(target, args, newTarget) { count++; return Reflect.construct(target, args, newTarget); },
      apply(target, self, args) { count++; return Reflect.apply(target, self, args); },
    });
    const lib = await import(${JSON.stringify(moduleUrl)});
    ${body}
    process.stdout.write(String(count));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', input: '' });
  expect(result.stderr).toBe('');
  return Number(result.stdout);
}

describe('the library under a strict Content-Security-Policy', () => {
  it('builds its schemas, parses and validates without calling Function', () => {
    const body = `
      const source = ${JSON.stringify(lampungYaml())};
      lib.parseWorkshop(source);
      lib.parseWorkshop(JSON.stringify(lib.parseWorkshop(source)));
      for (const bad of [5, {}, { organizer: 5 }, { ...lib.parseWorkshop(source), event: { sequence: -1 } }])
        try { lib.validateWorkshop(bad, { locale: 'en' }); } catch (error) { if (!(error instanceof lib.WorkshopError)) throw error; }
      lib.workshopJsonSchema();
    `;
    expect(compilations(pathToFileURL(bundle).href, body)).toBe(0);
  });

  it('would notice: full zod probes for Function when an object schema is made', () => {
    const zod = pathToFileURL(join(new URL('../../../', import.meta.url).pathname, 'node_modules/zod/index.js')).href;
    expect(compilations(zod, `lib.z.object({ title: lib.z.string() }).parse({ title: 'x' });`)).toBeGreaterThan(0);
  });
});
