import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { completeSignIn } from '@/lib/auth/complete-sign-in';
import { loadViewer } from '@/lib/auth/viewer';
import { drizzleFor, type Db, type RawConnection } from '@/lib/db/client';
import { migrateDatabase, migrationsFolder } from '@/lib/db/migrate';
import { accountInvitations, accountMembers, activityRecords, authSessions, noticeDeliveries, users } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { findAccountStatusesByEmail } from '@/lib/billing/account-status';
import { deliverOutbox } from '@/lib/notices/outbox';
import { recordingTransports } from '@/lib/notices/testing';
import { acceptInvitation, INVITATION_TTL_MS, inviteMember, previewInvitation } from './invitations';
import { changeMemberRole, listMembers, memberRoleOf, membershipsOf, removeMember, switchSessionAccount } from './membership';

const t0 = new Date('2026-11-30T08:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const APP = 'http://portal.test';
let sequence = 0;

describe.each(testDatabaseKinds())('members of a customer account on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  /** A user signed in through the demo provider (verified email), with their own account and a session on it. */
  async function person(name: string, opts: { verified?: boolean } = {}) {
    sequence += 1;
    const email = `${name}-${sequence}@demo.test`;
    const user = await createUserWithAccount(t.db, { email, emailVerified: opts.verified ?? true, name, now: t0 });
    const sessionId = await openSession(user.id);
    return { id: user.id, name, email, accountId: user.accountId, sessionId };
  }

  async function openSession(userId: string, accountId?: string): Promise<string> {
    const [row] = await t.db
      .insert(authSessions)
      .values({ userId, provider: 'demo', createdAt: t0, lastSeenAt: t0, expiresAt: later(30 * 86_400_000), accountId })
      .returning({ id: authSessions.id });
    return row.id;
  }

  const actor = (p: { id: string; name: string }) => ({ userId: p.id, name: p.name, ip: '192.0.2.1', userAgent: 'vitest' });
  /** The user accepting an invitation, with the session that switches to the account (null: none). */
  const joiner = (p: { id: string; name: string }, sessionId: string | null) => ({ userId: p.id, name: p.name, sessionId: sessionId ?? undefined });

  async function invite(owner: { id: string; name: string; accountId: string }, email: string, role: 'owner' | 'billing' | 'viewer', now = t0) {
    const result = await inviteMember(t.db, { accountId: owner.accountId, email, role, actor: actor(owner), appUrl: APP, locale: 'en', now });
    return { ...result, token: result.url.split('/invitations/')[1] };
  }

  it('a user made at first sign-in is the owner of the account made with them (one membership)', async () => {
    const alice = await person('alice');
    expect(await membershipsOf(t.db, alice.id)).toEqual([{ accountId: alice.accountId, accountName: 'alice', role: 'owner' }]);
    const viewer = await loadViewer(t.db, alice.sessionId, later(1000));
    expect(viewer).toMatchObject({ accountId: alice.accountId, ownAccountId: alice.accountId, memberRole: 'owner' });
  });

  it('the last owner can be neither demoted nor removed; with a second owner either can', async () => {
    const owner = await person('owner');
    await expect(changeMemberRole(t.db, { accountId: owner.accountId, userId: owner.id, role: 'viewer', actor: actor(owner), now: t0 })).rejects.toMatchObject({ code: 'last_owner' });
    await expect(removeMember(t.db, { accountId: owner.accountId, userId: owner.id, actor: actor(owner), now: t0 })).rejects.toMatchObject({ code: 'last_owner' });
    expect(await memberRoleOf(t.db, owner.accountId, owner.id)).toBe('owner');

    const second = await person('second');
    const { token } = await invite(owner, second.email, 'owner');
    expect(await acceptInvitation(t.db, { token, actor: joiner(second, second.sessionId), now: later(1000) })).toMatchObject({ role: 'owner' });
    await expect(changeMemberRole(t.db, { accountId: owner.accountId, userId: owner.id, role: 'billing', actor: actor(second), now: later(2000) })).resolves.toBeUndefined();
    // Now `second` is the last owner.
    await expect(changeMemberRole(t.db, { accountId: owner.accountId, userId: second.id, role: 'viewer', actor: actor(second), now: later(3000) })).rejects.toMatchObject({ code: 'last_owner' });
    await expect(removeMember(t.db, { accountId: owner.accountId, userId: second.id, actor: actor(second), now: later(3000) })).rejects.toMatchObject({ code: 'last_owner' });
    const roles = (await listMembers(t.db, owner.accountId)).map((m) => [m.email, m.role]);
    expect(roles).toEqual([
      [second.email, 'owner'],
      [owner.email, 'billing'],
    ]);
    // The activity log names the member who changed the role.
    const [changed] = await t.db
      .select()
      .from(activityRecords)
      .where(and(eq(activityRecords.accountId, owner.accountId), eq(activityRecords.kind, 'member_role_changed')));
    expect(changed).toMatchObject({ actorUserId: second.id, actorName: 'second', details: { member: owner.email, from: 'owner', to: 'billing' } });
  });

  it('two owners demoting each other at once: one succeeds, the account keeps an owner', async () => {
    const a = await person('a');
    const b = await person('b');
    const { token } = await invite(a, b.email, 'owner');
    await acceptInvitation(t.db, { token, actor: joiner(b, null), now: t0 });
    const results = await Promise.allSettled([
      changeMemberRole(t.db, { accountId: a.accountId, userId: a.id, role: 'viewer', actor: actor(b), now: t0 }),
      changeMemberRole(t.db, { accountId: a.accountId, userId: b.id, role: 'viewer', actor: actor(a), now: t0 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'last_owner' } });
    expect((await listMembers(t.db, a.accountId)).filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('an invitation is accepted once, by a verified email that matches, within 7 days', async () => {
    const owner = await person('inviter');
    const invitee = await person('invitee');
    const stranger = await person('stranger');
    const { token, expiresAt } = await invite(owner, invitee.email.toUpperCase(), 'billing');
    expect(expiresAt).toEqual(later(INVITATION_TTL_MS));
    expect(await previewInvitation(t.db, token, later(1000))).toMatchObject({ state: 'valid', accountId: owner.accountId, role: 'billing', email: invitee.email });

    // Someone else's sign-in can't use the link.
    await expect(acceptInvitation(t.db, { token, actor: joiner(stranger, stranger.sessionId), now: later(1000) })).rejects.toMatchObject({ code: 'email_mismatch' });
    expect(await memberRoleOf(t.db, owner.accountId, stranger.id)).toBeNull();

    const accepted = await acceptInvitation(t.db, { token, actor: joiner(invitee, invitee.sessionId), now: later(2000) });
    expect(accepted).toEqual({ accountId: owner.accountId, role: 'billing', alreadyMember: false });
    // The session now uses the account, as billing.
    expect(await loadViewer(t.db, invitee.sessionId, later(3000))).toMatchObject({ accountId: owner.accountId, memberRole: 'billing' });
    // Used once: not again, not by anyone.
    await expect(acceptInvitation(t.db, { token, actor: joiner(invitee, null), now: later(4000) })).rejects.toMatchObject({ code: 'used' });
    expect(await previewInvitation(t.db, token, later(4000))).toEqual({ state: 'used' });
    const [joined] = await t.db.select().from(activityRecords).where(and(eq(activityRecords.accountId, owner.accountId), eq(activityRecords.kind, 'member_joined')));
    expect(joined).toMatchObject({ actorUserId: invitee.id, actorName: 'invitee' });
  });

  it('an invitation expires after 7 days, and a newer one to the same address replaces it', async () => {
    const owner = await person('expiring');
    const invitee = await person('late');
    const first = await invite(owner, invitee.email, 'viewer');
    await expect(acceptInvitation(t.db, { token: first.token, actor: joiner(invitee, null), now: later(INVITATION_TTL_MS) })).rejects.toMatchObject({ code: 'expired' });
    const second = await invite(owner, invitee.email, 'viewer', later(1000));
    const third = await invite(owner, invitee.email, 'billing', later(2000));
    await expect(acceptInvitation(t.db, { token: second.token, actor: joiner(invitee, null), now: later(3000) })).rejects.toMatchObject({ code: 'invalid' });
    expect(await acceptInvitation(t.db, { token: third.token, actor: joiner(invitee, null), now: later(INVITATION_TTL_MS + 1000) })).toMatchObject({ role: 'billing' });
    await expect(acceptInvitation(t.db, { token: 'no-such-token-at-all-xxxxxxxxxx', actor: joiner(invitee, null), now: t0 })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('an address the provider never verified does not match, even when it is the invited one', async () => {
    const owner = await person('strict');
    const unverified = await person('unverified', { verified: false });
    const { token } = await invite(owner, unverified.email, 'viewer');
    await expect(acceptInvitation(t.db, { token, actor: joiner(unverified, null), now: later(1000) })).rejects.toMatchObject({ code: 'email_mismatch' });
    const [row] = await t.db.select().from(accountInvitations).where(eq(accountInvitations.email, unverified.email));
    expect(row.acceptedAt).toBeNull();
  });

  it('inviting a member again is refused; a bad address is refused; nothing is written', async () => {
    const owner = await person('dup');
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(accountInvitations);
    await expect(inviteMember(t.db, { accountId: owner.accountId, email: owner.email, role: 'viewer', actor: actor(owner), appUrl: APP, locale: null, now: t0 })).rejects.toMatchObject({ code: 'already_member', field: 'email' });
    await expect(inviteMember(t.db, { accountId: owner.accountId, email: 'not an email', role: 'viewer', actor: actor(owner), appUrl: APP, locale: null, now: t0 })).rejects.toMatchObject({ code: 'invalid_email', field: 'email' });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(accountInvitations)).toEqual(before);
  });

  it('the invitation email goes through the outbox to the invitee with the link, which is wiped once sent', async () => {
    const owner = await person('mailer');
    const { url, invitationId } = await invite(owner, 'colleague@example.com', 'billing');
    expect(invitationId).toBeTruthy();
    const recording = recordingTransports();
    await deliverOutbox(t.db, { now: later(1000), transports: recording.transports, appUrl: APP, limit: 1000 });
    const mail = recording.emails.find((e) => e.to === 'colleague@example.com');
    expect(mail?.text).toContain(url);
    expect(mail?.subject).toContain('mailer');
    const [delivery] = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.destination, 'colleague@example.com'));
    expect(delivery).toMatchObject({ status: 'sent', messageParams: null });
    // Only the hash of the token is stored.
    const stored = await t.db.select().from(accountInvitations).where(eq(accountInvitations.id, invitationId));
    expect(JSON.stringify(stored)).not.toContain(url.split('/invitations/')[1]);
  });

  it('removing a member ends their sessions on that account at once, not their sessions elsewhere', async () => {
    const owner = await person('remover');
    const colleague = await person('colleague');
    const { token } = await invite(owner, colleague.email, 'billing');
    await acceptInvitation(t.db, { token, actor: joiner(colleague, colleague.sessionId), now: t0 });
    const elsewhere = await openSession(colleague.id, colleague.accountId);
    expect(await loadViewer(t.db, colleague.sessionId, later(1000))).toMatchObject({ accountId: owner.accountId });

    await expect(removeMember(t.db, { accountId: owner.accountId, userId: colleague.id, actor: actor(owner), now: later(2000) })).resolves.toBeUndefined();
    expect(await loadViewer(t.db, colleague.sessionId, later(3000))).toBeNull();
    const [revoked] = await t.db.select().from(authSessions).where(eq(authSessions.id, colleague.sessionId));
    expect(revoked.revokedAt).toEqual(later(2000));
    expect(await loadViewer(t.db, elsewhere, later(3000))).toMatchObject({ accountId: colleague.accountId, memberRole: 'owner' });
    // Switching back to the account is refused too.
    await expect(switchSessionAccount(t.db, { sessionId: elsewhere, accountId: owner.accountId, actor: actor(colleague), now: later(4000) })).rejects.toMatchObject({ code: 'not_member' });
  });

  it('a user in two accounts switches between them; a session can only switch to an account of its own user', async () => {
    const a = await person('two-a');
    const b = await person('two-b');
    const { token } = await invite(a, b.email, 'viewer');
    await acceptInvitation(t.db, { token, actor: joiner(b, null), now: later(500) });
    expect((await membershipsOf(t.db, b.id)).map((m) => [m.accountId, m.role])).toEqual([
      [b.accountId, 'owner'],
      [a.accountId, 'viewer'],
    ]);
    await expect(switchSessionAccount(t.db, { sessionId: b.sessionId, accountId: a.accountId, actor: actor(b), now: later(1000) })).resolves.toBeUndefined();
    expect(await loadViewer(t.db, b.sessionId, later(2000))).toMatchObject({ accountId: a.accountId, memberRole: 'viewer' });
    const outsider = await person('outsider');
    await expect(switchSessionAccount(t.db, { sessionId: outsider.sessionId, accountId: a.accountId, actor: actor(outsider), now: later(1000) })).rejects.toMatchObject({ code: 'not_member' });
    // A session id of another user changes nothing.
    await switchSessionAccount(t.db, { sessionId: outsider.sessionId, accountId: a.accountId, actor: actor(b), now: later(1000) });
    expect(await loadViewer(t.db, outsider.sessionId, later(2000))).toMatchObject({ accountId: outsider.accountId });
    // The platform's lookup by email lists every account the email is a member of.
    expect((await findAccountStatusesByEmail(t.db, b.email.toUpperCase())).map((s) => s.id).sort()).toEqual([a.accountId, b.accountId].sort());
  });

  it('a sign-in starts on the user’s own account while they belong to it, else on another membership, else on a new account', async () => {
    const owner = await person('host');
    const attempt = (subject: string, email: string) => ({ provider: 'demo', subject, email, emailVerified: true, name: subject, ip: null, userAgent: null, now: later(1000) });
    const subject = `guest-${sequence}`;
    const first = await completeSignIn(t.db, attempt(subject, `${subject}@demo.test`));
    const [guest] = await t.db.select().from(users).where(eq(users.id, first.userId));
    const { token } = await invite(owner, guest.email, 'viewer');
    await acceptInvitation(t.db, { token, actor: joiner(guest, null), now: later(2000) });
    // The guest's own account gets a second owner, who removes the guest from it.
    const { token: back } = await invite({ id: guest.id, name: guest.name, accountId: guest.accountId }, owner.email, 'owner');
    await acceptInvitation(t.db, { token: back, actor: joiner(owner, null), now: later(3000) });
    await removeMember(t.db, { accountId: guest.accountId, userId: guest.id, actor: actor(owner), now: later(4000) });
    const second = await completeSignIn(t.db, attempt(subject, guest.email));
    expect(await loadViewer(t.db, second.sessionId, later(5000))).toMatchObject({ accountId: owner.accountId, memberRole: 'viewer' });
    await removeMember(t.db, { accountId: owner.accountId, userId: guest.id, actor: actor(owner), now: later(6000) });
    const third = await completeSignIn(t.db, attempt(subject, guest.email));
    const viewer = await loadViewer(t.db, third.sessionId, later(7000));
    expect(viewer?.accountId).not.toBe(owner.accountId);
    expect(viewer?.accountId).not.toBe(guest.accountId);
    expect(viewer?.memberRole).toBe('owner');
  });
});

describe('migration: each existing single-user account becomes one owner membership', () => {
  it('backfills owners and the account of live sessions, on a database migrated before memberships existed', async () => {
    // The migrations up to 0020 (before issue 17), then data as it was, then the rest.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'portal-migrations-'));
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const cut = journal.entries.findIndex((e) => e.tag.includes('members'));
    expect(cut).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
    const client = await PGlite.create();
    const raw: RawConnection = { kind: 'pglite', client };
    try {
      await migrateDatabase(raw, folder);
      const db: Db = drizzleFor(raw);
      await db.execute(sql`insert into customer_accounts (id, name) values ('A900000001', 'Old One'), ('A900000002', 'Old Two')`);
      await db.execute(sql`insert into users (id, email, name, account_id) values
        ('00000000-0000-4000-8000-000000000001', 'one@old.test', 'One', 'A900000001'),
        ('00000000-0000-4000-8000-000000000002', 'two@old.test', 'Two', 'A900000002')`);
      await db.execute(sql`insert into auth_sessions (user_id, provider, expires_at) values ('00000000-0000-4000-8000-000000000001', 'demo', now() + interval '1 day')`);
      await migrateDatabase(raw);
      const members = await db.select({ accountId: accountMembers.accountId, role: accountMembers.role }).from(accountMembers).orderBy(accountMembers.accountId);
      expect(members).toEqual([
        { accountId: 'A900000001', role: 'owner' },
        { accountId: 'A900000002', role: 'owner' },
      ]);
      const [session] = await db.select().from(authSessions);
      expect(session.accountId).toBe('A900000001');
      expect(await loadViewer(db, session.id, new Date())).toMatchObject({ accountId: 'A900000001', memberRole: 'owner' });
    } finally {
      await client.close();
    }
  });
});
