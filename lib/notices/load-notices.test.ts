import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { createNotice } from './create-notice';
import { loadNoticesPage } from './load-notices';
import { markAllNoticesRead, NOTICE_PAGE_SIZE } from './notice-centre';

const T0 = new Date('2026-03-10T08:00:00Z');
const impersonation = { accountId: 'x', reason: 'r', startedAt: T0, expiresAt: T0 };

describe.each(testDatabaseKinds())('the notice centre loader on %s', (kind) => {
  let t: TestDatabase;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ({ accountId } = await createUserWithAccount(t.db, { email: 'owner@example.test', name: 'Owner', now: T0 }));
    for (let i = 0; i < NOTICE_PAGE_SIZE; i += 1) {
      await createNotice(t.db, { accountId, kind: 'invoice_issued', params: { number: `INV-2026-${String(i).padStart(6, '0')}`, amount: '1.00' }, now: new Date(T0.getTime() + i * 1000) });
    }
    await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, now: new Date(T0.getTime() + 60_000) });
  });
  afterAll(async () => t?.close());

  it('pages the notices newest first, counts the unread ones and offers to mark them read', async () => {
    const owner = { accountId, memberRole: 'owner' as const, impersonation: null };
    const first = await loadNoticesPage(t.db, owner, { before: null });
    expect(first.entries).toHaveLength(NOTICE_PAGE_SIZE);
    expect(first.entries[0].kind).toBe('suspended');
    expect([first.cursor, first.unread, first.canMarkAllRead, first.readOnly]).toEqual([null, NOTICE_PAGE_SIZE + 1, true, false]);
    expect(first.nextCursor).not.toBeNull();

    const second = await loadNoticesPage(t.db, owner, { before: first.nextCursor });
    expect(second.entries).toHaveLength(1);
    expect([second.cursor, second.nextCursor]).toEqual([first.nextCursor, null]);
  });

  it('shows a viewer member only the notices that concern them, and support viewing as the customer read-only', async () => {
    const viewer = await loadNoticesPage(t.db, { accountId, memberRole: 'viewer', impersonation: null }, { before: null });
    expect(viewer.entries.map((e) => e.kind)).toEqual(['suspended']);
    expect(viewer.unread).toBe(1);
    expect((await loadNoticesPage(t.db, { accountId, memberRole: null, impersonation }, { before: null })).readOnly).toBe(true);
  });

  it('offers nothing to mark read once everything is read', async () => {
    await markAllNoticesRead(t.db, { accountId, now: new Date(T0.getTime() + 120_000), role: 'owner' });
    const page = await loadNoticesPage(t.db, { accountId, memberRole: 'owner', impersonation: null }, { before: null });
    expect([page.unread, page.canMarkAllRead]).toEqual([0, false]);
  });
});
