import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { searchCustomers } from './customer-search';
import { getCustomerSummary } from './customer-summary';

const now = new Date('2026-11-26T08:00:00Z');

describe.each(testDatabaseKinds())('customer search on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await createUserWithAccount(t.db, { email: 'alice@demo.test', name: 'Alice Wang 王爱丽', accountId: 'A100000001', now });
    await createUserWithAccount(t.db, { email: 'bob@demo.test', name: '示例科技有限公司 Example Tech Ltd.', accountId: 'A100000002', kind: 'organization', now });
    await createUserWithAccount(t.db, { email: 'percent_50%@demo.test', name: 'Percy', accountId: 'A100000003', now });
  });
  afterAll(async () => t?.close());

  const ids = async (query: string) => (await searchCustomers(t.db, { query })).matches.map((m) => m.accountId);

  it('finds a customer by account id, email or any part of the name, in any case', async () => {
    expect(await ids('a100000002')).toEqual(['A100000002']);
    expect(await ids('ALICE@demo')).toEqual(['A100000001']);
    expect(await ids('王爱丽')).toEqual(['A100000001']);
    expect(await ids('example tech')).toEqual(['A100000002']);
    expect(await ids('A10000000')).toHaveLength(3);
  });

  it('searches for what was typed, not for LIKE wildcards, and needs two characters', async () => {
    expect(await ids('_50%')).toEqual(['A100000003']);
    expect(await ids('%')).toEqual([]);
    expect(await ids('a')).toEqual([]);
  });

  it('shows the people who sign in to each account, and says when there are more matches', async () => {
    const result = await searchCustomers(t.db, { query: 'demo.test', limit: 2 });
    expect(result.matches).toHaveLength(2);
    expect(result.more).toBe(true);
    expect(result.matches[0].users[0].email).toMatch(/@demo\.test$/);
  });

  it('summarises a customer read-only: balance and status, contacts, people', async () => {
    const summary = await getCustomerSummary(t.db, 'A100000001', now);
    expect(summary?.account).toMatchObject({ id: 'A100000001', kind: 'individual' });
    expect(summary?.wallet).toMatchObject({ balanceFen: 0n, status: 'active' });
    expect(summary?.users.map((u) => u.email)).toEqual(['alice@demo.test']);
    expect(summary?.contacts.email.verified).toBeNull();
    expect(summary?.openInvoiceRequests).toEqual({ count: 0, grossFen: 0n });
    expect(await getCustomerSummary(t.db, 'A999999999', now)).toBeNull();
  });
});
