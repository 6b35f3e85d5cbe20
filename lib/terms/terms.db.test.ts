import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import type { Db } from '@/lib/db/client';
import { customerAccounts, notices, termsRecords, termsVersions, users } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { declareAccount } from './declare-account';
import { declarationSchema, type Declaration } from './declaration';
import { publishTermsVersion } from './publish-terms-version';
import { readFirstTermsSource, seedTerms } from './seed-terms';
import { TermsError } from './terms-error';
import { acknowledgeTermsVersion, recordContinuedUse, recordTermsView, termsBannerFor, termsRecordsOf, termsShellState } from './terms-records';
import { getCurrentTermsVersion, listTermsVersions } from './versions';

const TZ = 'Asia/Shanghai';
const seededAt = new Date('2026-11-26T02:00:00Z');
const v1Source = readFirstTermsSource();
const v2Source = v1Source.replace('charge 0.3% of the overdue payment', 'charge 0.5% of the overdue payment');

async function declaredCustomer(db: Db, email: string, now: Date) {
  const user = await createUserWithAccount(db, { email, name: email, now });
  await db.update(customerAccounts).set({ declaredAt: now, residence: 'CN' }).where(eq(customerAccounts.id, user.accountId));
  return user;
}

const actorOf = (user: { id: string; name: string }) => ({ userId: user.id, name: user.name });

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TermsError) return error.code;
    throw error;
  }
  return 'no error';
}

describe.each(testDatabaseKinds())('terms on %s', (kind) => {
  let t: TestDatabase;
  let alice: typeof users.$inferSelect;
  let bob: typeof users.$inferSelect;
  let admin: typeof users.$inferSelect;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    alice = await declaredCustomer(t.db, 'alice@example.test', seededAt);
    bob = await declaredCustomer(t.db, 'bob@example.test', seededAt);
    admin = await declaredCustomer(t.db, 'ada@example.test', seededAt);
  });
  afterAll(async () => t?.close());

  describe('seedTerms', () => {
    it('creates version 1 effective 2026-11-26 in Beijing and records acceptance for declared accounts, once', async () => {
      const fresh = await createUserWithAccount(t.db, { email: 'undeclared@example.test', name: 'U', now: seededAt });
      await seedTerms(t.db, { now: seededAt });
      await seedTerms(t.db, { now: new Date('2026-11-27T00:00:00Z') });
      const versions = await listTermsVersions(t.db);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ number: 1, effectiveOn: '2026-11-26', source: v1Source.trim() });
      expect(versions[0].effectiveAt.toISOString()).toBe('2026-11-25T16:00:00.000Z');
      const accepted = await t.db.select().from(termsRecords).where(eq(termsRecords.kind, 'accepted'));
      expect(accepted.map((r) => r.userId).sort()).toEqual([alice.id, bob.id, admin.id].sort());
      expect(accepted.every((r) => r.versionNumber === 1 && r.via === 'seed' && r.at.getTime() === seededAt.getTime())).toBe(true);
      expect(accepted.some((r) => r.accountId === fresh.accountId)).toBe(false);
    });
  });

  describe('declaration', () => {
    const declaration = (over: Partial<Declaration> = {}): Declaration => ({
      kind: 'organization',
      name: '示例科技有限公司',
      authorized: true,
      residence: 'other',
      termsVersion: 1,
      acceptTerms: true,
      ...over,
    });

    it('writes kind, name, residence and declaredAt with the acceptance of the version in force, in one transaction', async () => {
      const user = await createUserWithAccount(t.db, { email: 'org@example.test', name: 'Org Person', now: seededAt });
      const now = new Date('2026-11-26T08:00:00Z');
      expect(await declareAccount(t.db, { accountId: user.accountId, actor: actorOf(user), declaration: declaration(), now })).toEqual({ acceptedVersion: 1 });
      const [account] = await t.db.select().from(customerAccounts).where(eq(customerAccounts.id, user.accountId));
      expect(account).toMatchObject({ kind: 'organization', name: '示例科技有限公司', residence: 'other', declaredAt: now });
      const records = await termsRecordsOf(t.db, user.accountId);
      expect(records.map((r) => [r.kind, r.versionNumber, r.via, r.userId])).toEqual([['accepted', 1, 'declaration', user.id]]);
      expect(await errorOf(declareAccount(t.db, { accountId: user.accountId, actor: actorOf(user), declaration: declaration({ name: 'Other' }), now }))).toBe('already_declared');
    });

    it('is refused, writing nothing, when another version came into force after the page was shown', async () => {
      const user = await createUserWithAccount(t.db, { email: 'late@example.test', name: 'Late', now: seededAt });
      const now = new Date('2026-11-26T08:00:00Z');
      expect(await errorOf(declareAccount(t.db, { accountId: user.accountId, actor: actorOf(user), declaration: declaration({ termsVersion: 2 }), now }))).toBe('terms_changed');
      const [account] = await t.db.select().from(customerAccounts).where(eq(customerAccounts.id, user.accountId));
      expect(account.declaredAt).toBeNull();
      expect(await termsRecordsOf(t.db, user.accountId)).toEqual([]);
    });

    it('requires authority to act for an organization, acceptance of the terms and a name', () => {
      expect(declarationSchema.safeParse(declaration({ kind: 'individual', authorized: false })).success).toBe(true);
      expect(declarationSchema.safeParse(declaration({ authorized: false })).success).toBe(false);
      expect(declarationSchema.safeParse({ ...declaration(), acceptTerms: false }).success).toBe(false);
      expect(declarationSchema.safeParse(declaration({ name: '   ' })).success).toBe(false);
    });
  });

  describe('publishing, the banner and acknowledgement', () => {
    const publishedAt = new Date('2026-11-27T02:00:00Z');

    it('refuses a text without the governing-law paragraphs, an unchanged text and a past effective date', async () => {
      const base = { summaryEn: 'x', summaryZh: '某', actor: actorOf(admin), timeZone: TZ, now: publishedAt };
      expect(await errorOf(publishTermsVersion(t.db, { ...base, source: 'Terms 条款\n\nFees 费用\n\n1.Pay.', effectiveOn: '2026-12-01' }))).toBe('invalid_text');
      expect(await errorOf(publishTermsVersion(t.db, { ...base, source: v1Source + '\n', effectiveOn: '2026-12-01' }))).toBe('unchanged');
      expect(await errorOf(publishTermsVersion(t.db, { ...base, source: v2Source, effectiveOn: '2026-11-26' }))).toBe('effective_in_past');
      expect(await listTermsVersions(t.db)).toHaveLength(1);
    });

    it('publishes version 2 for a later date: not current before it, announced to every customer at once', async () => {
      const accounts = await t.db.select({ id: customerAccounts.id }).from(customerAccounts);
      const { version, noticesCreated } = await publishTermsVersion(t.db, {
        source: v2Source,
        summaryEn: 'Overdue penalty 0.5 % per day.',
        summaryZh: '逾期违约金调整为每日 0.5%。',
        effectiveOn: '2026-12-01',
        actor: actorOf(admin),
        timeZone: TZ,
        now: publishedAt,
      });
      expect(version).toMatchObject({ number: 2, effectiveOn: '2026-12-01', publishedByUserId: admin.id });
      expect(version.effectiveAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
      expect(noticesCreated).toBe(accounts.length);
      const aliceNotices = await t.db.select().from(notices).where(and(eq(notices.accountId, alice.accountId), eq(notices.kind, 'terms_amended')));
      expect(aliceNotices.map((n) => n.params)).toEqual([{ version: 2, effectiveOn: '2026-12-01' }]);
      expect((await getCurrentTermsVersion(t.db, new Date('2026-11-30T15:59:59Z')))?.number).toBe(1);
      expect((await getCurrentTermsVersion(t.db, new Date('2026-11-30T16:00:00Z')))?.number).toBe(2);
    });

    it('refuses an effective date before the latest version’s', async () => {
      const refused = publishTermsVersion(t.db, {
        source: v2Source.replace('0.5%', '0.4%'),
        summaryEn: 'x',
        summaryZh: '某',
        effectiveOn: '2026-11-29',
        actor: actorOf(admin),
        timeZone: TZ,
        now: publishedAt,
      });
      expect(await errorOf(refused)).toBe('effective_before_latest');
    });

    it('shows the banner until the customer acknowledges; acknowledging is recorded once', async () => {
      const now = new Date('2026-11-28T00:00:00Z');
      const banner = await termsBannerFor(t.db, { accountId: alice.accountId, now });
      expect(banner).toMatchObject({ version: { number: 2 }, fromVersion: 1, upcoming: true });
      const first = await acknowledgeTermsVersion(t.db, { accountId: alice.accountId, actor: actorOf(alice), version: 2, now });
      const again = await acknowledgeTermsVersion(t.db, { accountId: alice.accountId, actor: actorOf(alice), version: 2, now: new Date('2026-11-29T00:00:00Z') });
      expect(again.acknowledgedAt).toEqual(first.acknowledgedAt);
      expect(await termsBannerFor(t.db, { accountId: alice.accountId, now })).toBeNull();
      // Bob has not acknowledged: his banner stays.
      expect(await termsBannerFor(t.db, { accountId: bob.accountId, now })).toMatchObject({ version: { number: 2 } });
      expect(await errorOf(acknowledgeTermsVersion(t.db, { accountId: bob.accountId, actor: actorOf(bob), version: 9, now }))).toBe('unknown_version');
    });

    it('records the first view and the first use of each version in force, not again', async () => {
      const before = new Date('2026-11-29T00:00:00Z');
      const after = new Date('2026-12-02T00:00:00Z');
      // The shell reads which use is still to be recorded; rendering it writes nothing.
      expect(await termsShellState(t.db, { accountId: bob.accountId, userId: bob.id, recordUse: true, now: before })).toMatchObject({ continuedUseDue: 1 });
      expect(await termsRecordsOf(t.db, bob.accountId)).toHaveLength(1);
      const recorded: (number | null)[] = [];
      for (const now of [before, before, after, after]) {
        recorded.push(await recordContinuedUse(t.db, { accountId: bob.accountId, actor: actorOf(bob), now }));
      }
      expect(recorded).toEqual([1, null, 2, null]);
      expect(await termsShellState(t.db, { accountId: bob.accountId, userId: bob.id, recordUse: true, now: after })).toMatchObject({ continuedUseDue: null });
      await recordTermsView(t.db, { accountId: bob.accountId, actor: actorOf(bob), version: 2, via: 'terms_page', now: before });
      await recordTermsView(t.db, { accountId: bob.accountId, actor: actorOf(bob), version: 2, via: 'terms_page', now: after });
      const records = await termsRecordsOf(t.db, bob.accountId);
      expect(records.map((r) => [r.kind, r.versionNumber, r.at.toISOString()]).sort()).toEqual(
        [
          ['accepted', 1, seededAt.toISOString()],
          ['continued_use', 1, before.toISOString()],
          ['continued_use', 2, after.toISOString()],
          ['viewed', 2, before.toISOString()],
        ].sort(),
      );
      // A version that does not exist is refused, and nothing is written.
      expect(await errorOf(recordTermsView(t.db, { accountId: bob.accountId, actor: actorOf(bob), version: 99, via: 'diff_page', now: after }))).toBe('unknown_version');
      expect(await termsRecordsOf(t.db, bob.accountId)).toHaveLength(records.length);
      // Support viewing as Bob (recordUse off): nothing is due, so nothing is written.
      expect(await termsShellState(t.db, { accountId: bob.accountId, userId: admin.id, recordUse: false, now: after })).toMatchObject({ continuedUseDue: null });
      expect(await termsRecordsOf(t.db, bob.accountId)).toHaveLength(records.length);
    });

    it('numbers versions without gaps when two are published at once', async () => {
      const publish = (n: string) =>
        publishTermsVersion(t.db, {
          source: v2Source.replace('0.5%', n),
          summaryEn: n,
          summaryZh: n,
          effectiveOn: '2026-12-05',
          actor: actorOf(admin),
          timeZone: TZ,
          now: publishedAt,
        });
      const results = await Promise.all([publish('0.6%'), publish('0.7%')]);
      expect(results.map((r) => r.version.number).sort()).toEqual([3, 4]);
      const rows = await t.db.select({ number: termsVersions.number }).from(termsVersions);
      expect(rows.map((r) => r.number).sort()).toEqual([1, 2, 3, 4]);
    });
  });
});
