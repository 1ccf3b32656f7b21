// Workshop documents for 100, 500 and 2,000 invitees, beside a baseline measured in the same run.
// Whole set: s and cpu s (cpu s: user + system time of this process, steadier than wall time on a
// shared machine; it can exceed s, as V8 collects garbage on helper threads), pages/s and
// pages/cpu s over every page of every PDF made, peak RSS (the process's high-water mark so far,
// from getrusage, so it includes the sizes before; sizes run smallest first) and output MB.
// Letters: the phase from the agenda's completion to invitations.pdf and its one-file-per-invitee
// copies; letters/s and letters/cpu s count each invitee's letter once (each is written twice,
// in invitations.pdf and in its own file: "letter pages written"); "x baseline" compares
// letters/cpu s with the baseline's.
// Baseline: the "plain" way, 500 one-page letters written with pdf-lib into one document
// with DejaVu Sans embedded once (subset, fontkit's default shaping for every drawText, no width
// or layout cache), saved once. (Embedding the font per letter, one file each, is far slower
// still: about 18 letters per CPU second here.) The target is 500 unique letters/s.
// Run after `npm run build`: node --expose-gc bench/workshop.mjs [counts...]
// To compare with an earlier build in the same conditions, point WORKSHOP_DIST at that build's
// packages/workshop/dist (kept inside this checkout, so its imports resolve) and WORKSHOP_FILE at
// the workshop file of that version (an earlier schema refuses the keys added since).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';

const dist = process.env.WORKSHOP_DIST ? pathToFileURL(`${resolve(process.env.WORKSHOP_DIST)}/`) : new URL('../packages/workshop/dist/', import.meta.url);
const { buildWorkshop, parseWorkshop } = await import(new URL('index.js', dist).href);
const { loadDejaVuFonts } = await import(new URL('node.js', dist).href);
const workshopFile = process.env.WORKSHOP_FILE ? resolve(process.env.WORKSHOP_FILE) : fileURLToPath(new URL('../examples/lampung-2021/workshop.yaml', import.meta.url));

const counts = process.argv.slice(2).map(Number).filter(Boolean);
const base = parseWorkshop(await readFile(workshopFile, 'utf8'));
const fonts = await loadDejaVuFonts();
// The emblems the file names by path, read as the CLI reads them.
const assets = {};
for (const reference of [base.organizer.logo, ...(base.organizer.coLogos ?? [])]) {
  if (reference && !reference.startsWith('data:')) assets[reference] = new Uint8Array(await readFile(resolve(dirname(workshopFile), reference)));
}
const given = ['Siti', 'Ahmad', 'Dewi', 'Made', 'Yohanes', 'Nurul', 'Ketut', 'Rizky', 'Agustinus', 'Ayu', 'Ngurah', 'Hứa'];
const family = ['Aminah', 'Saputra', 'Lestari', 'Wijaya', 'Pattiasina', 'Hidayat', 'Sembiring', 'Nainggolan', 'Ratulangi', 'Łukasz', 'Öztürk'];

function workshopWith(count) {
  const invitees = Array.from({ length: count }, (_, index) => {
    const template = base.invitees[index % base.invitees.length];
    return {
      ...template,
      name: `${given[index % given.length]} ${family[(index * 7) % family.length]} ${index + 1}`,
      email: `peserta${index + 1}@example.id`,
    };
  });
  return { ...base, invitees };
}

// Warm up once (JIT, font parsing) so the first size is not charged for it.
await buildWorkshop(workshopWith(5), { fonts, assets });

const rows = [];
for (const count of counts.length ? counts : [100, 500, 2000]) {
  const workshop = workshopWith(count);
  globalThis.gc?.();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // The letters' phase runs from the agenda's completion to invitations.pdf and its single files.
  let lettersFrom = 0;
  let lettersTo = 0;
  let lettersCpuFrom = process.cpuUsage();
  let lettersCpu = 0;
  const files = await buildWorkshop(workshop, {
    fonts,
    assets,
    onProgress: ({ path }) => {
      if (path === 'agenda.pdf') {
        lettersFrom = performance.now();
        lettersCpuFrom = process.cpuUsage();
      }
      if (path === 'invitations.pdf') {
        lettersTo = performance.now();
        const used = process.cpuUsage(lettersCpuFrom);
        lettersCpu = (used.user + used.system) / 1e6;
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  let pages = 0;
  let letterPages = 0;
  let bytes = 0;
  for (const file of files) {
    bytes += file.bytes.length;
    if (!file.path.endsWith('.pdf')) continue;
    const doc = await PDFDocument.load(file.bytes, { updateMetadata: false });
    pages += doc.getPageCount();
    if (file.path.startsWith('invitations')) letterPages += doc.getPageCount();
  }

  const letterSeconds = (lettersTo - lettersFrom) / 1000;
  rows.push({
    invitees: count,
    files: files.length,
    pages,
    s: seconds.toFixed(2),
    'cpu s': cpuSeconds.toFixed(2),
    'pages/s': Math.round(pages / seconds),
    'pages/cpu s': Math.round(pages / cpuSeconds),
    'peak RSS MB': Math.round(peakRss / 1e6),
    'output MB': (bytes / 1e6).toFixed(1),
    'letters s': letterSeconds.toFixed(2),
    'letters cpu s': lettersCpu.toFixed(2),
    'letters/s': Math.round(count / letterSeconds),
    'letters/cpu s': Math.round(count / lettersCpu),
    'letter pages written': letterPages,
  });
}

// The baseline, in this process and on this machine now: text measured and drawn by pdf-lib
// without any cache of ours.
const baselineCount = 500;
const baseWorkshop = workshopWith(baselineCount);
globalThis.gc?.();
const baselineStarted = performance.now();
const baselineCpuStarted = process.cpuUsage();
const doc = await PDFDocument.create();
doc.registerFontkit(fontkit);
const regular = await doc.embedFont(fonts.regular, { subset: true });
const bold = await doc.embedFont(fonts.bold, { subset: true });
for (const invitee of baseWorkshop.invitees) {
  const page = doc.addPage([595.28, 841.89]);
  let y = 780;
  const line = (text, font = regular, size = 11) => {
    page.drawText(text, { x: 71, y, size, font });
    y -= size * 1.35;
  };
  const paragraph = (text) => {
    let current = '';
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (regular.widthOfTextAtSize(next, 11) > 453 && current) {
        line(current);
        current = word;
      } else current = next;
    }
    if (current) line(current);
    y -= 6;
  };
  line(base.organizer.name.toUpperCase(), bold, 14);
  if (base.organizer.unit) line(base.organizer.unit.toUpperCase(), bold, 12);
  if (base.organizer.address) line(base.organizer.address, regular, 9);
  y -= 12;
  line(`Nomor: ${base.letter.number}`);
  line(`Hal: ${base.letter.subject}`);
  y -= 12;
  line('Yth.');
  line(invitee.name, bold);
  line(invitee.position);
  line(invitee.institution);
  y -= 12;
  paragraph(`Dengan hormat, dalam rangka ${base.event.title}, kami mengundang Bapak/Ibu untuk hadir pada kegiatan yang akan diselenggarakan pada:`);
  line(`hari/tanggal: ${base.event.start}`);
  line(`tempat: ${base.event.venue?.name ?? base.event.online ?? ''}`);
  paragraph('Mengingat pentingnya kegiatan tersebut, kami mengharapkan kehadiran Bapak/Ibu tepat waktu. Demikian undangan ini kami sampaikan; atas perhatian dan kehadiran Bapak/Ibu kami ucapkan terima kasih.');
  line(base.letter.signatory.position);
  y -= 50;
  line(base.letter.signatory.name, bold);
}
await doc.save();
const baselinePages = doc.getPageCount();
const baselineSeconds = (performance.now() - baselineStarted) / 1000;
const baselineCpu = process.cpuUsage(baselineCpuStarted);
const baselineCpuSeconds = (baselineCpu.user + baselineCpu.system) / 1e6;
const baselineRate = baselineCount / baselineCpuSeconds;
for (const row of rows) row['x baseline'] = `${(row['letters/cpu s'] / baselineRate).toFixed(1)}x`;
console.table(rows);
console.log(
  `baseline, same run: plain pdf-lib + embedded DejaVu, ${baselineCount} letters (${baselinePages} pages) in ${baselineSeconds.toFixed(2)} s, ` +
    `${baselineCpuSeconds.toFixed(2)} cpu s: ${Math.round(baselineCount / baselineSeconds)} letters/s, ${Math.round(baselineRate)} letters/cpu s`,
);
console.log('issue target: 500 unique letters/s (letters/s and letters/cpu s above)');
