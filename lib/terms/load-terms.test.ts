import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { customerAccounts } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { loadAdminTerms, loadTermsDiff, loadTermsHistory, loadTermsPage, loadWelcome } from './load-terms';
import { publishTermsVersion } from './publish-terms-version';
import { readFirstTermsSource, seedTerms } from './seed-terms';
import { recordTermsView } from './terms-records';

const TZ = 'Asia/Shanghai';
const seededAt = new Date('2026-11-26T02:00:00Z');
const now = new Date('2026-11-28T02:00:00Z');
const v1Source = readFirstTermsSource();
const v2Source = v1Source.replace('charge 0.3% of the overdue payment', 'charge 0.5% of the overdue payment');
const impersonation = { accountId: 'x', reason: 'r', startedAt: now, expiresAt: now };

describe.each(testDatabaseKinds())('the terms page loaders on %s', (kind) => {
  let t: TestDatabase;
  let viewer: { accountId: string; userId: string; impersonation: null };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const user = await createUserWithAccount(t.db, { email: 'reader@example.test', name: 'Reader', now: seededAt });
    await t.db.update(customerAccounts).set({ declaredAt: seededAt, residence: 'CN' }).where(eq(customerAccounts.id, user.accountId));
    viewer = { accountId: user.accountId, userId: user.id, impersonation: null };
  });
  afterAll(async () => t?.close());

  it('before any terms: no version to show, and nothing to compare', async () => {
    expect(await loadTermsPage(t.db, viewer, { requested: null, lang: 'en', now })).toEqual({ found: false, requested: null });
    expect(await loadTermsDiff(t.db, viewer, { from: null, to: null, lang: 'en' })).toEqual({ kind: 'need_two' });
  });

  it('shows the version in force with the upcoming one announced; an asked-for version with the current one offered', async () => {
    await seedTerms(t.db, { now: seededAt });
    await publishTermsVersion(t.db, { source: v2Source, summaryEn: 'Penalty 0.5%', summaryZh: '违约金 0.5%', effectiveOn: '2026-12-31', actor: null, timeZone: TZ, now });

    const current = await loadTermsPage(t.db, viewer, { requested: null, lang: 'zh', now });
    if (!current.found) throw new Error('no terms shown');
    expect(current.version.number).toBe(1);
    expect(current.status).toBe('current');
    expect(current.upcoming?.number).toBe(2);
    expect(current.offerCurrent).toBe(false);
    expect(current.residence).toBe('CN');
    expect(current.hrefFor).toEqual({ en: '/terms?lang=en', zh: '/terms?lang=zh' });
    expect(current.law?.section.role).toBe('governing_law');
    expect(current.recordView).toBe(true);

    const next = await loadTermsPage(t.db, viewer, { requested: 2, lang: 'en', now });
    if (!next.found) throw new Error('version 2 not shown');
    expect(next.status).toBe('upcoming');
    expect(next.upcoming).toBeNull();
    expect(next.offerCurrent).toBe(true);
    expect(next.hrefFor.zh).toBe('/terms?version=2&lang=zh');

    expect(await loadTermsPage(t.db, viewer, { requested: 9, lang: 'en', now })).toEqual({ found: false, requested: 9 });
    const asSupport = await loadTermsPage(t.db, { ...viewer, impersonation }, { requested: null, lang: 'en', now });
    expect(asSupport.found && asSupport.recordView).toBe(false);
  });

  it('compares the latest version with the one before by default, and refuses a version compared with itself', async () => {
    const diff = await loadTermsDiff(t.db, viewer, { from: null, to: null, lang: 'en' });
    expect(diff.kind === 'diff' && [diff.from, diff.to, diff.summary, diff.nothing, diff.diff.changed > 0]).toEqual([1, 2, 'Penalty 0.5%', false, true]);
    const zh = await loadTermsDiff(t.db, viewer, { from: 1, to: null, lang: 'zh' });
    expect(zh.kind === 'diff' && zh.summary).toBe('违约金 0.5%');
    expect(await loadTermsDiff(t.db, viewer, { from: 2, to: 2, lang: 'en' })).toEqual({ kind: 'bad_versions', numbers: [1, 2], from: 1, to: 2 });
    expect(await loadTermsDiff(t.db, viewer, { from: null, to: 7, lang: 'en' })).toMatchObject({ kind: 'bad_versions' });
  });

  it('lists the versions newest first with their status, and tells the viewer’s own records from others’', async () => {
    const other = await createUserWithAccount(t.db, { email: 'other@example.test', name: 'Other', now: seededAt });
    await recordTermsView(t.db, { accountId: viewer.accountId, actor: { userId: viewer.userId, name: 'Viewer' }, version: 1, via: 'terms_page', now });
    await recordTermsView(t.db, { accountId: viewer.accountId, actor: { userId: other.id, name: 'Other' }, version: 2, via: 'diff_page', now });
    const history = await loadTermsHistory(t.db, viewer, { now });
    expect(history.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'upcoming'],
      [1, 'current'],
    ]);
    expect(history.compare).toEqual({ numbers: [1, 2], from: 1, to: 2 });
    expect(history.records.map((r) => [r.versionNumber, r.byYou])).toEqual(expect.arrayContaining([
      [1, true],
      [2, false],
    ]));
  });

  it('asks an undeclared account to accept the version in force, and nothing of a declared one', async () => {
    expect(await loadWelcome(t.db, { declared: true }, { now })).toEqual({ declared: true });
    const welcome = await loadWelcome(t.db, { declared: false }, { now });
    expect(!welcome.declared && welcome.current?.number).toBe(1);
  });

  it('lets the admin publish from today, or from the latest version’s effective date when that is later', async () => {
    const admin = await loadAdminTerms(t.db, { now, timeZone: TZ });
    expect([admin.latest?.number, admin.minDate]).toEqual([2, '2026-12-31']);
    expect((await loadAdminTerms(t.db, { now: new Date('2027-02-01T02:00:00Z'), timeZone: TZ })).minDate).toBe('2027-02-01');
  });
});
