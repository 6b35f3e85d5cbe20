import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getContactDetails } from '@/lib/contact/contact-details';
import { confirmContactAccuracy } from '@/lib/contact/manage-contact';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { mailboxMessages, noticeDeliveries, notices } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { createNotice } from './create-notice';
import { listMailboxMessages, mailboxTransports } from './mailbox';
import { countUnreadNotices, listNotices, markAllNoticesRead, markNoticeRead } from './notice-centre';
import { deliverOutbox, OUTBOX_RULES, retryDelayMs, startOutboxWorker } from './outbox';
import { insertCustomer, recordingTransports } from './testing';

const T0 = new Date('2026-03-10T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const APP = 'http://portal.test';

describe.each(testDatabaseKinds())('notices and outbox on %s', (kind) => {
  let t: TestDatabase;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  async function customer(opts: { locale?: string; email?: string | null; phone?: string | null } = {}) {
    n += 1;
    const c = await insertCustomer(t.db, { id: `N${kind}${n}`, locale: opts.locale });
    await seedVerifiedContacts(t.db, { accountId: c.accountId, email: opts.email === undefined ? `n${n}@example.com` : opts.email, phone: opts.phone ?? null, now: T0 });
    return c;
  }

  const deliveriesOf = (accountId: string) => t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId));
  // Tests share one database: each starts with the outbox of earlier tests out of the way.
  beforeEach(async () => {
    await t.db.update(noticeDeliveries).set({ status: 'sent' }).where(inArray(noticeDeliveries.status, ['pending', 'sending']));
  });

  it('createNotice writes one outbox row per verified contact in the same transaction', async () => {
    const { accountId } = await customer({ phone: '+8613800001234' });
    const id = await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-100.00' }, dedupeKey: `s:${accountId}`, now: T0 });
    expect(id).toBeTruthy();
    const rows = await deliveriesOf(accountId);
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ['email', 'pending'],
      ['sms', 'pending'],
    ]);
    expect(await createNotice(t.db, { accountId, kind: 'suspended', dedupeKey: `s:${accountId}`, now: T0 })).toBeNull();
    expect(await deliveriesOf(accountId)).toHaveLength(2);
  });

  it('a notice and its outbox rows roll back together with the event', async () => {
    const { accountId } = await customer();
    await expect(
      t.db.transaction(async (tx) => {
        await createNotice(tx, { accountId, kind: 'reinstated', now: T0 });
        throw new Error('event failed');
      }),
    ).rejects.toThrow('event failed');
    expect(await t.db.select().from(notices).where(eq(notices.accountId, accountId))).toHaveLength(0);
    expect(await deliveriesOf(accountId)).toHaveLength(0);
  });

  it('unverified contacts get nothing; the notice centre always gets the notice', async () => {
    const { accountId } = await customer({ email: null });
    await createNotice(t.db, { accountId, kind: 'terms_amended', params: { version: '2026-04', effectiveOn: '2026-04-01' }, now: T0 });
    expect(await deliveriesOf(accountId)).toHaveLength(0);
    expect(await countUnreadNotices(t.db, accountId)).toBe(1);
  });

  it('delivers by email and SMS in the customer’s language, then never again', async () => {
    const { accountId } = await customer({ locale: 'zh-CN', phone: '+8613800005678' });
    await createNotice(t.db, { accountId, kind: 'penalty_posted', params: { amountFen: '30', balanceFen: '-10030' }, now: T0 });
    const rec = recordingTransports();
    const summary = await deliverOutbox(t.db, { now: T0, transports: rec.transports, appUrl: APP });
    expect(summary).toMatchObject({ sent: 2 });
    const email = rec.emails.find((e) => e.to === `n${n}@example.com`);
    expect(email?.subject).toBe('已收取逾期滞纳金');
    expect(email?.text).toContain('¥0.30');
    expect(email?.text).toContain('-¥100.30');
    expect(email?.text).toContain(`${APP}/notices`);
    expect(rec.sms.find((s) => s.to === '+8613800005678')?.text).toMatch(/^【账户门户】已收取逾期滞纳金/);
    const rows = await deliveriesOf(accountId);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt?.getTime() === T0.getTime())).toBe(true);
    const again = await deliverOutbox(t.db, { now: at(60_000), transports: rec.transports, appUrl: APP });
    expect(again.sent).toBe(0);
  });

  it('retries a transient failure with growing backoff and gives up after the last attempt', async () => {
    const { accountId } = await customer();
    await createNotice(t.db, { accountId, kind: 'reinstated', params: { balance: '0.00' }, now: T0 });
    const rec = recordingTransports();
    rec.failures.email = 'transient';
    let now = T0;
    for (let attempt = 1; attempt < OUTBOX_RULES.maxAttempts; attempt += 1) {
      const s = await deliverOutbox(t.db, { now, transports: rec.transports, appUrl: APP });
      expect(s.retrying).toBeGreaterThanOrEqual(1);
      const [row] = await deliveriesOf(accountId);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt });
      expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(attempt));
      // Not due yet: nothing happens a moment before the next attempt.
      const early = await deliverOutbox(t.db, { now: new Date(row.nextAttemptAt.getTime() - 1), transports: rec.transports, appUrl: APP });
      expect(early.retrying + early.failed + early.sent).toBe(0);
      now = row.nextAttemptAt;
    }
    await deliverOutbox(t.db, { now, transports: rec.transports, appUrl: APP });
    const [row] = await deliveriesOf(accountId);
    expect(row).toMatchObject({ status: 'failed', attempts: OUTBOX_RULES.maxAttempts });
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(30)).toBe(OUTBOX_RULES.maxRetryMs);
  });

  it('a delivery recovers after a transient failure', async () => {
    const { accountId } = await customer();
    await createNotice(t.db, { accountId, kind: 'reinstated', now: T0 });
    const rec = recordingTransports();
    rec.failures.email = 'transient';
    await deliverOutbox(t.db, { now: T0, transports: rec.transports, appUrl: APP });
    rec.failures.email = null;
    await deliverOutbox(t.db, { now: at(retryDelayMs(1)), transports: rec.transports, appUrl: APP });
    const [row] = await deliveriesOf(accountId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('a refused recipient is a bounce: the contact is flagged, the customer prompted and told in the notice centre', async () => {
    const { accountId, userId } = await customer({ phone: '+8613800009999' });
    await createNotice(t.db, { accountId, kind: 'invoice_issued', params: { number: 'INV-2026-0001', amount: '106.00' }, now: T0 });
    const rec = recordingTransports();
    rec.failures.email = 'recipient_refused';
    const s = await deliverOutbox(t.db, { now: at(500), transports: rec.transports, appUrl: APP });
    expect(s.bounced).toBe(1);
    const details = await getContactDetails(t.db, accountId, T0);
    expect(details.prompt).toMatchObject({ reason: 'bounced', channel: 'email', destination: `n${n}@example.com` });
    const { entries } = await listNotices(t.db, accountId);
    expect(entries.map((e) => e.kind)).toEqual(['contact_bounced', 'invoice_issued']);
    // The bounce notice goes to the notice centre and the phone, not back to the bouncing address.
    const rows = await deliveriesOf(accountId);
    const bounceNotice = entries[0].id;
    expect(rows.filter((r) => r.noticeId === bounceNotice).map((r) => r.channel)).toEqual(['sms']);
    // Until confirmed, the bounced address gets nothing new.
    await createNotice(t.db, { accountId, kind: 'reinstated', now: at(1000) });
    expect((await deliveriesOf(accountId)).filter((r) => r.channel === 'email')).toHaveLength(1);
    await confirmContactAccuracy(t.db, { accountId, actor: { userId, name: 'Customer' }, now: at(2000) });
    expect((await getContactDetails(t.db, accountId, at(2000))).prompt).toBeNull();
    await createNotice(t.db, { accountId, kind: 'reinstated', now: at(3000) });
    expect((await deliveriesOf(accountId)).filter((r) => r.channel === 'email')).toHaveLength(2);
  });

  it('a row claimed by a worker that died is retried after the claim runs out', async () => {
    const { accountId } = await customer();
    await createNotice(t.db, { accountId, kind: 'reinstated', now: T0 });
    await t.db.update(noticeDeliveries).set({ status: 'sending', claimedUntil: at(OUTBOX_RULES.claimMs) }).where(eq(noticeDeliveries.accountId, accountId));
    const rec = recordingTransports();
    expect((await deliverOutbox(t.db, { now: at(1000), transports: rec.transports, appUrl: APP })).sent).toBe(0);
    expect((await deliverOutbox(t.db, { now: at(OUTBOX_RULES.claimMs), transports: rec.transports, appUrl: APP })).sent).toBeGreaterThanOrEqual(1);
    expect((await deliveriesOf(accountId))[0].status).toBe('sent');
  });

  it('the demo mailbox keeps emails (rendered) and SMS', async () => {
    const { accountId } = await customer({ phone: '+8613800007777' });
    await createNotice(t.db, { accountId, kind: 'low_balance', params: { balance: '12.00', threshold: '50.00' }, now: T0 });
    await deliverOutbox(t.db, { now: T0, transports: mailboxTransports(t.db, () => T0), appUrl: APP });
    const mail = await listMailboxMessages(t.db, { recipient: `n${n}@example.com` });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ channel: 'email', subject: 'Your balance is low' });
    expect(mail[0].bodyHtml).toContain('<h1');
    expect(mail[0].bodyText).toContain('¥12.00');
    const sms = await listMailboxMessages(t.db, { recipient: '+8613800007777' });
    expect(sms[0]).toMatchObject({ channel: 'sms', subject: null });
    await t.db.delete(mailboxMessages);
  });

  it('notice centre: unread count, mark one read, mark all read, pages newest first, only the account’s own', async () => {
    const { accountId } = await customer({ email: null });
    const other = await customer({ email: null });
    for (let i = 0; i < 25; i += 1) await createNotice(t.db, { accountId, kind: 'reinstated', params: { balance: `${i}.00` }, now: at(i * 1000) });
    await createNotice(t.db, { accountId: other.accountId, kind: 'reinstated', now: T0 });
    expect(await countUnreadNotices(t.db, accountId)).toBe(25);
    const first = await listNotices(t.db, accountId);
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0].params.balance).toBe('24.00');
    const second = await listNotices(t.db, accountId, { before: first.nextCursor });
    expect(second.entries).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(await markNoticeRead(t.db, { accountId, noticeId: first.entries[0].id, now: at(99_000) })).toBe(true);
    expect(await countUnreadNotices(t.db, accountId)).toBe(24);
    const otherNotice = (await listNotices(t.db, other.accountId)).entries[0].id;
    expect(await markNoticeRead(t.db, { accountId, noticeId: otherNotice, now: at(99_000) })).toBe(false);
    expect(await countUnreadNotices(t.db, other.accountId)).toBe(1);
    expect(await markAllNoticesRead(t.db, { accountId, now: at(100_000) })).toBe(24);
    expect(await countUnreadNotices(t.db, accountId)).toBe(0);
  });

  it('the worker delivers in the background until stopped', async () => {
    const { accountId } = await customer();
    await createNotice(t.db, { accountId, kind: 'reinstated', now: T0 });
    const rec = recordingTransports();
    const stop = startOutboxWorker(() => t.db, { intervalMs: 20, appUrl: APP, transports: () => rec.transports, clock: () => at(1000) });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !rec.emails.some((e) => e.to === `n${n}@example.com`)) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(rec.emails.some((e) => e.to === `n${n}@example.com`)).toBe(true);
  });
});
