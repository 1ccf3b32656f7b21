import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI as a user runs it, in a child process: the source bundled by esbuild (rollup's build
// is checked by `npm run build`), placed inside the package so its dependencies resolve.
const root = new URL('../../../', import.meta.url).pathname;
const bundleDir = join(root, 'packages/workshop/node_modules/.cache/cli-test');
const cli = join(bundleDir, `cli-${process.pid}.mjs`);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nh-cli-'));
  execFileSync(join(root, 'node_modules/.bin/esbuild'), [join(root, 'packages/workshop/src/cli.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', '--log-level=warning', `--outfile=${cli}`]);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

describe('narahubung-workshop', () => {
  it('prints help', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('narahubung-workshop build <berkas> --out <folder>');
  });

  it('writes a commented example with init, which validates and builds', () => {
    expect(run('init').status).toBe(0);
    const example = readFileSync(join(dir, 'workshop.yaml'), 'utf8');
    expect(example).toContain('# ');
    expect(run('init').status).not.toBe(0); // never overwrites
    const validate = run('validate', 'workshop.yaml');
    expect(validate.status, validate.stderr).toBe(0);
    const build = run('build', 'workshop.yaml', '--out', 'out', '--locale', 'en', '--paper', 'f4');
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toContain('manifest.json');
    const files = readdirSync(join(dir, 'out'));
    expect(files).toEqual(expect.arrayContaining(['agenda.pdf', 'invitations.pdf', 'invitation.ics', 'commitment.pdf', 'attendance.pdf', 'certificates.pdf', 'manifest.json', 'invitations']));
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
    expect(run('build', 'workshop.yaml', '--out', 'out', '--cancel').status).toBe(0);
    expect(readFileSync(join(dir, 'out/invitation.ics'), 'utf8')).toContain('METHOD:CANCEL');
  });

  it('exits non-zero with the field and line on bad input, writing nothing', () => {
    writeFileSync(join(dir, 'bad.yaml'), readFileSync(join(dir, 'workshop.yaml'), 'utf8').replace('email: peserta@example.id', 'email: peserta'));
    const result = run('build', 'bad.yaml', '--out', 'bad-out');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/invitees\[0\]\.email: .*\(baris \d+\)/);
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
    expect(run('build', 'missing.yaml', '--out', 'x').status).toBe(2);
    expect(run('build', 'workshop.yaml').stderr).toContain('--out');
    expect(run('frobnicate').status).toBe(2);
  });
});
