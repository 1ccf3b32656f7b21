import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyTransition, canTransition, FINAL_STATUSES, nextStatuses, TransitionError } from './lifecycle.js';
import type { TransitionInput } from './lifecycle.js';
import { REJECTION_REASONS, STATUSES } from './model.js';
import type { ComplaintRecord, RejectionReason, Status } from './model.js';

// DESIGN.md's lifecycle, copied here by hand so that the table in lifecycle.ts is checked against
// the text, not against itself.
const DESIGN_ALLOWS = new Set([
  'received>needs_info', 'received>verified', 'received>rejected',
  'needs_info>verified', 'needs_info>rejected',
  'verified>forwarded', 'verified>in_progress', 'verified>rejected',
  'forwarded>in_progress', 'forwarded>escalated', 'forwarded>rejected',
  'in_progress>resolved', 'in_progress>escalated', 'in_progress>needs_info',
  'escalated>in_progress', 'escalated>resolved',
  'resolved>closed', 'resolved>in_progress', 'resolved>escalated',
]);
const allowedByDesign = (from: string, to: string) => DESIGN_ALLOWS.has(`${from}>${to}`);

const RECEIVED_AT = '2021-06-02T02:00:00.000Z';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A complaint as the store holds it right after intake; frozen, so any mutation throws. */
function receivedComplaint(): ComplaintRecord {
  return deepFreeze({
    trackingId: 'NH-7K3M-9XQ2-4TDV-8',
    submission: {
      kind: 'complaint',
      agencyId: 'disdukcapil-bdl',
      category: 'undue_delay',
      title: 'KTP-el belum jadi',
      description: 'Sudah tiga bulan sejak perekaman, KTP-el saya belum juga dicetak oleh dinas.',
      reporter: { name: 'Siti Rahmawati', email: 'siti@example.org' },
      confidentiality: 'anonymous',
      consent: true,
      locale: 'id',
    },
    status: 'received',
    receivedAt: RECEIVED_AT,
    agencyId: 'disdukcapil-bdl',
    handlingAgencyId: 'disdukcapil-bdl',
    focalPointIds: ['fp-capil-umum'],
    history: [{ status: 'received', at: RECEIVED_AT, actor: 'intake', note: '' }],
    attachments: [],
    version: 1,
  });
}

/** Walks a record along `path`, one hour apart, failing loudly if any step is refused. */
function walk(path: readonly Status[]): ComplaintRecord {
  let record = receivedComplaint();
  path.forEach((to, index) => {
    const at = new Date(Date.parse(RECEIVED_AT) + (index + 1) * 3_600_000).toISOString();
    const input: TransitionInput = to === 'rejected' ? { to, actor: 'fp-1', at, reason: 'duplicate' } : { to, actor: 'fp-1', at };
    const result = applyTransition(record, input);
    if (!result.ok) throw new Error(`walk refused ${record.status} -> ${to}: ${result.error.code}`);
    record = deepFreeze(result.record);
  });
  return record;
}

function refusal(record: ComplaintRecord, input: TransitionInput): TransitionError {
  const result = applyTransition(record, input);
  if (result.ok) throw new Error(`expected ${record.status} -> ${input.to} to be refused`);
  return result.error;
}

describe('the lifecycle table', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const expected = allowedByDesign(from, to);
      it(`${from} -> ${to} is ${expected ? 'allowed' : 'forbidden'}`, () => {
        expect(canTransition(from, to)).to.equal(expected);
        expect(nextStatuses(from).includes(to)).to.equal(expected);
      });
    }
  }

  it('has closed and rejected as its only final statuses', () => {
    expect([...FINAL_STATUSES].sort()).to.deep.equal(['closed', 'rejected']);
    for (const status of FINAL_STATUSES) expect(nextStatuses(status)).to.deep.equal([]);
  });

  it('answers false, without throwing, for values that are not statuses', () => {
    const strange = ['bogus', '', 'constructor', '__proto__', 'toString', 'RECEIVED', undefined, null, 42, {}];
    for (const value of strange) {
      expect(canTransition(value as Status, 'verified')).to.equal(false);
      expect(canTransition('received', value as Status)).to.equal(false);
      expect(nextStatuses(value as Status)).to.deep.equal([]);
    }
  });
});

describe('applyTransition', () => {
  it('returns a new record with the step in its history and the version one higher', () => {
    const record = receivedComplaint();
    const result = applyTransition(record, { to: 'verified', actor: 'fp-capil-umum', at: '2021-06-03T01:00:00.000Z', note: 'Berkas lengkap.' });
    expect(result.ok).to.be.true;
    if (!result.ok) return;
    expect(result.record).to.not.equal(record);
    expect(result.record.status).to.equal('verified');
    expect(result.record.version).to.equal(2);
    expect(result.record.history).to.deep.equal([
      { status: 'received', at: RECEIVED_AT, actor: 'intake', note: '' },
      { status: 'verified', at: '2021-06-03T01:00:00.000Z', actor: 'fp-capil-umum', note: 'Berkas lengkap.' },
    ]);
    // Everything else is carried over untouched, and the input record is unchanged.
    expect({ ...result.record, status: 'received', history: record.history, version: 1 }).to.deep.equal(record);
    expect(record.status).to.equal('received');
    expect(record.history.length).to.equal(1);
  });

  it('records an empty public note when none is given', () => {
    const result = applyTransition(receivedComplaint(), { to: 'needs_info', actor: 'fp-1', at: '2021-06-02T03:00:00Z' });
    expect(result.ok && result.record.history[1]).to.deep.equal({ status: 'needs_info', at: '2021-06-02T03:00:00Z', actor: 'fp-1', note: '' });
  });

  it('follows a whole life, including a reopening and an escalation', () => {
    const record = walk(['needs_info', 'verified', 'forwarded', 'in_progress', 'resolved', 'in_progress', 'escalated', 'resolved', 'closed']);
    expect(record.status).to.equal('closed');
    expect(record.version).to.equal(10);
    expect(record.history.map((entry) => entry.status)).to.deep.equal([
      'received', 'needs_info', 'verified', 'forwarded', 'in_progress', 'resolved', 'in_progress', 'escalated', 'resolved', 'closed',
    ]);
  });

  it('refuses a step the lifecycle forbids, as a conflict about the transition itself', () => {
    const error = refusal(receivedComplaint(), { to: 'resolved', actor: 'fp-1', at: '2021-06-03T00:00:00Z' });
    expect(error).to.be.instanceOf(TransitionError);
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('TransitionError');
    expect(error.code).to.equal('forbidden_transition');
    expect(error.from).to.equal('received');
    expect(error.to).to.equal('resolved');
    expect(error.path).to.equal(null);
  });

  it('refuses every step out of a final status', () => {
    const closed = walk(['verified', 'in_progress', 'resolved', 'closed']);
    const rejected = walk(['rejected']);
    for (const record of [closed, rejected]) {
      for (const to of STATUSES) {
        expect(refusal(record, { to, actor: 'fp-1', at: '2030-01-01T00:00:00Z' }).code).to.equal('forbidden_transition');
      }
    }
  });

  it('keeps the rejection reason in the history', () => {
    const result = applyTransition(receivedComplaint(), { to: 'rejected', actor: 'fp-1', at: '2021-06-02T05:00:00Z', reason: 'not_competent', note: 'Bukan kewenangan dinas.' });
    expect(result.ok).to.be.true;
    if (!result.ok) return;
    expect(result.record.status).to.equal('rejected');
    expect(result.record.history[1]).to.deep.equal({
      status: 'rejected', at: '2021-06-02T05:00:00Z', actor: 'fp-1', note: 'Bukan kewenangan dinas.', reason: 'not_competent',
    });
  });

  it('accepts every rejection reason of the model', () => {
    for (const reason of REJECTION_REASONS) {
      expect(applyTransition(receivedComplaint(), { to: 'rejected', actor: 'fp-1', at: '2021-06-02T05:00:00Z', reason }).ok).to.be.true;
    }
  });

  it('needs a known reason to reject, and refuses a reason for anything else', () => {
    const record = receivedComplaint();
    const at = '2021-06-02T05:00:00Z';

    const missing = refusal(record, { to: 'rejected', actor: 'fp-1', at });
    expect([missing.code, missing.path, missing.to]).to.deep.equal(['reason_required', 'reason', 'rejected']);

    const unknown = refusal(record, { to: 'rejected', actor: 'fp-1', at, reason: 'bored' as 'expired' });
    expect([unknown.code, unknown.path]).to.deep.equal(['invalid_reason', 'reason']);

    const extra = refusal(record, { to: 'verified', actor: 'fp-1', at, reason: 'duplicate' });
    expect([extra.code, extra.path, extra.to]).to.deep.equal(['reason_not_allowed', 'reason', 'verified']);
  });

  it('reports a forbidden step before a problem with its fields', () => {
    const error = refusal(walk(['rejected']), { to: 'rejected', actor: 'fp-1', at: '2000-01-01T00:00:00Z' });
    expect(error.code).to.equal('forbidden_transition');
  });

  it('refuses a target that is not a status', () => {
    const error = refusal(receivedComplaint(), { to: 'done' as Status, actor: 'fp-1', at: '2021-06-03T00:00:00Z' });
    expect([error.code, error.path, error.to, error.from]).to.deep.equal(['invalid_status', 'to', 'done', 'received']);
  });

  it('refuses a time before the last step, and accepts the same instant', () => {
    const record = walk(['verified']); // verified at 03:00Z
    const early = refusal(record, { to: 'in_progress', actor: 'fp-1', at: '2021-06-02T02:59:59.999Z' });
    expect([early.code, early.path]).to.deep.equal(['invalid_time', 'at']);
    // Offsets are instants too: 09:59 WIB is 02:59Z, before the last step.
    expect(refusal(record, { to: 'in_progress', actor: 'fp-1', at: '2021-06-02T09:59:00+07:00' }).code).to.equal('invalid_time');
    expect(applyTransition(record, { to: 'in_progress', actor: 'fp-1', at: '2021-06-02T03:00:00.000Z' }).ok).to.be.true;
    expect(applyTransition(record, { to: 'in_progress', actor: 'fp-1', at: '2021-06-02T10:00:00+07:00' }).ok).to.be.true;
  });

  it('refuses a time that is not an ISO 8601 instant', () => {
    for (const at of ['', 'yesterday', 'June 3, 2021', '2021-06-03', '2021-06-03T10:00:00', '2021-13-03T10:00:00Z']) {
      const error = refusal(receivedComplaint(), { to: 'verified', actor: 'fp-1', at });
      expect([error.code, error.path], at).to.deep.equal(['invalid_time', 'at']);
    }
  });

  it('refuses a step without an actor', () => {
    const error = refusal(receivedComplaint(), { to: 'verified', actor: '  ', at: '2021-06-03T00:00:00Z' });
    expect([error.code, error.path]).to.deep.equal(['actor_required', 'actor']);
  });
});

describe('any sequence of attempted transitions', () => {
  const attempt = fc.record({
    to: fc.constantFrom(...STATUSES),
    // Most attempts take a step the design allows other than a rejection (which ends the life), so
    // that deep states are reached too; the rest try any status.
    followDesign: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
    choice: fc.nat(),
    reason: fc.option(fc.constantFrom(...REJECTION_REASONS, 'bogus'), { nil: undefined }),
    note: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    // Mostly forward in time, sometimes back before the last step.
    stepMs: fc.integer({ min: -3_600_000, max: 3 * 86_400_000 }),
  });

  it('never reaches a state the lifecycle forbids', () => {
    fc.assert(
      fc.property(fc.array(attempt, { minLength: 5, maxLength: 60, size: 'max' }), (attempts) => {
        let record = receivedComplaint();
        let lastAt = Date.parse(RECEIVED_AT);
        let accepted = 0;
        for (const { to: anyStatus, followDesign, choice, reason, note, stepMs } of attempts) {
          const designed = STATUSES.filter((next) => next !== 'rejected' && allowedByDesign(record.status, next));
          const to = followDesign && designed.length > 0 ? designed[choice % designed.length]! : anyStatus;
          const before = JSON.stringify(record);
          const at = new Date(lastAt + stepMs).toISOString();
          const input: TransitionInput = { to, actor: 'fp-1', at };
          if (reason !== undefined) input.reason = reason as RejectionReason; // 'bogus' included on purpose
          if (note !== undefined) input.note = note;

          const result = applyTransition(record, input);
          // The record passed in is frozen and never changes, whatever the answer.
          expect(JSON.stringify(record)).to.equal(before);

          const wellFormed =
            (to === 'rejected' ? (REJECTION_REASONS as readonly string[]).includes(reason ?? '') : reason === undefined) && stepMs >= 0;
          if (result.ok) {
            expect(allowedByDesign(record.status, to)).to.be.true;
            expect(wellFormed).to.be.true;
            expect(FINAL_STATUSES.includes(record.status)).to.be.false;
            expect(result.record.status).to.equal(to);
            expect(result.record.version).to.equal(record.version + 1);
            expect(result.record.history.length).to.equal(record.history.length + 1);
            expect(result.record.history.slice(0, -1)).to.deep.equal(record.history);
            accepted += 1;
            lastAt += stepMs;
            record = deepFreeze(result.record);
          } else {
            expect(result.error).to.be.instanceOf(TransitionError);
            expect(result.error.from).to.equal(record.status);
            // Refused only for a reason: the table, or a malformed request.
            expect(allowedByDesign(record.status, to) && wellFormed).to.be.false;
            if (!allowedByDesign(record.status, to)) expect(result.error.code).to.equal('forbidden_transition');
          }
        }

        expect(record.history.length).to.equal(1 + accepted);
        expect(record.version).to.equal(1 + accepted);
        expect(record.history.at(-1)?.status).to.equal(record.status);
        for (let index = 1; index < record.history.length; index += 1) {
          const previous = record.history[index - 1]!;
          const entry = record.history[index]!;
          expect(allowedByDesign(previous.status, entry.status)).to.be.true;
          expect(Date.parse(entry.at) >= Date.parse(previous.at)).to.be.true;
          expect(entry.reason !== undefined).to.equal(entry.status === 'rejected');
        }
      }),
      { numRuns: 300 },
    );
  });
});
