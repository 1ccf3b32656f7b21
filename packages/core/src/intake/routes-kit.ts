/** What the route groups of `/v1` share with the handler that mounts them. */
import type { Context } from 'hono';
import type { Locale } from '../model.js';
import type { Policy } from '../policy.js';
import type { IntakeEnv } from './handler.js';
import type { MultipartReader } from './multipart.js';
import type { createRateLimiter } from './rate-limit.js';
import type { IntakeService } from './service.js';
import type { StaffPrincipal as Principal } from './tokens.js';

export interface RouteKit {
  service: IntakeService;
  policy: Policy;
  /** The staff member a bearer token belongs to, or null. */
  authenticate(request: Request): Promise<Principal | null>;
  /** A small JSON body, or the problem answer that refuses it. */
  readJson(request: Request, locale: Locale, limit?: number): Promise<{ body: unknown } | Response>;
  readMultipart: MultipartReader;
  /** Runs `run` with the path's tracking number, or answers 404 for one that is not a tracking number. */
  withTrackingId(c: Context<IntakeEnv>, run: (trackingId: string) => Promise<Response>): Promise<Response> | Response;
  /** Counts wrong reporter keys per client: guessing is limited. */
  guessLimiter: ReturnType<typeof createRateLimiter>;
}
