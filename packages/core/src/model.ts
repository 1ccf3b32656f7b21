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
  kind?: 'assignment';
  assigneeId?: string | null;
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

/** The submit answer (`201`, and `200` for a replay). */
export interface SubmitAnswer {
  trackingId: string;
  status: Status;
  receivedAt: string;
  deadlines: Deadlines;
  focalPoint: { name: string; position: string; agency: string } | null;
}

/** The public status of a complaint: never any personal data. */
export interface PublicStatus {
  trackingId: string;
  status: Status;
  agency: { id: string; name: string };
  history: { status: Status; at: string; note: string }[];
  deadlines: Deadlines;
  overdue: boolean;
}

/** `GET /v1/config`: the form's options for this intake, labels in the request's locale. */
export interface IntakeConfig {
  agencies: { id: string; name: string }[];
  categories: { code: Category; label: string }[];
  kinds: { code: Kind; label: string }[];
  locales: Locale[];
  timeZone: string;
  defaultAgencyId: string | null;
  limits: {
    descriptionMax: number;
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
