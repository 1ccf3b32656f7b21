import type { AttachmentMeta, ComplaintRecord, Status, SubmitAnswer } from './model.js';

/** An attachment's bytes with its metadata, as the handler hands it to the store. */
export interface StoredAttachment {
  meta: AttachmentMeta;
  bytes: Uint8Array;
}

/** What is inserted once per idempotency key. */
export interface NewSubmission {
  idempotencyKey: string;
  /** SHA-256 (hex) of the request body: the same key with another body is refused (409). */
  fingerprint: string;
  record: ComplaintRecord;
  attachments: StoredAttachment[];
  /** The answer given to the first request, returned unchanged to every replay. */
  answer: SubmitAnswer;
}

/** The outcome of `insertOnce`: either this call stored it, or an earlier one with the same key did. */
export type InsertOutcome =
  | { inserted: true; answer: SubmitAnswer }
  | { inserted: false; fingerprint: string; answer: SubmitAnswer };

/** Which complaints a listing returns. */
export interface ComplaintQuery {
  /** Only complaints reported about, or now handled by, one of these agencies. */
  agencyIds?: readonly string[];
  statuses?: readonly Status[];
  /** `secret` complaints are left out of public listings (Open311, statistics). */
  includeSecret: boolean;
  limit?: number;
  offset?: number;
}

/**
 * Where complaints live. Asynchronous so that SQLite, PostgreSQL or a remote service can implement
 * it. The contract that every implementation must keep is in `store-suite.ts`.
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
  findByIdempotencyKey(idempotencyKey: string): Promise<{ fingerprint: string; answer: SubmitAnswer } | null>;
  /** The complaint with this tracking id, or null. */
  get(trackingId: string): Promise<ComplaintRecord | null>;
  /**
   * Replace a complaint if nobody changed it since it was read: `next.version` must be the stored
   * version plus one, else nothing is written and the call resolves false.
   */
  update(next: ComplaintRecord): Promise<boolean>;
  /** Complaints matching the query, newest first. */
  list(query: ComplaintQuery): Promise<ComplaintRecord[]>;
  /** One attachment's bytes, or null. */
  getAttachment(trackingId: string, attachmentId: string): Promise<StoredAttachment | null>;
  /** Release resources (close files). */
  close?(): Promise<void>;
}
