import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount, linkIdentity, setStaffRole } from '@/lib/accounts/customer-accounts';
import { activityRecords, authSessions, customerAccounts, identities, users } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { completeSignIn, revokeOtherSessions, revokeSession, SignInRefusedError, signInRefusal } from './complete-sign-in';
import { listActiveSessions } from './active-sessions';
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

  const refusalOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return null;
    } catch (error) {
      if (error instanceof SignInRefusedError) return error.code;
      throw error;
    }
  };
  const userByEmail = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];

  it('never creates a user from an unverified or missing email, and writes nothing when it refuses', async () => {
    const countUsers = async () => (await t.db.select().from(users)).length;
    const before = await countUsers();
    expect(await refusalOf(completeSignIn(t.db, attempt({ provider: 'github', subject: 'u-1', email: 'victim@example.com', emailVerified: false })))).toBe('email_unverified');
    expect(await refusalOf(completeSignIn(t.db, attempt({ provider: 'github', subject: 'u-2', email: null, emailVerified: false })))).toBe('email_missing');
    expect(await countUsers()).toBe(before);
    expect(await t.db.select().from(identities).where(eq(identities.subject, 'u-1'))).toEqual([]);
    // The victim signs up later with a verified address: the account is theirs.
    const victim = await completeSignIn(t.db, attempt({ provider: 'google', subject: 'victim', email: 'victim@example.com' }));
    expect(victim.created).toBe(true);
  });

  it('stores email_verified on the user and the identity it was created from', async () => {
    const created = await completeSignIn(t.db, attempt({ provider: 'oidc', subject: 'frank', email: 'Frank@Example.com' }));
    const user = await userByEmail('frank@example.com');
    expect(user).toMatchObject({ id: created.userId, emailVerified: true });
    const [identity] = await t.db.select().from(identities).where(and(eq(identities.provider, 'oidc'), eq(identities.subject, 'frank')));
    expect(identity).toMatchObject({ userId: created.userId, emailVerified: true });
  });

  it('never links a new identity into a user whose email was not verified', async () => {
    // A user from before verification was recorded (or created by hand): unverified.
    const legacy = await createUserWithAccount(t.db, { email: 'legacy@example.com', name: 'legacy', now });
    await linkIdentity(t.db, { provider: 'github', subject: 'legacy-gh', userId: legacy.id, email: 'legacy@example.com', now });
    expect(await signInRefusal(t.db, { provider: 'google', subject: 'g-legacy', email: 'legacy@example.com', emailVerified: true })).toBe('account_unverified');
    expect(await refusalOf(completeSignIn(t.db, attempt({ provider: 'google', subject: 'g-legacy', email: 'legacy@example.com' })))).toBe('account_unverified');
    expect(await t.db.select().from(identities).where(eq(identities.subject, 'g-legacy'))).toEqual([]);
    // Its own identity still signs in; when that provider now vouches for the address, the user becomes verified.
    const own = await completeSignIn(t.db, attempt({ provider: 'github', subject: 'legacy-gh', email: 'legacy@example.com', emailVerified: true }));
    expect(own.userId).toBe(legacy.id);
    expect(await userByEmail('legacy@example.com')).toMatchObject({ emailVerified: true });
    expect((await completeSignIn(t.db, attempt({ provider: 'google', subject: 'g-legacy', email: 'legacy@example.com' }))).userId).toBe(legacy.id);
  });

  describe('session lifetimes', () => {
    const MIN = 60_000;
    const at = (ms: number) => new Date(now.getTime() + ms);
    const sessionRow = async (id: string) => (await t.db.select().from(authSessions).where(eq(authSessions.id, id)))[0];

    it('a staff session expires after 30 idle minutes; a customer session does not', async () => {
      const staff = await completeSignIn(t.db, attempt({ subject: 'staff-idle', email: 'staff-idle@demo.test' }));
      await setStaffRole(t.db, { email: 'staff-idle@demo.test', role: 'finance', grant: true, now });
      const customer = await completeSignIn(t.db, attempt({ subject: 'cust-idle', email: 'cust-idle@demo.test' }));
      expect(await loadViewer(t.db, staff.sessionId, at(29 * MIN))).not.toBeNull();
      // Last seen at 29 min: live until 59 min.
      expect(await loadViewer(t.db, staff.sessionId, at(58 * MIN))).not.toBeNull();
      expect(await loadViewer(t.db, staff.sessionId, at(58 * MIN + 30 * MIN))).toBeNull();
      // Its end is recorded, so it is no longer listed as active.
      expect((await sessionRow(staff.sessionId)).expiresAt).toEqual(at(88 * MIN));
      expect(await listActiveSessions(t.db, { owner: { userId: staff.userId }, currentSessionId: '', now: at(89 * MIN) })).toEqual([]);
      expect(await loadViewer(t.db, customer.sessionId, at(3 * 24 * 60 * MIN))).not.toBeNull();
    });

    it('a staff session ends 12 hours after sign-in even when used all along; staff sign-ins get a 12-hour row', async () => {
      const first = await completeSignIn(t.db, attempt({ subject: 'staff-long', email: 'staff-long@demo.test' }));
      await setStaffRole(t.db, { email: 'staff-long@demo.test', role: 'support', grant: true, now });
      for (let minute = 20; minute < 12 * 60; minute += 20) expect(await loadViewer(t.db, first.sessionId, at(minute * MIN))).not.toBeNull();
      expect(await loadViewer(t.db, first.sessionId, at(12 * 60 * MIN))).toBeNull();
      const second = await completeSignIn(t.db, attempt({ subject: 'staff-long', email: 'staff-long@demo.test' }));
      expect((await sessionRow(second.sessionId)).expiresAt).toEqual(at(12 * 60 * MIN));
    });

    it('a customer session ends after 7 idle days, and after 30 days at the latest', async () => {
      const idle = await completeSignIn(t.db, attempt({ subject: 'cust-7', email: 'cust-7@demo.test' }));
      expect(await loadViewer(t.db, idle.sessionId, at(7 * 24 * 60 * MIN - 1))).not.toBeNull();
      const week = 7 * 24 * 60 * MIN;
      expect(await loadViewer(t.db, idle.sessionId, at(week - 1 + week))).toBeNull();
      const busy = await completeSignIn(t.db, attempt({ subject: 'cust-30', email: 'cust-30@demo.test' }));
      for (let day = 6; day < 30; day += 6) expect(await loadViewer(t.db, busy.sessionId, at(day * 24 * 60 * MIN))).not.toBeNull();
      expect(await loadViewer(t.db, busy.sessionId, at(30 * 24 * 60 * MIN))).toBeNull();
    });

    it('records "last seen" at most once a minute and carries the sign-in time to the viewer', async () => {
      const s = await completeSignIn(t.db, attempt({ subject: 'touch', email: 'touch@demo.test' }));
      const viewer = await loadViewer(t.db, s.sessionId, at(30_000));
      expect(viewer).toMatchObject({ provider: 'demo', signedInAt: now });
      expect((await sessionRow(s.sessionId)).lastSeenAt).toEqual(now);
      await loadViewer(t.db, s.sessionId, at(MIN));
      expect((await sessionRow(s.sessionId)).lastSeenAt).toEqual(at(MIN));
      await loadViewer(t.db, s.sessionId, at(MIN + 59_000));
      expect((await sessionRow(s.sessionId)).lastSeenAt).toEqual(at(MIN));
    });
  });
});
