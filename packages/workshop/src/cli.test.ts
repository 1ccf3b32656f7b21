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

  it('refuses a YAML alias bomb with a message, not a stack trace', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    writeFileSync(join(dir, 'bomb.yaml'), bomb);
    const result = run('validate', 'bomb.yaml', '--locale', 'en');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('The workshop file cannot be read: too many YAML aliases (*name); write the values out.');
  });

  it('reports an --out that is a file, or under a file, as a usage error without a stack trace', () => {
    writeFileSync(join(dir, 'taken'), 'not a folder');
    const onFile = run('build', 'workshop.yaml', '--out', 'taken', '--locale', 'en');
    expect(onFile.status).toBe(2);
    expect(onFile.stderr.trim()).toBe(`--out ${join(dir, 'taken')} is a file, not a folder; give the output folder.`);
    const underFile = run('build', 'workshop.yaml', '--out', 'taken/out');
    expect(underFile.status).toBe(2);
    expect(underFile.stderr.trim().split('\n').at(-1)).toBe(`Tidak dapat menulis ${join(dir, 'taken/out/agenda.pdf')}: sebagian dari jalurnya adalah berkas, bukan folder.`);
    expect(`${onFile.stderr}${underFile.stderr}`).not.toMatch(/\bat .*:\d+:\d+\)?$/m);
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('not a folder');
  });

  it('reports wrong arguments in the language asked for with --locale', () => {
    const english = run('build', 'workshop.yaml', '--frobnicate', '--locale', 'en');
    expect(english.status).toBe(2);
    expect(english.stderr).toMatch(/^Wrong command-line arguments \(.*--frobnicate.*\)\. See narahubung-workshop --help\.$/m);
    const indonesian = run('build', 'workshop.yaml', '--out');
    expect(indonesian.status).toBe(2);
    expect(indonesian.stderr).toMatch(/^Argumen baris perintah tidak sesuai \(.*--out.*\)\. Lihat narahubung-workshop --help\.$/m);
    const badLocale = run('validate', 'workshop.yaml', '--locale', 'fr');
    expect(badLocale.status).toBe(2);
    expect(badLocale.stderr.trim()).toBe('Nilai --locale tidak dikenal: fr.');
  });
});
