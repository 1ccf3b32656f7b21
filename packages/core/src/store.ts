import type { AttachmentMeta, Category, ComplaintRecord, Confidentiality, HistoryEntry, Kind, Status, SubmitAnswer } from './model.js';
import type { Principal } from './intake/tokens.js';
import type { IndicatorAggregates, IndicatorName } from './indicators.js';

/** An attachment's bytes with its metadata, as the handler hands it to the store. */
export interface StoredAttachment {
  meta: AttachmentMeta;
  bytes: Uint8Array;
}

/** The submit answer as a store keeps it: without the reporter's key, which is derived anew for every answer. */
export type StoredAnswer = Omit<SubmitAnswer, 'reporterKey'>;

/** What is inserted once per idempotency key. */
export interface NewSubmission {
  idempotencyKey: string;
  /** SHA-256 (hex) of the request body: the same key with another body is refused (409). */
  fingerprint: string;
  record: ComplaintRecord;
  attachments: StoredAttachment[];
  /** The answer given to the first request, returned unchanged to every replay (with the same reporter key, derived again). */
  answer: StoredAnswer;
  /** Notifications the new complaint causes (the reporter's receipt, its focal points' alert). */
  notifications?: NewNotification[];
}

/**
 * A mail (or, later, another message) waiting in the store's outbox. It is written in the same
 * transaction as the change that causes it, and sent by a background loop: a crash can neither lose
 * it nor, with its stable `id` as the Message-ID, make a mail client show it twice.
 */
export interface NewNotification {
  /** Stable and unique: `NH-…:3:reporter` for the third change of a complaint to its reporter. A second insert with the same id is ignored. */
  id: string;
  /** What it is about, for logs and tests: `receipt`, `info_request`, `status`, `resolved`, `new_complaint`, `citizen_reply`, `escalation`, `dispute`, `digest`. */
  kind: string;
  /** One address. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The complaint it is about, if one. */
  trackingId?: string;
  /** Extra mail headers (e.g. List-Unsubscribe), written with the message. */
  headers?: Record<string, string>;
}

/** A notification as the outbox keeps it. */
export interface OutboxNotification extends NewNotification {
  createdAt: string;
  attempts: number;
  /** Not sent before this instant (retries back off). */
  dueAt: string;
  lastError: string | null;
}

/** What a change carries with it, written in the same transaction as the complaint. */
export interface UpdateEffects {
  /**
   * The change answers an idempotent request (a citizen's reply, dispute, rating or withdrawal):
   * the key is stored with it, so a retry finds the first answer (`findByIdempotencyKey`). If the key
   * is already stored, nothing is written and `update` resolves false.
   */
  idempotency?: { key: string; fingerprint: string; answer: unknown };
  /** New attachments of the complaint (a reply's files). */
  attachments?: StoredAttachment[];
  /** Notifications this change causes. */
  notifications?: NewNotification[];
}

/** The outcome of `insertOnce`: either this call stored it, or an earlier one with the same key did. */
export type InsertOutcome =
  | { inserted: true; answer: StoredAnswer }
  | { inserted: false; fingerprint: string; answer: StoredAnswer };

/**
 * Which complaints a query returns. Every field narrows the set; an absent field does not. Lists
 * are alternatives (`statuses: ['received', 'verified']` is either).
 */
export interface ComplaintFilter {
  /** Complaints reported about, or now handled by, one of these agencies. */
  agencyIds?: readonly string[];
  /** Complaints reported about one of these agencies, whoever handles them now (what the indicators count per agency). */
  reportedAgencyIds?: readonly string[];
  /** Exactly these complaints (a search that is a tracking number; Open311's `service_request_id`). */
  trackingIds?: readonly string[];
  statuses?: readonly Status[];
  kinds?: readonly Kind[];
  categories?: readonly Category[];
  /** Public listings pass `['public', 'anonymous']`: `secret` complaints are never listed there. */
  confidentialities?: readonly Confidentiality[];
  /** Received at or after this instant (ISO 8601). */
  receivedFrom?: string;
  /** Received before this instant (exclusive). */
  receivedBefore?: string;
  /** Only complaints whose current deadline (`dueAt`) passed before this instant: overdue now. */
  overdueAt?: string;
  /** Only complaints with a current deadline at or after this instant (with `overdueAt`: due within a window). */
  dueFrom?: string;
  /**
   * Words that must all occur in the title or the description, matched as whole words or word
   * prefixes, without regard to case or accents (`ktp terbit` finds "KTP-el belum terbit").
   */
  text?: string;
  /** The officer a complaint is assigned to; null for unassigned ones. */
  assigneeId?: string | null;
  /** The complaints behind one indicator's number: those that met it, or that missed it, at `at`. */
  indicator?: IndicatorSelection;
}

/** The indicators a supervisor can follow to complaints (core's `INDICATOR_NAMES`). */
export interface IndicatorSelection {
  name: IndicatorName;
  outcome: 'met' | 'missed';
  /** The present of the definitions ("overdue now", "past its deadline"). */
  at: string;
}

/**
 * The orders a listing comes in. `deadline`: the inbox order, overdue first, then the nearest
 * deadline first, then complaints with no running clock, newest first (it is the ascending order
 * of `dueAt`, nulls last). `received`: oldest first; `-received`: newest first.
 */
export const COMPLAINT_SORTS = ['deadline', 'received', '-received'] as const;
export type ComplaintSort = (typeof COMPLAINT_SORTS)[number];

export interface ComplaintQuery extends ComplaintFilter {
  sort: ComplaintSort;
  /** At most this many items (a store never returns more). */
  limit: number;
  /** Where the previous page ended (its `nextCursor`); absent for the first page. */
  cursor?: string;
  /** Count every match for `total` (default true); Open311 listings skip it. */
  countTotal?: boolean;
}

/** One page of a listing. */
export interface ComplaintPage {
  items: ComplaintRecord[];
  /** Every complaint that matches the filter (-1 when `countTotal` was false). */
  total: number;
  /**
   * Opaque; pass it back as `cursor` for the next page. Null on the last page. Pages never skip or
   * repeat a complaint while others arrive between them (keyset pagination).
   */
  nextCursor: string | null;
}

/** Which complaints the indicators count. */
export interface IndicatorQuery {
  agencyIds?: readonly string[];
  receivedFrom: string;
  receivedBefore: string;
  /** The present of every "by now" in the definitions. */
  now: string;
}

/** One public change of a complaint, for `servicerequestupdates` (Open311) and feeds. */
export interface ComplaintUpdate {
  trackingId: string;
  /** The entry's position in the complaint's history (0 is `received`). */
  index: number;
  entry: HistoryEntry;
}

export interface UpdateQuery {
  /** Changes at or after this instant. */
  from: string;
  /** Changes before this instant (exclusive). */
  before: string;
  /** `secret` complaints are left out unless listed here. */
  confidentialities: readonly Confidentiality[];
  limit: number;
  cursor?: string;
}

/**
 * Where complaints live. Asynchronous so that SQLite, PostgreSQL or a remote service can implement
 * it. The contract every implementation must keep is `describeStoreContract` in
 * `@narahubung/core/testing`.
 */
export interface Store {
  /**
   * Store a new complaint unless its idempotency key is already known, atomically: two concurrent
   * calls with the same key store one complaint, and both learn the first answer. The call resolves
   * only once the complaint is durable.
   */
  insertOnce(submission: NewSubmission): Promise<InsertOutcome>;
  /**
   * What was stored under an idempotency key, or null. A replay is answered from here before the
   * body is validated again, so a submission stored a month ago is not refused today because its
   * incident date has since grown too old.
   */
  findByIdempotencyKey(idempotencyKey: string): Promise<{ fingerprint: string; answer: StoredAnswer } | null>;
  /** What a change stored under an idempotency key (`UpdateEffects.idempotency`), or null. */
  findActionByKey(idempotencyKey: string): Promise<{ fingerprint: string; answer: unknown } | null>;
  /** The complaint with this tracking id, or null. */
  get(trackingId: string): Promise<ComplaintRecord | null>;
  /**
   * Replace a complaint if nobody changed it since it was read: `next.version` must be the stored
   * version plus one, else nothing is written and the call resolves false.
   */
  update(next: ComplaintRecord, effects?: UpdateEffects): Promise<boolean>;
  /**
   * A page of the complaints that match, in the order asked for. Answered from indexes: the cost
   * follows the page and the filter, not the number of complaints stored.
   */
  query(query: ComplaintQuery): Promise<ComplaintPage>;
  /** How many complaints match, per status (every status present, 0 when none), in one query. */
  countByStatus(filter: ComplaintFilter): Promise<Record<Status, number>>;
  /** Public changes in a time window, oldest first, a page at a time. */
  updates(query: UpdateQuery): Promise<{ items: ComplaintUpdate[]; nextCursor: string | null }>;
  /** One attachment's bytes, or null. */
  getAttachment(trackingId: string, attachmentId: string): Promise<StoredAttachment | null>;
  /**
   * The indicators' aggregates per agency reported, for complaints received in
   * `[receivedFrom, receivedBefore)` (of `agencyIds`, when given), at `now`, from the facts kept with
   * each complaint (`ComplaintRecord.facts`): never by reading every record. Secret complaints are
   * left out of statistics. The reference is core's `aggregateFacts`.
   */
  indicatorAggregates(query: IndicatorQuery): Promise<IndicatorAggregates>;
  /** Adds notifications to the outbox outside a change (the daily digest); ids already there are ignored. */
  enqueueNotifications(notifications: readonly NewNotification[]): Promise<void>;
  /**
   * Up to `limit` notifications due at `now` and not sent, each held for `leaseMs` so that no other
   * sender (another instance) takes it meanwhile; oldest first.
   */
  claimNotifications(request: { now: string; limit: number; leaseMs: number }): Promise<OutboxNotification[]>;
  /** After a send: `sent` marks it done for ever; otherwise it is due again at `retryAt`. */
  settleNotification(id: string, outcome: { sent: true; at: string } | { sent: false; retryAt: string; error: string }): Promise<void>;
  /** Release resources (close files, end pools). */
  close?(): Promise<void>;
}

/** A credential (a staff bearer token, a client system's API key), kept as its hash only. */
export interface StoredCredential {
  /** The id of whoever holds it: a focal point, an officer, a client system. */
  principalId: string;
  /** `hashToken(token)`: lower-case hex SHA-256. */
  tokenHash: string;
  principal: Principal;
  createdAt: string;
  rotatedAt: string | null;
}

/**
 * Where a server keeps credentials, beside the complaints, so that every instance on one database
 * sees the same tokens and a rotation by one (or by the `tokens` command) reaches all.
 */
export interface CredentialStore {
  /** Every credential, in the order they were created. */
  listCredentials(): Promise<StoredCredential[]>;
  /** In one transaction: adds new credentials, replaces the principal of existing ones, removes others. */
  syncCredentials(change: { insert: readonly StoredCredential[]; updatePrincipals: readonly { principalId: string; principal: Principal }[]; remove: readonly string[] }): Promise<void>;
  /** Gives a credential a new hash (the old token stops working); false for an unknown id. */
  rotateCredential(principalId: string, tokenHash: string, at: string): Promise<boolean>;
  /** Changes whenever credentials change, in this process or another: verifiers reload then. */
  credentialsVersion(): Promise<number>;
}
