import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalConfig } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { paymentEvents } from '@/lib/db/schema';
import { createTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { startTopUp } from './create-top-up';
import { paymentProviderFor } from './providers';
import { deliverSandboxEvent, newCustomer, sandboxSucceeded, useTestConfig } from './testing';

const limits = { minFen: 100n, maxFen: 5_000_000n };

/*
 * Real concurrency needs real PostgreSQL (PGlite has one connection): run with
 * TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('concurrent webhook deliveries on postgres', () => {
  let t: TestDatabase;
  let cfg: PortalConfig;

  beforeAll(async () => {
    t = await createTestDatabase('postgres', { poolSize: 20 });
    setProcessConnection(t.raw);
    cfg = useTestConfig();
  });
  afterAll(async () => t?.close());

  it('200 concurrent deliveries of 50 payments (with duplicates, several payments per wallet) credit exactly 50 times; the ledger verifies', async () => {
    const provider = paymentProviderFor('sandbox', cfg);
    if (!provider) throw new Error('no sandbox provider');
    const customers = await Promise.all(Array.from({ length: 10 }, () => newCustomer(t.db)));
    const started: { accountId: string; paymentId: string; checkoutId: string; amountFen: bigint }[] = [];
    for (let i = 0; i < 50; i++) {
      const customer = customers[i % customers.length];
      const amountFen = BigInt(100 + i * 37);
      const result = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen, limits, description: 'Top-up', now: new Date() });
      const [row] = await queryRows<{ provider_payment_id: string }>(t.db, sql`select provider_payment_id from payments where id = ${result.paymentId}`);
      started.push({ accountId: customer.accountId, paymentId: result.paymentId, checkoutId: row.provider_payment_id, amountFen });
    }

    // Every payment 4 times: 200 deliveries, shuffled, all in flight at once.
    const deliveries = started.flatMap((p) => Array.from({ length: 4 }, () => p));
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const responses = await Promise.all(
      deliveries.map((p) => deliverSandboxEvent(sandboxSucceeded(p.checkoutId, p.paymentId, p.amountFen), cfg.sandboxWebhookSecret)),
    );
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);

    const [counts] = await queryRows<{ top_ups: string; succeeded: string }>(
      t.db,
      sql`select (select count(*) from ledger_transfers where kind = 'top_up')::text as top_ups,
                 (select count(*) from payments where status = 'succeeded')::text as succeeded`,
    );
    expect(counts).toEqual({ top_ups: '50', succeeded: '50' });
    const credited = await t.db.select().from(paymentEvents).where(eq(paymentEvents.outcome, 'credited'));
    expect(credited).toHaveLength(50);

    for (const customer of customers) {
      const expected = started.filter((p) => p.accountId === customer.accountId).reduce((sum, p) => sum + p.amountFen, 0n);
      expect((await getWalletSnapshot(t.db, customer.accountId))?.balanceFen).toBe(expected);
    }
    const verification = await verifyBooks(t.db);
    expect(verification).toMatchObject({ ok: true, totalFen: 0n, transfers: 50, postings: 100 });
  });
});
