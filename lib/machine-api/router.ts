import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { assertPlatformRoute, platformKeyRefusal } from '@/lib/auth/platform-key';
import type { RouteKey } from '@/lib/auth/policy';
import { accountLookupSchema, incidentRequestSchema, usageRequestSchema } from '@/lib/billing/machine-api';
import { recordIncident } from '@/lib/billing/record-incident';
import { recordUsage } from '@/lib/billing/record-usage';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiErrorBody, zodErrorBody } from '@/lib/http/error-body';
import { findAccountStatusesByEmail, getAccountStatus } from '@/lib/billing/account-status';

/** Everything under this prefix is the machine API; the portal's server hands it to this router. */
export const MACHINE_API_PREFIX = '/api/v1';

/** Request bodies above this are refused with 413 before the rest is read (CONTRACT: 2 MiB). */
export const MACHINE_API_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * Answers JSON. Behind the portal's server (`@hono/node-server`, which hands us the Node response as
 * `env.outgoing`) the body is written straight to the socket: a web `Response` would be built and
 * then read back through a web stream for every request, which cost about a third of the machine
 * API's throughput. Without a Node response (`app.fetch` in tests) it is Hono's own `c.json`, the
 * same status, headers and bytes.
 */
function json(c: Context, body: unknown, status: ContentfulStatusCode, headers?: Record<string, string>): Response {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing) return c.json(body, status, headers);
  const text = JSON.stringify(body);
  outgoing.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  outgoing.end(c.req.method === 'HEAD' ? undefined : text);
  return RESPONSE_ALREADY_SENT;
}

const fail = (c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string, headers?: Record<string, string>) =>
  json(c, apiErrorBody(code, message, field), status, headers);

/** The JSON body, or null when it is not valid JSON (answered 400 `invalid_json`). */
async function jsonBody(c: Context): Promise<{ value: unknown } | null> {
  try {
    return { value: await c.req.json() };
  } catch {
    return null;
  }
}

/**
 * The machine API of CONTRACT.md ("Machine API") as a small Hono app, served by the portal's own
 * server before Next.js is reached: the platform calls it constantly and it needs no React. A thin
 * adapter: the key check, the body limit, zod at the edge, then the same lib/ functions the rest of
 * the portal uses. Errors are `{ error: { code, message, field? } }`; nothing is written on one.
 * Testable without a server: `createMachineApi().fetch(new Request(...))`.
 */
export function createMachineApi(): Hono {
  const app = new Hono().basePath(MACHINE_API_PREFIX);

  /**
   * Each route names its key in the policy table (lib/auth/policy.ts, which must say `platformKey`)
   * and checks `Authorization: Bearer $PLATFORM_API_KEY` first, before any body is read.
   */
  const platformKeyGuard = (key: RouteKey): MiddlewareHandler => {
    assertPlatformRoute(key);
    return async (c, next) => {
      const refusal = platformKeyRefusal(c.req.header('authorization'));
      if (refusal) return fail(c, refusal.status, refusal.code, refusal.message);
      await next();
    };
  };
  // Only where a body is read: touching the body of a GET would build a web stream for nothing.
  const limit = bodyLimit({
    maxSize: MACHINE_API_BODY_LIMIT,
    // The rest of the body is never read, so the connection can't be reused: say so, or a client
    // that sends its next request on it gets "other side closed" (found by the fuzz).
    onError: (c) => fail(c, 413, 'payload_too_large', 'The request body is larger than 2 MiB', undefined, { connection: 'close' }),
  });

  /** POST /api/v1/usage — up to 1,000 usage events, all or nothing; 202 { accepted, duplicates }. */
  app.post('/usage', platformKeyGuard('POST /api/v1/usage'), limit, async (c) => {
    const body = await jsonBody(c);
    if (!body) return fail(c, 400, 'invalid_json', 'The request body is not valid JSON');
    const parsed = usageRequestSchema.safeParse(body.value);
    if (!parsed.success) return json(c, zodErrorBody(parsed.error), 400);
    const result = await recordUsage(getDb(), parsed.data.events, { now: new Date(), timeZone: config().billingTimeZone });
    if (!result.ok) return fail(c, 422, result.code, result.message, result.field);
    return json(c, { accepted: result.accepted, duplicates: result.duplicates }, 202);
  });

  /** POST /api/v1/incidents — one qualifying outage, idempotent by id; 202 { accepted, duplicates }. */
  app.post('/incidents', platformKeyGuard('POST /api/v1/incidents'), limit, async (c) => {
    const body = await jsonBody(c);
    if (!body) return fail(c, 400, 'invalid_json', 'The request body is not valid JSON');
    const parsed = incidentRequestSchema.safeParse(body.value);
    if (!parsed.success) return json(c, zodErrorBody(parsed.error), 400);
    const result = await recordIncident(getDb(), parsed.data, { now: new Date(), timeZone: config().billingTimeZone });
    if (!result.ok) return fail(c, 422, result.code, result.message, result.field);
    return json(c, { accepted: result.accepted, duplicates: result.duplicates }, 202);
  });

  /** GET /api/v1/accounts/{id} — { id, status, balance, currency, suspendedAt }. */
  app.get('/accounts/:id', platformKeyGuard('GET /api/v1/accounts/[id]'), async (c) => {
    const id = c.req.param('id');
    const status = await getAccountStatus(getDb(), id);
    if (!status) return fail(c, 404, 'not_found', `No account ${id}`, 'id');
    return json(c, status, 200);
  });

  /** GET /api/v1/accounts?email=… — { accounts: [{ id, status, balance, currency, suspendedAt }] }. */
  app.get('/accounts', platformKeyGuard('GET /api/v1/accounts'), async (c) => {
    const parsed = accountLookupSchema.safeParse({ email: c.req.query('email') });
    if (!parsed.success) return json(c, zodErrorBody(parsed.error), 400);
    return json(c, { accounts: await findAccountStatusesByEmail(getDb(), parsed.data.email) }, 200);
  });

  const allowed: Record<string, string> = { '/usage': 'POST', '/incidents': 'POST', '/accounts': 'GET, HEAD' };
  app.notFound((c) => {
    // Without the key nothing about the API is told, not even which endpoints exist.
    const refusal = platformKeyRefusal(c.req.header('authorization'));
    if (refusal) return fail(c, refusal.status, refusal.code, refusal.message);
    const rest = c.req.path.slice(MACHINE_API_PREFIX.length);
    const allow = allowed[rest] ?? (/^\/accounts\/[^/]+$/.test(rest) ? 'GET, HEAD' : undefined);
    if (allow) return fail(c, 405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${allow}`, undefined, { allow });
    return fail(c, 404, 'not_found', `No machine API endpoint ${c.req.path}`);
  });
  app.onError((error, c) => {
    console.error('[machine-api] request failed:', error.message);
    return fail(c, 500, 'internal', 'Internal error');
  });
  return app;
}

/** True for a request path the machine API router answers (the prefix itself or anything below it). */
export function isMachineApiPath(url: string): boolean {
  return url === MACHINE_API_PREFIX || url.startsWith(`${MACHINE_API_PREFIX}/`) || url.startsWith(`${MACHINE_API_PREFIX}?`);
}
