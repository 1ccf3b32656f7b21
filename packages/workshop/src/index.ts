export { parseAttended, type AttendedEntry, type AttendedOptions } from './attended.js';
export { buildWorkshop, findMissingGlyphs, slug, type BuildOptions, type WorkshopOutput } from './build.js';
export { certificateNumber, verificationUrl } from './certificate-number.js';
export { agencyKindOf, directoryId, focalPointDirectory, type DirectoryAgency, type DirectoryFocalPoint, type FocalPointDirectory } from './directory.js';
export type { CertificateRecord } from './documents/certificates.js';
export { WorkshopError, type WorkshopErrorCode, type WorkshopProblem } from './errors.js';
export { buildInvitationIcs, eventUid } from './ics.js';
export { renderIndicatorsHandout, type HandoutOptions } from './handout/handout.js';
export { message, type Locale, type MessageKey } from './messages/index.js';
export { parseWorkshop, validateWorkshop, type ParseOptions } from './parse.js';
export type { Paper } from './pdf/composer.js';
export type { FontFiles } from './pdf/fonts.js';
export { certificateRecipients, nameKey, type CertificateRecipient, type Recipients, type WorkshopNotice } from './recipients.js';
export {
  agencyKinds,
  attendanceColumns,
  maxLengths,
  workshopJsonSchema,
  workshopSchema,
  type AgencyKind,
  type AttendanceColumn,
  type CommitmentSignatory,
  type Invitee,
  type Witness,
  type Workshop,
  type WorkshopFile,
} from './schema.js';
