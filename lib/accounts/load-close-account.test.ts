import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { changeStandingForCause } from './account-standing';
import { createUserWithAccount } from './customer-accounts';
import { loadCloseAccountPage } from './load-close-account';

const now = new Date('2026-03-10T08:00:00Z');

describe.each(testDatabaseKinds())('the close-account page loader on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('offers closing an account in good standing or suspended for cause, and says since when one is terminated', async () => {
    const admin = await createUserWithAccount(t.db, { email: 'admin@example.test', name: 'Admin', now });
    const actor = { userId: admin.id, name: 'Admin' };
    const { accountId } = await createUserWithAccount(t.db, { email: 'closing@example.test', name: 'Closing', now });
    expect(await loadCloseAccountPage(t.db, { accountId })).toEqual({ ended: null, balanceFen: 0n, arrearsFen: 0n });

    await changeStandingForCause(t.db, { accountId, action: 'suspend', reason: 'abuse', actor, now });
    expect((await loadCloseAccountPage(t.db, { accountId })).ended).toBeNull();

    const later = new Date(now.getTime() + 60_000);
    await changeStandingForCause(t.db, { accountId, action: 'terminate', reason: 'abuse', actor, now: later });
    expect((await loadCloseAccountPage(t.db, { accountId })).ended).toEqual({ state: 'terminated', since: later });
  });
});
