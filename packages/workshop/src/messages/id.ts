/** Indonesian message catalogue of the workshop package (the default locale). */
export const id = {
  // Problems with a workshop file
  'error.required': '{path}: wajib diisi.',
  'error.invalid_type': '{path}: formatnya tidak sesuai ({detail}).',
  'error.too_small': '{path}: terlalu pendek atau kosong.',
  'error.invalid_value': '{path}: nilainya harus salah satu dari {detail}.',
  'error.invalid_format': '{path}: formatnya tidak sesuai ({detail}).',
  'error.unrecognized_keys': '{path}: kunci tidak dikenal: {detail}.',
  'error.custom': '{path}: {detail}',
  'error.syntax': 'Berkas workshop tidak dapat dibaca: {detail}',
  'error.missing_glyph': '{path}: karakter "{detail}" tidak ada dalam font yang disematkan.',
  'error.bad_image': '{path}: logo harus berupa gambar PNG atau JPEG.',
  'error.at_line': '(baris {line})',
  'detail.date': 'tanggal TTTT-BB-HH',
  'detail.time': 'jam JJ:MM',
  'detail.datetime': 'tanggal dan jam TTTT-BB-HHTJJ:MM',
  'detail.timeZone': 'nama zona waktu IANA, mis. Asia/Jakarta',
  'detail.email': 'alamat email',
  'detail.url': 'alamat URL',
  'detail.integer': 'bilangan bulat 0 atau lebih',
  'detail.text': 'teks',
  'detail.list': 'daftar',
  'detail.object': 'pemetaan kunci: nilai',
  'detail.venueOrOnline': 'isi event.venue atau event.online',
  'detail.endBeforeStart': 'selesai sebelum mulai',

  // Words used in the documents
  'doc.number': 'Nomor',
  'doc.classification': 'Sifat',
  'doc.attachments': 'Lampiran',
  'doc.subject': 'Hal',
  'doc.to': 'Yth.',
  'doc.at': 'di',
  'doc.atPlace': 'Tempat',
  'doc.nip': 'NIP',
  'doc.copies': 'Tembusan',
  'doc.dayDate': 'hari/tanggal',
  'doc.time': 'waktu',
  'doc.place': 'tempat',
  'doc.event': 'acara',
  'doc.online': 'daring',
  'doc.opening':
    'Dengan hormat, dalam rangka {title}, kami mengundang Bapak/Ibu untuk hadir pada kegiatan yang akan diselenggarakan pada:',
  'doc.closing':
    'Mengingat pentingnya kegiatan tersebut, kami mengharapkan kehadiran Bapak/Ibu tepat waktu. Demikian undangan ini kami sampaikan; atas perhatian dan kehadiran Bapak/Ibu kami ucapkan terima kasih.',
  'doc.agendaTitle': 'SUSUNAN ACARA',
  'doc.agendaTime': 'Waktu',
  'doc.agendaActivity': 'Kegiatan',
  'doc.agendaSpeaker': 'Narasumber / Penanggung Jawab',
  'doc.attendanceTitle': 'DAFTAR HADIR',
  'doc.attendanceNo': 'No',
  'doc.attendanceName': 'Nama',
  'doc.attendancePosition': 'Jabatan',
  'doc.attendanceInstitution': 'Instansi',
  'doc.attendancePhone': 'No. HP',
  'doc.attendanceSignature': 'Tanda Tangan',
  'doc.page': 'Halaman {page} dari {pages}',
  'doc.certificateTitle': 'SERTIFIKAT',
  'doc.certificateGivenTo': 'diberikan kepada',
  'doc.signatureHere': 'tanda tangan',
  'doc.until': 's.d.',
  'doc.finish': 'selesai',
  'doc.reminder': 'Pengingat: {title}',
  'doc.invitationFile': 'Undangan',
  'cli.help': `narahubung-workshop: bahan workshop narahubung dari satu berkas

Pemakaian:
  narahubung-workshop validate <berkas>
  narahubung-workshop build <berkas> --out <folder> [--locale id|en] [--paper a4|f4] [--cancel]
  narahubung-workshop init [<berkas>]          tulis contoh berkas workshop berkomentar
  narahubung-workshop --help

Berkas: JSON atau YAML (lihat workshop.schema.json).`,
  'cli.valid': '{file}: valid ({invitees} undangan, {signatories} penanda tangan komitmen).',
  'cli.wrote': 'ditulis {file} ({bytes} bita)',
  'cli.progress': '[{done}/{total}] {file}',
  'cli.done': 'Selesai: {count} berkas di {dir}.',
  'cli.initWrote': 'Contoh berkas workshop ditulis ke {file}.',
  'cli.exists': '{file} sudah ada; tidak ditimpa.',
  'cli.usage': 'Perintah tidak dikenal. Lihat narahubung-workshop --help.',
  'cli.missingOut': 'Sebutkan folder keluaran dengan --out <folder>.',
  'cli.missingFile': 'Sebutkan berkas workshop.',
  'cli.unreadable': 'Berkas {file} tidak dapat dibaca: {detail}',
  'cli.badOption': 'Nilai {option} tidak dikenal: {value}.',
} as const;

export type MessageKey = keyof typeof id;
