import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { config } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { POST as internalBilling } from './route';

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function request(url: string, init: { body: unknown; headers: Record<string, string> }): Request {
  return new Request(`http://localhost${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
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
      const wrong = await internalBilling(request('/api/internal/billing', { body: {}, headers: { 'x-internal-token': 'nope' } }));
      expect(wrong.status).toBe(401);
      const ok = await internalBilling(request('/api/internal/billing', { body: { now: iso(0) }, headers: { 'x-internal-token': config().internalToken } }));
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { summary: { settledDays: string[] }; text: string };
      expect(body.text).toContain('Billing run at');
      expect(Array.isArray(body.summary.settledDays)).toBe(true);
    });
  });
});
