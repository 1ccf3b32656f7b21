/**
 * `/v1` routes for staff beside transitions: internal notes, assignment, and the note access of the
 * agency reported after an escalation (the answer is the complaint as the caller's inbox shows
 * it), and the staff a complaint may be assigned to. Bearer token required.
 */
import type { Context, Hono } from 'hono';
import type { Locale } from '../model.js';
import type { IntakeEnv } from './handler.js';
import { endpoint } from './handler.js';
import { json, problem } from './http.js';
import type { RouteKit } from './routes-kit.js';
import type { StaffActionOutcome } from './staff-actions.js';
import type { StaffPrincipal as Principal } from './tokens.js';

type StaffAction = (principal: Principal, trackingId: string, body: unknown, locale: Locale) => Promise<StaffActionOutcome>;

export function registerStaffRoutes(v1: Hono<IntakeEnv>, kit: RouteKit): void {
  const run = (action: StaffAction) => (c: Context<IntakeEnv>) =>
    kit.withTrackingId(c, async (trackingId) => {
      const locale = c.get('locale');
      const principal = await kit.authenticate(c.req.raw);
      if (!principal) return problem(locale, 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
      const read = await kit.readJson(c.req.raw, locale);
      if (read instanceof Response) return read;
      const outcome = await action(principal, trackingId, read.body, locale);
      switch (outcome.kind) {
        case 'done':
          return json(outcome.item);
        case 'not_found':
          return problem(locale, 'not_found', { trackingId });
        case 'forbidden':
          return problem(locale, 'forbidden');
        case 'invalid':
          return problem(locale, 'validation_failed', { count: outcome.errors.length }, { errors: outcome.errors });
        case 'conflict':
          return problem(locale, 'conflict');
      }
    });
  endpoint(v1, '/complaints/:trackingId/notes', { POST: run(kit.service.addNote) });
  endpoint(v1, '/complaints/:trackingId/assignment', { POST: run(kit.service.assign) });
  endpoint(v1, '/complaints/:trackingId/access', { POST: run(kit.service.setNoteAccess) });
  // Whom the caller may assign complaints to: the focal points and officers of their agencies.
  endpoint(v1, '/officers', {
    GET: async (c) => {
      const principal = await kit.authenticate(c.req.raw);
      if (!principal) return problem(c.get('locale'), 'unauthorized', {}, { headers: { 'www-authenticate': 'Bearer' } });
      return json({ officers: kit.service.officers(principal) });
    },
  });
}
