import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccounts, createBillingTestDatabase } from '@/lib/billing/testing';
import { configFrom } from '@/lib/config';
import { payments, users } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { loadTopUp } from './load-top-up';

const MINUTE = 60_000;

describe.each(testDatabaseKinds())('the top-up page of an account, on %s', (kind) => {
  let t: TestDatabase;
  const cfg = configFrom({ DATA_DIR: '/tmp/portal-load-top-up-test' });
  let userId: string;

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    await addAccounts(t.db, 'A200000001', 'A200000002');
    [{ id: userId }] = await t.db.insert(users).values({ email: 'payer@demo.test', name: 'Payer', accountId: 'A200000001' }).returning({ id: users.id });
  });
  afterAll(async () => t?.close());

  it('a fresh account: nothing owed, the presets within the limits, no top-ups yet', async () => {
    const view = await loadTopUp(t.db, cfg, { accountId: 'A200000002', impersonating: false, now: new Date() });
    expect(view).toMatchObject({ balanceFen: 0n, suspended: false, reinstateFen: null, payments: [] });
    expect(view.presetsFen.length).toBeGreaterThan(0);
    expect(view.presetsFen.every((fen) => fen >= view.limits.minFen && fen <= view.limits.maxFen)).toBe(true);
  });

  it('a payment left pending past its expiry is shown expired (abandoned) and not payable, and reading writes nothing', async () => {
    const now = new Date();
    await t.db.insert(payments).values({
      id: 'pay_abandoned_1',
      accountId: 'A200000001',
      createdByUserId: userId,
      provider: 'sandbox',
      amountFen: 5_000n,
      checkoutUrl: 'https://pay.example/checkout',
      createdAt: new Date(now.getTime() - 45 * MINUTE),
      expiresAt: new Date(now.getTime() - 15 * MINUTE),
    });
    const view = await loadTopUp(t.db, cfg, { accountId: 'A200000001', impersonating: false, now });
    expect(view.payments).toEqual([expect.objectContaining({ id: 'pay_abandoned_1', status: 'expired', failureReason: 'abandoned', checkoutUrl: null })]);
    const [stored] = await t.db.select().from(payments).where(eq(payments.id, 'pay_abandoned_1'));
    expect(stored).toMatchObject({ status: 'pending', failureReason: null, settledAt: null });
  });
});
