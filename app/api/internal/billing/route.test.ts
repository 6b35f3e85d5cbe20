import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { config } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { POST as internalBilling } from './route';

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const noContext = {};

function request(url: string, init: { body: unknown; headers: Record<string, string> }): Request {
  return new Request(`http://localhost${url}`, {
    method: 'POST',
    // As the portal's server marks a caller on this machine (the TCP peer and the resolved client).
    headers: { 'content-type': 'application/json', [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1', ...init.headers },
    body: JSON.stringify(init.body),
  });
}

describe.each(testDatabaseKinds())('internal billing route on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'portal-internal-test-'));
    (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
  });
  afterAll(async () => t?.close());

  describe('POST /api/internal/billing', () => {
    it('refuses a missing or wrong internal token, runs billing with the right one', async () => {
      const wrong = await internalBilling(request('/api/internal/billing', { body: {}, headers: { 'x-internal-token': 'nope' } }), noContext);
      expect(wrong.status).toBe(401);
      const remote = await internalBilling(
        request('/api/internal/billing', { body: {}, headers: { 'x-internal-token': config().internalToken, [SOCKET_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '203.0.113.9' } }),
        noContext,
      );
      expect(remote.status).toBe(404);
      const ok = await internalBilling(request('/api/internal/billing', { body: { now: iso(0) }, headers: { 'x-internal-token': config().internalToken } }), noContext);
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { summary: { settledDays: string[] }; text: string };
      expect(body.text).toContain('Billing run at');
      expect(Array.isArray(body.summary.settledDays)).toBe(true);
    });
  });
});
