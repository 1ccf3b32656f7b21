/**
 * What staff do to a complaint beside moving it: internal notes, assignment to an officer, and (for
 * the agency handling an escalated complaint) letting the agency reported add its response as notes.
 */
import type { ComplaintRecord, FieldError, Locale } from '../model.js';
import { BodyFields } from './body-fields.js';
import type { ServiceKernel } from './service.js';
import { withActor } from './service.js';
import type { StaffPrincipal as Principal } from './tokens.js';
import type { InboxItem } from './views.js';
import { mayAccess, mayAssign, mayNote } from './views.js';

/** The longest internal note. */
export const INTERNAL_NOTE_MAX = 4000;

/** Someone a complaint may be assigned to, as `GET /v1/officers` lists them. */
export interface AssignableStaff {
  id: string;
  name: string;
  position: string;
  agencyId: string;
  role: 'focal_point' | 'officer';
}

export type StaffActionOutcome =
  | { kind: 'done'; item: InboxItem }
  | { kind: 'not_found' }
  | { kind: 'forbidden' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'conflict' };

export function createStaffActions(kernel: ServiceKernel) {
  const { store, directory, log } = kernel.deps;

  /** Reads the complaint, checks that `principal` may do this, applies `change`, stores it once. */
  async function act(
    principal: Principal,
    trackingId: string,
    may: (record: ComplaintRecord) => boolean,
    change: (record: ComplaintRecord) => ComplaintRecord | FieldError[],
    locale: Locale,
  ): Promise<StaffActionOutcome> {
    const record = await store.get(trackingId);
    if (!record || !mayAccess(record, principal)) return { kind: 'not_found' };
    if (!may(record)) return { kind: 'forbidden' };
    const next = change(record);
    if (Array.isArray(next)) return { kind: 'invalid', errors: next };
    const stored = kernel.withDueAt({ ...next, version: record.version + 1 });
    if (!(await store.update(stored))) return { kind: 'conflict' };
    return { kind: 'done', item: kernel.itemFor(stored, principal, true, locale) };
  }

  /**
   * `POST /v1/complaints/{trackingId}/notes` `{ text }`: a note only staff of the agencies that may
   * see the complaint read; never public, never to the reporter.
   */
  function addNote(principal: Principal, trackingId: string, body: unknown, locale: Locale): Promise<StaffActionOutcome> {
    return act(
      principal,
      trackingId,
      (record) => mayNote(record, principal),
      (record) => {
        const fields = new BodyFields(body, ['text'], locale);
        const text = fields.text('text', { max: INTERNAL_NOTE_MAX, required: true });
        if (!fields.ok || text === undefined) return fields.errors;
        const notes = record.notes ?? [];
        const at = kernel.stepTime(record);
        log({ event: 'complaint_noted', trackingId, actor: principal.id });
        return { ...record, notes: [...notes, { id: `n${notes.length + 1}`, at, authorId: principal.id, authorName: principal.name, text }] };
      },
      locale,
    );
  }

  /**
   * `POST /v1/complaints/{trackingId}/assignment` `{ officerId }` (null unassigns): to a focal point
   * or officer of the handling agency; shown in the history (to staff only).
   */
  function assign(principal: Principal, trackingId: string, body: unknown, locale: Locale): Promise<StaffActionOutcome> {
    return act(
      principal,
      trackingId,
      (record) => mayAssign(record, principal),
      (record) => {
        const fields = new BodyFields(body, ['officerId'], locale);
        const officerId = fields.raw('officerId');
        if (officerId === undefined) fields.fail('officerId', 'required', 'validation.required');
        else if (officerId !== null) {
          const person = typeof officerId === 'string' ? (directory.focalPoint(officerId) ?? directory.officer(officerId)) : undefined;
          if (!person || person.agencyId !== record.handlingAgencyId) fields.fail('officerId', 'invalid_choice', 'validation.invalid_choice');
        }
        if (!fields.ok) return fields.errors;
        const assigneeId = officerId as string | null;
        const at = kernel.stepTime(record);
        log({ event: 'complaint_assigned', trackingId, actor: principal.id });
        const assigned: ComplaintRecord = {
          ...record,
          assigneeId,
          history: [...record.history, { status: record.status, at, actor: principal.id, note: '', kind: 'assignment', assigneeId }],
        };
        return withActor(assigned, principal);
      },
      locale,
    );
  }

  /**
   * `POST /v1/complaints/{trackingId}/access` `{ reportedAgencyNotes }`: after an escalation, the
   * handling agency lets the agency reported add its response as notes (or stops it).
   */
  function setNoteAccess(principal: Principal, trackingId: string, body: unknown, locale: Locale): Promise<StaffActionOutcome> {
    return act(
      principal,
      trackingId,
      (record) => mayAssign(record, principal) && record.handlingAgencyId !== record.agencyId,
      (record) => {
        const fields = new BodyFields(body, ['reportedAgencyNotes'], locale);
        const allowed = fields.boolean('reportedAgencyNotes', { required: true });
        if (!fields.ok || allowed === undefined) return fields.errors;
        return { ...record, reportedAgencyNotes: allowed };
      },
      locale,
    );
  }

  /**
   * `GET /v1/officers`: the focal points (active today) and officers of the caller's agencies (an
   * intake officer's list, or every agency; none for a supervisor, who assigns nothing), in the
   * directory's order: whom an inbox offers for assignment. Only names and positions, never contacts.
   */
  function officers(principal: Principal): AssignableStaff[] {
    // A supervisor reads and never moves or assigns: nobody to offer.
    if (principal.role === 'supervisor') return [];
    const agencyIds = principal.role !== 'intake_officer' ? [principal.agencyId] : principal.agencyIds === 'all' ? directory.agencies().map((agency) => agency.id) : principal.agencyIds;
    const today = kernel.deps.calendar.localDate(kernel.deps.now());
    const person = (role: AssignableStaff['role']) => (entry: { id: string; name: string; position: string; agencyId: string }): AssignableStaff => ({
      id: entry.id,
      name: entry.name,
      position: entry.position,
      agencyId: entry.agencyId,
      role,
    });
    return agencyIds.flatMap((agencyId) => [
      ...directory
        .focalPointsOf(agencyId)
        .filter((focalPoint) => focalPoint.active.from <= today && (focalPoint.active.until === null || today <= focalPoint.active.until))
        .map(person('focal_point')),
      ...directory.officersOf(agencyId).map(person('officer')),
    ]);
  }

  return { addNote, assign, setNoteAccess, officers };
}
