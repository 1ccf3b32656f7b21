/**
 * Attachments kept as files in a directory instead of in the database (`attachmentsDir`): one
 * folder per complaint, one file per attachment. A file is written to a temporary name, flushed
 * to disk and renamed before the complaint that names it is committed, so a complaint in the
 * database never points at a file that a crash could have lost. Several instances need the same
 * directory (a shared volume).
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A path segment for an id: kept as it is when plainly safe, else hex-encoded (never `..` or a slash). */
function segment(id: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(id) ? id : `~${Buffer.from(id, 'utf8').toString('hex')}`;
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface AttachmentFiles {
  /** Writes every attachment of a complaint durably. */
  write(trackingId: string, attachments: readonly { id: string; bytes: Uint8Array }[]): Promise<void>;
  /** One attachment's bytes, or null when its file is missing. */
  read(trackingId: string, attachmentId: string): Promise<Uint8Array | null>;
  /** Removes a complaint's folder (its insert did not happen). */
  remove(trackingId: string): Promise<void>;
}

export function createAttachmentFiles(root: string): AttachmentFiles {
  return {
    async write(trackingId, attachments) {
      if (attachments.length === 0) return;
      await mkdir(root, { recursive: true });
      const folder = join(root, segment(trackingId));
      await mkdir(folder, { recursive: true });
      for (const attachment of attachments) {
        const target = join(folder, segment(attachment.id));
        const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(attachment.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
      }
      // The new names are durable only once their folders are.
      await syncDirectory(folder);
      await syncDirectory(root);
    },

    async read(trackingId, attachmentId) {
      try {
        const bytes = await readFile(join(root, segment(trackingId), segment(attachmentId)));
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return null;
        throw error;
      }
    },

    async remove(trackingId) {
      await rm(join(root, segment(trackingId)), { recursive: true, force: true });
    },
  };
}
