import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { loadActivityPage, mayExportActivity } from './load-activity';
import { ACTIVITY_RETENTION_DAYS } from '@/lib/audit/retention';

const now = new Date('2026-03-10T20:00:00Z'); // 2026-03-11 in Beijing
const TZ = 'Asia/Shanghai';
const impersonation = { accountId: 'x', reason: 'r', startedAt: now, expiresAt: now };

describe('who may export the activity', () => {
  it('is finance and admin staff, never while viewing as a customer', () => {
    expect(mayExportActivity({ roles: ['finance'], impersonation: null })).toBe(true);
    expect(mayExportActivity({ roles: ['support', 'admin'], impersonation: null })).toBe(true);
    expect(mayExportActivity({ roles: ['support'], impersonation: null })).toBe(false);
    expect(mayExportActivity({ roles: [], impersonation: null })).toBe(false);
    expect(mayExportActivity({ roles: ['admin'], impersonation })).toBe(false);
  });
});

describe.each(testDatabaseKinds())('the activity page loader on %s', (kind) => {
  let t: TestDatabase;
  let user: { id: string; accountId: string };
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    user = await createUserWithAccount(t.db, { email: 'fin@example.test', name: 'Fin', now });
  });
  afterAll(async () => t?.close());

  it('offers the export over the retention period up to today (the billing time zone’s), to finance only', async () => {
    const viewer = { accountId: user.accountId, userId: user.id, sessionId: 'none', roles: ['finance' as const], impersonation: null };
    const page = await loadActivityPage(t.db, viewer, { now, timeZone: TZ });
    expect(page.exportRange?.to).toBe('2026-03-11');
    const from = new Date(`${page.exportRange?.from}T00:00:00Z`);
    expect((new Date('2026-03-11T00:00:00Z').getTime() - from.getTime()) / 86_400_000).toBe(ACTIVITY_RETENTION_DAYS - 1);
    expect(page.sessions).toEqual([]);
    expect((await loadActivityPage(t.db, { ...viewer, roles: [] }, { now, timeZone: TZ })).exportRange).toBeNull();
  });
});
