/**
 * Every view of a complaint, built by the server for the one who asks. Redaction lives here and
 * nowhere else: reporters have been harmed when a client was trusted to hide an identity.
 */
import type {
  AttachmentMeta,
  Category,
  ComplaintRecord,
  Confidentiality,
  Deadlines,
  HistoryEntry,
  Incident,
  Kind,
  Locale,
  NextStep,
  OwnView,
  PublicStatus,
  Rating,
  Reporter,
  Status,
} from '../model.js';
import { attachmentName } from '../attachments.js';
import type { Directory } from '../directory.js';
import { disputeOpenUntil, reporterActionTarget } from '../lifecycle.js';
import { serverMessage } from '../messages/server.js';
import type { Policy } from '../policy.js';
import { isPublicChange } from '../store-query.js';
import type { StaffPrincipal as Principal } from './tokens.js';

/** The reporter as a focal point or intake officer may see them. */
export type ReporterView = Partial<Reporter> & { name: string };

/** A step of the history as staff see it: who made it, by name, and as the public sees it. */
export type StaffHistoryEntry = HistoryEntry & {
  /** The name of whoever made it (staff), or the role (`pelapor`, `sistem`). */
  actorName: string;
  /** What public views say instead of a name: "petugas Dinas …". */
  by: string;
};

/** A complaint in a focal point's, officer's or intake officer's inbox. */
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
  history: StaffHistoryEntry[];
  attachments: AttachmentMeta[];
  /** The officer it is assigned to. */
  assignee: { id: string; name: string } | null;
  /** Staff's internal notes, oldest first: never public, never to the reporter. */
  notes: { at: string; author: string; text: string }[];
  /** The reporter's answers to requests for information. */
  replies: { at: string; text: string; attachments: AttachmentMeta[] }[];
  disputes: { at: string; reason: string }[];
  rating: Rating | null;
  withdrawal: { at: string; reason: string } | null;
  /** The statuses this reader may move it to now. */
  allowedTransitions: Status[];
  /** What else this reader may do now. */
  may: { note: boolean; assign: boolean; setNoteAccess: boolean };
  /** After an escalation: whether the agency reported may add notes (set by the handling agency). */
  reportedAgencyNotes: boolean;
  version: number;
}

/** Staff who read an agency's complaints as its own: focal points and officers. */
const agencyStaff = (principal: Principal): principal is Extract<Principal, { agencyId: string; role: 'focal_point' | 'officer' }> =>
  principal.role === 'focal_point' || principal.role === 'officer';

/**
 * The reporter's identity for `principal`: a focal point, officer or supervisor sees name and contacts of
 * `public` complaints only; an intake officer sees the identity of every complaint, and the
 * national ID number only when looking at one complaint (`single`), never in a list.
 */
export function reporterFor(record: ComplaintRecord, principal: Principal, single: boolean): ReporterView | null {
  const reporter = record.submission.reporter;
  // Supervisors read as a focal point does.
  if (agencyStaff(principal) || principal.role === 'supervisor') {
    if (record.submission.confidentiality !== 'public') return null;
    const { idNumber: _hidden, ...visible } = reporter;
    return { ...visible };
  }
  if (single) return { ...reporter };
  const { idNumber: _hidden, ...visible } = reporter;
  return { ...visible };
}

/** Who made a step, as public views say it: a role and at most an agency, never a person. */
export function publicActor(entry: HistoryEntry, directory: Directory, locale: Locale): string {
  if (entry.actor === 'reporter') return serverMessage(locale, 'actor.reporter');
  if (entry.actor === 'system') return serverMessage(locale, 'actor.system');
  const agency = entry.actorAgencyId === undefined ? undefined : directory.agency(entry.actorAgencyId);
  return agency ? serverMessage(locale, 'actor.staff_of', { agency: agency.name }) : serverMessage(locale, 'actor.staff');
}

/** The public status: what anyone holding the tracking number may see. No personal data. */
export function publicStatusOf(
  record: ComplaintRecord,
  context: { directory: Directory; locale: Locale; deadlines: Deadlines; overdue: boolean; nextSteps: NextStep[] },
): PublicStatus {
  return {
    trackingId: record.trackingId,
    status: record.status,
    agency: { id: record.agencyId, name: context.directory.agency(record.agencyId)?.name ?? record.agencyId },
    history: record.history.filter(isPublicChange).map((entry) => ({ status: entry.status, at: entry.at, note: entry.note, by: publicActor(entry, context.directory, context.locale) })),
    deadlines: context.deadlines,
    overdue: context.overdue,
    nextSteps: context.nextSteps,
  };
}

/**
 * Where a reporter may turn next, with whom to contact: the agencies above the one handling the
 * complaint on its escalation chain, each with its first active focal point's public contact.
 * Shown when the complaint is overdue or the reporter disputed its resolution.
 */
export function nextStepsOf(record: ComplaintRecord, directory: Directory, overdue: boolean, now: Date): NextStep[] {
  const disputed = (record.disputes?.length ?? 0) > 0 && record.status !== 'closed';
  if (!overdue && !disputed) return [];
  const chain = directory.escalationChain(record.agencyId);
  const handling = chain.findIndex((agency) => agency.id === record.handlingAgencyId);
  const today = now.toISOString().slice(0, 10);
  return chain.slice(handling + 1).map((agency) => {
    const contact = directory
      .focalPointsOf(agency.id)
      .find((focalPoint) => focalPoint.active.from <= today && (focalPoint.active.until === null || today <= focalPoint.active.until));
    return {
      agency: { id: agency.id, name: agency.name, kind: agency.kind },
      contact: contact ? { name: contact.name, position: contact.position, email: contact.email, phone: contact.phone } : null,
    };
  });
}

/** The requests for information addressed to the reporter: the notes of each move to `needs_info`. */
export function requestsOf(record: ComplaintRecord): { at: string; text: string; answered: boolean }[] {
  const requests: { at: string; text: string; answered: boolean }[] = [];
  for (const entry of record.history) {
    if (entry.kind === 'assignment') continue;
    if (entry.status === 'needs_info') requests.push({ at: entry.at, text: entry.note, answered: false });
    else if (entry.kind === 'reply' && requests.length > 0) requests.at(-1)!.answered = true;
  }
  return requests;
}

/** The reporter's own view, with their key: what they wrote, what they were asked, what they may do. */
export function ownViewOf(record: ComplaintRecord, policy: Policy, now: Date): OwnView {
  const byId = new Map(record.attachments.map((attachment) => [attachment.id, attachment]));
  const disputeUntil = disputeOpenUntil(record, policy.disputeDays);
  return {
    submission: structuredClone(record.submission),
    attachments: record.attachments.filter((attachment) => !replyAttachment(record, attachment.id)).map((attachment) => ({ ...attachment })),
    requests: requestsOf(record),
    replies: (record.replies ?? []).map((reply) => ({ at: reply.at, text: reply.text, attachments: reply.attachmentIds.flatMap((id) => (byId.has(id) ? [{ ...byId.get(id)! }] : [])) })),
    disputes: (record.disputes ?? []).map((dispute) => ({ ...dispute })),
    rating: record.rating ? structuredClone(record.rating) : null,
    withdrawal: record.withdrawal ? { ...record.withdrawal } : null,
    actions: {
      reply: reporterActionTarget(record, 'reply') !== null,
      dispute: disputeUntil !== null && Date.parse(disputeUntil) >= now.getTime() ? { until: disputeUntil } : null,
      rate: (record.status === 'resolved' || record.status === 'closed') && !record.rating,
      withdraw: reporterActionTarget(record, 'withdrawal') !== null,
    },
    emailUpdates: record.submission.emailUpdates === true && record.submission.reporter.email !== undefined,
  };
}

const replyAttachment = (record: ComplaintRecord, id: string): boolean => (record.replies ?? []).some((reply) => reply.attachmentIds.includes(id));

/** What a principal may do with a complaint beside moving it. */
export interface StaffRights {
  allowedTransitions: Status[];
  note: boolean;
  assign: boolean;
  setNoteAccess: boolean;
}

export function inboxItemOf(
  record: ComplaintRecord,
  principal: Principal,
  context: { directory: Directory; locale: Locale; deadlines: Deadlines; overdue: boolean; rights: StaffRights; single: boolean },
): InboxItem {
  const { directory, locale } = context;
  const submission = record.submission;
  const agencyName = (id: string) => directory.agency(id)?.name ?? id;
  const byId = new Map(record.attachments.map((attachment) => [attachment.id, attachment]));
  const seen = (meta: AttachmentMeta) => attachmentFor(record, principal, meta);
  const assigneeId = record.assigneeId ?? null;
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
    agency: { id: record.agencyId, name: agencyName(record.agencyId) },
    handlingAgency: { id: record.handlingAgencyId, name: agencyName(record.handlingAgencyId) },
    confidentiality: submission.confidentiality,
    receivedAt: record.receivedAt,
    deadlines: context.deadlines,
    overdue: context.overdue,
    reporter: reporterFor(record, principal, context.single),
    history: record.history.map((entry) => ({
      ...entry,
      actorName: entry.actorName ?? (entry.actor === 'reporter' || entry.actor === 'system' ? publicActor(entry, directory, locale) : entry.actor),
      by: publicActor(entry, directory, locale),
    })),
    attachments: record.attachments.map(seen),
    assignee: assigneeId === null ? null : { id: assigneeId, name: staffName(directory, assigneeId) },
    notes: (record.notes ?? []).map((note) => ({ at: note.at, author: note.authorName, text: note.text })),
    replies: (record.replies ?? []).map((reply) => ({ at: reply.at, text: reply.text, attachments: reply.attachmentIds.flatMap((id) => (byId.has(id) ? [seen(byId.get(id)!)] : [])) })),
    disputes: (record.disputes ?? []).map((dispute) => ({ ...dispute })),
    rating: record.rating ? structuredClone(record.rating) : null,
    withdrawal: record.withdrawal ? { ...record.withdrawal } : null,
    allowedTransitions: context.rights.allowedTransitions,
    may: { note: context.rights.note, assign: context.rights.assign, setNoteAccess: context.rights.setNoteAccess },
    reportedAgencyNotes: record.reportedAgencyNotes === true,
    version: record.version,
  };
}

/** A staff member's name from the directory (focal points and officers), or the id. */
export function staffName(directory: Directory, id: string): string {
  return directory.focalPoint(id)?.name ?? directory.officer(id)?.name ?? id;
}

/**
 * An attachment as `principal` may see it. Reporters name files after themselves ("KTP Siti
 * Aminah.jpg"), so agency staff see neutral names (`lampiran-1.pdf`) unless the complaint is
 * `public`; intake officers see the names as sent. Either way the extension is the one of the type
 * found in the bytes, never the sender's, so a download is never opened as another kind of file.
 */
export function attachmentFor(record: ComplaintRecord, principal: Principal, meta: AttachmentMeta): AttachmentMeta {
  const neutral = `lampiran-${record.attachments.findIndex((attachment) => attachment.id === meta.id) + 1}`;
  const asSent = principal.role === 'intake_officer' || record.submission.confidentiality === 'public';
  return { ...meta, name: attachmentName(asSent ? meta.name : '', meta.type, neutral) };
}

/**
 * May this principal read this complaint? Staff of the agency reported and of the agency handling
 * it now, and the intake officers whose agencies include either.
 */
export function mayAccess(record: ComplaintRecord, principal: Principal): boolean {
  if (agencyStaff(principal)) {
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
  // Supervisors watch; they never handle, even complaints their own office handles.
  if (principal.role === 'supervisor' || !mayAccess(record, principal)) return false;
  return principal.role === 'intake_officer' || record.handlingAgencyId === principal.agencyId;
}

/**
 * May this principal add an internal note? Whoever may move it; and the agency reported, after an
 * escalation, when the handling agency allows it (its response to what it is accused of).
 */
export function mayNote(record: ComplaintRecord, principal: Principal): boolean {
  if (principal.role === 'supervisor') return false;
  return mayMove(record, principal) || (mayAccess(record, principal) && record.reportedAgencyNotes === true);
}

/** May this principal assign the complaint? The handling agency's focal points, and intake officers who may move it. */
export function mayAssign(record: ComplaintRecord, principal: Principal): boolean {
  return mayMove(record, principal) && principal.role !== 'officer';
}
