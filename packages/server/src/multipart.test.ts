import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { MultipartLimits } from '@narahubung/core';
import { multipartBody } from '../../../test/e2e/raw-http.js';
import { createStreamingMultipartReader } from './multipart.js';
import { tempFolder } from './test-support.js';

const folder = tempFolder('narahubung-multipart-');
const uploads = join(folder.dir, 'uploads');
const read = createStreamingMultipartReader(uploads);
afterAll(() => folder.cleanup());

const limits: MultipartLimits = { maxBodyBytes: 1024 * 1024, maxFieldBytes: 4096, maxFiles: 2, maxFileBytes: 1000, fileField: 'attachments' };

function request(body: Uint8Array, boundary: string, chunk = 7919): Request {
  // Delivered in odd-sized chunks, so that parts and boundaries straddle them.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < body.byteLength; offset += chunk) controller.enqueue(body.slice(offset, offset + chunk));
      controller.close();
    },
  });
  return new Request('http://intake.test/v1/complaints', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` } } as RequestInit);
}

const pdf = (size: number) => {
  const bytes = new Uint8Array(size).map((_, index) => (index * 131) % 256);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n').subarray(0, size));
  return bytes;
};

describe('the streaming multipart reader', () => {
  it('takes a file of exactly the limit, with its hash and sniffed type, and removes it on dispose', async () => {
    const bytes = pdf(1000);
    const outcome = await read(request(multipartBody('b', { title: 'x' }, [{ name: 'surat.pdf', bytes }]), 'b'), limits);
    expect(outcome.ok).to.equal(true);
    if (!outcome.ok) return;
    expect(JSON.parse(new TextDecoder().decode(outcome.fields.get('complaint')))).to.deep.equal({ title: 'x' });
    const [file] = outcome.files;
    expect(file).to.include({ name: 'surat.pdf', size: 1000, type: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(Buffer.from(await file!.read()).equals(Buffer.from(bytes))).to.equal(true);
    expect(readdirSync(uploads).length).to.equal(1);
    await outcome.dispose();
    expect(readdirSync(uploads)).to.deep.equal([]);
  });

  it('refuses one byte more than the limit, naming the file, and keeps nothing', async () => {
    const outcome = await read(request(multipartBody('b', {}, [{ name: 'ok.pdf', bytes: pdf(10) }, { name: 'besar.pdf', bytes: pdf(1001) }]), 'b'), limits);
    expect(outcome).to.deep.equal({ ok: false, failure: { kind: 'file_too_large', index: 1, name: 'besar.pdf' } });
    expect(readdirSync(uploads)).to.deep.equal([]);
  });

  it('refuses more files than allowed, a text part over its limit, a body over its limit, and a body without a boundary', async () => {
    const three = multipartBody('b', {}, [1, 2, 3].map((index) => ({ name: `${index}.pdf`, bytes: pdf(20) })));
    expect(await read(request(three, 'b'), limits)).to.deep.equal({ ok: false, failure: { kind: 'too_many_files' } });
    expect(await read(request(multipartBody('b', { text: 'x'.repeat(5000) }, []), 'b'), limits)).to.deep.equal({ ok: false, failure: { kind: 'too_large' } });
    expect(await read(request(multipartBody('b', {}, [{ name: 'a.pdf', bytes: pdf(900) }]), 'b'), { ...limits, maxBodyBytes: 500 })).to.deep.equal({ ok: false, failure: { kind: 'too_large' } });
    const noBoundary = new Request('http://intake.test/', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(await read(noBoundary, limits)).to.deep.equal({ ok: false, failure: { kind: 'malformed' } });
    expect(readdirSync(uploads)).to.deep.equal([]);
  });

  it('gives back every file byte for byte, whatever the boundary and the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9'()+_,\-./:=?]{1,6}$/),
        fc.array(fc.uint8Array({ minLength: 9, maxLength: 1000 }), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 600 }),
        async (boundary, files, chunk) => {
          const delimiter = Buffer.from(`\r\n--${boundary}`);
          fc.pre(files.every((bytes) => Buffer.from(bytes).indexOf(delimiter) < 0 && !Buffer.from(bytes).subarray(-2 - boundary.length).toString('latin1').startsWith(`\r\n-`)));
          const outcome = await read(request(multipartBody(boundary, { n: files.length }, files.map((bytes, index) => ({ name: `f${index}`, bytes }))), boundary, chunk), limits);
          expect(outcome.ok).to.equal(true);
          if (!outcome.ok) return;
          for (const [index, bytes] of files.entries()) expect(Buffer.from(await outcome.files[index]!.read()).equals(Buffer.from(bytes))).to.equal(true);
          await outcome.dispose();
        },
      ),
      { numRuns: 150 },
    );
  });
});
