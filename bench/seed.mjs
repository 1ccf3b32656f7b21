// Seeded complaints for the benches at scale (bench/scale.mjs, bench/indicators.mjs): N complaints
// over the 20 service agencies of a bench directory (the Lampung example's four, plus the
// Disdukcapil of every other regency and city and two provincial offices), received over 10 years,
// each taken through the lifecycle as staff and reporters would (verification on time or late,
// requests for information, forwarding, escalation to the inspectorate, resolution, disputes,
// ratings, withdrawals, a backlog that never moved), with Indonesian titles and descriptions in
// which some words are common ("pelayanan") and some rare ("hologram"). Each record carries its
// `dueAt` and indicator facts as the intake keeps them, and goes in through the store's own
// `insertOnce`, in the order received.
//
// Seeded databases are kept under node_modules/.cache/narahubung/bench/, one per store, count, seed
// version and schema version, so later runs start at once: a SQLite file, and a PostgreSQL
// cluster folder (Debian's postgres, started by test/e2e/postgres.ts). A seed that did not finish
// has no meta.json and is made again.
//
//   node bench/seed.mjs                       seeds (or finds) 10,000 and 1,000,000 on both stores
//   node bench/seed.mjs --count 10000 --store sqlite
//   BENCH_COUNT=10000 node bench/seed.mjs     the same as --count
//
// Needs a build (`npm run build`).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyReporterAction, applyTransition, computeDeadlines, createTrackingId, currentDeadline, defaultPolicy, indicatorFactsOf } from '@narahubung/core';
import { loadCalendar, loadDirectoryFile } from '../packages/server/dist/index.js';
import { openSqliteStore, SCHEMA_VERSION as SQLITE_SCHEMA } from '../packages/store-sqlite/dist/index.js';
import { openPostgresStore, SCHEMA_VERSION as POSTGRES_SCHEMA } from '../packages/store-postgres/dist/index.js';
import { startCluster } from './postgres.mjs';

/** Raise it whenever what is generated changes: cached seeds of another version are made again. */
export const SEED_VERSION = 1;
export const SIZES = [10_000, 1_000_000];
export const YEARS = 10;
/** The agency whose focal point the inbox queries use (about a tenth of the complaints). */
export const FOCAL_AGENCY = 'disdukcapil-bandar-lampung';
export const FOCAL_POINT = 'fp-disdukcapil-bandar-lampung';
/** The supervisor whose scope is the whole province (every agency of region 18). */
export const PROVINCE_SUPERVISOR = 'supervisor-ombudsman-lampung';
/** In about half of the complaints, and in about 0.1%. */
export const COMMON_WORD = 'pelayanan';
export const RARE_WORD = 'hologram';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const CACHE = join(REPO, 'node_modules/.cache/narahubung/bench');
const DAY = 86_400_000;

// ---- the bench directory: the Lampung example and 16 more service agencies ----

const REGENCIES = [
  ['lampung-selatan', 'Kabupaten Lampung Selatan'],
  ['lampung-tengah', 'Kabupaten Lampung Tengah'],
  ['lampung-utara', 'Kabupaten Lampung Utara'],
  ['lampung-barat', 'Kabupaten Lampung Barat'],
  ['tulang-bawang', 'Kabupaten Tulang Bawang'],
  ['tanggamus', 'Kabupaten Tanggamus'],
  ['lampung-timur', 'Kabupaten Lampung Timur'],
  ['way-kanan', 'Kabupaten Way Kanan'],
  ['pesawaran', 'Kabupaten Pesawaran'],
  ['pringsewu', 'Kabupaten Pringsewu'],
  ['mesuji', 'Kabupaten Mesuji'],
  ['tulang-bawang-barat', 'Kabupaten Tulang Bawang Barat'],
  ['pesisir-barat', 'Kabupaten Pesisir Barat'],
  ['metro', 'Kota Metro'],
];

/**
 * The bench directory file (written to the cache; the server reads it as DIRECTORY): the
 * example's agencies, staff, supervisors and client system, plus the Disdukcapil of the 14 other
 * regencies and cities and the province's education and health offices, each with a focal point.
 */
export function benchDirectoryFile() {
  const example = JSON.parse(readFileSync(join(REPO, 'examples/lampung/directory.json'), 'utf8'));
  const inspectorate = (slug) => example.agencies.find((agency) => agency.id === `inspektorat-${slug}`);
  const added = [
    ...REGENCIES.map(([slug, region]) => ({
      id: `disdukcapil-${slug}`,
      name: `Dinas Kependudukan dan Pencatatan Sipil ${region}`,
      kind: 'local_government',
      regionCode: inspectorate(slug).regionCode,
      parentId: null,
      inspectorateId: inspectorate(slug).id,
    })),
    { id: 'disdikbud-lampung', name: 'Dinas Pendidikan dan Kebudayaan Provinsi Lampung', kind: 'local_government', regionCode: '18', parentId: null, inspectorateId: 'inspektorat-lampung' },
    { id: 'dinkes-lampung', name: 'Dinas Kesehatan Provinsi Lampung', kind: 'local_government', regionCode: '18', parentId: null, inspectorateId: 'inspektorat-lampung' },
  ];
  const focalPoints = added.map((agency) => ({
    id: `fp-${agency.id}`,
    sample: true,
    name: `Contoh: Narahubung ${agency.name.replace('Dinas Kependudukan dan Pencatatan Sipil', 'Disdukcapil')}`,
    position: 'Kepala Seksi Pengaduan (contoh)',
    agencyId: agency.id,
    unit: 'Bidang Pelayanan',
    email: `narahubung@${agency.id}.example.id`,
    phone: '+62721000999',
    categories: [],
    regions: [],
    active: { from: '2016-01-01', until: null },
  }));
  const directory = {
    ...example,
    notice: 'Generated by bench/seed.mjs from examples/lampung/directory.json: sample data for benchmarks only.',
    agencies: [...example.agencies, ...added],
    // Active over the whole seeded period, so that routing finds them for old complaints too.
    focalPoints: [...example.focalPoints.map((focalPoint) => ({ ...focalPoint, active: { ...focalPoint.active, from: '2016-01-01' } })), ...focalPoints],
  };
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `directory-s${SEED_VERSION}.json`);
  const text = `${JSON.stringify(directory, null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  return file;
}

/** The agencies complaints are about: every agency that is not an inspectorate or Ombudsman office. */
export function serviceAgencies(directory) {
  return directory.agencies().filter((agency) => agency.kind !== 'inspectorate' && agency.kind !== 'ombudsman');
}

// ---- words ----

/** mulberry32: the same complaints on every run. */
function seeded(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, values) => values[Math.floor(random() * values.length)];
/** A value of `[value, weight]` pairs, by weight. */
function weighted(random, pairs) {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [value, weight] of pairs) {
    at -= weight;
    if (at < 0) return value;
  }
  return pairs.at(-1)[0];
}

const CATEGORY_WEIGHTS = [
  ['undue_delay', 30],
  ['no_service', 12],
  ['procedural_deviation', 15],
  ['abuse_of_authority', 5],
  ['improper_request', 10],
  ['incompetence', 8],
  ['improper_conduct', 8],
  ['discrimination', 2],
  ['partiality', 2],
  ['conflict_of_interest', 1],
  ['other', 7],
];
const KIND_WEIGHTS = [
  ['complaint', 80],
  ['aspiration', 12],
  ['information_request', 8],
];
const CONFIDENTIALITY_WEIGHTS = [
  ['anonymous', 55],
  ['public', 35],
  ['secret', 10],
];

/** What people go to each kind of office for: the nouns of titles and descriptions. */
const SERVICES = {
  disdukcapil: ['KTP-el', 'Kartu Keluarga', 'akta kelahiran', 'akta kematian', 'surat pindah', 'Kartu Identitas Anak', 'perubahan data kependudukan'],
  rsud: ['rawat inap', 'layanan IGD', 'klaim BPJS Kesehatan', 'rujukan pasien', 'obat di apotek rumah sakit', 'jadwal operasi', 'hasil laboratorium'],
  samsat: ['pajak kendaraan', 'STNK', 'balik nama kendaraan', 'plat nomor', 'mutasi kendaraan', 'BPKB'],
  kantah: ['sertifikat tanah', 'pengukuran bidang tanah', 'balik nama sertifikat', 'pendaftaran tanah sistematis', 'roya hak tanggungan', 'peta bidang'],
  disdikbud: ['PPDB', 'ijazah', 'dana BOS', 'Kartu Indonesia Pintar', 'mutasi guru', 'seragam sekolah'],
  dinkes: ['layanan puskesmas', 'vaksinasi', 'ambulans', 'izin praktik', 'posyandu', 'obat program'],
};
const serviceKind = (agencyId) =>
  agencyId.startsWith('disdukcapil') ? 'disdukcapil' : agencyId.startsWith('rsud') ? 'rsud' : agencyId.startsWith('samsat') ? 'samsat' : agencyId.startsWith('kantah') ? 'kantah' : agencyId.startsWith('disdikbud') ? 'disdikbud' : 'dinkes';

const TITLES = {
  undue_delay: ['{s} tidak kunjung selesai', '{s} belum terbit setelah {n} minggu', 'Pengurusan {s} berlarut-larut', 'Menunggu {s} berbulan-bulan'],
  no_service: ['Loket {s} tutup pada jam pelayanan', 'Tidak dilayani saat mengurus {s}', 'Permohonan {s} ditolak tanpa alasan'],
  procedural_deviation: ['Syarat {s} tidak sesuai ketentuan', 'Prosedur {s} berbeda dari yang diumumkan', 'Diminta dokumen tambahan untuk {s}'],
  abuse_of_authority: ['Petugas menahan berkas {s}', 'Kewenangan disalahgunakan dalam {s}'],
  improper_request: ['Diminta uang untuk mempercepat {s}', 'Pungutan liar pada pengurusan {s}', 'Calo menawarkan {s} dengan bayaran'],
  incompetence: ['Data {s} salah ketik', 'Petugas tidak paham prosedur {s}', 'Sistem {s} sering gangguan'],
  improper_conduct: ['Petugas {s} bersikap kasar', 'Perlakuan tidak sopan saat mengurus {s}'],
  discrimination: ['Warga dibedakan dalam pelayanan {s}', 'Antrean {s} didahulukan untuk kenalan petugas'],
  partiality: ['Pelayanan {s} memihak', 'Berkas {s} orang tertentu diproses lebih dulu'],
  conflict_of_interest: ['Petugas {s} merangkap sebagai perantara', 'Konflik kepentingan dalam {s}'],
  other: ['Informasi {s} tidak jelas', 'Saran perbaikan pelayanan {s}', 'Pertanyaan tentang {s}'],
};

const OPENINGS = [
  'Saya mengajukan permohonan {s} di kantor {a} pada {d}.',
  'Pada {d} saya datang ke loket {a} untuk mengurus {s}.',
  'Sejak {d} keluarga kami menunggu {s} dari {a}.',
  'Saya warga Kecamatan {k} yang mengurus {s} sejak {d}.',
];
const MIDDLES = {
  undue_delay: ['Sampai hari ini {s} belum selesai dan setiap ditanya petugas hanya meminta menunggu.', 'Sudah {n} kali saya kembali ke kantor tetapi jawabannya selalu blangko habis atau sistem sedang gangguan.', 'Batas waktu yang dijanjikan sudah lewat {n} minggu tanpa kabar.'],
  no_service: ['Loket tutup sebelum jam pelayanan berakhir dan tidak ada pengumuman.', 'Petugas menolak menerima berkas tanpa menjelaskan alasannya.', 'Nomor antrean habis sejak pagi sehingga banyak warga pulang tanpa dilayani.'],
  procedural_deviation: ['Saya diminta melampirkan surat pengantar yang tidak tercantum dalam persyaratan resmi.', 'Prosedur di lapangan berbeda dengan yang tertulis di papan informasi.', 'Berkas saya dikembalikan karena format yang tidak pernah diumumkan.'],
  abuse_of_authority: ['Petugas menahan berkas saya dan meminta saya datang ke rumahnya.', 'Kepala seksi memerintahkan agar permohonan saya tidak diproses.'],
  improper_request: ['Seorang petugas meminta uang Rp{m} agar prosesnya dipercepat.', 'Di depan kantor ada calo yang menawarkan jasa dengan tarif Rp{m}.', 'Saya diminta membayar biaya administrasi Rp{m} tanpa kuitansi.'],
  incompetence: ['Nama saya salah ketik dan perbaikannya memakan waktu berminggu-minggu.', 'Petugas tidak bisa menjelaskan persyaratan yang benar.', 'Data yang sudah saya serahkan hilang dari sistem.'],
  improper_conduct: ['Petugas membentak warga yang bertanya di loket.', 'Petugas bermain telepon genggam sementara antrean panjang.'],
  discrimination: ['Warga lanjut usia dan penyandang disabilitas tidak mendapat loket prioritas.', 'Orang yang dikenal petugas dilayani lebih dulu tanpa antre.'],
  partiality: ['Berkas pemohon tertentu diproses di luar urutan antrean.', 'Petugas mendahulukan pemohon yang datang bersama pejabat.'],
  conflict_of_interest: ['Petugas yang memproses berkas juga menawarkan jasa pengurusan berbayar.', 'Keluarga petugas menjadi perantara pengurusan di kantor yang sama.'],
  other: ['Informasi persyaratan di laman resmi tidak sesuai dengan yang diminta di loket.', 'Saya ingin menanyakan jadwal pelayanan pada hari libur.', 'Mohon ruang tunggu diperbaiki karena atapnya bocor.'],
};
const CLOSINGS = ['Mohon pelayanan ini segera diperbaiki.', 'Saya berharap ada tindak lanjut dan penjelasan resmi.', 'Mohon kepala dinas memperhatikan keluhan ini.', 'Terima kasih atas perhatiannya.', 'Semoga pelayanan publik di daerah kami semakin baik.'];
/** Now and then a word few complaints have: the rare search. */
const RARE_SENTENCES = [`Stiker ${RARE_WORD} pada dokumen saya rusak dan tidak bisa diganti.`];
const DISTRICTS = ['Kedaton', 'Rajabasa', 'Sukarame', 'Tanjung Karang Pusat', 'Teluk Betung Selatan', 'Kemiling', 'Way Halim', 'Natar', 'Kalianda', 'Gunung Sugih', 'Kotabumi', 'Liwa', 'Menggala', 'Kota Agung', 'Sukadana', 'Blambangan Umpu', 'Gedong Tataan', 'Pagelaran', 'Wiralaga', 'Panaragan', 'Krui', 'Metro Pusat'];
const FIRST_NAMES = ['Siti', 'Ahmad', 'Dewi', 'Budi', 'Rina', 'Agus', 'Nur', 'Hendra', 'Yuliana', 'Rudi', 'Sri', 'Joko', 'Ratna', 'Andi', 'Maya', 'Eko', 'Fitri', 'Wayan', 'Made', 'Putu', 'Slamet', 'Lestari', 'Bambang', 'Indah'];
const LAST_NAMES = ['Aminah', 'Saputra', 'Wulandari', 'Santoso', 'Hidayat', 'Lestari', 'Pratama', 'Kurniawan', 'Susanti', 'Nugroho', 'Rahmawati', 'Setiawan', 'Siregar', 'Harahap', 'Putri', 'Wijaya'];
const NOTES = {
  needs_info: ['Mohon melengkapi fotokopi KK dan nomor registrasi permohonan.', 'Mohon kirimkan bukti pembayaran dan tanggal pengajuan.'],
  verified: ['Laporan diterima dan diverifikasi.', 'Laporan lengkap, diteruskan ke bidang terkait.'],
  forwarded: ['Diteruskan ke unit pelaksana teknis.', 'Diteruskan ke bidang yang berwenang.'],
  in_progress: ['Sedang ditindaklanjuti oleh bidang pelayanan.', 'Petugas sedang memeriksa berkas pelapor.'],
  escalated: ['Dieskalasi ke inspektorat karena melewati batas waktu.', 'Diteruskan ke APIP untuk pemeriksaan.'],
  resolved: ['Dokumen sudah terbit dan dapat diambil di loket.', 'Petugas yang bersangkutan sudah diberi pembinaan.', 'Data sudah diperbaiki, mohon dicek kembali.'],
  closed: ['Laporan ditutup.', 'Selesai, terima kasih atas laporannya.'],
  rejected: ['Bukan kewenangan instansi kami.', 'Laporan yang sama sudah diterima sebelumnya.'],
};

function fill(template, random, service, agencyName, receivedMs) {
  return template
    .replaceAll('{s}', service)
    .replaceAll('{a}', agencyName)
    .replaceAll('{k}', pick(random, DISTRICTS))
    .replaceAll('{n}', String(2 + Math.floor(random() * 10)))
    .replaceAll('{m}', `${50 + Math.floor(random() * 20) * 25}.000`)
    .replaceAll('{d}', new Date(receivedMs - Math.floor(random() * 60) * DAY).toISOString().slice(0, 10));
}

// ---- complaints ----

/**
 * The context complaints are generated in: the bench directory and calendar exactly as the server
 * loads them (the facts it keeps depend on the calendar), and the end of the seeded period.
 */
export function seedContext(endMs) {
  const directoryFile = benchDirectoryFile();
  const loaded = loadDirectoryFile(directoryFile);
  const calendar = loadCalendar(loaded.timeZone, [join(REPO, 'examples/lampung/holidays-id-2026.json')]);
  const agencies = serviceAgencies(loaded.directory);
  return { directoryFile, directory: loaded.directory, calendar, agencies, endMs, startMs: endMs - YEARS * 365.25 * DAY };
}

/**
 * `count` submissions, oldest first, as `NewSubmission`s for `Store.insertOnce`; the same ones for
 * the same count and end (tracking numbers aside, which are random as the intake's are).
 */
export function* generateSubmissions(context, count) {
  const { directory, calendar, agencies, startMs, endMs } = context;
  const random = seeded(count);
  const policy = defaultPolicy;
  // Agencies differ: some are quick and careful, some slow, some let complaints lie.
  const profiles = new Map(agencies.map((agency, index) => {
    const r = seeded(1000 + index);
    return [agency.id, { speed: 0.6 + r() * 1.4, stall: 0.01 + r() * 0.05, notes: 0.5 + r() * 0.45, weight: 0.7 + r() * 0.6 }];
  }));
  const agencyWeights = agencies.map((agency) => [agency, profiles.get(agency.id).weight]);
  // The focal agency, the capital's Disdukcapil, is the busiest: a twentieth of the complaints on top
  // of its weighted share, about a tenth in all (100,000 of 1,000,000, as issue 9's measurement).
  const focal = agencies.find((agency) => agency.id === FOCAL_AGENCY);
  const span = endMs - startMs;

  for (let index = 0; index < count; index += 1) {
    const receivedMs = Math.floor(startMs + ((index + random()) * span) / count);
    const receivedAt = new Date(receivedMs).toISOString();
    const agency = random() < 1 / agencies.length ? focal : weighted(random, agencyWeights);
    const profile = profiles.get(agency.id);
    const category = weighted(random, CATEGORY_WEIGHTS);
    const kind = weighted(random, KIND_WEIGHTS);
    const confidentiality = weighted(random, CONFIDENTIALITY_WEIGHTS);
    const service = pick(random, SERVICES[serviceKind(agency.id)]);
    const title = fill(pick(random, TITLES[category]), random, service, agency.name, receivedMs);
    const sentences = [fill(pick(random, OPENINGS), random, service, agency.name, receivedMs), fill(pick(random, MIDDLES[category]), random, service, agency.name, receivedMs)];
    if (random() < 0.5) sentences.push(fill(pick(random, MIDDLES[category]), random, service, agency.name, receivedMs));
    if (random() < 0.001) sentences.push(pick(random, RARE_SENTENCES));
    sentences.push(pick(random, CLOSINGS));
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const reporter = { name: `${first} ${last}` };
    if (random() < 0.6) reporter.email = `${first}.${last}${Math.floor(random() * 1000)}@example.id`.toLowerCase();
    if (random() < 0.8) reporter.phone = `+628${String(1_000_000_000 + Math.floor(random() * 8_999_999_999)).slice(0, 10)}`;
    if (random() < 0.5) reporter.address = `Jl. ${pick(random, LAST_NAMES)} No. ${1 + Math.floor(random() * 200)}, ${pick(random, DISTRICTS)}`;
    if (random() < 0.2) reporter.idNumber = `18${String(Math.floor(random() * 1e14)).padStart(14, '0')}`;
    const focalPoint = directory.route({ agencyId: agency.id, category }, new Date(receivedMs)).focalPoints[0];
    const submission = {
      kind,
      agencyId: agency.id,
      category,
      title: title.slice(0, 150),
      description: sentences.join(' '),
      incident: { date: new Date(receivedMs - Math.floor(random() * 30) * DAY).toISOString().slice(0, 10), place: `Kantor ${agency.name}, ${pick(random, DISTRICTS)}` },
      ...(random() < 0.3 ? { expectedResolution: `${service} segera diselesaikan` } : {}),
      reporter,
      confidentiality,
      consent: true,
      locale: random() < 0.95 ? 'id' : 'en',
      ...(reporter.email && random() < 0.5 ? { emailUpdates: true } : {}),
    };
    const trackingId = createTrackingId();
    const received = {
      trackingId,
      submission,
      status: 'received',
      receivedAt,
      agencyId: agency.id,
      handlingAgencyId: agency.id,
      focalPointIds: focalPoint ? [focalPoint.id] : [],
      history: [{ status: 'received', at: receivedAt, actor: 'system', note: '' }],
      attachments: [],
      version: 1,
      assigneeId: null,
    };
    const deadlines = computeDeadlines(received, policy, calendar, new Date(receivedMs));
    const record = handled(received, { random, directory, profile, focalPoint, endMs });
    const lastMs = Date.parse(record.history.at(-1).at);
    const withDue = { ...record, dueAt: currentDeadline(record, computeDeadlines(record, policy, calendar, new Date(lastMs))) };
    yield {
      idempotencyKey: `bench-seed-${count}-${index}`,
      fingerprint: `bench-seed-${index}`,
      record: { ...withDue, facts: indicatorFactsOf(withDue, calendar, policy) },
      attachments: [],
      answer: {
        trackingId,
        status: 'received',
        receivedAt,
        deadlines,
        focalPoint: focalPoint ? { name: focalPoint.name, position: focalPoint.position, agency: agency.name } : null,
      },
    };
  }
}

/** The complaint after what staff and the reporter did to it before `endMs`. */
function handled(received, { random, directory, profile, focalPoint, endMs }) {
  let record = received;
  let at = Date.parse(received.receivedAt);
  const days = (min, max) => (min + random() * (max - min)) * DAY;
  const actorOf = () => (record.handlingAgencyId === record.agencyId && focalPoint ? focalPoint.id : `staff-${record.handlingAgencyId}`);
  /** A staff move after `delay`, if it happened before the end of the period. */
  const move = (to, delay, extra = {}) => {
    const when = Math.floor(at + delay);
    if (when >= endMs) return false;
    const note = extra.note ?? (random() < profile.notes ? pick(random, NOTES[to]) : '');
    const result = applyTransition(record, { to, actor: actorOf(), at: new Date(when).toISOString(), note, ...(extra.reason ? { reason: extra.reason } : {}) });
    if (!result.ok) return false;
    record = result.record;
    const last = record.history.at(-1);
    last.actorAgencyId = record.handlingAgencyId;
    if (to === 'escalated') {
      const target = directory.escalationTarget(record.agencyId, record.handlingAgencyId);
      if (target) record = { ...record, handlingAgencyId: target.id };
    }
    at = when;
    return true;
  };
  const reporter = (action, delay, text) => {
    const when = Math.floor(at + delay);
    if (when >= endMs) return false;
    const iso = new Date(when).toISOString();
    const result = applyReporterAction(record, action, iso);
    if (!result.ok) return false;
    record = result.record;
    if (action === 'reply') record = { ...record, replies: [...(record.replies ?? []), { at: iso, text, attachmentIds: [] }] };
    if (action === 'dispute') record = { ...record, disputes: [...(record.disputes ?? []), { at: iso, reason: text }] };
    if (action === 'withdrawal') record = { ...record, withdrawal: { at: iso, reason: text } };
    at = when;
    return true;
  };
  const assign = () => {
    const when = Math.floor(at + days(0, 1));
    if (when >= endMs) return;
    const assigneeId = actorOf();
    record = {
      ...record,
      assigneeId,
      history: [...record.history, { status: record.status, at: new Date(when).toISOString(), actor: actorOf(), note: '', kind: 'assignment', assigneeId }],
      version: record.version + 1,
    };
    at = when;
  };

  if (random() < 0.03) {
    reporter('withdrawal', days(0.1, 10), 'Masalah sudah selesai dengan sendirinya.');
    return record;
  }
  if (random() < 0.08) {
    move('rejected', days(0.3, 6) * profile.speed, { reason: weighted(random, [['not_competent', 5], ['duplicate', 3], ['incomplete', 1], ['expired', 1]]) });
    return record;
  }
  if (random() < 0.12) {
    if (!move('needs_info', days(0.3, 4) * profile.speed)) return record;
    const answer = random();
    if (answer < 0.65) {
      if (!reporter('reply', days(0.2, 7), 'Berikut nomor registrasi dan dokumen yang diminta.')) return record;
    } else {
      if (answer < 0.85 && Date.parse(record.history.at(-1).at) + DAY < endMs) record = { ...record, reporterSeenAt: new Date(at + DAY).toISOString() };
      move('rejected', days(14, 30), { reason: 'incomplete' });
      return record;
    }
  }
  // Most are verified within the 3 working days; slow agencies miss it more often.
  const verifyDelay = random() < 0.85 ? days(0.05, 3) * profile.speed : days(4, 15);
  if (!move('verified', verifyDelay)) return record;
  if (random() < 0.4) assign();
  if (random() < profile.stall * 0.3) return record;
  if (random() < 0.15) {
    if (!move('forwarded', days(0.5, 5) * profile.speed)) return record;
    if (random() < 0.25 && !move('escalated', days(3, 20))) return record;
  }
  if (record.status !== 'escalated' && !move('in_progress', days(0.3, 7) * profile.speed)) return record;
  // The backlog: complaints nobody moves again, overdue for ever after.
  if (random() < profile.stall) return record;
  if (record.status === 'in_progress' && random() < 0.02 && !move('escalated', days(10, 40))) return record;
  if (!move('resolved', days(2, 75) * profile.speed)) return record;
  if (random() < 0.07) {
    if (!reporter('dispute', days(1, 12), 'Dokumen yang diterbitkan masih salah.')) return record;
    if (!move('resolved', days(3, 30) * profile.speed)) return record;
  }
  if (random() < 0.35) {
    const when = Math.floor(at + days(0.2, 5));
    if (when < endMs) {
      const score = () => weighted(random, [[1, 1], [2, 2], [3, 5], [4, 4]]);
      record = { ...record, rating: { at: new Date(when).toISOString(), scores: { speed: score(), clarity: score(), conduct: score(), outcome: score() }, comment: random() < 0.3 ? 'Terima kasih, sudah ditangani.' : '' } };
    }
  }
  if (random() < 0.65) move('closed', days(7, 21));
  return record;
}

// ---- seeding each store ----

/** The cache entry of a store, count and schema: its folder and what its meta.json says (null: not seeded). */
export function seedEntry(store, count, schema = store === 'sqlite' ? SQLITE_SCHEMA : POSTGRES_SCHEMA) {
  const folder = join(CACHE, `${store}-${count}-seed${SEED_VERSION}-schema${schema}`);
  const metaFile = join(folder, 'meta.json');
  const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null;
  return { store, count, schema, folder, metaFile, meta, database: join(folder, 'narahubung.sqlite') };
}

/** `--reseed` or BENCH_RESEED=1: seed anew even when a seed of an older schema could be upgraded. */
const reseed = process.argv.includes('--reseed') || process.env.BENCH_RESEED === '1';

/**
 * A finished seed of the same store, count and seed version under an older schema, moved to the
 * current schema's folder so that the store's own migrations bring it up to date when it opens
 * (what a deployment's upgrade does); null when there is none (or with --reseed).
 */
function olderSeed(entry) {
  if (reseed) return null;
  for (let schema = entry.schema - 1; schema >= 1; schema -= 1) {
    const older = seedEntry(entry.store, entry.count, schema);
    if (!older.meta) continue;
    rmSync(entry.folder, { recursive: true, force: true });
    renameSync(older.folder, entry.folder);
    return older.meta;
  }
  return null;
}

/** Records an upgrade in meta.json: the seeding figures stay those of the schema it was seeded with. */
function upgradedMeta(entry, older, migrationSeconds) {
  const meta = { ...older, schemaVersion: entry.schema, seededSchemaVersion: older.seededSchemaVersion ?? older.schemaVersion, upgrades: [...(older.upgrades ?? []), { from: older.schemaVersion, to: entry.schema, seconds: migrationSeconds, at: new Date().toISOString() }] };
  writeFileSync(entry.metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/**
 * Inserts every generated submission through `store.insertOnce`, `chunk` at a time (each chunk is
 * generated first, then sent at once, so the store batches as it does under load). Answers the
 * seconds the store took (generating the complaints left out) and the wall seconds.
 */
async function insertAll(store, context, count, log, chunk) {
  const started = performance.now();
  let storeMs = 0;
  let done = 0;
  let lastReport = started;
  let batch = [];
  const flush = async () => {
    const sent = performance.now();
    await Promise.all(batch.map((submission) => store.insertOnce(submission)));
    storeMs += performance.now() - sent;
    done += batch.length;
    batch = [];
    const now = performance.now();
    if (now - lastReport > 15_000) {
      lastReport = now;
      log(`  ${done.toLocaleString('en')} of ${count.toLocaleString('en')} (${(done / (storeMs / 1000)).toFixed(0)}/s, load average ${loadavg()[0].toFixed(1)})`);
    }
  };
  for (const submission of generateSubmissions(context, count)) {
    batch.push(submission);
    if (batch.length >= chunk) await flush();
  }
  if (batch.length > 0) await flush();
  return { seconds: storeMs / 1000, wallSeconds: (performance.now() - started) / 1000 };
}

function writeMeta(entry, context, { seconds, wallSeconds }, extra = {}) {
  const meta = {
    store: entry.store,
    count: entry.count,
    seedVersion: SEED_VERSION,
    schemaVersion: entry.schema,
    end: new Date(context.endMs).toISOString(),
    start: new Date(context.startMs).toISOString(),
    // The store's time: generating the complaints is left out (wallSeconds has it).
    seconds,
    perSecond: entry.count / seconds,
    wallSeconds,
    seededAt: new Date().toISOString(),
    machine: { cores: cpus().length, loadAverage: loadavg() },
    ...extra,
  };
  writeFileSync(entry.metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** The end of a new seed's period: the start of this hour (the server's "now" is a little later). */
const newEnd = () => Math.floor(Date.now() / 3_600_000) * 3_600_000;

/** A seeded SQLite file for `count` complaints: `{ database, meta, directoryFile, seeded }` (seeded: made by this call). */
export async function seedSqlite(count, log = console.log) {
  const entry = seedEntry('sqlite', count);
  const directoryFile = benchDirectoryFile();
  if (entry.meta) return { database: entry.database, meta: entry.meta, directoryFile, seeded: false };
  const older = olderSeed(entry);
  if (older) {
    log(`upgrading the SQLite seed of ${count.toLocaleString('en')} complaints from schema ${older.schemaVersion} to ${entry.schema} (its migrations, as a deployment's upgrade; --reseed seeds anew)`);
    const started = performance.now();
    await openSqliteStore(entry.database).close();
    const seconds = (performance.now() - started) / 1000;
    log(`  migrated in ${seconds.toFixed(1)} s`);
    return { database: entry.database, meta: upgradedMeta(entry, older, seconds), directoryFile, seeded: false };
  }
  rmSync(entry.folder, { recursive: true, force: true });
  mkdirSync(entry.folder, { recursive: true });
  const context = seedContext(newEnd());
  log(`seeding ${count.toLocaleString('en')} complaints into SQLite (${entry.database})`);
  const store = openSqliteStore(entry.database);
  const timing = await insertAll(store, context, count, log, 4000);
  await store.close();
  const meta = writeMeta(entry, context, timing);
  log(`  sqlite: ${count.toLocaleString('en')} complaints in ${timing.seconds.toFixed(0)} s of the store's time: ${meta.perSecond.toFixed(0)} complaints/s (${timing.wallSeconds.toFixed(0)} s with generating them)`);
  return { database: entry.database, meta, directoryFile, seeded: true };
}

/**
 * A running PostgreSQL cluster (kept in the cache) with a seeded database for `count` complaints:
 * `{ cluster, databaseUrl, meta, directoryFile, seeded }`, or `{ cluster: null, reason }` without
 * PostgreSQL. The caller stops the cluster (`cluster.stop()` keeps its folder).
 */
export async function seedPostgres(count, log = console.log) {
  const entry = seedEntry('postgres', count);
  const directoryFile = benchDirectoryFile();
  const older = entry.meta ? null : olderSeed(entry);
  if (!entry.meta && !older) rmSync(entry.folder, { recursive: true, force: true });
  const { cluster, reason } = await startCluster({ folder: entry.folder });
  if (!cluster) return { cluster: null, reason };
  const databaseUrl = cluster.url.replace(/\/postgres$/, '/narahubung');
  if (entry.meta) return { cluster, databaseUrl, meta: entry.meta, directoryFile, seeded: false };
  try {
    if (older) {
      log(`upgrading the PostgreSQL seed of ${count.toLocaleString('en')} complaints from schema ${older.schemaVersion} to ${entry.schema} (its migrations, as a deployment's upgrade; --reseed seeds anew)`);
      const started = performance.now();
      await (await openPostgresStore(databaseUrl)).close();
      const seconds = (performance.now() - started) / 1000;
      // What autovacuum would do after the migration: statistics of new tables and indexes.
      await cluster.psql('narahubung', 'VACUUM (ANALYZE)');
      log(`  migrated in ${seconds.toFixed(1)} s (then VACUUM ANALYZE)`);
      return { cluster, databaseUrl, meta: upgradedMeta(entry, older, seconds), directoryFile, seeded: false };
    }
    await cluster.createDatabase('narahubung');
    const context = seedContext(newEnd());
    log(`seeding ${count.toLocaleString('en')} complaints into PostgreSQL (${entry.folder})`);
    // Batches of 500 rows per statement (the server's store uses 100: fewer waits under load).
    const store = await openPostgresStore(databaseUrl, { maxBatch: 500 });
    const timing = await insertAll(store, context, count, log, 4000);
    await store.close();
    // What autovacuum would have done by the time anyone reads: statistics for the planner, and a
    // visibility map so that counts can read indexes alone.
    const vacuumStarted = performance.now();
    await cluster.psql('narahubung', 'VACUUM (ANALYZE)');
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const meta = writeMeta(entry, context, timing, { vacuumSeconds });
    log(`  postgres: ${count.toLocaleString('en')} complaints in ${timing.seconds.toFixed(0)} s of the store's time: ${meta.perSecond.toFixed(0)} complaints/s (${timing.wallSeconds.toFixed(0)} s with generating them; then VACUUM ANALYZE ${vacuumSeconds.toFixed(0)} s)`);
    return { cluster, databaseUrl, meta, directoryFile, seeded: true };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** The counts to run: `--count N` or BENCH_COUNT (comma-separated), else both sizes. */
export function benchCounts(argv = process.argv.slice(2)) {
  const flag = argv.indexOf('--count');
  const text = flag >= 0 ? argv[flag + 1] : process.env.BENCH_COUNT;
  if (!text) return SIZES;
  const counts = text.split(',').map((value) => Number(value.replace(/[_,]/g, '')));
  if (counts.some((value) => !Number.isInteger(value) || value < 100)) throw new Error(`--count/BENCH_COUNT: "${text}" is not a whole number of at least 100 (or a comma-separated list)`);
  return counts;
}

/** The stores to run: `--store sqlite|postgres` or BENCH_STORE, else both. */
export function benchStores(argv = process.argv.slice(2)) {
  const flag = argv.indexOf('--store');
  const text = flag >= 0 ? argv[flag + 1] : process.env.BENCH_STORE;
  if (!text) return ['sqlite', 'postgres'];
  const stores = text.split(',');
  if (stores.some((store) => store !== 'sqlite' && store !== 'postgres')) throw new Error(`--store/BENCH_STORE: "${text}" is not sqlite, postgres or both comma-separated`);
  return stores;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  for (const count of benchCounts()) {
    for (const store of benchStores()) {
      if (store === 'sqlite') {
        const { meta, seeded } = await seedSqlite(count);
        if (!seeded) console.log(`sqlite ${count.toLocaleString('en')}: cached, seeded ${meta.seededAt} at ${meta.perSecond.toFixed(0)} complaints/s`);
      } else {
        const result = await seedPostgres(count);
        if (!result.cluster) {
          console.log(`postgres: skipped, ${result.reason}`);
          continue;
        }
        if (!result.seeded) console.log(`postgres ${count.toLocaleString('en')}: cached, seeded ${result.meta.seededAt} at ${result.meta.perSecond.toFixed(0)} complaints/s`);
        await result.cluster.stop();
      }
    }
  }
}
