import type { IndicatorFacts } from './indicators.js';

/**
 * The domain model shared by every part of Narahubung: codes that travel on the wire and the
 * records built from them. See DESIGN.md, "Domain model" and "Wire shapes".
 */

/** Kinds of report, as SP4N-LAPOR!: pengaduan, aspirasi, permintaan informasi. */
export const KINDS = ['complaint', 'aspiration', 'information_request'] as const;
export type Kind = (typeof KINDS)[number];

/** Maladministration categories of Ombudsman RI. */
export const CATEGORIES = [
  'undue_delay',
  'no_service',
  'procedural_deviation',
  'abuse_of_authority',
  'improper_request',
  'incompetence',
  'improper_conduct',
  'discrimination',
  'partiality',
  'conflict_of_interest',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Who may see the reporter's identity (SP4N-LAPOR!). No public view ever does. */
export const CONFIDENTIALITY = ['public', 'anonymous', 'secret'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

export const STATUSES = [
  'received',
  'needs_info',
  'verified',
  'forwarded',
  'in_progress',
  'escalated',
  'resolved',
  'closed',
  'rejected',
] as const;
export type Status = (typeof STATUSES)[number];

export const REJECTION_REASONS = ['not_competent', 'expired', 'duplicate', 'incomplete', 'withdrawn'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The reporter, as UU 37/2008 art. 24 asks. `idNumber` (NIK) is optional and never shown publicly. */
export interface Reporter {
  name: string;
  email?: string;
  /** E.164 after validation, e.g. `+6281234567890`. */
  phone?: string;
  address?: string;
  idNumber?: string;
}

/** A point on the earth, WGS84 degrees (as GPS and Open311 give it). */
export interface GeoLocation {
  /** -90 to 90. */
  lat: number;
  /** -180 to 180. */
  long: number;
}

/**
 * When and where it happened. `place` is words ("Loket 2, Kantor Disdukcapil"); `location` the
 * coordinates, when the reporter's device or an Open311 client sends them. Both may name the
 * reporter's home: public views follow the same privacy rule for them as for the description.
 */
export interface Incident {
  date?: string;
  place?: string;
  location?: GeoLocation;
}

/**
 * What an Open311 client system sent beside the complaint (GeoReport v2 POST), kept on the record
 * so that it can be returned as the specification allows. None of it is shown by v1.
 */
export interface Open311Details {
  /** The client system whose API key posted it. */
  clientSystemId: string;
  jurisdictionId?: string;
  addressId?: string;
  deviceId?: string;
  accountId?: string;
  /** Every `media_url` sent, in order. */
  mediaUrls?: string[];
}

/** A complaint as submitted (`POST /v1/complaints`), after validation and normalisation. */
export interface ComplaintSubmission {
  kind: Kind;
  agencyId: string;
  unit?: string;
  category: Category;
  title: string;
  description: string;
  incident?: Incident;
  priorAttempt?: { date?: string; contacted?: string; response?: string };
  expectedResolution?: string;
  reporter: Reporter;
  confidentiality: Confidentiality;
  consent: true;
  locale: Locale;
  /** "Send me updates": mails to `reporter.email` at each step (receipt, requests, changes, resolution). */
  emailUpdates?: boolean;
}

/** A field problem: `path` is dotted (`reporter.email`), `message` in the request's locale. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * One step in a complaint's life. A status change (`kind` absent) is public: its status, time and
 * `note` are shown on the status page; `actor` is not. An `assignment` is for staff only: the status
 * stays, `assigneeId` names the officer (null: unassigned).
 */
export interface HistoryEntry {
  status: Status;
  at: string;
  actor: string;
  note: string;
  reason?: RejectionReason;
  /**
   * What else the step is: an `assignment` (staff only: the status stays, `assigneeId` names the
   * officer), or a status change the reporter made (`reply`, `dispute`, `withdrawal`; actor
   * `reporter`). Absent: a status change by staff.
   */
  kind?: 'assignment' | 'reply' | 'dispute' | 'withdrawal';
  assigneeId?: string | null;
  /** The staff member's name when the step was made (shown to staff only). */
  actorName?: string;
  /** The staff member's agency (public views say only "petugas <agency>"). */
  actorAgencyId?: string;
}

/** A note staff write to each other: never public, never to the reporter. */
export interface InternalNote {
  id: string;
  at: string;
  /** The staff member's id (a focal point, officer or intake officer). */
  authorId: string;
  /** Their name when they wrote it. */
  authorName: string;
  text: string;
}

/** The reporter's answer to a request for information. */
export interface ReporterReply {
  at: string;
  text: string;
  /** Ids of the files that came with it, among the complaint's `attachments`. */
  attachmentIds: string[];
}

/** The four questions of the satisfaction survey, each 1 (poor) to 4 (very good), as Permenpan RB 14/2017. */
export const RATING_QUESTIONS = ['speed', 'clarity', 'conduct', 'outcome'] as const;
export type RatingQuestion = (typeof RATING_QUESTIONS)[number];

export interface Rating {
  at: string;
  scores: Record<RatingQuestion, 1 | 2 | 3 | 4>;
  comment: string;
}

/** An attachment's metadata; the bytes live in the store. */
export interface AttachmentMeta {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
  sha256: string;
}

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Deadlines as ISO 8601 UTC instants; `resolveBy` is null until the complaint is verified. */
export interface Deadlines {
  verifyBy: string;
  respondBy: string;
  resolveBy: string | null;
}

/** A complaint as the store keeps it. */
export interface ComplaintRecord {
  trackingId: string;
  submission: ComplaintSubmission;
  status: Status;
  receivedAt: string;
  /** The reported agency. */
  agencyId: string;
  /** The agency whose focal points handle it now: the reported agency, or up the escalation chain. */
  handlingAgencyId: string;
  /** Focal points it was routed to; empty when it went to the agency's complaint unit. */
  focalPointIds: string[];
  history: HistoryEntry[];
  attachments: AttachmentMeta[];
  /** Incremented on every change; stores use it to refuse lost updates. */
  version: number;
  /**
   * The deadline of the current stage (the earliest of the running clocks), or null when no clock
   * runs (`needs_info`, `resolved`, final). Kept by the intake on every write, so that stores can
   * order and filter "overdue now" from an index. Absent on complaints stored before it existed.
   */
  dueAt?: string | null;
  /** The officer the complaint is assigned to; absent or null when nobody is. */
  assigneeId?: string | null;
  /** Staff's internal notes, oldest first. */
  notes?: InternalNote[];
  /**
   * After an escalation, whether the agency reported may add notes (its response) to the complaint
   * it may only read; the handling agency decides.
   */
  reportedAgencyNotes?: boolean;
  /** The reporter's answers to requests for information. */
  replies?: ReporterReply[];
  /** The reporter's disputes of a resolution (each reopened the complaint). */
  disputes?: { at: string; reason: string }[];
  /** The reporter's rating, given once after `resolved` or `closed`. */
  rating?: Rating;
  /** Why the reporter withdrew the complaint (it became `rejected`, reason `withdrawn`). */
  withdrawal?: { at: string; reason: string };
  /** When the reporter last looked at their own view (a request for information reached them then). */
  reporterSeenAt?: string;
  /**
   * What the complaint contributes to the indicators (`indicatorFactsOf`), kept by the intake on
   * every write so that stores aggregate them without reading records. Absent on complaints stored
   * before it existed.
   */
  facts?: IndicatorFacts;
  /** Present when the complaint came in through Open311. */
  open311?: Open311Details;
}

export type AgencyKind = 'ministry' | 'agency' | 'local_government' | 'service_unit' | 'inspectorate' | 'ombudsman' | 'other';

/** Directory record of an agency. `inspectorateId` is its APIP (internal oversight). */
export interface Agency {
  id: string;
  name: string;
  kind: AgencyKind;
  /** Kemendagri region code, e.g. `18` Lampung, `18.71` Bandar Lampung. */
  regionCode: string;
  parentId: string | null;
  inspectorateId: string | null;
}

/** Directory record of a focal point (pejabat narahubung). */
export interface FocalPoint {
  id: string;
  name: string;
  position: string;
  agencyId: string;
  unit: string;
  email: string;
  phone: string;
  /** Categories covered; empty means all. */
  categories: Category[];
  /** Region codes covered; empty means the whole agency. */
  regions: string[];
  /** Active period as ISO dates (inclusive); `until` null means open-ended. */
  active: { from: string; until: string | null };
}

/** Staff of an agency to whom complaints can be assigned (the focal points can be too). */
export interface Officer {
  id: string;
  name: string;
  position: string;
  agencyId: string;
  /** For notifications; may be empty. */
  email: string;
}

/** The submit answer (`201`, and `200` for a replay). */
export interface SubmitAnswer {
  trackingId: string;
  status: Status;
  receivedAt: string;
  deadlines: Deadlines;
  focalPoint: { name: string; position: string; agency: string } | null;
  /**
   * The reporter's secret, shown once: with `Authorization: Reporter <key>` it opens their own view
   * and their actions. Derived from a server secret, never stored; a replay answers the same key.
   */
  reporterKey: string;
}

/** The public status of a complaint: never any personal data. */
export interface PublicStatus {
  trackingId: string;
  status: Status;
  agency: { id: string; name: string };
  /** Each public change; `by` says who as a role only ("petugas Dinas …", "pelapor"), never a name. */
  history: { status: Status; at: string; note: string; by: string }[];
  deadlines: Deadlines;
  overdue: boolean;
  /**
   * Where the reporter may turn when the complaint is overdue or they disputed its resolution: the
   * rest of the escalation chain (the inspectorate, then the Ombudsman office), each with the
   * contact the directory gives (its first active focal point). Empty otherwise.
   */
  nextSteps: NextStep[];
  /** With the reporter's key only: their own view. */
  own?: OwnView;
}

/** An agency the reporter may turn to, and how to reach it. */
export interface NextStep {
  agency: { id: string; name: string; kind: AgencyKind };
  contact: { name: string; position: string; email: string; phone: string } | null;
}

/** What the reporter sees of their own complaint, with their key. */
export interface OwnView {
  /** What they wrote, as stored. */
  submission: ComplaintSubmission;
  /** Their files, under the names they gave. */
  attachments: AttachmentMeta[];
  /** Each request for information addressed to them (the note of a move to `needs_info`), and whether they answered it. */
  requests: { at: string; text: string; answered: boolean }[];
  replies: { at: string; text: string; attachments: AttachmentMeta[] }[];
  disputes: { at: string; reason: string }[];
  rating: Rating | null;
  withdrawal: { at: string; reason: string } | null;
  /** What they may do now: answer a request, dispute a resolution (until when), rate, withdraw. */
  actions: { reply: boolean; dispute: { until: string } | null; rate: boolean; withdraw: boolean };
  /** Whether mails about it go to their address. */
  emailUpdates: boolean;
}

/** `GET /v1/config`: the form's options for this intake, labels in the request's locale. */
export interface IntakeConfig {
  agencies: { id: string; name: string }[];
  categories: { code: Category; label: string }[];
  kinds: { code: Kind; label: string }[];
  locales: Locale[];
  timeZone: string;
  /** The intake calendar's days off (`YYYY-MM-DD`), so a client counts working days as the intake does. */
  holidays: string[];
  /** The days of the week that are never working days (0 = Sunday … 6 = Saturday). */
  weekend: number[];
  defaultAgencyId: string | null;
  limits: {
    descriptionMin: number;
    descriptionMax: number;
    /** Most characters of a reporter's reply, dispute or withdrawal reason, or rating comment. */
    reporterTextMax: number;
    attachments: { maxFiles: number; maxBytes: number; types: AttachmentType[] };
  };
  contactRequired: boolean;
}

/** A transition request (`POST /v1/complaints/{id}/transitions`). */
export interface TransitionRequest {
  to: Status;
  note?: string;
  reason?: RejectionReason;
}
