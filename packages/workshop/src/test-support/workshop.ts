import type { WorkshopFile } from '../schema.js';

/** A small valid workshop; `change` edits a copy. */
export function sampleWorkshop(change: (workshop: WorkshopFile) => void = () => {}): WorkshopFile {
  const workshop: WorkshopFile = {
    organizer: { name: 'Ombudsman Republik Indonesia', unit: 'Perwakilan Provinsi Contoh', email: 'contoh@example.id', address: 'Jl. Contoh No. 1' },
    event: {
      title: 'Workshop Focal Point (Narahubung)',
      start: '2021-06-02T08:00',
      end: '2021-06-02T15:30',
      timeZone: 'Asia/Jakarta',
      venue: { name: 'Hotel Contoh', address: 'Jl. Contoh No. 2' },
    },
    letter: {
      number: 'B/001/2021',
      date: '2021-05-26',
      place: 'Bandar Lampung',
      subject: 'Undangan',
      signatory: { name: 'Nama Penanda Tangan', position: 'Kepala Perwakilan', nip: '197301011999031001' },
      copies: ['Ketua Ombudsman RI'],
    },
    agenda: [
      { start: '08:00', end: '08:30', activity: 'Registrasi', speaker: 'Panitia' },
      { start: '08:30', end: '09:00', activity: 'Pembukaan' },
    ],
    invitees: [
      { name: 'Siti Aminah', position: 'Inspektur', institution: 'Inspektorat Kabupaten Tanggamus', email: 'siti@example.id', phone: '081234567890' },
      { name: 'Ngurah Rai Wiryawan', position: 'Inspektur Pembantu', institution: 'Inspektorat Kota Metro', email: 'ngurah@example.id' },
    ],
    commitment: {
      title: 'Komitmen Bersama',
      preamble: 'Kami yang bertanda tangan di bawah ini menyatakan komitmen untuk:',
      points: ['Mengelola pengaduan secara cepat, transparan, akuntabel dan tuntas.'],
      signatories: [
        { institution: 'Inspektorat Provinsi Lampung', position: 'Inspektur Provinsi Lampung' },
        { institution: 'Inspektorat Kabupaten Tanggamus', position: 'Inspektur', name: 'Siti Aminah' },
        { institution: 'Inspektorat Kota Metro', position: 'Inspektur' },
      ],
    },
    certificate: {
      text: 'sebagai Peserta Workshop Focal Point (Narahubung).',
      signatory: { name: 'Nama Penanda Tangan', position: 'Kepala Perwakilan', nip: '197301011999031001' },
    },
  };
  const copy = structuredClone(workshop);
  change(copy);
  return copy;
}
