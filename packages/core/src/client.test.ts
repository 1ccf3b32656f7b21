import { describe, expect, it } from 'vitest';
import { ApiError, createClient } from './client.js';
import { BASE, createTestIntake, newKey, submission } from './test-support/fixtures.js';

const fastRetry = { limit: 4, backoffLimit: 20 };

describe('createClient against the real intake handler', () => {
  it('reads the config and a public status', async () => {
    const intake = await createTestIntake();
    const client = createClient({ endpoint: BASE, fetch: intake.fetch, retry: fastRetry });
    const config = await client.config({ locale: 'en' });
    expect(config.categories[0]).to.deep.equal({ code: 'undue_delay', label: 'Undue delay' });
    const answer = await client.submit(submission(), { idempotencyKey: newKey() });
    const status = await client.status(answer.trackingId);
    expect(status.trackingId).to.equal(answer.trackingId);
    expect(status.status).to.equal('received');
  });

  it('makes one complaint of 20 concurrent submissions with one key, all with the same tracking id', async () => {
    const intake = await createTestIntake();
    const client = createClient({ endpoint: BASE, fetch: intake.fetch, retry: fastRetry });
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 20 }, () => client.submit(submission(), { idempotencyKey: key })));
    expect(new Set(answers.map((answer) => answer.trackingId)).size).to.equal(1);
    expect((await intake.store.query({ sort: '-received', limit: 100 })).total).to.equal(1);
  });

  it('retries a 503 with the same key until the server answers 201', async () => {
    const intake = await createTestIntake();
    const seen: { status: number; key: string | null }[] = [];
    let failuresLeft = 2;
    // The real handler, with a fault in front of it: the first two attempts meet a 503.
    const faulty: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        seen.push({ status: 503, key: request.headers.get('idempotency-key') });
        return new Response('{"code":"unavailable"}', { status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '0' } });
      }
      const response = await intake.handle(request);
      seen.push({ status: response.status, key: request.headers.get('idempotency-key') });
      return response;
    };
    const client = createClient({ endpoint: BASE, fetch: faulty, retry: fastRetry });
    const key = newKey();
    const answer = await client.submit(submission(), { idempotencyKey: key });
    expect(seen.map((attempt) => attempt.status)).to.deep.equal([503, 503, 201]);
    expect(seen.every((attempt) => attempt.key === key)).to.equal(true);
    expect(answer.status).to.equal('received');
  });

  it('retries when the answer is lost after the server stored it, and gets the first answer back', async () => {
    const intake = await createTestIntake();
    let dropped = false;
    const lossy: typeof fetch = async (input, init) => {
      const response = await intake.handle(new Request(input, init));
      if (!dropped) {
        dropped = true;
        throw new TypeError('network connection lost');
      }
      return response;
    };
    const client = createClient({ endpoint: BASE, fetch: lossy, retry: fastRetry });
    const answer = await client.submit(submission(), { idempotencyKey: newKey() });
    const stored = (await intake.store.query({ sort: '-received', limit: 100 })).items;
    expect(stored.length).to.equal(1);
    expect(stored[0]!.trackingId).to.equal(answer.trackingId);
  });

  it('honours Retry-After on 429', async () => {
    const intake = await createTestIntake();
    const waits: number[] = [];
    let last = 0;
    let limited = true;
    const throttled: typeof fetch = async (input, init) => {
      const now = Date.now();
      if (last) waits.push(now - last);
      last = now;
      if (limited) {
        limited = false;
        return new Response('{"code":"rate_limited"}', { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } });
      }
      return intake.handle(new Request(input, init));
    };
    const client = createClient({ endpoint: BASE, fetch: throttled, retry: fastRetry });
    await client.submit(submission(), { idempotencyKey: newKey() });
    expect(waits.length).to.equal(1);
    expect(waits[0]).to.be.at.least(900);
  });

  it('surfaces a 422 as an ApiError with the field errors, in the asked locale', async () => {
    const intake = await createTestIntake();
    const client = createClient({ endpoint: BASE, fetch: intake.fetch, retry: fastRetry });
    let caught: unknown;
    try {
      await client.submit(submission({ consent: false, locale: 'en' }), { idempotencyKey: newKey() });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ApiError);
    const error = caught as ApiError;
    expect(error.status).to.equal(422);
    expect(error.code).to.equal('validation_failed');
    expect(error.retryable).to.equal(false);
    expect(error.errors.map((fieldError) => fieldError.path)).to.deep.equal(['consent']);
    expect(error.errors[0]!.message).to.match(/agree/);
  });

  it('surfaces the same key with a different body as a 409', async () => {
    const intake = await createTestIntake();
    const client = createClient({ endpoint: BASE, fetch: intake.fetch, retry: fastRetry });
    const key = newKey();
    await client.submit(submission(), { idempotencyKey: key });
    let caught: unknown;
    try {
      await client.submit(submission({ title: 'Lain' + ' judul' }), { idempotencyKey: key });
    } catch (error) {
      caught = error;
    }
    expect((caught as ApiError).status).to.equal(409);
    expect((caught as ApiError).code).to.equal('idempotency_conflict');
  });

  it('reports an unreachable server as a retryable network error after its retries', async () => {
    let attempts = 0;
    const down: typeof fetch = async () => {
      attempts += 1;
      throw new TypeError('Failed to fetch');
    };
    const client = createClient({ endpoint: BASE, fetch: down, retry: { limit: 2, backoffLimit: 5 }, locale: 'en' });
    let caught: unknown;
    try {
      await client.submit(submission(), { idempotencyKey: newKey() });
    } catch (error) {
      caught = error;
    }
    expect(attempts).to.equal(3);
    expect((caught as ApiError).status).to.equal(0);
    expect((caught as ApiError).code).to.equal('network_error');
    expect((caught as ApiError).retryable).to.equal(true);
    expect((caught as ApiError).title).to.equal('Cannot reach the server');
  });

  it('sends attachments as multipart and moves a complaint with a token, never retrying a transition', async () => {
    const intake = await createTestIntake();
    const client = createClient({ endpoint: BASE, fetch: intake.fetch, retry: fastRetry });
    const pdf = new Blob([new TextEncoder().encode('%PDF-1.4\n%test\n')], { type: 'application/pdf' });
    const answer = await client.submit(submission(), { idempotencyKey: newKey(), attachments: [pdf] });
    expect((await intake.store.get(answer.trackingId))?.attachments.length).to.equal(1);
    const item = await client.transition('token-disdukcapil-0123456789abcdef', answer.trackingId, { to: 'verified', note: 'Lengkap' });
    expect(item.status).to.equal('verified');
    const inbox = await client.inbox('token-disdukcapil-0123456789abcdef', { statuses: ['verified'], q: answer.trackingId.toLowerCase() });
    expect(inbox.items.map((entry) => entry.trackingId)).to.deep.equal([answer.trackingId]);
    expect(inbox.total).to.equal(1);
    expect(inbox.nextCursor).to.equal(null);
    expect((await client.inbox('token-disdukcapil-0123456789abcdef', { statuses: ['received'], counts: true })).counts?.verified).to.equal(1);
    expect((await client.me('token-disdukcapil-0123456789abcdef')).name).to.equal('Rina Marlina');
    const file = await client.attachment('token-disdukcapil-0123456789abcdef', answer.trackingId, 'a1');
    expect(new TextDecoder().decode(await file.arrayBuffer())).to.equal('%PDF-1.4\n%test\n');
    // In place: a URL with a ticket, which a frame loads without the token.
    const viewUrl = await client.attachmentViewUrl('token-disdukcapil-0123456789abcdef', answer.trackingId, 'a1');
    expect(viewUrl).to.match(new RegExp(`^${BASE}/v1/inbox/${answer.trackingId}/attachments/a1\\?view=\\d+\\.[\\w-]{43}$`));
    const shown = await intake.fetch(viewUrl);
    expect(shown.headers.get('content-disposition')).to.match(/^inline;/);
    expect(await shown.text()).to.equal('%PDF-1.4\n%test\n');
  });

  it('writes internal notes, assigns, lists whom to assign to, and sends each once', async () => {
    const intake = await createTestIntake();
    let posts = 0;
    const counting: typeof fetch = async (input, init) => {
      if ((init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase() === 'POST') posts += 1;
      return intake.fetch(input, init);
    };
    const client = createClient({ endpoint: BASE, fetch: counting, retry: fastRetry });
    const token = 'token-disdukcapil-0123456789abcdef';
    const { trackingId } = await client.submit(submission(), { idempotencyKey: newKey() });
    posts = 0;
    const officers = await client.officers(token);
    expect(officers.map((person) => person.name)).to.deep.equal(['Rina Marlina', 'Andi Saputra']);
    const noted = await client.note(token, trackingId, 'Cek arsip loket 2.');
    expect(noted.notes.map((note) => note.text)).to.deep.equal(['Cek arsip loket 2.']);
    const assigned = await client.assign(token, trackingId, officers[1]!.id);
    expect(assigned.assignee).to.deep.equal({ id: 'off-disdukcapil', name: 'Andi Saputra' });
    expect((await client.assign(token, trackingId, null)).assignee).to.equal(null);
    expect(posts).to.equal(3);
    const refused = await client.note(token, trackingId, '  ').catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(ApiError);
    expect((refused as ApiError).status).to.equal(422);
    expect(posts, 'a refused note is not sent again').to.equal(4);
    expect((await client.me('token-staff-disdukcapil-0123456789ab')).role).to.equal('officer');
  });

  it('opens the reporter\'s own view with their key and answers a request with a file, once however often the answer is lost', async () => {
    const intake = await createTestIntake();
    let lose = 1;
    const requests: { path: string; key: string | null; authorization: string | null; replayed: string | null }[] = [];
    const lossy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await intake.handle(request.clone() as Request);
      requests.push({ path: new URL(request.url).pathname, key: request.headers.get('idempotency-key'), authorization: request.headers.get('authorization'), replayed: response.headers.get('idempotent-replayed') });
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/replies') && lose > 0) {
        lose -= 1;
        throw new TypeError('network connection lost');
      }
      return response;
    };
    const client = createClient({ endpoint: BASE, fetch: lossy, retry: fastRetry });
    const answer = await client.submit(submission(), { idempotencyKey: newKey() });
    await client.transition('token-disdukcapil-0123456789abcdef', answer.trackingId, { to: 'needs_info', note: 'Mohon kirim foto surat pengantar.' });
    const own = await client.ownStatus(answer.trackingId, answer.reporterKey, { locale: 'en' });
    expect(own.own.requests.map((request) => request.text)).to.deep.equal(['Mohon kirim foto surat pengantar.']);
    expect(own.own.actions.reply).to.equal(true);
    expect((await client.status(answer.trackingId)).own).to.equal(undefined);

    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], 'surat.png', { type: 'image/png' });
    const key = newKey();
    const replied = await client.reporterAction(answer.trackingId, answer.reporterKey, 'reply', { text: 'Foto terlampir.' }, { idempotencyKey: key, attachments: [png] });
    expect(replied.own.requests[0]!.answered).to.equal(true);
    expect(replied.own.replies.map((reply) => [reply.text, reply.attachments.map((file) => file.name)])).to.deep.equal([['Foto terlampir.', ['surat.png']]]);
    const posts = requests.filter((request) => request.path.endsWith('/replies'));
    expect(posts.map((post) => [post.key, post.replayed, post.authorization])).to.deep.equal([
      [key, null, `Reporter ${answer.reporterKey}`],
      [key, 'true', `Reporter ${answer.reporterKey}`],
    ]);
    expect((await intake.store.get(answer.trackingId))?.replies?.length).to.equal(1);
  });

  it('rates, and says 409 action_not_open for an action the state does not allow, and 404 for a wrong key', async () => {
    const intake = await createTestIntake();
    const client = createClient({ endpoint: BASE, fetch: intake.fetch, retry: fastRetry });
    const answer = await client.submit(submission(), { idempotencyKey: newKey() });
    const caught = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ApiError);
    const early = await caught(client.reporterAction(answer.trackingId, answer.reporterKey, 'rating', { scores: { speed: 4, clarity: 3, conduct: 4, outcome: 2 } }, { idempotencyKey: newKey() }));
    expect([early?.status, early?.code, early?.retryable]).to.deep.equal([409, 'action_not_open', false]);
    for (const to of ['verified', 'in_progress', 'resolved'] as const) await client.transition('token-disdukcapil-0123456789abcdef', answer.trackingId, { to, note: '' });
    const rated = await client.reporterAction(answer.trackingId, answer.reporterKey, 'rating', { scores: { speed: 4, clarity: 3, conduct: 4, outcome: 2 }, comment: 'Cepat.' }, { idempotencyKey: newKey() });
    expect(rated.own.rating).to.deep.include({ scores: { speed: 4, clarity: 3, conduct: 4, outcome: 2 }, comment: 'Cepat.' });
    expect(rated.own.actions.rate).to.equal(false);
    const wrong = await caught(client.ownStatus(answer.trackingId, 'A'.repeat(43)));
    expect([wrong?.status, wrong?.code]).to.deep.equal([404, 'not_found']);
  });
});
