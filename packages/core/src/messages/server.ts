/**
 * Texts only a server writes: who made a change as public views name it, and the notification
 * mails. Kept apart from the shared catalogue so that the widget's bundles do not carry them.
 */
import type { Locale } from '../model.js';

const id = {
  // Field names and checks of the staff's and the reporter's requests (not the citizen's form).
  'field.to': 'Status tujuan',
  'field.note': 'Catatan',
  'field.reason': 'Alasan penolakan',
  'field.officerId': 'Petugas',
  'field.text': 'Catatan',
  'field.reportedAgencyNotes': 'Catatan dari instansi terlapor',
  'field.body': 'Isi permintaan',
  'validation.bad_cursor': 'Kursor ini bukan dari daftar ini; mulai lagi dari halaman pertama.',
  'validation.score': '{field} harus berupa angka 1 sampai 4.',
  'validation.reason_required': 'Alasan penolakan wajib dipilih.',
  'validation.reason_not_allowed': 'Alasan hanya diisi ketika laporan ditolak.',
  'actor.reporter': 'pelapor',
  'actor.system': 'sistem',
  'actor.staff': 'petugas',
  'actor.staff_of': 'petugas {agency}',

  'mail.greeting': 'Yth. {name},',
  'mail.greeting_staff': 'Yth. {name},',
  'mail.signature': 'Salam,\n{agency}\n(pesan otomatis dari layanan pengaduan; mohon tidak membalas surel ini)',
  'mail.personal_link': 'Tautan pribadi Anda untuk melihat dan menanggapi laporan ini:\n{link}\nSimpan tautan ini dan jangan bagikan: siapa pun yang memegangnya dapat menanggapi atas nama Anda.',
  'mail.unsubscribe': 'Tidak ingin menerima kabar lagi tentang laporan ini? {link}',
  'mail.open_inbox': 'Buka di kotak masuk: {link}',

  'mail.receipt.subject': 'Laporan Anda diterima: {trackingId}',
  'mail.receipt.body': 'Laporan Anda kepada {agency} telah kami terima pada {receivedAt} dengan nomor {trackingId}. Laporan akan diverifikasi paling lambat {verifyBy}.',

  'mail.info_request.subject': 'Permintaan informasi untuk laporan {trackingId}',
  'mail.info_request.body': '{agency} memerlukan informasi tambahan untuk menindaklanjuti laporan {trackingId}:\n\n{request}\n\nWaktu penanganan dihentikan sementara sampai Anda menjawab. Jawab lewat tautan pribadi Anda di bawah.',

  'mail.status.subject': 'Status laporan {trackingId}: {status}',
  'mail.status.body': 'Status laporan {trackingId} kini: {status}.',
  'mail.status.note': 'Catatan dari petugas: {note}',
  'mail.status.reason': 'Alasan: {reason}',

  'mail.resolved.subject': 'Laporan {trackingId} dinyatakan selesai',
  'mail.resolved.body': '{agency} menyatakan laporan {trackingId} selesai ditangani.',
  'mail.resolved.ask': 'Mohon beri penilaian atas penanganannya. Jika masalah Anda belum selesai, Anda dapat menyanggah penyelesaian ini sampai {until}; laporan akan dibuka kembali. Keduanya lewat tautan pribadi Anda di bawah.',

  'mail.new_complaint.subject': 'Laporan baru {trackingId} untuk {agency}',
  'mail.new_complaint.body': 'Laporan baru masuk untuk {agency}: {trackingId} ({kind}, {category}), diterima {receivedAt}. Verifikasi paling lambat {verifyBy}. Kerahasiaan: {confidentiality}.',

  'mail.citizen_reply.subject': 'Pelapor menjawab permintaan informasi: {trackingId}',
  'mail.citizen_reply.body': 'Pelapor telah menjawab permintaan informasi untuk laporan {trackingId}. Waktu penanganan berjalan kembali.',

  'mail.dispute.subject': 'Pelapor menyanggah penyelesaian: {trackingId}',
  'mail.dispute.body': 'Pelapor menyanggah penyelesaian laporan {trackingId}; laporan dibuka kembali dan kini berstatus Dalam proses.',

  'mail.escalation.subject': 'Laporan {trackingId} dieskalasi ke {agency}',
  'mail.escalation.body': 'Laporan {trackingId} tentang {reported} dieskalasi dan kini ditangani oleh {agency}. Batas penyelesaian: {resolveBy}.',

  'mail.digest.subject': 'Ringkasan laporan {date}: {overdue} terlambat, {dueTomorrow} jatuh tempo besok',
  'mail.digest.body': 'Ringkasan laporan yang Anda tangani di {agency} per {date}.',
  'mail.digest.overdue': 'Terlambat ({count}):',
  'mail.digest.due_tomorrow': 'Jatuh tempo besok ({count}):',
  'mail.digest.line': '- {trackingId} ({category}), batas {dueAt}',
  'mail.digest.more': '… dan {count} lainnya.',

  'mail.confidentiality.public': 'terbuka',
  'mail.confidentiality.anonymous': 'anonim (identitas pelapor tidak ditampilkan kepada instansi)',
  'mail.confidentiality.secret': 'rahasia (identitas pelapor tidak ditampilkan; tidak muncul di daftar publik)',

  'unsubscribe.title': 'Berhenti menerima kabar',
  'unsubscribe.ask': 'Berhenti menerima kabar lewat surel tentang laporan {trackingId}?',
  'unsubscribe.button': 'Ya, berhenti',
  'unsubscribe.done': 'Anda tidak akan menerima surel lagi tentang laporan {trackingId}. Statusnya tetap dapat Anda lihat dengan nomor laporan.',
  'unsubscribe.invalid': 'Tautan ini tidak berlaku.',
} as const;

export type ServerMessageKey = keyof typeof id;

const en: Record<ServerMessageKey, string> = {
  // Field names and checks of the staff's and the reporter's requests (not the citizen's form).
  'field.to': 'New status',
  'field.note': 'Note',
  'field.reason': 'Reason for rejection',
  'field.officerId': 'Officer',
  'field.text': 'Note',
  'field.reportedAgencyNotes': 'Notes from the agency reported',
  'field.body': 'Request body',
  'validation.bad_cursor': 'The cursor is not one this list gave; start again from the first page.',
  'validation.score': '{field} must be a whole number from 1 to 4.',
  'validation.reason_required': 'Choose a reason for the rejection.',
  'validation.reason_not_allowed': 'A reason is given only when rejecting.',
  'actor.reporter': 'the reporter',
  'actor.system': 'the system',
  'actor.staff': 'staff',
  'actor.staff_of': 'staff of {agency}',

  'mail.greeting': 'Dear {name},',
  'mail.greeting_staff': 'Dear {name},',
  'mail.signature': 'Regards,\n{agency}\n(an automatic message from the complaint service; please do not reply to this email)',
  'mail.personal_link': 'Your personal link to see and answer this report:\n{link}\nKeep this link to yourself: whoever holds it can answer on your behalf.',
  'mail.unsubscribe': 'No more updates about this report? {link}',
  'mail.open_inbox': 'Open it in the inbox: {link}',

  'mail.receipt.subject': 'Your report was received: {trackingId}',
  'mail.receipt.body': 'We received your report to {agency} on {receivedAt} as number {trackingId}. It will be verified by {verifyBy}.',

  'mail.info_request.subject': 'Information requested for report {trackingId}',
  'mail.info_request.body': '{agency} needs more information to act on report {trackingId}:\n\n{request}\n\nThe clock stops until you answer. Answer through your personal link below.',

  'mail.status.subject': 'Report {trackingId} is now: {status}',
  'mail.status.body': 'Report {trackingId} is now: {status}.',
  'mail.status.note': 'Note from the staff: {note}',
  'mail.status.reason': 'Reason: {reason}',

  'mail.resolved.subject': 'Report {trackingId} is resolved',
  'mail.resolved.body': '{agency} considers report {trackingId} resolved.',
  'mail.resolved.ask': 'Please rate how it was handled. If your problem is not solved, you may dispute the resolution until {until}, and the report will be reopened. Both through your personal link below.',

  'mail.new_complaint.subject': 'New report {trackingId} for {agency}',
  'mail.new_complaint.body': 'A new report came in for {agency}: {trackingId} ({kind}, {category}), received {receivedAt}. Verify it by {verifyBy}. Confidentiality: {confidentiality}.',

  'mail.citizen_reply.subject': 'The reporter answered a request for information: {trackingId}',
  'mail.citizen_reply.body': 'The reporter answered the request for information on report {trackingId}. The clock runs again.',

  'mail.dispute.subject': 'The reporter disputes the resolution: {trackingId}',
  'mail.dispute.body': 'The reporter disputes the resolution of report {trackingId}; it is reopened and now In progress.',

  'mail.escalation.subject': 'Report {trackingId} escalated to {agency}',
  'mail.escalation.body': 'Report {trackingId} about {reported} was escalated and is now handled by {agency}. Resolve it by {resolveBy}.',

  'mail.digest.subject': 'Reports on {date}: {overdue} overdue, {dueTomorrow} due tomorrow',
  'mail.digest.body': 'The reports you handle at {agency}, as of {date}.',
  'mail.digest.overdue': 'Overdue ({count}):',
  'mail.digest.due_tomorrow': 'Due tomorrow ({count}):',
  'mail.digest.line': '- {trackingId} ({category}), due {dueAt}',
  'mail.digest.more': '… and {count} more.',

  'mail.confidentiality.public': 'public',
  'mail.confidentiality.anonymous': 'anonymous (the reporter is not shown to the agency)',
  'mail.confidentiality.secret': 'secret (the reporter is not shown; not in any public list)',

  'unsubscribe.title': 'Stop updates',
  'unsubscribe.ask': 'Stop email updates about report {trackingId}?',
  'unsubscribe.button': 'Yes, stop',
  'unsubscribe.done': 'You will get no more email about report {trackingId}. You can still see its status with the report number.',
  'unsubscribe.invalid': 'This link is not valid.',
};

const catalogues: Record<Locale, Record<ServerMessageKey, string>> = { id, en };

/** A server text in a locale with `{name}` placeholders filled in. */
export function serverMessage(locale: Locale, key: ServerMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** True when `key` names a server text (e.g. a field label built from a path). */
export function hasServerMessage(key: string): key is ServerMessageKey {
  return Object.prototype.hasOwnProperty.call(id, key);
}
