/**
 * The real intake handler of @narahubung/core, mounted in web-test-runner's dev server for the
 * widget's tests (web-test-runner.config.mjs bundles this file for Node). Each test names its own
 * intake in the path, so tests never share a store:
 *
 *   /__nh/api/<intake>/v1/...          the HTTP contract, served by createIntakeHandler
 *   /__nh/control/<intake>/down|up     make the server unreachable (connections are dropped) or back
 *   /__nh/control/<intake>/lose-answer the next submission is stored, but its answer never arrives
 *   /__nh/control/<intake>/hold|release submissions wait (the citizen sees "sending") until release
 *   /__nh/control/<intake>/complaints  how many complaints the store holds, and their ids
 *   /__nh/control/<intake>/clock/<ms>  the intake's clock runs <ms> milliseconds off the real one
 *                                      (negative: in the past), so a test can file an overdue complaint
 *   /__nh/control/<intake>/clock-at/<ms> the intake's clock stands still at <ms> since the epoch (for
 *                                      screenshots that come out the same every time); clock/<ms> frees it
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createTestIntake } from '../../core/src/test-support/fixtures.js';
import type { TestIntake } from '../../core/src/test-support/fixtures.js';

interface Intake {
  intake: TestIntake;
  down: boolean;
  loseAnswer: boolean;
  /** While set, submissions wait for `release()` before the handler sees them. */
  held: { release: () => void; released: Promise<void> } | null;
  requests: number;
  /** Milliseconds the intake's clock runs off the real one, or the instant it stands still at. */
  clock: { offset: number; at?: number };
}

const intakes = new Map<string, Promise<Intake>>();

function intakeNamed(name: string): Promise<Intake> {
  let intake = intakes.get(name);
  if (!intake) {
    const clock: Intake['clock'] = { offset: 0 };
    intake = createTestIntake({ basePath: `/__nh/api/${name}`, now: () => new Date(clock.at ?? Date.now() + clock.offset), log: () => undefined }).then((created) => ({ intake: created, down: false, loseAnswer: false, held: null, requests: 0, clock }));
    intakes.set(name, intake);
  }
  return intake;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Koa-style middleware: `ctx.req`/`ctx.res` are Node's; anything else goes to `next`. */
export async function intakeMiddleware(ctx: { req: IncomingMessage; res: ServerResponse; respond: boolean; path: string }, next: () => Promise<unknown>): Promise<unknown> {
  const match = /^\/__nh\/(api|control)\/([\w-]+)(\/.*)?$/.exec(ctx.path);
  if (!match) return next();
  const [, kind, name = '', rest = ''] = match;
  const state = await intakeNamed(name);
  ctx.respond = false;
  if (kind === 'control') {
    if (rest === '/down' || rest === '/up') state.down = rest === '/down';
    if (rest === '/lose-answer') state.loseAnswer = true;
    if (rest === '/hold' && !state.held) {
      let release = () => undefined as void;
      const released = new Promise<void>((resolve) => (release = resolve));
      state.held = { release, released };
    }
    if (rest === '/release' && state.held) {
      state.held.release();
      state.held = null;
    }
    const clock = /^\/clock\/(-?\d+)$/.exec(rest);
    if (clock) {
      state.clock.offset = Number(clock[1]);
      delete state.clock.at;
    }
    const at = /^\/clock-at\/(\d+)$/.exec(rest);
    if (at) state.clock.at = Number(at[1]);
    const complaints = (await state.intake.store.query({ sort: '-received', limit: 10_000 })).items;
    ctx.res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    ctx.res.end(JSON.stringify({ down: state.down, requests: state.requests, complaints: complaints.map((record) => record.trackingId) }));
    return undefined;
  }
  state.requests++;
  if (state.down) {
    // Unreachable, as a dead server or a lost link looks to the browser: no answer at all.
    ctx.req.socket.destroy();
    return undefined;
  }
  const method = ctx.req.method ?? 'GET';
  if (state.held && method === 'POST') await state.held.released;
  const headers = new Headers();
  for (const [key, value] of Object.entries(ctx.req.headers)) if (typeof value === 'string') headers.set(key, value);
  const payload = method === 'GET' || method === 'HEAD' ? undefined : await body(ctx.req);
  const response = await state.intake.handle(
    new Request(`http://${ctx.req.headers.host ?? 'localhost'}${ctx.req.url ?? '/'}`, { method, headers, ...(payload ? { body: payload } : {}) }),
  );
  const answer = Buffer.from(await response.arrayBuffer());
  if (state.loseAnswer && method === 'POST') {
    // Stored, then the link dies before the answer: the retry must not store it twice.
    state.loseAnswer = false;
    ctx.req.socket.destroy();
    return undefined;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => (out[key] = value));
  ctx.res.writeHead(response.status, out);
  ctx.res.end(answer);
  return undefined;
}
