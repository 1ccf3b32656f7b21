/**
 * What Open311 shows of a complaint: a service request, and its public changes as FixMyStreet's
 * `request_update`s. Never more than v1's public status shows: no reporter, whatever the
 * confidentiality, and the free text (description, place, coordinates, media) of an `anonymous`
 * complaint only when the policy says so, of a `secret` one never.
 */
import type { ComplaintRecord, HistoryEntry, Locale, RejectionReason, Status } from '../../model.js';
import { message } from '../../messages/index.js';
import { problemMessage } from '../../messages/problems.js';
import type { Policy } from '../../policy.js';
import type { ComplaintUpdate } from '../../store.js';
import { isPublicChange } from '../../store-query.js';
import type { Open311Object } from './document.js';

/** One service request as GeoReport v2 shows it (`null`: nothing to show). */
export interface Open311Request extends Open311Object {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  /** One URL; several repeat the element in XML and make an array in JSON; none is `null`. */
  media_url: string | readonly string[] | null;
}

/**
 * FixMyStreet's statuses for service request updates (its Open311 extension); its client maps them
 * to its own states (`map_state` in FixMyStreet's `Open311.pm`).
 */
export type UpdateStatus = 'OPEN' | 'INVESTIGATING' | 'IN_PROGRESS' | 'FIXED' | 'CLOSED' | 'DUPLICATE' | 'NOT_COUNCILS_RESPONSIBILITY' | 'NO_FURTHER_ACTION';

/** One public change of a complaint as FixMyStreet's `request_update`. */
export interface Open311Update extends Open311Object {
  /** `{service_request_id}:{position in the history}`: the same change always has the same id. */
  update_id: string;
  service_request_id: string;
  status: UpdateStatus;
  updated_datetime: string;
  description: string | null;
  media_url: null;
  /** The complaint's own status after the change (`needs_info`, `escalated`, …), finer than `status`. */
  external_status_code: Status;
}

/** GeoReport's date format (W3C's profile of ISO 8601) to the second, in UTC: `2026-11-02T03:00:00Z`. */
export function w3cDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** `open` until the complaint is finished (`closed` or `rejected`), as GeoReport v2 has only these two. */
export function open311Status(status: Status): 'open' | 'closed' {
  return status === 'closed' || status === 'rejected' ? 'closed' : 'open';
}

const REJECTION_STATUS: Record<RejectionReason, UpdateStatus> = {
  not_competent: 'NOT_COUNCILS_RESPONSIBILITY',
  duplicate: 'DUPLICATE',
  expired: 'NO_FURTHER_ACTION',
  incomplete: 'NO_FURTHER_ACTION',
  withdrawn: 'CLOSED',
};

const UPDATE_STATUS: Record<Exclude<Status, 'rejected'>, UpdateStatus> = {
  received: 'OPEN',
  // Waiting for the reporter: FixMyStreet has no such state, and "open" is true.
  needs_info: 'OPEN',
  verified: 'INVESTIGATING',
  forwarded: 'INVESTIGATING',
  in_progress: 'IN_PROGRESS',
  // The inspectorate or the Ombudsman office now looks into it. Not INTERNAL_REFERRAL: FixMyStreet
  // counts that state as closed, and the complaint is still being handled.
  escalated: 'INVESTIGATING',
  resolved: 'FIXED',
  closed: 'CLOSED',
};

/** Why a rejection happened: its reason, or `withdrawn` when the reporter withdrew it. */
function rejectionReason(entry: Pick<HistoryEntry, 'reason' | 'kind'>): RejectionReason | undefined {
  return entry.reason ?? (entry.kind === 'withdrawal' ? 'withdrawn' : undefined);
}

/** The FixMyStreet status of a history entry. */
export function updateStatusOf(entry: Pick<HistoryEntry, 'status' | 'reason' | 'kind'>): UpdateStatus {
  if (entry.status === 'rejected') {
    const reason = rejectionReason(entry);
    return reason ? REJECTION_STATUS[reason] : 'CLOSED';
  }
  return UPDATE_STATUS[entry.status];
}

/**
 * What a change says in words: its public note, and for a finished complaint what finished it, so
 * that a client can tell "rejected: outside the agency's authority" from "resolved".
 */
function noteOf(entry: Pick<HistoryEntry, 'status' | 'reason' | 'kind' | 'note'>, locale: Locale): string | null {
  const said = [];
  if (entry.status === 'rejected') {
    const code = rejectionReason(entry);
    const reason = code ? message(locale, `reason.${code}`) : message(locale, 'status.rejected');
    said.push(problemMessage(locale, 'open311.rejected', { reason: reason.charAt(0).toLowerCase() + reason.slice(1) }));
  } else if (entry.status === 'closed') {
    said.push(problemMessage(locale, 'open311.closed'));
  }
  if (entry.note !== '') said.push(entry.note);
  return said.length > 0 ? said.join(' ') : null;
}

export interface RequestViewContext {
  policy: Policy;
  locale: Locale;
  agencyName: (id: string) => string;
  /** The deadline a client may expect the request to be dealt with by. */
  expectedBy: (record: ComplaintRecord) => string | null;
}

/** Whether public views show the complaint's free text: its description, place, coordinates and media. */
export function showsFreeText(record: ComplaintRecord, policy: Policy): boolean {
  const confidentiality = record.submission.confidentiality;
  return confidentiality === 'public' || (confidentiality === 'anonymous' && policy.open311ShowsAnonymousText);
}

/** A complaint as an Open311 service request. */
export function requestView(record: ComplaintRecord, context: RequestViewContext): Open311Request {
  const { locale } = context;
  const publicChanges = record.history.filter(isPublicChange);
  const last = publicChanges.at(-1) ?? record.history[0]!;
  const latestNote = [...publicChanges].reverse().find((entry) => entry.note !== '')?.note ?? '';
  const shown = showsFreeText(record, context.policy);
  const { submission } = record;
  const location = shown ? submission.incident?.location : undefined;
  const mediaUrls = shown ? (record.open311?.mediaUrls ?? []) : [];
  const expected = context.expectedBy(record);
  return {
    service_request_id: record.trackingId,
    status: open311Status(record.status),
    status_notes: noteOf({ status: record.status, note: latestNote, ...(last.reason ? { reason: last.reason } : {}), ...(last.kind ? { kind: last.kind } : {}) }, locale),
    service_name: message(locale, `category.${submission.category}`),
    service_code: submission.category,
    description: shown && submission.description !== '' ? submission.description : null,
    agency_responsible: context.agencyName(record.handlingAgencyId),
    service_notice: null,
    requested_datetime: w3cDateTime(record.receivedAt),
    updated_datetime: w3cDateTime(last.at),
    expected_datetime: expected ? w3cDateTime(expected) : null,
    address: shown ? (submission.incident?.place ?? null) : null,
    address_id: shown ? (record.open311?.addressId ?? null) : null,
    zipcode: null,
    lat: location?.lat ?? null,
    long: location?.long ?? null,
    media_url: mediaUrls.length === 0 ? null : mediaUrls.length === 1 ? mediaUrls[0]! : mediaUrls,
  };
}

/** A public change as FixMyStreet's `request_update`. */
export function updateView(update: ComplaintUpdate, locale: Locale): Open311Update {
  return {
    update_id: `${update.trackingId}:${update.index}`,
    service_request_id: update.trackingId,
    status: updateStatusOf(update.entry),
    updated_datetime: w3cDateTime(update.entry.at),
    description: noteOf(update.entry, locale),
    media_url: null,
    external_status_code: update.entry.status,
  };
}
