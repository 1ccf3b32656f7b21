// Workshop documents for 100, 500 and 2,000 invitees: seconds, pages per second and peak memory.
// Columns: s and cpu s for the whole set (cpu s: user + system time of this process, steadier than
// wall time on a shared machine); letters s, letters/s and letters/cpu s for the letters alone
// (invitations.pdf laid out and the one-file-per-invitee copies); letter pages/s counts the pages
// of both (each letter is written twice); pages counts every page of every PDF made.
// Run after `npm run build`: node bench/workshop.mjs [counts...]
// Baseline (the measurement on this kind of machine): 500 one-page letters written
// plainly with pdf-lib and an embedded font took about 4.7 s (about 106 pages/s); WeasyPrint
// (HTML to PDF, as Indico uses) about 28 s (about 18 pages/s). Target: >= 500 letter pages/s.
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { buildWorkshop, parseWorkshop } from '../packages/workshop/dist/index.js';
import { loadDejaVuFonts } from '../packages/workshop/dist/node.js';

const counts = process.argv.slice(2).map(Number).filter(Boolean);
const base = parseWorkshop(await readFile(new URL('../examples/lampung-2021/workshop.yaml', import.meta.url), 'utf8'));
const fonts = await loadDejaVuFonts();
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
await buildWorkshop(workshopWith(5), { fonts });

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

const rows = [];
for (const count of counts.length ? counts : [100, 500, 2000]) {
  const workshop = workshopWith(count);
  globalThis.gc?.();
  peak = process.memoryUsage().rss;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // The letters' phase runs from the agenda's completion to invitations.pdf and its single files.
  let lettersFrom = 0;
  let lettersTo = 0;
  let lettersCpuFrom = process.cpuUsage();
  let lettersCpu = 0;
  const files = await buildWorkshop(workshop, {
    fonts,
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
  peak = Math.max(peak, process.memoryUsage().rss);
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
    'letters s': letterSeconds.toFixed(2),
    'letters/s': Math.round(count / letterSeconds),
    'letters/cpu s': Math.round(count / lettersCpu),
    'letter pages/s': Math.round(letterPages / letterSeconds),
    'output MB': (bytes / 1e6).toFixed(1),
    'peak RSS MB': Math.round(peak / 1e6),
  });
}
clearInterval(sampler);
console.table(rows);
console.log('baseline: plain pdf-lib + embedded font, 500 letters in ~4.7 s (~106 pages/s); WeasyPrint ~28 s (~18 pages/s)');
