/**
 * Attachments kept as files in a directory instead of in the database (`attachmentsDir`): one
 * folder per complaint, one file per attachment, named with a random suffix so that two changes
 * racing for one complaint never write the same file. A file is written to a temporary name,
 * flushed to disk and renamed before the row that names it is committed, so the database never
 * points at a file a crash could have lost; a crash in between leaves a file no row names. Several
 * instances need the same directory (a shared volume).
 */
import { mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
  /** Writes attachments of a complaint durably; resolves with each one's file, relative to the directory. */
  write(trackingId: string, attachments: readonly { id: string; bytes: Uint8Array }[]): Promise<string[]>;
  /** A file's bytes, or null when it is missing. */
  read(file: string): Promise<Uint8Array | null>;
  /** Removes files that no committed row names (their change did not happen). */
  remove(files: readonly string[]): Promise<void>;
}

export function createAttachmentFiles(root: string): AttachmentFiles {
  return {
    async write(trackingId, attachments) {
      if (attachments.length === 0) return [];
      const folder = segment(trackingId);
      await mkdir(join(root, folder), { recursive: true });
      const files: string[] = [];
      for (const attachment of attachments) {
        const file = join(folder, `${segment(attachment.id)}.${randomBytes(6).toString('hex')}`);
        const temporary = join(root, `${file}.tmp`);
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(attachment.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, join(root, file));
        files.push(file);
      }
      // The new names are durable only once their folders are.
      await syncDirectory(join(root, folder));
      await syncDirectory(root);
      return files;
    },

    async read(file) {
      try {
        const bytes = await readFile(join(root, file));
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return null;
        throw error;
      }
    },

    async remove(files) {
      await Promise.all(files.map((file) => rm(join(root, file), { force: true })));
      // A folder left empty (a replay's, with its own tracking id) goes too; one in use stays.
      for (const folder of new Set(files.map((file) => dirname(file)))) await rmdir(join(root, folder)).catch(() => undefined);
    },
  };
}
