/**
 * Security review, item 1: after an escalation only the handling agency (and intake officers) may
 * move a complaint; the agency it is about keeps read access only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, REJECTION_REASONS } from '../model.js';
import { createTestIntake, request, submitOk, TOKENS } from '../test-support/fixtures.js';
import type { TestIntake } from '../test-support/fixtures.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function escalated(intake: TestIntake): Promise<string> {
  const { trackingId } = await submitOk(intake);
  for (const to of ['verified', 'forwarded', 'escalated']) {
    const response = await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to }, auth(TOKENS.disdukcapil));
    if (response.status !== 200) throw new Error(`${to}: ${response.status}`);
  }
  return trackingId;
}

describe('an escalated complaint', () => {
  it('cannot be resolved or closed by the agency it is about (the review found 200, 200)', async () => {
    const intake = await createTestIntake();
    const trackingId = await escalated(intake);
    const path = `/v1/complaints/${trackingId}/transitions`;
    const resolve = await request(intake, 'POST', path, { to: 'resolved', note: 'Selesai' }, auth(TOKENS.disdukcapil));
    expect(resolve.status).to.equal(403);
    const body = await resolve.json();
    expect(body.code).to.equal('not_handling_agency');
    expect(body.detail).to.include('Inspektorat Kota Bandar Lampung');
    expect((await intake.store.get(trackingId))!.status).to.equal('escalated');

    // The agency reported still reads it, and is told it cannot move it.
    const item = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.disdukcapil))).json();
    expect(item.status).to.equal('escalated');
    expect(item.allowedTransitions).to.deep.equal([]);

    // The inspectorate and the intake officers move it on.
    const mine = await (await request(intake, 'GET', `/v1/inbox/${trackingId}`, undefined, auth(TOKENS.inspektorat))).json();
    expect(mine.allowedTransitions).to.deep.equal(['in_progress', 'resolved']);
    expect((await request(intake, 'POST', path, { to: 'in_progress' }, auth(TOKENS.inspektorat))).status).to.equal(200);
    expect((await request(intake, 'POST', path, { to: 'resolved', note: 'Ditindaklanjuti' }, auth(TOKENS.officer))).status).to.equal(200);
  });

  it('is never changed by any sequence of transitions from the agency it is about', async () => {
    const intake = await createTestIntake();
    const transition = fc.record(
      {
        to: fc.oneof(fc.constantFrom(...STATUSES), fc.string({ maxLength: 12 })),
        note: fc.string({ maxLength: 40 }),
        reason: fc.constantFrom(...REJECTION_REASONS),
      },
      { requiredKeys: ['to'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(transition, { minLength: 1, maxLength: 8 }), async (sequence) => {
        const trackingId = await escalated(intake);
        const before = await intake.store.get(trackingId);
        for (const body of sequence) {
          const response = await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, body, auth(TOKENS.disdukcapil));
          expect(response.status).to.equal(403);
        }
        expect(await intake.store.get(trackingId)).to.deep.equal(before);
      }),
      { numRuns: 40 },
    );
  });
});
