import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStaffRole } from '@/lib/accounts/customer-accounts';
import { activityRecords, customerAccounts, users } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { completeSignIn, revokeOtherSessions, revokeSession, SignInRefusedError } from './complete-sign-in';
import { loadViewer } from './viewer';

const now = new Date('2026-11-26T08:00:00Z');
const attempt = (over: Partial<Parameters<typeof completeSignIn>[1]> = {}) => ({
  provider: 'demo',
  subject: 'carol',
  email: 'carol@demo.test',
  emailVerified: true,
  name: 'carol',
  ip: '127.0.0.1',
  userAgent: 'test-agent',
  now,
  ...over,
});

describe.each(testDatabaseKinds())('sign-in on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('creates the user and their own customer account on first sign-in, and reuses them after', async () => {
    const first = await completeSignIn(t.db, attempt());
    expect(first.created).toBe(true);
    const second = await completeSignIn(t.db, attempt());
    expect(second.created).toBe(false);
    expect(second.userId).toBe(first.userId);
    expect(second.sessionId).not.toBe(first.sessionId);
    const [user] = await t.db.select().from(users).where(eq(users.id, first.userId));
    const accounts = await t.db.select().from(customerAccounts).where(eq(customerAccounts.id, user.accountId));
    expect(accounts).toHaveLength(1);
    expect(user.accountId).toMatch(/^A\d{9}$/);
    const signIns = await t.db.select().from(activityRecords).where(eq(activityRecords.actorUserId, first.userId));
    expect(signIns.map((r) => [r.kind, r.ip, r.userAgent])).toEqual([
      ['sign_in', '127.0.0.1', 'test-agent'],
      ['sign_in', '127.0.0.1', 'test-agent'],
    ]);
  });

  it('links a second provider to the same user only when that provider verified the email', async () => {
    await expect(completeSignIn(t.db, attempt({ provider: 'github-like', subject: '42', emailVerified: false }))).rejects.toBeInstanceOf(SignInRefusedError);
    const linked = await completeSignIn(t.db, attempt({ provider: 'google', subject: 'g-1' }));
    const original = await completeSignIn(t.db, attempt());
    expect(linked.userId).toBe(original.userId);
  });

  it('a revoked session no longer resolves to a viewer; other sessions can be signed out at once', async () => {
    const a = await completeSignIn(t.db, attempt({ subject: 'dave', email: 'dave@demo.test' }));
    const b = await completeSignIn(t.db, attempt({ subject: 'dave', email: 'dave@demo.test' }));
    const c = await completeSignIn(t.db, attempt({ subject: 'dave', email: 'dave@demo.test' }));
    expect(await loadViewer(t.db, a.sessionId, now)).not.toBeNull();
    await revokeSession(t.db, a.sessionId, now);
    expect(await loadViewer(t.db, a.sessionId, now)).toBeNull();
    expect(await revokeOtherSessions(t.db, { userId: c.userId, keepSessionId: c.sessionId, now })).toBe(1);
    expect(await loadViewer(t.db, b.sessionId, now)).toBeNull();
    expect((await loadViewer(t.db, c.sessionId, now))?.email).toBe('dave@demo.test');
  });

  it('an expired session is no viewer', async () => {
    const s = await completeSignIn(t.db, attempt({ subject: 'erin', email: 'erin@demo.test' }));
    const later = new Date(now.getTime() + 31 * 24 * 3600 * 1000);
    expect(await loadViewer(t.db, s.sessionId, later)).toBeNull();
  });

  it('grants and revokes staff roles by email', async () => {
    const s = await completeSignIn(t.db, attempt({ subject: 'sam2', email: 'sam2@demo.test' }));
    await setStaffRole(t.db, { email: 'SAM2@demo.test', role: 'support', grant: true, now });
    await setStaffRole(t.db, { email: 'sam2@demo.test', role: 'support', grant: true, now });
    expect((await loadViewer(t.db, s.sessionId, now))?.roles).toEqual(['support']);
    await setStaffRole(t.db, { email: 'sam2@demo.test', role: 'support', grant: false, now });
    expect((await loadViewer(t.db, s.sessionId, now))?.roles).toEqual([]);
    await expect(setStaffRole(t.db, { email: 'nobody@demo.test', role: 'finance', grant: true, now })).rejects.toThrow(/sign in once/);
  });
});
