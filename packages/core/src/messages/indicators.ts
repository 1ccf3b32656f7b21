/**
 * The indicators' names in words, for the CSV, the `<nh-indicators>` component and the printed
 * handout: one catalogue so that a number is called the same wherever it appears.
 */
import type { Locale } from '../model.js';

const id = {
  'group.cepat': 'Cepat',
  'group.transparan': 'Transparan',
  'group.akuntabel': 'Akuntabel',
  'group.tuntas': 'Tuntas',
  'indicator.received': 'Pengaduan diterima',
  'indicator.verifiedOnTime': 'Diverifikasi tepat waktu',
  'indicator.resolvedOnTime': 'Diselesaikan tepat waktu',
  'indicator.medianWorkingDaysToResolve': 'Median hari kerja sampai selesai',
  'indicator.publicNotes': 'Perubahan status dengan catatan publik',
  'indicator.answeredInfoRequests': 'Permintaan informasi yang sampai ke pelapor',
  'indicator.explainedResolutions': 'Penyelesaian dan penolakan yang dijelaskan',
  'indicator.escalated': 'Dieskalasi ke pengawas',
  'indicator.completed': 'Selesai atau ditutup',
  'indicator.openOverdue': 'Masih terbuka melewati batas waktu',
  'indicator.disputed': 'Penyelesaian yang disanggah pelapor',
  'indicator.satisfaction': 'Indeks kepuasan pelapor',
  'scope.agency': 'Instansi',
  'scope.inspectorate': 'Inspektorat',
  'scope.total': 'Seluruh instansi',
  'small_cell': '< 5',
} as const;

export type IndicatorMessageKey = keyof typeof id;

const en: Record<IndicatorMessageKey, string> = {
  'group.cepat': 'Quick',
  'group.transparan': 'Transparent',
  'group.akuntabel': 'Accountable',
  'group.tuntas': 'Complete',
  'indicator.received': 'Complaints received',
  'indicator.verifiedOnTime': 'Verified on time',
  'indicator.resolvedOnTime': 'Resolved on time',
  'indicator.medianWorkingDaysToResolve': 'Median working days to resolve',
  'indicator.publicNotes': 'Status changes with a public note',
  'indicator.answeredInfoRequests': 'Requests for information that reached the reporter',
  'indicator.explainedResolutions': 'Resolutions and rejections explained',
  'indicator.escalated': 'Escalated to a supervisor',
  'indicator.completed': 'Resolved or closed',
  'indicator.openOverdue': 'Still open past their deadline',
  'indicator.disputed': 'Resolutions the reporter disputed',
  'indicator.satisfaction': "Reporters' satisfaction index",
  'scope.agency': 'Agency',
  'scope.inspectorate': 'Inspectorate',
  'scope.total': 'All agencies',
  'small_cell': '< 5',
};

/** The words for an indicator, a group or a scope in `locale`. */
export function indicatorMessage(locale: Locale, key: IndicatorMessageKey): string {
  return (locale === 'en' ? en : id)[key];
}
