/**
 * Titles and details of the intake's problem answers (RFC 9457), by locale. Kept apart from the
 * shared catalogue because only a server answers with them: the widget's script-tag bundle, which
 * carries the shared catalogue, stays smaller by their weight in both languages.
 */
import type { Locale } from '../model.js';

const id = {
  'problem.malformed_body.title': 'Permintaan tidak dapat dibaca',
  'problem.malformed_body.detail': 'Isi permintaan bukan JSON yang valid.',
  'problem.bad_request.title': 'Permintaan tidak valid',
  'problem.bad_request.detail': 'Alamat atau metode permintaan tidak dapat dibaca.',
  'problem.request_timeout.title': 'Pengiriman terhenti',
  'problem.request_timeout.detail': 'Tidak ada data yang diterima selama {seconds} detik. Laporan Anda belum tersimpan; kirim ulang dengan Idempotency-Key yang sama.',
  'problem.busy.title': 'Server sedang sibuk',
  'problem.busy.detail': 'Server sedang menerima banyak berkas. Laporan Anda belum tersimpan; kirim ulang dalam {seconds} detik dengan Idempotency-Key yang sama.',
  'problem.invalid_query.title': 'Parameter tidak dapat dipakai',
  'problem.invalid_query.detail': '{count} parameter perlu diperbaiki.',
  'problem.missing_complaint_part.title': 'Bagian laporan tidak ada',
  'problem.missing_complaint_part.detail': 'Kirim laporan sebagai bagian "complaint" (JSON) dan berkas sebagai bagian "attachments".',
  'problem.too_deep.title': 'Permintaan terlalu bersarang',
  'problem.too_deep.detail': 'Laporan tidak boleh bersarang lebih dari {max} tingkat.',
  'problem.missing_idempotency_key.title': 'Header Idempotency-Key wajib ada',
  'problem.missing_idempotency_key.detail': 'Kirim laporan dengan header Idempotency-Key yang unik agar tidak tercatat dua kali.',
  'problem.validation_failed.title': 'Ada isian yang perlu diperbaiki',
  'problem.validation_failed.detail': '{count} isian perlu diperbaiki.',
  'problem.unauthorized.title': 'Perlu masuk',
  'problem.unauthorized.detail': 'Token tidak ada atau tidak berlaku.',
  'problem.not_handling_agency.title': 'Hanya instansi yang menangani yang dapat mengubah status',
  'problem.not_handling_agency.detail': 'Laporan ini sudah dieskalasi dan kini ditangani oleh {agency}. Instansi Anda tetap dapat membacanya.',
  'problem.not_found.title': 'Tidak ditemukan',
  'problem.not_found.detail': 'Nomor pelacakan {trackingId} tidak ditemukan.',
  'problem.route_not_found.detail': 'Alamat ini tidak ada.',
  'problem.transition_forbidden.title': 'Perubahan status tidak diizinkan',
  'problem.transition_forbidden.detail': 'Laporan berstatus "{from}" tidak dapat diubah menjadi "{to}".',
  'problem.conflict.title': 'Laporan baru saja diubah',
  'problem.conflict.detail': 'Laporan diubah oleh orang lain pada saat yang sama. Muat ulang lalu coba lagi.',
  'problem.idempotency_conflict.title': 'Idempotency-Key sudah dipakai',
  'problem.idempotency_conflict.detail': 'Kunci ini sudah dipakai untuk laporan dengan isi berbeda.',
  'problem.too_large.title': 'Permintaan terlalu besar',
  'problem.too_large.detail': 'Ukuran permintaan melebihi batas {max}.',
  'problem.unsupported_media_type.title': 'Jenis isi tidak didukung',
  'problem.unsupported_media_type.detail': 'Kirim sebagai {expected}.',
  'problem.rate_limited.title': 'Terlalu banyak permintaan',
  'problem.rate_limited.detail': 'Coba lagi dalam {seconds} detik.',
  'problem.method_not_allowed.title': 'Metode tidak diizinkan',
  'problem.method_not_allowed.detail': 'Gunakan {allowed}.',
  'problem.internal.title': 'Terjadi kesalahan pada server',
  'problem.internal.detail': 'Laporan Anda aman untuk dikirim ulang dengan Idempotency-Key yang sama.',
  'open311.format': 'Format "{format}" tidak didukung; gunakan .json.',
  'open311.service_not_found': 'service_code tidak dikenal.',
  'open311.media_type': 'Kirim sebagai application/x-www-form-urlencoded.',
  'open311.unreadable': 'Isi permintaan tidak dapat dibaca.',
  'open311.too_large': 'Permintaan melebihi batas {max}.',
  'open311.request_not_found': 'service_request_id tidak ditemukan.',
  'open311.not_found': 'Alamat ini tidak ada.',
} as const;

export type ProblemMessageKey = keyof typeof id;

const en: Record<ProblemMessageKey, string> = {
  'problem.malformed_body.title': 'The request could not be read',
  'problem.malformed_body.detail': 'The request body is not valid JSON.',
  'problem.bad_request.title': 'The request is not valid',
  'problem.bad_request.detail': 'The request address or method could not be read.',
  'problem.request_timeout.title': 'The upload stopped',
  'problem.request_timeout.detail': 'No data arrived for {seconds} seconds. Your report is not stored yet; send it again with the same Idempotency-Key.',
  'problem.busy.title': 'The server is busy',
  'problem.busy.detail': 'The server is receiving many files. Your report is not stored yet; send it again in {seconds} seconds with the same Idempotency-Key.',
  'problem.invalid_query.title': 'Some parameters cannot be used',
  'problem.invalid_query.detail': '{count} parameter(s) need correcting.',
  'problem.missing_complaint_part.title': 'The complaint part is missing',
  'problem.missing_complaint_part.detail': 'Send the report as a "complaint" part (JSON) and files as "attachments" parts.',
  'problem.too_deep.title': 'The request is nested too deeply',
  'problem.too_deep.detail': 'A report nests at most {max} levels deep.',
  'problem.missing_idempotency_key.title': 'The Idempotency-Key header is required',
  'problem.missing_idempotency_key.detail': 'Send the report with a unique Idempotency-Key header so that it is never recorded twice.',
  'problem.validation_failed.title': 'Some answers need correcting',
  'problem.validation_failed.detail': 'Answers to correct: {count}.',
  'problem.unauthorized.title': 'Sign-in required',
  'problem.unauthorized.detail': 'The token is missing or not valid.',
  'problem.not_handling_agency.title': 'Only the handling agency may change the status',
  'problem.not_handling_agency.detail': 'This report was escalated and is now handled by {agency}. Your agency can still read it.',
  'problem.not_found.title': 'Not found',
  'problem.not_found.detail': 'No report has the tracking number {trackingId}.',
  'problem.route_not_found.detail': 'There is nothing at this address.',
  'problem.transition_forbidden.title': 'This status change is not allowed',
  'problem.transition_forbidden.detail': 'A report that is "{from}" cannot become "{to}".',
  'problem.conflict.title': 'The report was just changed',
  'problem.conflict.detail': 'Someone else changed the report at the same time. Reload and try again.',
  'problem.idempotency_conflict.title': 'Idempotency-Key already used',
  'problem.idempotency_conflict.detail': 'This key was already used for a report with different content.',
  'problem.too_large.title': 'The request is too large',
  'problem.too_large.detail': 'The request is larger than the limit of {max}.',
  'problem.unsupported_media_type.title': 'Unsupported content type',
  'problem.unsupported_media_type.detail': 'Send it as {expected}.',
  'problem.rate_limited.title': 'Too many requests',
  'problem.rate_limited.detail': 'Try again in {seconds} seconds.',
  'problem.method_not_allowed.title': 'Method not allowed',
  'problem.method_not_allowed.detail': 'Use {allowed}.',
  'problem.internal.title': 'Something went wrong on the server',
  'problem.internal.detail': 'Your report is safe to send again with the same Idempotency-Key.',
  'open311.format': 'The format "{format}" is not supported; use .json.',
  'open311.service_not_found': 'Unknown service_code.',
  'open311.media_type': 'Send it as application/x-www-form-urlencoded.',
  'open311.unreadable': 'The request body could not be read.',
  'open311.too_large': 'The request is larger than the limit of {max}.',
  'open311.request_not_found': 'No request has this service_request_id.',
  'open311.not_found': 'There is nothing at this address.',
};

const catalogues: Record<Locale, Record<ProblemMessageKey, string>> = { id, en };

/** A problem's text in the locale, with `{name}` placeholders filled in. */
export function problemMessage(locale: Locale, key: ProblemMessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
