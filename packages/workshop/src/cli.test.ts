import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
    // Where each file went, then a one-line summary; the notice that certificates went to everyone.
    const lines = build.stdout.trim().split('\n');
    expect(lines.slice(0, -1).map((line) => line.trim().split(/\s+/)[0])).toEqual([
      'out/agenda.pdf',
      'out/invitations.pdf',
      'out/invitations/',
      'out/invitation.ics',
      'out/commitment.pdf',
      'out/attendance.pdf',
      'out/certificates.pdf',
      'out/manifest.json',
    ]);
    expect(lines[1]).toMatch(/out\/invitations\.pdf +2 pages, [\d.]+ KB$/);
    expect(lines[2]).toMatch(/out\/invitations\/ +1 files, one letter per invitee$/);
    expect(lines.at(-1)).toBe('Done: 8 files in out: 1 invitation letters, 1 certificates (all invitees), a commitment for 1 signatories and 0 witnesses.');
    expect(build.stderr).toContain('Note: no attendance given');
    const files = readdirSync(join(dir, 'out'));
    expect(files).toEqual(expect.arrayContaining(['agenda.pdf', 'invitations.pdf', 'invitation.ics', 'commitment.pdf', 'attendance.pdf', 'certificates.pdf', 'manifest.json', 'invitations']));
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
    expect(run('build', 'workshop.yaml', '--out', 'out', '--cancel').status).toBe(0);
    expect(readFileSync(join(dir, 'out/invitation.ics'), 'utf8')).toContain('METHOD:CANCEL');
  });

  it('gives certificates to those on the --attended list, with walk-ins', () => {
    writeFileSync(join(dir, 'hadir.csv'), 'Nama,Instansi\nNama Peserta\nRina Marlina,Inspektorat Kota Metro\n');
    const build = run('build', 'workshop.yaml', '--out', 'attended-out', '--attended', 'hadir.csv');
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout.trim().split('\n').at(-1)).toContain('2 sertifikat (yang hadir)');
    expect(build.stderr).toContain('Perhatian: 1 peserta tanpa undangan mendapat sertifikat: Rina Marlina');
    writeFileSync(join(dir, 'salah.yaml'), '- siapa@example.id\n');
    const wrong = run('build', 'workshop.yaml', '--out', 'wrong-out', '--attended', 'salah.yaml');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('attended[0].email: siapa@example.id bukan email undangan mana pun');
    expect(existsSync(join(dir, 'wrong-out'))).toBe(false);
    expect(run('build', 'workshop.yaml', '--out', 'x', '--attended', 'missing.csv').status).toBe(2);
  });

  it('writes the signatories\' focal points as a directory file', () => {
    writeFileSync(
      join(dir, 'fp.yaml'),
      readFileSync(join(dir, 'workshop.yaml'), 'utf8').replace(
        '      position: Inspektur Kabupaten Contoh\n',
        '      position: Inspektur Kabupaten Contoh\n      focalPoint: { name: Rina, position: Auditor, email: rina@example.id, phone: "0812 1" }\n',
      ),
    );
    const result = run('directory', 'fp.yaml', '--out', 'focal-points.json', '--locale', 'en');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('focal-points.json: 2 agencies, 1 focal points.');
    const written = JSON.parse(readFileSync(join(dir, 'focal-points.json'), 'utf8')) as { focalPoints: { name: string; agencyId: string }[] };
    expect(written.focalPoints).toEqual([expect.objectContaining({ name: 'Rina', agencyId: 'inspektorat-kabupaten-contoh' })]);
    const without = run('directory', 'workshop.yaml', '--out', 'none.json');
    expect(without.status).toBe(0);
    expect(without.stderr).toContain('penanda tangan tanpa narahubung (focalPoint): Inspektorat Kabupaten Contoh.');
    expect(run('directory', 'workshop.yaml').status).toBe(2);
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

describe('the narahubung-workshop bin', () => {
  const packageDir = join(root, 'packages/workshop');
  const launcher = join(packageDir, 'bin/narahubung-workshop.js');

  it('is a committed, executable file that package.json names, so npm links it at install time', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(pkg.bin).toEqual({ 'narahubung-workshop': './bin/narahubung-workshop.js' });
    expect(pkg.files).toContain('bin');
    expect(execFileSync('git', ['ls-files', 'packages/workshop/bin/narahubung-workshop.js'], { cwd: root, encoding: 'utf8' }).trim()).toBe('packages/workshop/bin/narahubung-workshop.js');
    expect(readFileSync(launcher, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    // The link npm made in this checkout's node_modules/.bin leads to the launcher.
    expect(realpathSync(join(root, 'node_modules/.bin/narahubung-workshop'))).toBe(realpathSync(launcher));
  });

  it('runs the built CLI through the link npm creates, and says to build when the build is missing', () => {
    // A package laid out as npm installs it: bin/ (the launcher), dist/ (the CLI) and a link in node_modules/.bin.
    const installed = join(packageDir, `node_modules/.cache/launcher-${process.pid}`);
    try {
      mkdirSync(join(installed, 'bin'), { recursive: true });
      mkdirSync(join(installed, 'node_modules/.bin'), { recursive: true });
      copyFileSync(launcher, join(installed, 'bin/narahubung-workshop.js'));
      symlinkSync('../../bin/narahubung-workshop.js', join(installed, 'node_modules/.bin/narahubung-workshop'));
      const bin = join(installed, 'node_modules/.bin/narahubung-workshop');
      const missing = spawnSync(bin, ['--help'], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toBe('narahubung-workshop is not built yet (dist/cli.js is missing). In a clone of the repository run `npm run build` once, then run the command again.\n');
      mkdirSync(join(installed, 'dist'));
      copyFileSync(cli, join(installed, 'dist/cli.js'));
      const help = spawnSync(bin, ['--help', '--locale', 'en'], { encoding: 'utf8' });
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toContain('narahubung-workshop directory <file> --out focal-points.json');
    } finally {
      rmSync(installed, { recursive: true, force: true });
    }
  });
});
