import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStandingForCause, closeAccount } from '@/lib/accounts/account-standing';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { setProcessConnection } from '@/lib/db/client';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { createMachineApi } from './router';

/*
 * CONTRACT.md, machine API: `status` is active | suspended | closed | terminated, and usage for a
 * closed or terminated account is refused with 422 `account_closed` (nothing written).
 */

const KEY = 'test-platform-key';

function request(url: string, init: { method?: string; body?: unknown } = {}): Request {
  return new Request(`http://localhost${url}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const api = createMachineApi();
const send = async (req: Request): Promise<Response> => api.fetch(req);
const account = async (id: string) => (await send(request(`/api/v1/accounts/${id}`, { method: 'GET' }))).json();
const usage = (accountId: string, id: string) =>
  send(request('/api/v1/usage', { body: { events: [{ id, account: accountId, service: 'compute', quantity: '1.5', occurredAt: new Date(Date.now() - 60_000).toISOString() }] } }));

describe.each(testDatabaseKinds())('machine API: closed and terminated accounts on %s', (kind) => {
  let t: TestDatabase;
  let admin: { userId: string; name: string };
  const customers: { accountId: string; userId: string; email: string }[] = [];

  beforeAll(async () => {
    process.env.PLATFORM_API_KEY = KEY;
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'portal-api-standing-'));
    (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
    const now = new Date();
    const ada = await createUserWithAccount(t.db, { email: 'ada-contract@demo.test', name: 'Ada', now });
    admin = { userId: ada.id, name: 'Ada' };
    for (const name of ['close', 'terminate', 'suspend']) {
      const user = await createUserWithAccount(t.db, { email: `${name}-contract@demo.test`, name, now });
      await creditWallet(t.db, { accountId: user.accountId, amountFen: 2_000n, idempotencyKey: `contract:${name}`, source: 'top_up', now });
      customers.push({ accountId: user.accountId, userId: user.id, email: user.email });
    }
  });
  afterAll(async () => t?.close());

  it('a closed account reports "status": "closed" and its usage is a 422 account_closed', async () => {
    const c = customers[0];
    expect((await usage(c.accountId, 'contract-close-1')).status).toBe(202);
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: c.accountId, actor: { userId: c.userId, name: 'close' }, now: new Date() })).resolves.toBeUndefined();

    expect(await account(c.accountId)).toEqual({ id: c.accountId, status: 'closed', balance: '20.00', currency: 'CNY', suspendedAt: null });
    const found = await send(request(`/api/v1/accounts?email=${encodeURIComponent(c.email)}`, { method: 'GET' }));
    expect(await found.json()).toEqual({ accounts: [{ id: c.accountId, status: 'closed', balance: '20.00', currency: 'CNY', suspendedAt: null }] });

    const refused = await usage(c.accountId, 'contract-close-2');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: { code: 'account_closed', message: expect.stringContaining('closed'), field: 'events[0].account' } });
    // the event was not stored: once the refusal is gone it would be new, and it is still refused now
    expect((await usage(c.accountId, 'contract-close-2')).status).toBe(422);
  });

  it('a terminated account reports "status": "terminated" and its usage is a 422 account_closed', async () => {
    const c = customers[1];
    await expect(changeStandingForCause(t.db, { accountId: c.accountId, action: 'terminate', reason: 'fraud', actor: admin, now: new Date() })).resolves.toBeUndefined();
    expect(await account(c.accountId)).toMatchObject({ id: c.accountId, status: 'terminated', balance: '20.00' });
    const refused = await usage(c.accountId, 'contract-terminate-1');
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.code).toBe('account_closed');
  });

  it('a suspension for cause reports "status": "suspended" with its time, usage still accepted; lifting it reports active', async () => {
    const c = customers[2];
    const at = new Date();
    await expect(changeStandingForCause(t.db, { accountId: c.accountId, action: 'suspend', reason: 'abuse report', actor: admin, now: at })).resolves.toBeUndefined();
    expect(await account(c.accountId)).toEqual({ id: c.accountId, status: 'suspended', balance: '20.00', currency: 'CNY', suspendedAt: at.toISOString() });
    expect((await usage(c.accountId, 'contract-suspend-1')).status).toBe(202);
    await expect(changeStandingForCause(t.db, { accountId: c.accountId, action: 'lift_suspension', reason: '', actor: admin, now: new Date() })).resolves.toBeUndefined();
    expect(await account(c.accountId)).toMatchObject({ status: 'active', suspendedAt: null });
  });
});
