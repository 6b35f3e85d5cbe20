import { mkdtempSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { addAccounts, createBillingTestDatabase } from '@/lib/billing/testing';
import { setProcessConnection } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { queryRows } from '@/lib/db/sql-rows';
import { createMachineApi } from './router';

const KEY = 'test-platform-key';
const MINUTE = 60_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function request(url: string, init: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  return new Request(`http://localhost${url}`, {
    method: init.method ?? 'POST',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
}

/** The router answers a Request like any fetch handler: no server, no Next.js. */
const api = createMachineApi();
const send = async (req: Request): Promise<Response> => api.fetch(req);

describe.each(testDatabaseKinds())('machine API on %s', (kind) => {
  let t: TestDatabase;
  const usageCount = async () => Number((await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from usage_events`))[0].n);

  beforeAll(async () => {
    process.env.PLATFORM_API_KEY = KEY;
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'portal-api-test-'));
    (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
    await addAccounts(t.db, 'A100000001', 'A100000002');
    await t.db.insert(users).values({ email: 'Alice@Demo.test', name: 'Alice', accountId: 'A100000001' });
    await creditWallet(t.db, { accountId: 'A100000001', amountFen: 1_234n, idempotencyKey: 'seed', source: 'top_up', now: new Date() });
  });
  afterAll(async () => t?.close());

  describe('POST /api/v1/usage', () => {
    const event = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      account: 'A100000001',
      service: 'compute',
      quantity: '12.5',
      occurredAt: iso(-MINUTE),
      ...extra,
    });

    it('401 without the platform key, or with a wrong one', async () => {
      for (const key of [null, 'wrong']) {
        const response = await send(request('/api/v1/usage', { key, body: { events: [event('x')] } }));
        expect(response.status).toBe(401);
        expect((await response.json()).error.code).toBe('unauthorized');
      }
      expect(await usageCount()).toBe(0);
    });

    it('202 with counts; an event id seen before is a duplicate, not an error', async () => {
      const first = await send(request('/api/v1/usage', { body: { events: [event('e1'), event('e2', { service: 'traffic', quantity: '0.5' })] } }));
      expect(first.status).toBe(202);
      expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
      const again = await send(request('/api/v1/usage', { body: { events: [event('e2'), event('e3'), event('e3')] } }));
      expect(await again.json()).toEqual({ accepted: 1, duplicates: 2 });
      expect(await usageCount()).toBe(3);
    });

    it.each([
      ['a JSON number as quantity', { events: [{ id: 'n1', account: 'A100000001', service: 'compute', quantity: 12.5, occurredAt: iso(-MINUTE) }] }, 400, 'events[0].quantity'],
      ['a negative quantity', { events: [{ id: 'n2', account: 'A100000001', service: 'compute', quantity: '-1', occurredAt: iso(-MINUTE) }] }, 400, 'events[0].quantity'],
      ['a time without offset', { events: [{ id: 'n3', account: 'A100000001', service: 'compute', quantity: '1', occurredAt: '2026-03-09 10:00' }] }, 400, 'events[0].occurredAt'],
      ['no events', { events: [] }, 400, 'events'],
    ])('%s is refused naming the field', async (_name, body, status, field) => {
      const response = await send(request('/api/v1/usage', { body }));
      expect(response.status).toBe(status);
      expect((await response.json()).error.field).toBe(field);
    });

    it('more than 1,000 events are refused', async () => {
      const events = Array.from({ length: 1001 }, (_, i) => event(`big-${i}`));
      const response = await send(request('/api/v1/usage', { body: { events } }));
      expect(response.status).toBe(400);
      expect((await response.json()).error.field).toBe('events');
    });

    it('malformed JSON is a 400 JSON error', async () => {
      const response = await send(request('/api/v1/usage', { body: '{"events": [' }));
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_json');
    });

    it.each([
      ['an unknown account', 1, { account: 'A999999999' }, 'events[1].account', 'unknown_account'],
      ['an unknown service', 1, { service: 'gpu' }, 'events[1].service', 'unknown_service'],
      ['an event more than 7 days old', 1, { occurredAt: iso(-7 * 24 * 60 * MINUTE - MINUTE) }, 'events[1].occurredAt', 'too_old'],
      ['an event beyond 5 minutes in the future', 1, { occurredAt: iso(60 * MINUTE) }, 'events[1].occurredAt', 'in_future'],
    ])('%s is a 422 naming the field, and nothing of the batch is written', async (_name, index, change, field, code) => {
      const before = await usageCount();
      const events = [event(`ok-${field}`), event(`bad-${field}`)];
      events[index] = { ...events[index], ...change };
      const response = await send(request('/api/v1/usage', { body: { events } }));
      expect(response.status).toBe(422);
      expect((await response.json()).error).toMatchObject({ code, field });
      expect(await usageCount()).toBe(before);
    });
  });

  describe('POST /api/v1/incidents', () => {
    const incident = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      service: 'compute',
      startedAt: iso(-30 * MINUTE),
      endedAt: iso(-10 * MINUTE),
      ...extra,
    });

    it('202 once per incident id', async () => {
      const body = incident('i1', { accounts: ['A100000001'] });
      const first = await send(request('/api/v1/incidents', { body }));
      expect(first.status).toBe(202);
      expect(await first.json()).toEqual({ accepted: 1, duplicates: 0 });
      const again = await send(request('/api/v1/incidents', { body: { ...body, accounts: undefined } }));
      expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
    });

    it.each([
      ['an unknown account', { accounts: ['A100000001', 'A999999999'] }, 'accounts[1]'],
      ['an unknown service', { service: 'gpu' }, 'service'],
      ['an end before the start', { endedAt: iso(-40 * MINUTE) }, 'endedAt'],
      ['an outage older than 7 days', { startedAt: iso(-8 * 24 * 60 * MINUTE) }, 'startedAt'],
      ['an end in the future', { endedAt: iso(60 * MINUTE) }, 'endedAt'],
    ])('%s is a 422 naming the field', async (_name, change, field) => {
      const response = await send(request('/api/v1/incidents', { body: incident(`bad-${field}`, change) }));
      expect(response.status).toBe(422);
      expect((await response.json()).error.field).toBe(field);
    });

    it('401 without the key', async () => {
      expect((await send(request('/api/v1/incidents', { key: null, body: incident('i9') }))).status).toBe(401);
    });
  });

  describe('POST /api/v1/incidents: ongoing incidents and updates by id', () => {
    const post = async (body: unknown) => {
      const response = await send(request('/api/v1/incidents', { body }));
      return { status: response.status, body: await response.json() };
    };
    const incidentRow = async (id: string) =>
      (
        await queryRows<{ service_id: string; started: string; ended: string | null; accounts: string | null; title_en: string | null; title_zh: string | null }>(
          t.db,
          sql`select service_id, started_at::text as started, ended_at::text as ended, array_to_json(account_ids)::text as accounts, title_en, title_zh
              from incidents where id = ${id}`,
        )
      )[0];
    const noticesOf = async (kind: string, incidentId: string) =>
      queryRows<{ account_id: string; params: string }>(
        t.db,
        sql`select account_id, params::text as params from notices where kind = ${kind} and params->>'incident' = ${incidentId} order by account_id`,
      );
    const reviews = async () => Number((await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from credit_reviews where service_id = 'storage'`))[0].n);
    // On a whole minute, so the hour below is exactly 60 minutes (no partial minute to round up).
    const startMs = Math.floor((Date.now() - 90 * MINUTE) / MINUTE) * MINUTE;
    const started = new Date(startMs).toISOString();
    const ongoing = {
      id: 'live-1',
      service: 'storage',
      startedAt: started,
      accounts: ['A100000001'],
      title: { en: 'Storage cluster unreachable', zh: '存储集群无法访问' },
      status: 'investigating',
    };

    it('an incident without endedAt is recorded as ongoing, and the affected account is told at once (once)', async () => {
      expect(await post(ongoing)).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
      expect(await incidentRow('live-1')).toMatchObject({ service_id: 'storage', ended: null, title_en: 'Storage cluster unreachable', title_zh: '存储集群无法访问' });
      const notices = await noticesOf('incident_started', 'live-1');
      expect(notices.map((n) => n.account_id)).toEqual(['A100000001']);
      expect(JSON.parse(notices[0].params)).toMatchObject({ titleEn: 'Storage cluster unreachable', titleZh: '存储集群无法访问' });
      // Nothing to credit while it lasts.
      expect(await reviews()).toBe(0);
      // Re-posting the same incident is a duplicate and never sends the start notice twice.
      expect(await post(ongoing)).toEqual({ status: 202, body: { accepted: 0, duplicates: 1 } });
      expect(await noticesOf('incident_started', 'live-1')).toHaveLength(1);
    });

    it.each([
      ['a different service', { service: 'traffic' }, 'service'],
      ['a different start', { startedAt: iso(-80 * MINUTE) }, 'startedAt'],
      ['different accounts', { accounts: ['A100000002'] }, 'accounts'],
      ['"resolved" without endedAt', { status: 'resolved' }, 'endedAt'],
      ['"investigating" with endedAt', { endedAt: iso(-MINUTE) }, 'status'],
      ['an end before the start', { endedAt: iso(-100 * MINUTE), status: undefined }, 'endedAt'],
      ['an end in the future', { endedAt: iso(60 * MINUTE), status: undefined }, 'endedAt'],
    ])('an update with %s is a 422 naming the field, and nothing is written', async (_name, change, field) => {
      const before = { row: await incidentRow('live-1'), started: await noticesOf('incident_started', 'live-1'), resolved: await noticesOf('incident_resolved', 'live-1') };
      const response = await post({ ...ongoing, ...change });
      expect(response.status).toBe(422);
      expect(response.body.error.field).toBe(field);
      expect({ row: await incidentRow('live-1'), started: await noticesOf('incident_started', 'live-1'), resolved: await noticesOf('incident_resolved', 'live-1') }).toEqual(before);
      expect(await reviews()).toBe(0);
    });

    it('a title in one language only is a 400 naming the missing one', async () => {
      const response = await post({ ...ongoing, id: 'live-bad-title', title: { en: 'Only English' } });
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe('title.zh');
      expect(await incidentRow('live-bad-title')).toBeUndefined();
    });

    it('posting the same id with endedAt resolves it: the minutes to be credited are announced once and the days are marked for credits', async () => {
      const endedAt = new Date(startMs + 60 * MINUTE).toISOString();
      const resolved = { ...ongoing, endedAt, status: 'resolved', accounts: undefined };
      expect(await post(resolved)).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
      expect((await incidentRow('live-1')).ended).not.toBeNull();
      const notices = await noticesOf('incident_resolved', 'live-1');
      expect(notices.map((n) => n.account_id)).toEqual(['A100000001']);
      expect(JSON.parse(notices[0].params)).toMatchObject({ minutes: 60, titleEn: 'Storage cluster unreachable' });
      expect(await reviews()).toBeGreaterThan(0);
      // Again, and the start post replayed late: nothing changes, no notice is sent twice.
      expect(await post(resolved)).toEqual({ status: 202, body: { accepted: 0, duplicates: 1 } });
      expect(await post(ongoing)).toEqual({ status: 422, body: { error: expect.objectContaining({ code: 'already_resolved', field: 'status' }) } });
      expect(await post({ ...ongoing, status: undefined })).toEqual({ status: 202, body: { accepted: 0, duplicates: 1 } });
      expect(await noticesOf('incident_resolved', 'live-1')).toHaveLength(1);
      expect(await noticesOf('incident_started', 'live-1')).toHaveLength(1);
      // A resolved incident's end cannot move.
      const moved = await post({ ...resolved, endedAt: iso(-20 * MINUTE) });
      expect(moved.status).toBe(422);
      expect(moved.body.error).toMatchObject({ code: 'already_resolved', field: 'endedAt' });
    });

    it('an incident naming no accounts is announced to the accounts that used the service', async () => {
      expect((await send(request('/api/v1/usage', { body: { events: [{ id: 'st-2', account: 'A100000002', service: 'storage', quantity: '5', occurredAt: iso(-2 * MINUTE) }] } }))).status).toBe(202);
      expect(await post({ id: 'live-all', service: 'storage', startedAt: iso(-MINUTE) })).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
      expect((await noticesOf('incident_started', 'live-all')).map((n) => n.account_id)).toEqual(['A100000002']);
    });
  });

  describe('GET /api/v1/accounts', () => {
    it('an account by id: status, balance as a decimal string, currency, suspendedAt', async () => {
      const response = await send(request('/api/v1/accounts/A100000001', { method: 'GET' }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: 'A100000001', status: 'active', balance: '12.34', currency: 'CNY', suspendedAt: null });
      const empty = await send(request('/api/v1/accounts/A100000002', { method: 'GET' }));
      expect(await empty.json()).toMatchObject({ balance: '0.00', status: 'active' });
    });

    it('an unknown id is a 404 JSON error', async () => {
      const response = await send(request('/api/v1/accounts/A404', { method: 'GET' }));
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    });

    it('accounts by email, case-insensitive; none is an empty list; no email is a 400', async () => {
      const found = await send(request('/api/v1/accounts?email=alice%40demo.test', { method: 'GET' }));
      expect(await found.json()).toEqual({ accounts: [{ id: 'A100000001', status: 'active', balance: '12.34', currency: 'CNY', suspendedAt: null }] });
      const none = await send(request('/api/v1/accounts?email=nobody%40demo.test', { method: 'GET' }));
      expect(await none.json()).toEqual({ accounts: [] });
      const missing = await send(request('/api/v1/accounts', { method: 'GET' }));
      expect(missing.status).toBe(400);
      expect((await missing.json()).error.field).toBe('email');
      expect((await send(request('/api/v1/accounts?email=a%40b.c', { method: 'GET', key: null }))).status).toBe(401);
    });
  });

  describe('the router itself', () => {
    it('a body over 2 MiB is a 413 JSON error, answered before the rest of the body is read', async () => {
      const chunk = new Uint8Array(256 * 1024).fill(0x20);
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          if (pulled > 64) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const before = await usageCount();
      const response = await send(
        new Request('http://localhost/api/v1/usage', {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body,
          duplex: 'half',
        } as RequestInit),
      );
      expect(response.status).toBe(413);
      // The unread rest makes the connection unusable: the client is told not to reuse it.
      expect(response.headers.get('connection')).toBe('close');
      expect((await response.json()).error.code).toBe('payload_too_large');
      // 2 MiB is 8 chunks: the router stopped well before the 64 the client would have sent.
      expect(pulled).toBeLessThan(16);
      expect(await usageCount()).toBe(before);
    });

    it.each(['/api/v1/usage', '/api/v1/incidents'])('a declared Content-Length over 2 MiB at %s is refused without reading the body', async (url) => {
      const response = await send(request(url, { body: '{}', headers: { 'content-length': String(3 * 1024 * 1024) } }));
      expect(response.status).toBe(413);
      expect(response.headers.get('connection')).toBe('close');
      expect((await response.json()).error.code).toBe('payload_too_large');
    });

    it('the key is checked before the body limit: a big body without a key is a 401', async () => {
      const response = await send(request('/api/v1/usage', { key: null, body: '{}', headers: { 'content-length': String(3 * 1024 * 1024) } }));
      expect(response.status).toBe(401);
    });

    it('an unknown endpoint is a 404 JSON error and a wrong method a 405 naming the allowed one', async () => {
      const missing = await send(request('/api/v1/nothing-here', { method: 'GET' }));
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe('not_found');
      const wrongMethod = await send(request('/api/v1/usage', { method: 'GET' }));
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
      expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
    });

    it('answers JSON with the contract\'s content type', async () => {
      const response = await send(request('/api/v1/accounts/A100000001', { method: 'GET' }));
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('through a Node server, as the portal serves it', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer(getRequestListener(createMachineApi().fetch, { overrideGlobalObjects: false }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

    /** One raw HTTP exchange (node:http, so a declared Content-Length can differ from the body sent). */
    const raw = (req: Request, declaredLength?: string) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
        const url = new URL(req.url);
        const headers = Object.fromEntries(req.headers);
        if (declaredLength) headers['content-length'] = declaredLength;
        const out = httpRequest({ host: '127.0.0.1', port, method: req.method, path: url.pathname + url.search, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        out.on('error', reject);
        req.text().then((text) => out.end(declaredLength ? undefined : text || undefined), reject);
      });

    it.each([
      ['an account', () => request('/api/v1/accounts/A100000001', { method: 'GET' })],
      ['an unknown account', () => request('/api/v1/accounts/A999999999', { method: 'GET' })],
      ['accounts by email', () => request('/api/v1/accounts?email=alice@demo.test', { method: 'GET' })],
      ['no key', () => request('/api/v1/accounts/A100000001', { method: 'GET', key: null })],
      ['a wrong method', () => request('/api/v1/usage', { method: 'GET' })],
      ['an unknown endpoint', () => request('/api/v1/nothing-here', { method: 'GET' })],
      ['malformed JSON', () => request('/api/v1/usage', { body: '{"events": [' })],
      ['a usage batch with a bad field', () => request('/api/v1/usage', { body: { events: [{ id: 'x' }] } })],
    ] as const)('%s: the same status, headers and bytes as the router answers a Request', async (_, make) => {
      const expected = await send(make());
      const actual = await raw(make());
      expect(actual.status).toBe(expected.status);
      expect(actual.body).toBe(await expected.text());
      expect(actual.headers['content-type']).toBe(expected.headers.get('content-type'));
      expect(actual.headers.allow).toBe(expected.headers.get('allow') ?? undefined);
    });

    it('HEAD answers the headers of GET and no body', async () => {
      const head = await raw(request('/api/v1/accounts/A100000001', { method: 'HEAD' }));
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers['content-type']).toBe('application/json');
    });

    it('a 413 tells the client to close the connection', async () => {
      const response = await raw(request('/api/v1/usage', { body: '{}' }), String(3 * 1024 * 1024));
      expect(response.status).toBe(413);
      expect(response.headers.connection).toBe('close');
      expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
    });
  });
});

