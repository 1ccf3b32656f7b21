/**
 * Every view of a complaint, built by the server for the one who asks. Redaction lives here and
 * nowhere else: reporters have been harmed when a client was trusted to hide an identity.
 */
import type { AttachmentMeta, Category, ComplaintRecord, Confidentiality, Deadlines, HistoryEntry, Incident, Kind, PublicStatus, Reporter, Status } from '../model.js';
import { attachmentName } from '../attachments.js';
import type { StaffPrincipal as Principal } from './tokens.js';

/** The reporter as a focal point or intake officer may see them. */
export type ReporterView = Partial<Reporter> & { name: string };

/** A complaint in a focal point's or intake officer's inbox. */
export interface InboxItem {
  trackingId: string;
  status: Status;
  kind: Kind;
  category: Category;
  title: string;
  description: string;
  unit?: string;
  incident?: Incident;
  priorAttempt?: { date?: string; contacted?: string; response?: string };
  expectedResolution?: string;
  agency: { id: string; name: string };
  handlingAgency: { id: string; name: string };
  confidentiality: Confidentiality;
  receivedAt: string;
  deadlines: Deadlines;
  overdue: boolean;
  /** Null when the reader may not know who reported it. */
  reporter: ReporterView | null;
  history: HistoryEntry[];
  attachments: AttachmentMeta[];
  /** The statuses this reader may move it to now. */
  allowedTransitions: Status[];
  version: number;
}

/**
 * The reporter's identity for `principal`: a focal point sees name and contacts of `public`
 * complaints only; an intake officer sees the identity of every complaint, and the national ID
 * number only when looking at one complaint (`single`), never in a list.
 */
export function reporterFor(record: ComplaintRecord, principal: Principal, single: boolean): ReporterView | null {
  const reporter = record.submission.reporter;
  if (principal.role === 'focal_point') {
    if (record.submission.confidentiality !== 'public') return null;
    const { idNumber: _hidden, ...visible } = reporter;
    return { ...visible };
  }
  if (single) return { ...reporter };
  const { idNumber: _hidden, ...visible } = reporter;
  return { ...visible };
}

/** The public status: what anyone holding the tracking number may see. No personal data. */
export function publicStatusOf(record: ComplaintRecord, agencyName: string, deadlines: Deadlines, overdue: boolean): PublicStatus {
  return {
    trackingId: record.trackingId,
    status: record.status,
    agency: { id: record.agencyId, name: agencyName },
    history: record.history.map((entry) => ({ status: entry.status, at: entry.at, note: entry.note })),
    deadlines,
    overdue,
  };
}

export function inboxItemOf(
  record: ComplaintRecord,
  principal: Principal,
  names: { agency: string; handlingAgency: string },
  deadlines: Deadlines,
  overdue: boolean,
  allowedTransitions: Status[],
  single: boolean,
): InboxItem {
  const submission = record.submission;
  return {
    trackingId: record.trackingId,
    status: record.status,
    kind: submission.kind,
    category: submission.category,
    title: submission.title,
    description: submission.description,
    ...(submission.unit !== undefined ? { unit: submission.unit } : {}),
    ...(submission.incident !== undefined ? { incident: { ...submission.incident } } : {}),
    ...(submission.priorAttempt !== undefined ? { priorAttempt: { ...submission.priorAttempt } } : {}),
    ...(submission.expectedResolution !== undefined ? { expectedResolution: submission.expectedResolution } : {}),
    agency: { id: record.agencyId, name: names.agency },
    handlingAgency: { id: record.handlingAgencyId, name: names.handlingAgency },
    confidentiality: submission.confidentiality,
    receivedAt: record.receivedAt,
    deadlines,
    overdue,
    reporter: reporterFor(record, principal, single),
    history: record.history.map((entry) => ({ ...entry })),
    attachments: record.attachments.map((attachment) => attachmentFor(record, principal, attachment)),
    allowedTransitions,
    version: record.version,
  };
}

/**
 * An attachment as `principal` may see it. Reporters name files after themselves ("KTP Siti
 * Aminah.jpg"), so a focal point sees neutral names (`lampiran-1.pdf`) unless the complaint is
 * `public`; intake officers see the names as sent. Either way the extension is the one of the type
 * found in the bytes, never the sender's, so a download is never opened as another kind of file.
 */
export function attachmentFor(record: ComplaintRecord, principal: Principal, meta: AttachmentMeta): AttachmentMeta {
  const neutral = `lampiran-${record.attachments.findIndex((attachment) => attachment.id === meta.id) + 1}`;
  const asSent = principal.role === 'intake_officer' || record.submission.confidentiality === 'public';
  return { ...meta, name: attachmentName(asSent ? meta.name : '', meta.type, neutral) };
}

/**
 * May this principal read this complaint? The focal points of the agency reported and of the agency
 * handling it now, and the intake officers whose agencies include either.
 */
export function mayAccess(record: ComplaintRecord, principal: Principal): boolean {
  if (principal.role === 'focal_point') {
    return record.agencyId === principal.agencyId || record.handlingAgencyId === principal.agencyId;
  }
  return principal.agencyIds === 'all' || principal.agencyIds.includes(record.agencyId) || principal.agencyIds.includes(record.handlingAgencyId);
}

/**
 * May this principal move this complaint on? Only the agency handling it now, and intake officers
 * who may read it. After an escalation the handling agency is the inspectorate or the Ombudsman
 * office, and the agency reported may only read: escalation exists because that agency did not
 * resolve the complaint, so it must not be able to close it.
 */
export function mayMove(record: ComplaintRecord, principal: Principal): boolean {
  if (!mayAccess(record, principal)) return false;
  return principal.role === 'intake_officer' || record.handlingAgencyId === principal.agencyId;
}
