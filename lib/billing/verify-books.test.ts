import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { postAndApplyOne } from './post-and-apply';
import { addAccounts, chargeOf106, resetBilling } from './testing';
import { verifyBooks } from './verify-books';

const now = new Date('2026-03-10T00:00:00Z');

/** A ¥1.06 charge to P1; returns its transfer id. */
async function charge(t: TestDatabase): Promise<bigint> {
  return (await postAndApplyOne(t.db, chargeOf106('P1', 'charge:P1', now))).transferId;
}

async function addChargeLine(t: TestDatabase, transferId: bigint, grossFen: bigint): Promise<void> {
  await t.db.execute(sql`
    insert into charge_lines (account_id, service_id, service_day, kind, seq, quantity, unit, unit_price, net_fen, tax_kind, tax_category, tax_rate, tax_fen, gross_fen, transfer_id, idempotency_key, posted_at)
    values ('P1', 'compute', '2026-03-09', 'usage', 0, 1, 'vCPU-hour', 1, 100, 'vat', 'cloud', 0.06, 6, ${grossFen}, ${transferId}, 'charge:P1', ${now})`);
}

/** Billing's checks beside the ledger's double entry: penalty arrears and charge lines. */
describe.each(testDatabaseKinds())('verifyBooks on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await resetBilling(t.db);
    await addAccounts(t.db, 'P1');
  });

  it('books whose charge line matches its transfer and whose arrears are within the debt verify', async () => {
    await addChargeLine(t, await charge(t), 106n);
    expect(await verifyBooks(t.db)).toMatchObject({ ok: true, arrearsOutOfRange: [], brokenReferences: [] });
  });

  it('finds a charge line whose gross is not what its transfer took from the wallet', async () => {
    await addChargeLine(t, await charge(t), 105n);
    const result = await verifyBooks(t.db);
    expect(result.ok).toBe(false);
    expect(result.brokenReferences).toEqual([expect.stringMatching(/^charge line \d+ does not match its transfer$/)]);
  });

  it('finds penalty arrears larger than the wallet’s debt', async () => {
    await charge(t);
    await t.db.execute(sql`update wallets set penalty_arrears_fen = 107 where account_id = 'P1'`);
    const result = await verifyBooks(t.db);
    expect(result).toMatchObject({ ok: false, arrearsOutOfRange: ['P1'] });
  });
});
