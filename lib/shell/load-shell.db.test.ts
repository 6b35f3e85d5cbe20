import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { customerAccounts, termsRecords } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import { createNotice } from '@/lib/notices/create-notice';
import { seedTerms } from '@/lib/terms/seed-terms';
import { loadShellData } from './load-shell';

const createdAt = new Date('2026-01-05T00:00:00Z');
const now = new Date('2026-11-30T00:00:00Z');
let sequence = 0;

/** A customer of its own for each test; declared ones accept the seeded version 1. */
async function customer(db: Db, opts: { declared: boolean }) {
  sequence += 1;
  const user = await createUserWithAccount(db, { email: `shell-${sequence}@example.test`, name: `Shell ${sequence}`, now: createdAt });
  if (opts.declared) await db.update(customerAccounts).set({ declaredAt: createdAt, residence: 'CN', name: `Account ${sequence}` }).where(eq(customerAccounts.id, user.accountId));
  await seedTerms(db, { now: createdAt });
  return { ...user, accountName: `Account ${sequence}` };
}

function viewerOf(user: { id: string; email: string; name: string; accountId: string }, extra: Partial<Viewer> = {}): Viewer {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: null,
    roles: [],
    sessionId: 'session',
    provider: 'demo',
    signedInAt: createdAt,
    accountId: user.accountId,
    ownAccountId: user.accountId,
    memberRole: 'owner',
    impersonation: null,
    declared: true,
    ...extra,
  };
}

describe.each(testDatabaseKinds())('the shell loader on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('loads the unread count and every banner of a declared customer in one object, writing nothing', async () => {
    const alice = await customer(t.db, { declared: true });
    await createNotice(t.db, { accountId: alice.accountId, kind: 'low_balance', params: { balance: '1.00' }, now });
    await createNotice(t.db, { accountId: alice.accountId, kind: 'low_balance', params: { balance: '0.50' }, now });
    const recordsBefore = await t.db.select().from(termsRecords).where(eq(termsRecords.accountId, alice.accountId));

    const shell = await loadShellData(t.db, viewerOf(alice), now);

    expect(shell.viewer.userId).toBe(alice.id);
    expect(shell.unreadNotices).toBe(2);
    expect(shell.impersonation).toBeNull();
    // Version 1 accepted: no amendment banner, but this user's continued use of it is not on record yet.
    expect(shell.terms).toBeNull();
    expect(shell.continuedUseDue).toBe(1);
    // Never confirmed since the account was created more than 180 days ago.
    expect(shell.accuracy).toEqual({ reason: 'stale', lastConfirmedAt: null });
    expect(await t.db.select().from(termsRecords).where(eq(termsRecords.accountId, alice.accountId))).toEqual(recordsBefore);
  });

  it('names the account support is viewing and never asks to record continued use for it', async () => {
    const bob = await customer(t.db, { declared: true });
    const sam = await customer(t.db, { declared: true });
    const impersonation = { accountId: bob.accountId, reason: 'ticket 42', startedAt: now, expiresAt: new Date(now.getTime() + 30 * 60_000) };
    const shell = await loadShellData(t.db, viewerOf(sam, { accountId: bob.accountId, roles: ['support'], impersonation }), now);
    expect(shell.impersonation).toEqual({ accountId: bob.accountId, accountName: bob.accountName, reason: 'ticket 42', expiresAt: impersonation.expiresAt });
    expect(shell.continuedUseDue).toBeNull();
  });

  it('shows no terms banner and records nothing before the first-sign-in declaration', async () => {
    const fresh = await customer(t.db, { declared: false });
    const shell = await loadShellData(t.db, viewerOf(fresh, { declared: false }), now);
    expect(shell.terms).toBeNull();
    expect(shell.continuedUseDue).toBeNull();
    expect(shell.unreadNotices).toBe(0);
  });
});

/** The banners that need state of their own, in a database of their own (a newer terms version is everyone's). */
describe.each(testDatabaseKinds())('the shell loader’s banners on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCatalogue(t.db);
  });
  afterAll(async () => t?.close());

  it('shows a newer terms version, an outage naming the account, the standing, a bounced address and every membership', async () => {
    const carol = await customer(t.db, { declared: true });
    const effectiveAt = new Date('2026-12-15T16:00:00Z');
    await t.db.execute(sql`insert into terms_versions (number, source, summary_en, summary_zh, effective_on, effective_at, published_at)
                           values (2, 'Terms v2', 'Changed', '已更改', '2026-12-16', ${effectiveAt}, ${now})`);
    await t.db.execute(sql`insert into incidents (id, service_id, started_at, account_ids, received_at, title_en, title_zh)
                           values ('inc-shell', 'compute', ${new Date('2026-11-29T23:00:00Z')}, array[${carol.accountId}], ${now}, 'Compute down', '计算故障')`);
    await t.db.execute(sql`insert into account_standings (account_id, state, reason, since) values (${carol.accountId}, 'suspended_for_cause', 'abuse', ${now})`);
    const bouncedAt = new Date('2026-11-28T10:00:00Z');
    await t.db.execute(sql`insert into account_contacts (account_id, email, bounced_at, bounced_channel, bounced_destination)
                           values (${carol.accountId}, 'carol@example.test', ${bouncedAt}, 'email', 'carol@example.test')`);

    const shell = await loadShellData(t.db, viewerOf(carol), now);
    expect(shell.terms).toEqual({ version: { number: 2, effectiveOn: '2026-12-16', effectiveAt }, fromVersion: 1, upcoming: true });
    expect(shell.continuedUseDue).toBe(1);
    expect(shell.outages).toEqual([{ id: 'inc-shell', serviceId: 'compute', titleEn: 'Compute down', titleZh: '计算故障', startedAt: '2026-11-29T23:00:00.000Z' }]);
    expect(shell.standing).toEqual({ state: 'suspended_for_cause', reason: 'abuse', since: now });
    expect(shell.accuracy).toEqual({ reason: 'bounced', channel: 'email', destination: 'carol@example.test', at: bouncedAt });
    expect(shell.memberships).toEqual([{ accountId: carol.accountId, accountName: carol.accountName, role: 'owner' }]);
  });
});
