import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount, setStaffRole } from '@/lib/accounts/customer-accounts';
import type { Db } from '@/lib/db/client';
import { activityRecords, authSessions, notices } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import {
  checkImpersonationReason,
  closeExpiredImpersonations,
  endImpersonation,
  IMPERSONATION_MAX_MS,
  ImpersonationError,
  startImpersonation,
} from './impersonation';
import { loadViewer } from './viewer';

const t0 = new Date('2026-11-26T08:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('checkImpersonationReason', () => {
  it('accepts a ticket reference on its own, or a description of at least 10 characters', () => {
    expect(checkImpersonationReason('T-4711')).toEqual({ ok: true, reason: 'T-4711' });
    expect(checkImpersonationReason('#4711')).toEqual({ ok: true, reason: '#4711' });
    expect(checkImpersonationReason('  SR-2026-0042 ')).toEqual({ ok: true, reason: 'SR-2026-0042' });
    expect(checkImpersonationReason('Customer asks why\nthe balance dropped')).toEqual({ ok: true, reason: 'Customer asks why the balance dropped' });
    expect(checkImpersonationReason('客户询问余额为何减少了')).toMatchObject({ ok: true });
  });
  it('refuses an empty, too short, punctuation-only or too long reason', () => {
    expect(checkImpersonationReason('   ')).toEqual({ ok: false, code: 'reason_missing' });
    expect(checkImpersonationReason('help')).toEqual({ ok: false, code: 'reason_too_short' });
    expect(checkImpersonationReason('..........!!')).toEqual({ ok: false, code: 'reason_too_short' });
    expect(checkImpersonationReason('x'.repeat(501))).toEqual({ ok: false, code: 'reason_too_long' });
  });
});

describe.each(testDatabaseKinds())('support impersonation on %s', (kind) => {
  let t: TestDatabase;
  let staff: { id: string; accountId: string; name: string };
  let customer: { id: string; accountId: string };
  let other: { id: string; accountId: string };

  async function openSession(db: Db, userId: string, at: Date, lifetimeMs = 30 * 24 * 3_600_000): Promise<string> {
    const [row] = await db
      .insert(authSessions)
      .values({ userId, provider: 'demo', createdAt: at, lastSeenAt: at, expiresAt: new Date(at.getTime() + lifetimeMs) })
      .returning({ id: authSessions.id });
    return row.id;
  }

  const start = (sessionId: string, over: Partial<Parameters<typeof startImpersonation>[1]> = {}) =>
    startImpersonation(t.db, { sessionId, actor: { userId: staff.id, name: staff.name }, accountId: customer.accountId, reason: 'T-4711 balance question', now: t0, ...over });

  const recordsOf = (accountId: string, kindName: string) =>
    t.db.select().from(activityRecords).where(and(eq(activityRecords.accountId, accountId), eq(activityRecords.kind, kindName)));

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof ImpersonationError) return error.code;
      throw error;
    }
    return 'no error';
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const s = await createUserWithAccount(t.db, { email: 'sam@example.test', name: 'Sam Support', now: t0 });
    await setStaffRole(t.db, { email: s.email, role: 'support', grant: true, now: t0 });
    staff = { id: s.id, accountId: s.accountId, name: s.name };
    const c = await createUserWithAccount(t.db, { email: 'alice@example.test', name: 'Alice', now: t0 });
    customer = { id: c.id, accountId: c.accountId };
    const o = await createUserWithAccount(t.db, { email: 'bob@example.test', name: 'Bob', now: t0 });
    other = { id: o.id, accountId: o.accountId };
  });
  afterAll(async () => t?.close());

  it('starts only with a valid reason, on an existing account that is not the staff member’s own', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    expect(await codeOf(start(sessionId, { reason: '' }))).toBe('reason_missing');
    expect(await codeOf(start(sessionId, { reason: 'look' }))).toBe('reason_too_short');
    expect(await codeOf(start(sessionId, { accountId: 'A000000000' }))).toBe('unknown_account');
    expect(await codeOf(start(sessionId, { accountId: staff.accountId }))).toBe('own_account');
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sessionId));
    expect(row.impersonatedAccountId).toBeNull();
  });

  it('sets the impersonation on the staff member’s own session for 30 minutes, records the start and tells the customer', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    const impersonation = await start(sessionId);
    expect(impersonation.expiresAt.getTime() - t0.getTime()).toBe(IMPERSONATION_MAX_MS);

    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sessionId));
    expect(row).toMatchObject({ impersonatedAccountId: customer.accountId, impersonationReason: 'T-4711 balance question' });
    expect(row.impersonationExpiresAt?.toISOString()).toBe(minutes(30).toISOString());

    const viewer = await loadViewer(t.db, sessionId, minutes(5));
    expect(viewer?.accountId).toBe(customer.accountId);
    expect(viewer?.ownAccountId).toBe(staff.accountId);
    expect(viewer?.impersonation).toMatchObject({ accountId: customer.accountId, reason: 'T-4711 balance question' });

    const starts = await recordsOf(customer.accountId, 'impersonation_start');
    expect(starts.at(-1)).toMatchObject({ actorUserId: staff.id, actorName: 'Sam Support', impersonation: true, details: { reason: 'T-4711 balance question', startedAt: t0.toISOString() } });
    const supportNotices = await t.db.select().from(notices).where(and(eq(notices.accountId, customer.accountId), eq(notices.kind, 'support_access')));
    expect(supportNotices.at(-1)?.params).toEqual({ reason: 'T-4711 balance question' });

    await endImpersonation(t.db, { sessionId, now: minutes(6) });
  });

  it('ends by itself after 30 minutes: the next request shows the staff member’s own account and records the end at expiry, once', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    await start(sessionId, { reason: 'T-1000' });
    expect((await loadViewer(t.db, sessionId, minutes(29)))?.impersonation).not.toBeNull();

    const later = await loadViewer(t.db, sessionId, minutes(31));
    expect(later?.impersonation).toBeNull();
    expect(later?.accountId).toBe(staff.accountId);
    await loadViewer(t.db, sessionId, minutes(32));

    const ends = (await recordsOf(customer.accountId, 'impersonation_end')).filter((r) => r.details.reason === 'T-1000');
    expect(ends).toHaveLength(1);
    expect(ends[0].at.toISOString()).toBe(minutes(30).toISOString());
    expect(ends[0].details).toMatchObject({ endedBy: 'expired', startedAt: t0.toISOString(), seconds: 1800 });
    const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, sessionId));
    expect(row.impersonatedAccountId).toBeNull();
  });

  it('never outlasts the session it lives on', async () => {
    const sessionId = await openSession(t.db, staff.id, t0, 10 * 60_000);
    const impersonation = await start(sessionId, { reason: 'T-2000' });
    expect(impersonation.expiresAt.toISOString()).toBe(minutes(10).toISOString());
    expect(await closeExpiredImpersonations(t.db, minutes(11))).toBe(1);
    const ends = (await recordsOf(customer.accountId, 'impersonation_end')).filter((r) => r.details.reason === 'T-2000');
    expect(ends.map((r) => r.at.toISOString())).toEqual([minutes(10).toISOString()]);
  });

  it('ends with the End button: recorded as ended by staff; ending twice does nothing more', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    await start(sessionId, { reason: 'T-3000' });
    const ended = await endImpersonation(t.db, { sessionId, now: minutes(7) });
    expect(ended).toMatchObject({ accountId: customer.accountId, endedBy: 'ended' });
    expect(ended?.endedAt.toISOString()).toBe(minutes(7).toISOString());
    expect(await endImpersonation(t.db, { sessionId, now: minutes(8) })).toBeNull();
    const ends = (await recordsOf(customer.accountId, 'impersonation_end')).filter((r) => r.details.reason === 'T-3000');
    expect(ends).toHaveLength(1);
    expect((await loadViewer(t.db, sessionId, minutes(9)))?.accountId).toBe(staff.accountId);
  });

  it('starting another impersonation ends the first one', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    await start(sessionId, { reason: 'T-4000' });
    await start(sessionId, { reason: 'T-4001', accountId: other.accountId, now: minutes(3) });
    const ends = (await recordsOf(customer.accountId, 'impersonation_end')).filter((r) => r.details.reason === 'T-4000');
    expect(ends).toHaveLength(1);
    expect(ends[0].details.endedBy).toBe('replaced');
    expect((await loadViewer(t.db, sessionId, minutes(4)))?.accountId).toBe(other.accountId);
    await endImpersonation(t.db, { sessionId, now: minutes(5) });
  });

  it('a staff member who lost the support role stops viewing as the customer at the next request', async () => {
    const s2 = await createUserWithAccount(t.db, { email: 'sue@example.test', name: 'Sue', now: t0 });
    await setStaffRole(t.db, { email: s2.email, role: 'support', grant: true, now: t0 });
    const sessionId = await openSession(t.db, s2.id, t0);
    await startImpersonation(t.db, { sessionId, actor: { userId: s2.id, name: 'Sue' }, accountId: customer.accountId, reason: 'T-5000', now: t0 });
    await setStaffRole(t.db, { email: s2.email, role: 'support', grant: false, now: minutes(1) });
    const viewer = await loadViewer(t.db, sessionId, minutes(2));
    expect(viewer?.impersonation).toBeNull();
    expect(viewer?.accountId).toBe(s2.accountId);
    const ends = (await recordsOf(customer.accountId, 'impersonation_end')).filter((r) => r.details.reason === 'T-5000');
    expect(ends[0]?.details.endedBy).toBe('role_revoked');
  });

  it('the sweep closes impersonations nobody came back to, at their expiry', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    await start(sessionId, { reason: 'T-6000' });
    expect(await closeExpiredImpersonations(t.db, minutes(20))).toBe(0);
    expect(await closeExpiredImpersonations(t.db, minutes(45))).toBe(1);
    expect(await closeExpiredImpersonations(t.db, minutes(46))).toBe(0);
    const ends = (await recordsOf(customer.accountId, 'impersonation_end')).filter((r) => r.details.reason === 'T-6000');
    expect(ends).toHaveLength(1);
    expect(ends[0].at.toISOString()).toBe(minutes(30).toISOString());
  });

  it('refuses to start on a signed-out session', async () => {
    const sessionId = await openSession(t.db, staff.id, t0);
    await t.db.update(authSessions).set({ revokedAt: t0 }).where(eq(authSessions.id, sessionId));
    expect(await codeOf(start(sessionId))).toBe('session_gone');
  });
});
