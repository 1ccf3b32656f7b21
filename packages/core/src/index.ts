/**
 * @narahubung/core: the complaint model, validation, tracking numbers, lifecycle, deadlines,
 * routing, HTTP client and intake handler. No DOM, no Node-only imports.
 */
export * from './model.js';
export type { StaffHistoryEntry } from './intake/views.js';
export { defaultPolicy, createPolicy } from './policy.js';
export type { Policy } from './policy.js';
export { message, negotiateLocale, hasMessage } from './messages/index.js';
export type { MessageKey } from './messages/index.js';
export { complaintSubmissionSchema, validateComplaint } from './validate.js';
export type { ValidationResult, ValidateOptions, ValidationCode } from './validate.js';
export { normalizePhone } from './phone.js';
export { formatDate, formatInstant } from './format.js';
export { cleanText } from './text.js';
export { checkAttachments, sniffType, formatBytes, attachmentName, ATTACHMENT_EXTENSIONS } from './attachments.js';
export type { AttachmentCandidate } from './attachments.js';
export { createTrackingId, parseTrackingId, TRACKING_ALPHABET } from './tracking-id.js';
export { canTransition, applyTransition, nextStatuses, TransitionError, FINAL_STATUSES, applyReporterAction, reporterActionTarget, disputeOpenUntil } from './lifecycle.js';
export type { TransitionInput, TransitionResult, TransitionErrorCode, ReporterAction } from './lifecycle.js';
export { createWorkCalendar, addWorkingDays, addCalendarDays, workingDaysBetween, shiftLocalDate } from './calendar.js';
export type { WorkCalendar, WorkCalendarOptions } from './calendar.js';
export { computeDeadlines, currentDeadline, isOverdue } from './deadlines.js';
export { createDirectory } from './directory.js';
export type { Directory, Routing, DirectoryInput } from './directory.js';
export type {
  Store,
  NewSubmission,
  InsertOutcome,
  ComplaintFilter,
  ComplaintQuery,
  ComplaintSort,
  ComplaintPage,
  ComplaintUpdate,
  UpdateQuery,
  StoredAttachment,
  CredentialStore,
  StoredCredential,
  NewNotification,
  OutboxNotification,
  UpdateEffects,
  StoredAnswer,
  IndicatorQuery,
  IndicatorSelection,
} from './store.js';
export {
  computeIndicators,
  indicatorFactsOf,
  indicatorOutcome,
  INDICATOR_NAMES,
  aggregateFacts,
  indicatorsFromAggregates,
  satisfactionOf,
  medianOf,
  periodBounds,
  emptySums,
  addFacts,
} from './indicators.js';
export type {
  IndicatorFacts,
  IndicatorName,
  IndicatorSums,
  AgencyAggregate,
  IndicatorAggregates,
  FactsAt,
  Share,
  Satisfaction,
  IndicatorGroups,
  AgencyIndicators,
  InspectorateIndicators,
  IndicatorTable,
  Indicators,
  ComputeIndicatorsOptions,
} from './indicators.js';
export { COMPLAINT_SORTS } from './store.js';
export {
  CursorError,
  compareComplaints,
  compareUpdates,
  complaintMatches,
  countsByDimensions,
  decodeCursor,
  decodeUpdateCursor,
  deadlineKey,
  documentMatches,
  emptyStatusCounts,
  encodeCursor,
  encodeUpdateCursor,
  isPublicChange,
  searchDocument,
  searchWords,
  searchableText,
  sortKey,
  SEARCH_WORDS_MAX,
} from './store-query.js';
export type { CursorPosition, UpdatePosition } from './store-query.js';
export { createMemoryStore } from './memory-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export { createIntakeHandler } from './intake/handler.js';
export type { IntakeHandlerOptions, RequestContext, IntakeLogEntry, InboxItem, ReporterView, RateLimit, RateCounter, IndicatorsAnswer, IndicatorTableAnswer, Cell, Open311Options } from './intake/handler.js';
export { indicatorsCsv, INDICATOR_CSV_HEADER, SMALL_CELL } from './intake/routes-indicators.js';
export { indicatorMessage } from './messages/indicators.js';
export type { IndicatorMessageKey } from './messages/indicators.js';
export { csvField, csvRows, parseCsv } from './csv.js';
export { createMemoryRateCounter } from './intake/rate-limit.js';
export { createTokenVerifier, hashToken, constantTimeEqual } from './intake/tokens.js';
export type { Principal, StaffPrincipal, ClientSystemPrincipal, TokenVerifier, TokenEntry } from './intake/tokens.js';
export type { Problem, ProblemCode } from './intake/http.js';
export { problem as problemResponse } from './intake/http.js';
export { readMultipartWithFormData, fileFromBytes } from './intake/multipart.js';
export type { IncomingFile, MultipartLimits, MultipartOutcome, MultipartFailure, MultipartReader } from './intake/multipart.js';
export type { Open311Request, Open311Update, UpdateStatus } from './intake/open311.js';
export { open311Policy } from './intake/open311/submission.js';
export { xmlSafeText } from './intake/open311/document.js';
export { createReporterKeys, SECRET_MIN_BYTES } from './intake/reporter-keys.js';
export type { ReporterKeys } from './intake/reporter-keys.js';
export { mailsForNewComplaint, mailsForChange, digestMail, fillSecrets, escapeHtml } from './intake/notifications.js';
export type { MailContext, MailLinks } from './intake/notifications.js';
export { createNotificationSender, enqueueDigests, messageIdOf, retryDelaySeconds } from './intake/notifier.js';
export type { Notifier, OutgoingMessage, SenderOptions } from './intake/notifier.js';
export { createClient, ApiError, apiErrorFromResponse, networkApiError, submissionBody, reporterActionBody, reporterActionPath } from './client.js';
export type { Client, ClientOptions, RequestOptions, SubmitOptions, TokenHolder, InboxQueryOptions, InboxPage, AssignableStaff, OwnStatus, ReporterActionBodies, ReporterActionName, ReporterActionOptions } from './client.js';
