import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAttended, type AttendedEntry } from './attended.js';
import { buildWorkshop, findMissingGlyphs, type WorkshopOutput } from './build.js';
import { focalPointDirectory } from './directory.js';
import { imageReferences } from './emblems.js';
import { WorkshopError } from './errors.js';
import { initTemplate } from './init-template.js';
import { message, type Locale, type MessageKey } from './messages/index.js';
import { loadDejaVuFonts } from './node.js';
import { parseWorkshop } from './parse.js';
import type { Paper } from './pdf/composer.js';
import type { WorkshopNotice } from './recipients.js';
import type { Workshop } from './schema.js';

// narahubung-workshop: validate, build, directory, init. Exit codes: 0 done, 1 bad input, 2 bad usage.

class UsageError extends Error {}

const options = {
  out: { type: 'string', short: 'o' },
  locale: { type: 'string', short: 'l' },
  paper: { type: 'string' },
  attended: { type: 'string', short: 'a' },
  cancel: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The locale asked for with --locale (read before the arguments, to report their errors in it), else from LANG. */
function localeOf(argv: readonly string[]): Locale {
  let asked: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === '--locale' || arg === '-l') asked = argv[index + 1];
    else if (arg.startsWith('--locale=')) asked = arg.slice('--locale='.length);
  });
  if (asked === 'id' || asked === 'en') return asked;
  return process.env.LANG?.startsWith('en') ? 'en' : 'id';
}

async function main(argv: string[], locale: Locale): Promise<number> {
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => message(locale, key, params);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    // node:util's own text (in English) is kept as the detail: it names the option.
    throw new UsageError(say('cli.badArguments', { detail: error instanceof Error ? error.message : String(error) }));
  }
  const { values, positionals } = parsed;
  if (values.locale !== undefined && values.locale !== locale) throw new UsageError(say('cli.badOption', { option: '--locale', value: values.locale }));
  const [command, file] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    process.stdout.write(`${say('cli.help')}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'init') {
    const target = resolve(file ?? 'workshop.yaml');
    if (!values.force && (await exists(target))) throw new UsageError(say('cli.exists', { file: target }));
    await writeAtomically(target, new TextEncoder().encode(initTemplate), locale);
    process.stdout.write(`${say('cli.initWrote', { file: target })}\n`);
    return 0;
  }
  if (command !== 'validate' && command !== 'build' && command !== 'directory') throw new UsageError(say('cli.usage'));
  if (!file) throw new UsageError(say('cli.missingFile'));
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(say('cli.unreadable', { file, detail: error.code ?? error.message }));
  });
  const workshop = parseWorkshop(source, { locale, format: extname(file).toLowerCase() === '.json' ? 'json' : 'yaml' });
  if (command === 'directory') {
    if (!values.out) throw new UsageError(say('cli.missingOut'));
    const directory = focalPointDirectory(workshop, { locale });
    const target = resolve(values.out);
    await writeAtomically(target, new TextEncoder().encode(`${JSON.stringify(directory, null, 2)}\n`), locale);
    process.stdout.write(`${say('cli.directoryWrote', { file: shown(target), agencies: directory.agencies.length, focalPoints: directory.focalPoints.length })}\n`);
    const without = workshop.commitment.signatories.filter((signatory) => !signatory.focalPoint).map((signatory) => signatory.institution);
    if (without.length > 0) process.stderr.write(`${say('cli.notice', { message: say('cli.directoryMissing', { names: without.join('; ') }) })}\n`);
    return 0;
  }
  const attended = values.attended === undefined ? undefined : await readAttended(values.attended, locale);
  const fonts = await loadDejaVuFonts();
  if (command === 'validate') {
    const missing = findMissingGlyphs(workshop, fonts, locale);
    if (missing.length > 0) throw new WorkshopError('missing_glyph', missing);
    process.stdout.write(`${say('cli.valid', { file, invitees: workshop.invitees.length, signatories: workshop.commitment.signatories.length })}\n`);
    return 0;
  }
  if (!values.out) throw new UsageError(say('cli.missingOut'));
  const paper = values.paper ?? 'a4';
  if (paper !== 'a4' && paper !== 'f4') throw new UsageError(say('cli.badOption', { option: '--paper', value: paper }));
  const outDir = resolve(values.out);
  // Checked before the build, so a wrong --out costs no time; writing reports it too.
  const outStat = await stat(outDir).catch(() => undefined);
  if (outStat && !outStat.isDirectory()) throw new UsageError(say('cli.outNotFolder', { dir: outDir }));
  const notices: WorkshopNotice[] = [];
  const files = await buildWorkshop(workshop, {
    fonts,
    locale,
    paper: paper as Paper,
    cancel: values.cancel ?? false,
    assets: await readAssets(workshop, dirname(resolve(file))),
    ...(attended ? { attended } : {}),
    onNotice: (notice: WorkshopNotice) => notices.push(notice),
    onProgress: ({ done, total, path }) => {
      // On a terminal one line counts up; in a log, every document and every 50th letter.
      const line = say('cli.progress', { done, total, file: path });
      if (process.stderr.isTTY) {
        const width = (process.stderr.columns || 80) - 1;
        process.stderr.write(`\r${line.padEnd(width).slice(0, width)}${done === total ? '\n' : ''}`);
      } else if (done % 50 === 0 || !path.startsWith('invitations/')) process.stderr.write(`${line}\n`);
    },
  });
  // Everything is made in memory first; each file is then written to a temporary name and
  // renamed, so an interrupted run never leaves a half-written document behind.
  for (const output of files) await writeAtomically(join(outDir, ...output.path.split('/')), output.bytes, locale);
  process.stdout.write(report(files, outDir, workshop, notices, locale));
  for (const notice of notices) process.stderr.write(`${say('cli.notice', { message: notice.message })}\n`);
  return 0;
}

/** A path as the user would type it: relative to the working folder when inside it. */
function shown(path: string): string {
  const from = relative(process.cwd(), path);
  return from && !from.startsWith('..') ? from : path;
}

/** Where each file went (the one-letter files as one line), and a one-line summary. */
function report(files: readonly WorkshopOutput[], outDir: string, workshop: Workshop, notices: readonly WorkshopNotice[], locale: Locale): string {
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => message(locale, key, params);
  const rows: [string, string][] = [];
  const letters = files.filter((file) => file.path.startsWith('invitations/'));
  for (const file of files) {
    if (file.path.startsWith('invitations/')) {
      if (file === letters[0]) rows.push([`${shown(join(outDir, 'invitations'))}/`, say('cli.letterFiles', { count: letters.length })]);
      continue;
    }
    const size = `${(file.bytes.length / 1024).toFixed(1)} KB`;
    rows.push([shown(join(outDir, ...file.path.split('/'))), file.pages === undefined ? size : `${say('cli.pages', { pages: file.pages })}, ${size}`]);
  }
  const width = Math.max(...rows.map(([path]) => path.length));
  const certificates = files.find((file) => file.path === 'certificates.pdf')?.pages ?? 0;
  const basis = notices.some((notice) => notice.code === 'certificates_for_all') ? 'cli.basisAll' : 'cli.basisAttended';
  const summary = say('cli.summary', {
    files: files.length,
    dir: shown(outDir),
    letters: letters.length,
    certificates,
    basis: say(basis),
    signatories: workshop.commitment.signatories.length,
    witnesses: workshop.commitment.witnesses.length,
  });
  return `${rows.map(([path, detail]) => `  ${path.padEnd(width)}  ${detail}`).join('\n')}\n${summary}\n`;
}

/** The attended list of `--attended <file>`: CSV, or YAML by its extension. */
async function readAttended(file: string, locale: Locale): Promise<AttendedEntry[]> {
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(message(locale, 'cli.unreadable', { file, detail: error.code ?? error.message }));
  });
  const extension = extname(file).toLowerCase();
  const format = extension === '.yaml' || extension === '.yml' ? 'yaml' : extension === '.csv' || extension === '.txt' ? 'csv' : undefined;
  return parseAttended(source, format ? { locale, format } : { locale });
}

/** The bytes of every image the workshop names by path, keyed by that path. */
async function readAssets(workshop: Workshop, baseDir: string): Promise<Record<string, Uint8Array>> {
  const assets: Record<string, Uint8Array> = {};
  for (const { reference } of imageReferences(workshop)) {
    if (reference.startsWith('data:')) continue;
    try {
      assets[reference] = new Uint8Array(await readFile(resolve(baseDir, reference)));
    } catch {
      // reported by the build as a missing or unreadable image, with its field
    }
  }
  return assets;
}

/** Writes to a temporary name and renames; a file-system error becomes a usage error naming the file. */
async function writeAtomically(path: string, bytes: Uint8Array, locale: Locale): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const key = fileSystemErrorKeys[code];
    throw new UsageError(message(locale, 'cli.cannotWrite', { file: path, detail: key ? message(locale, key) : code || String(error) }));
  }
}

const fileSystemErrorKeys: Partial<Record<string, MessageKey>> = {
  ENOTDIR: 'cli.fsNotFolder',
  EEXIST: 'cli.fsNotFolder',
  EACCES: 'cli.fsDenied',
  EPERM: 'cli.fsDenied',
  ENOSPC: 'cli.fsFull',
  EROFS: 'cli.fsReadOnly',
  EISDIR: 'cli.fsIsFolder',
};

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const argv = process.argv.slice(2);
main(argv, localeOf(argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof WorkshopError) {
      process.stderr.write(`${error.problems.map((problem) => `  ${problem.message}`).join('\n')}\n`);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
