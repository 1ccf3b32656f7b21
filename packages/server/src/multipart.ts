/**
 * Multipart bodies read as a stream with busboy: files go to a temporary folder as they arrive,
 * hashed on the way, so a 50 MB upload costs a few buffers of memory rather than 50 MB, and any
 * boundary RFC 2046 allows works (Node 20's `Response.formData()` ended a part wherever the bare
 * boundary string occurred in a file). The files are read back once, when the complaint is stored,
 * and removed when the request is answered.
 */
import { randomUUID, createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { sniffType } from '@narahubung/core';
import type { IncomingFile, MultipartFailure, MultipartOutcome, MultipartReader } from '@narahubung/core';

/** Bytes kept of each file's start, enough for every signature `sniffType` knows. */
const HEAD_BYTES = 16;

/**
 * A streaming multipart reader whose files live in `folder` (created if missing) until the request
 * is answered.
 * @example createIntakeHandler({ ..., readMultipart: createStreamingMultipartReader('/tmp/narahubung-uploads') })
 */
export function createStreamingMultipartReader(folder: string): MultipartReader {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return (request, limits) =>
    new Promise<MultipartOutcome>((resolve) => {
      const declared = Number(request.headers.get('content-length') ?? NaN);
      if (declared > limits.maxBodyBytes) return resolve({ ok: false, failure: { kind: 'too_large' } });
      if (!request.body) return resolve({ ok: false, failure: { kind: 'malformed' } });
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: { 'content-type': request.headers.get('content-type') ?? '' },
          // Browsers send file names as raw UTF-8.
          defParamCharset: 'utf8',
          // busboy signals 'limit' when a file reaches fileSize: one byte more than allowed is the first too many.
          limits: { fileSize: limits.maxFileBytes + 1, fieldSize: limits.maxFieldBytes, parts: limits.maxFiles + 20, headerPairs: 50 },
        });
      } catch {
        // No boundary, or not multipart at all.
        return resolve({ ok: false, failure: { kind: 'malformed' } });
      }

      const source = Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>);
      const fields = new Map<string, Uint8Array>();
      const files: IncomingFile[] = [];
      const paths: string[] = [];
      const outs: WriteStream[] = [];
      const writes: Promise<void>[] = [];
      let settled = false;
      let received = 0;

      // A write stream opens its file after it is created: removing the file before the stream has
      // closed could race with that open and leave an empty file behind.
      const closed = (out: WriteStream) => (out.closed ? Promise.resolve() : new Promise<void>((done) => out.once('close', () => done())));
      const removeFiles = () =>
        Promise.all(outs.map(closed))
          .then(() => Promise.all(paths.map((path) => rm(path, { force: true }))))
          .then(() => undefined, () => undefined);
      function fail(failure: MultipartFailure): void {
        if (settled) return;
        settled = true;
        // Stop reading: the rest of the body is not worth receiving.
        source.destroy();
        parser.removeAllListeners('file');
        for (const out of outs) out.destroy();
        // Answered once nothing of the refused body is left on disk.
        void removeFiles().then(() => resolve({ ok: false, failure }));
      }

      source.on('data', (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > limits.maxBodyBytes) fail({ kind: 'too_large' });
      });
      source.on('error', () => fail({ kind: 'malformed' }));

      parser.on('field', (name, value, info) => {
        if (info.valueTruncated) return fail({ kind: 'too_large' });
        if (!fields.has(name)) fields.set(name, new TextEncoder().encode(value));
      });

      parser.on('file', (name, stream, info) => {
        if (name !== limits.fileField) {
          // A text part sent with a file name (browsers send a Blob `complaint` part so).
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.byteLength;
            if (size > limits.maxFieldBytes) return fail({ kind: 'too_large' });
            chunks.push(chunk);
          });
          stream.on('end', () => {
            if (!fields.has(name)) fields.set(name, Buffer.concat(chunks));
          });
          return;
        }
        const index = writes.length;
        if (writes.length >= limits.maxFiles) {
          stream.resume();
          return fail({ kind: 'too_many_files' });
        }
        const path = join(folder, randomUUID());
        paths.push(path);
        const hash = createHash('sha256');
        const head: Buffer[] = [];
        let headSize = 0;
        let size = 0;
        const out = createWriteStream(path, { mode: 0o600 });
        outs.push(out);
        stream.on('limit', () => fail({ kind: 'file_too_large', index, name: info.filename ?? '' }));
        stream.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          hash.update(chunk);
          if (headSize < HEAD_BYTES) {
            head.push(chunk.subarray(0, HEAD_BYTES - headSize));
            headSize += Math.min(chunk.byteLength, HEAD_BYTES - headSize);
          }
        });
        stream.pipe(out);
        const written = new Promise<void>((done, failed) => {
          out.on('finish', () => {
            files[index] = {
              name: info.filename ?? '',
              size,
              sha256: hash.digest('hex'),
              type: sniffType(Buffer.concat(head)),
              read: () => readFile(path),
            };
            done();
          });
          out.on('error', failed);
        });
        // A refused upload destroys `out` on purpose; that failure is already answered.
        written.catch(() => undefined);
        writes.push(written);
      });

      parser.on('partsLimit', () => fail({ kind: 'too_many_files' }));
      parser.on('error', () => fail({ kind: 'malformed' }));
      parser.on('close', () => {
        Promise.all(writes).then(
          () => {
            if (settled) return;
            settled = true;
            resolve({ ok: true, fields, files, dispose: removeFiles });
          },
          // The disk is full or the folder went away: nothing acknowledged, nothing kept.
          () => fail({ kind: 'unavailable' }),
        );
      });
      source.pipe(parser);
    });
}
