#!/usr/bin/env node
// `npm test`: build, type check, lint, the Node tests (Vitest) and the browser tests
// (web-test-runner in Debian's Chromium). Every stage runs even when an earlier test stage
// fails, so one run shows everything; the exit code is non-zero when anything failed. The last
// line is the plain total, `Summary: N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const missing = [];
if (!existsSync(chrome)) missing.push(`Chromium (${chrome}): apt-get install -y chromium, or set CHROME_PATH`);
if (!existsSync('/usr/bin/pdftotext')) missing.push('pdftotext: apt-get install -y poppler-utils');
// The certificates' QR codes are read back with a real decoder.
if (!existsSync('/usr/bin/zbarimg')) missing.push('zbarimg: apt-get install -y zbar-tools');
// The PostgreSQL tests start their own throwaway clusters with Debian's binaries (test/e2e/postgres.ts).
if (!process.env.PG_BIN && !(existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`)))) {
  missing.push('PostgreSQL (initdb, pg_ctl): apt-get install -y postgresql, or set PG_BIN');
}
if (missing.length > 0) {
  console.error(`npm test needs:\n  ${missing.join('\n  ')}`);
  process.exit(2);
}

function run(name, command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'], env: process.env });
    let output = '';
    if (capture) {
      for (const stream of [child.stdout, child.stderr]) {
        stream.on('data', (chunk) => {
          output += chunk;
          process.stdout.write(chunk);
        });
      }
    }
    child.on('close', (code) => {
      console.log(`◀ ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ code, output });
    });
  });
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const failures = [];
let passed = 0;
let failed = 0;

for (const [name, args] of [
  ['build', ['rollup', '-c', '--silent']],
  ['typecheck', ['tsc', '-p', 'tsconfig.json']],
  ['lint', ['eslint', '--max-warnings', '0', '.']],
  // docs/api.md's examples are answers of the real handler: this fails when they went stale
  // (regenerate with `npm run docs:api`).
  ['docs examples', ['esbuild', 'docs/scripts/api-examples.ts', '--bundle', '--platform=node', '--format=esm', '--outfile=node_modules/.cache/narahubung/api-examples.mjs', '--log-level=warning']],
]) {
  let { code } = await run(name, npx, args);
  if (name === 'docs examples' && code === 0) ({ code } = await run('docs examples check', process.execPath, ['node_modules/.cache/narahubung/api-examples.mjs', '--check']));
  if (code !== 0) {
    failures.push(name);
    failed += 1; // a stage that fails counts as a failure in the summary, whatever it checked
    if (name === 'build') break;
  }
}

if (!failures.includes('build')) {
  const reportDir = mkdtempSync(join(tmpdir(), 'narahubung-vitest-'));
  const report = join(reportDir, 'vitest.json');
  const vitest = await run('node tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests + (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
  } else {
    failed += 1;
  }
  rmSync(reportDir, { recursive: true, force: true });
  if (vitest.code !== 0) failures.push('vitest');

  const wtr = await run('browser tests (web-test-runner, Chromium)', npx, ['wtr'], { capture: true });
  const counts = [...wtr.output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  }
  // A test file that cannot even load fails the run without failing a test: count it.
  if (wtr.code !== 0 && (!counts || Number(counts[2]) === 0)) failed += 1;
  if (wtr.code !== 0) failures.push('web-test-runner');
}

console.log(failures.length > 0 ? `\nFailed stages: ${failures.join(', ')}` : '\nAll stages passed.');
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
