/**
 * Multipart bodies as the intake reads them: named text parts and files. The handler takes a
 * `MultipartReader` so that each runtime reads multipart its own best way: the reference server
 * streams with busboy and spills files to disk (`@narahubung/server`); this module's
 * `readMultipartWithFormData` uses the platform's `Request.formData()`, which is right in browsers,
 * Deno, Bun and workers. Do not use it in Node 20: its `formData()` holds every body in memory and
 * ends a part wherever the bare boundary string occurs in a file.
 */
import { sniffType } from '../attachments.js';
import type { AttachmentType } from '../model.js';
import { sha256Hex } from './http.js';

/** A file as it arrived: judged by its bytes, read whole only when the complaint is stored. */
export interface IncomingFile {
  /** The name the sender gave (never trusted: see `attachmentName`). */
  name: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  /** The type the first bytes show, or null. */
  type: AttachmentType | null;
  /** The bytes. */
  read(): Promise<Uint8Array>;
}

/** What a multipart reader is allowed to take. */
export interface MultipartLimits {
  /** The whole body, in bytes. */
  maxBodyBytes: number;
  /** Each text part, in bytes. */
  maxFieldBytes: number;
  /** Files in the part named `fileField`; one more is `too_many_files`. */
  maxFiles: number;
  /** Each file, in bytes; one byte more is `file_too_large`. */
  maxFileBytes: number;
  /**
   * The part name files come in (`attachments`). Parts under any other name are text parts, file
   * name or not (browsers send a Blob `complaint` part with a file name).
   */
  fileField: string;
}

export type MultipartFailure =
  | { kind: 'malformed' }
  | { kind: 'too_large' }
  | { kind: 'too_many_files' }
  | { kind: 'file_too_large'; index: number; name: string }
  /** The server cannot keep the files now (a full disk): the client sends again later. */
  | { kind: 'unavailable' };

export type MultipartOutcome =
  | {
      ok: true;
      /** Text parts by name (the first of each name), as bytes. */
      fields: ReadonlyMap<string, Uint8Array>;
      files: IncomingFile[];
      /** Releases what the reader kept (temporary files); the handler calls it when the request is answered. */
      dispose(): Promise<void>;
    }
  | { ok: false; failure: MultipartFailure };

/** Reads a `multipart/form-data` request within limits; never throws for a bad body. */
export type MultipartReader = (request: Request, limits: MultipartLimits) => Promise<MultipartOutcome>;

/** A file already in memory (the JSON channel's tests, formData), with its hash. */
export async function fileFromBytes(name: string, bytes: Uint8Array): Promise<IncomingFile> {
  return { name, size: bytes.byteLength, sha256: await sha256Hex(bytes), type: sniffType(bytes), read: async () => bytes };
}

/**
 * The platform's `formData()`, with the limits checked after reading (it cannot stream). Right
 * for browsers and edge runtimes; Node servers pass a streaming reader.
 */
export const readMultipartWithFormData: MultipartReader = async (request, limits) => {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBodyBytes) return { ok: false, failure: { kind: 'too_large' } };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, failure: { kind: 'malformed' } };
  }
  const fields = new Map<string, Uint8Array>();
  const files: IncomingFile[] = [];
  const encoder = new TextEncoder();
  for (const [name, value] of form) {
    if (typeof value === 'string' || name !== limits.fileField) {
      const bytes = typeof value === 'string' ? encoder.encode(value) : new Uint8Array(await value.arrayBuffer());
      if (bytes.byteLength > limits.maxFieldBytes) return { ok: false, failure: { kind: 'too_large' } };
      if (!fields.has(name)) fields.set(name, bytes);
      continue;
    }
    if (files.length === limits.maxFiles) return { ok: false, failure: { kind: 'too_many_files' } };
    if (value.size > limits.maxFileBytes) return { ok: false, failure: { kind: 'file_too_large', index: files.length, name: value.name } };
    files.push(await fileFromBytes(value.name, new Uint8Array(await value.arrayBuffer())));
  }
  return { ok: true, fields, files, dispose: async () => undefined };
};
