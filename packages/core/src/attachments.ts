/** Attachments are judged by their bytes, never by their names or declared types. */
import type { AttachmentType, FieldError, Locale } from './model.js';
import { message } from './messages/index.js';
import type { Policy } from './policy.js';

const signatures: { type: AttachmentType; bytes: number[] }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** The file name extension of each attachment type. */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<AttachmentType, string>> = Object.freeze({ 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' });

/**
 * A file name fit to save an attachment under: the sender's name without control or format
 * characters (bidi overrides can disguise a name), its extension replaced by the one of the type
 * its bytes show. A file that starts `%PDF-` but is named `evil.html` is saved as `evil.pdf`, so
 * no browser or desktop ever opens it as a page. `fallback` (without extension) names a file
 * whose name is empty.
 * @example attachmentName('KTP Siti.JPEG', 'image/jpeg', 'lampiran-1') // 'KTP Siti.jpg'
 */
export function attachmentName(name: string, type: AttachmentType, fallback: string): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/[\\/]/g, '_').trim();
  // An extension is what follows the last dot, when it is short and plain; a name may hold dots elsewhere.
  const base = clean.replace(/\.[\p{L}\p{N}]{1,10}$/u, '').replace(/[.\s]+$/u, '').slice(0, 190).trim();
  return `${base || fallback}.${ATTACHMENT_EXTENSIONS[type]}`;
}

/** The attachment type its first bytes show, or null. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  for (const signature of signatures) {
    if (signature.bytes.every((byte, index) => bytes[index] === byte)) return signature.type;
  }
  return null;
}

/** A file as the rules see it: `type` is what its bytes show on a server, its declared type in a browser. */
export interface AttachmentCandidate {
  name: string;
  size: number;
  type: string | null;
}

/**
 * Field errors for a set of files under the policy: count, size and type. The same rules in the
 * browser (on declared types, a courtesy before sending) and on the server (on sniffed types, the
 * check that counts). Paths are `attachments` for the count and `attachments.N` for one file.
 */
export function checkAttachments(files: readonly AttachmentCandidate[], policy: Policy, locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  const limits = policy.attachments;
  if (files.length > limits.maxFiles) errors.push(tooManyFilesError(policy, locale));
  files.forEach((file, index) => {
    if (file.size > limits.maxBytes) {
      errors.push(fileTooLargeError(index, file.name, policy, locale));
    } else if (!file.type || !(limits.types as readonly string[]).includes(file.type)) {
      errors.push({ path: `attachments.${index}`, code: 'file_type', message: message(locale, 'validation.file_type', { name: fileLabel(file.name, index) }) });
    }
  });
  return errors;
}

/** More files than the policy allows, on `attachments`. */
export function tooManyFilesError(policy: Policy, locale: Locale): FieldError {
  return { path: 'attachments', code: 'too_many_files', message: message(locale, 'validation.too_many_files', { max: policy.attachments.maxFiles }) };
}

/** File number `index` is larger than the policy allows, on `attachments.N`. */
export function fileTooLargeError(index: number, name: string, policy: Policy, locale: Locale): FieldError {
  return { path: `attachments.${index}`, code: 'file_too_large', message: message(locale, 'validation.file_too_large', { name: fileLabel(name, index), max: formatBytes(policy.attachments.maxBytes) }) };
}

const fileLabel = (name: string, index: number): string => name.slice(0, 100) || `#${index + 1}`;

/** Bytes as a human-readable size, e.g. `10 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
