import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { accountMembers, noticeDeliveries, users, type MemberRole } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { memberRoles } from '@/lib/members/roles';
import { noticeKindsHiddenFrom, rolesConcernedBy } from './audience';
import { broadcastNotice } from './broadcast-notice';
import { recordBounce } from './outbox';
import { createNotice, type NoticeKind } from './create-notice';
import { listNotices } from './notice-centre';
import { deliverOutbox } from './outbox';
import { NOTICE_PARAMS } from './render-notice';
import { recordingTransports } from './testing';

/*
 * Issue 17: notices go to the members whose role concerns them — invoices and top-ups to owners
 * and billing, suspension to everyone — by email to each one's verified address, besides the
 * account's verified contact, each address once. The notice centre filters by the same table.
 */

const T0 = new Date('2026-03-10T08:00:00Z');
const APP = 'http://portal.test';
let sequence = 0;

describe.each(testDatabaseKinds())('who a notice goes to, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  /**
   * An account whose owner made it, with a billing member and a viewer (each a user with a verified
   * address and an account of their own), a billing member whose address was never verified, and
   * a verified contact email.
   */
  async function team(opts: { contactIsOwner?: boolean; viewerLocale?: string } = {}) {
    sequence += 1;
    const tag = `${kind}-${sequence}`.toLowerCase();
    const owner = await createUserWithAccount(t.db, { email: `owner-${tag}@demo.test`, emailVerified: true, name: `owner-${tag}`, now: T0 });
    const accountId = owner.accountId;
    const member = async (name: string, role: MemberRole, verified = true, locale: string | null = null) => {
      const user = await createUserWithAccount(t.db, { email: `${name}-${tag}@demo.test`, emailVerified: verified, name: `${name}-${tag}`, now: T0 });
      await t.db.insert(accountMembers).values({ accountId, userId: user.id, role, createdAt: T0 });
      if (locale) await t.db.update(users).set({ locale }).where(eq(users.id, user.id));
      return user.email;
    };
    const billing = await member('clerk', 'billing');
    const viewer = await member('engineer', 'viewer', true, opts.viewerLocale ?? null);
    const unverified = await member('unverified', 'billing', false);
    // The contact may be the owner's own address, as typed on /contact (in capitals).
    const contact = opts.contactIsOwner ? owner.email.toUpperCase() : `accounts-${tag}@example.com`;
    await seedVerifiedContacts(t.db, { accountId, email: contact, now: T0 });
    return { accountId, contact, owner: owner.email, billing, viewer, unverified };
  }

  const emailsOf = async (noticeId: string | null) => {
    expect(noticeId).toBeTruthy();
    const rows = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.noticeId, noticeId!));
    expect(rows.every((r) => r.channel === 'email')).toBe(true);
    return rows.map((r) => r.destination).sort();
  };

  it('invoices and refunds go to owners and billing, suspension to every member, invitations to owners — each by email, besides the contact', async () => {
    const team1 = await team();
    const { accountId, contact, owner, billing, viewer } = team1;
    const invoice = await createNotice(t.db, { accountId, kind: 'invoice_issued', params: { number: 'INV-2026-000001', amount: '106.00' }, now: T0 });
    expect(await emailsOf(invoice)).toEqual([contact, billing, owner].sort());
    const refund = await createNotice(t.db, { accountId, kind: 'payment_refunded', params: { amount: '10.00' }, now: T0 });
    expect(await emailsOf(refund)).toEqual([contact, billing, owner].sort());
    const suspended = await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, now: T0 });
    expect(await emailsOf(suspended)).toEqual([contact, billing, owner, viewer].sort());
    const invited = await createNotice(t.db, { accountId, kind: 'member_invited', params: { email: 'x@example.com', role: 'viewer', invitedBy: 'owner' }, now: T0 });
    expect(await emailsOf(invited)).toEqual([contact, owner].sort());

    // The outbox delivers them: the viewer got the suspension and nothing about money.
    const recording = recordingTransports();
    await deliverOutbox(t.db, { now: T0, transports: recording.transports, appUrl: APP, limit: 1000 });
    const toViewer = recording.emails.filter((e) => e.to === viewer);
    expect(toViewer).toHaveLength(1);
    expect(toViewer[0].subject).toMatch(/suspended/i);
    expect(recording.emails.filter((e) => e.to === billing)).toHaveLength(3);
    expect(recording.emails.filter((e) => e.to === team1.unverified)).toHaveLength(0);
  });

  it('each address once: a member whose address is the contact’s (in another case) gets one email', async () => {
    const { accountId, owner, billing, viewer } = await team({ contactIsOwner: true });
    const id = await createNotice(t.db, { accountId, kind: 'reinstated', params: { balance: '0.00' }, now: T0 });
    const emails = await emailsOf(id);
    expect(emails).toHaveLength(3);
    expect(emails.map((e) => e.toLowerCase()).sort()).toEqual([owner, billing, viewer].sort());
  });

  it('a bounced address gets nothing, whoever has it, until confirmed; an unverified member’s address never does', async () => {
    const { accountId, contact, billing, viewer, unverified } = await team({ contactIsOwner: true });
    await recordBounce(t.db, { accountId, channel: 'email', destination: contact, dedupeKey: `bounce:${accountId}`, now: T0 });
    const id = await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, now: T0 });
    // Neither the contact nor the owner, whose address it is.
    expect(await emailsOf(id)).toEqual([billing, viewer].sort());
    expect(await emailsOf(id)).not.toContain(unverified);
  });

  it('a member who chose a language gets the message in it; the others in the account’s', async () => {
    const { accountId, viewer } = await team({ viewerLocale: 'zh-CN' });
    const id = await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, now: T0 });
    const rows = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.noticeId, id!));
    expect(rows.find((r) => r.destination === viewer)?.locale).toBe('zh-CN');
    expect(rows.filter((r) => r.destination !== viewer).every((r) => r.locale === 'en')).toBe(true);
  });

  it('a notice to many accounts at once (outages, prices, announcements) follows the same table', async () => {
    const a = await team({ viewerLocale: 'zh-CN' });
    const b = await team();
    // Every member's kind: everyone, each address once, the viewer in their language.
    expect(await broadcastNotice(t.db, { accounts: [a.accountId, b.accountId], kind: 'announcement', params: { title: 'Hello' }, dedupePrefix: `ann:${sequence}:`, now: T0 })).toBe(2);
    for (const x of [a, b]) {
      const rows = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, x.accountId));
      expect(rows.map((r) => r.destination).sort()).toEqual([x.contact, x.owner, x.billing, x.viewer].sort());
      expect(rows.find((r) => r.destination === x.viewer)?.locale).toBe(x === a ? 'zh-CN' : 'en');
    }
    // A kind of owners and billing: not the viewer.
    await broadcastNotice(t.db, { accounts: [a.accountId], kind: 'low_balance', params: { balance: '1.00' }, dedupePrefix: `low:${sequence}:`, now: T0 });
    const low = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, a.accountId));
    expect(low.filter((r) => r.destination === a.viewer)).toHaveLength(1);
    expect(low.filter((r) => r.destination === a.billing)).toHaveLength(2);
    // Each address once here too, and nothing to a bounced one.
    const c = await team({ contactIsOwner: true });
    await recordBounce(t.db, { accountId: c.accountId, channel: 'email', destination: c.contact, dedupeKey: `bounce:${c.accountId}`, now: T0 });
    // (The bounce itself told the account: those deliveries are not the announcement's.)
    const before = new Set((await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, c.accountId))).map((r) => r.id));
    await broadcastNotice(t.db, { accounts: [c.accountId], kind: 'announcement', params: { title: 'Hello' }, dedupePrefix: `ann2:${sequence}:`, now: T0 });
    const rows = (await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, c.accountId))).filter((r) => !before.has(r.id));
    expect(rows.map((r) => r.destination).sort()).toEqual([c.billing, c.viewer].sort());
  });

  it('the notice centre shows each member exactly the kinds they are emailed', async () => {
    const { accountId } = await team();
    const kinds: NoticeKind[] = ['invoice_issued', 'low_balance', 'member_invited', 'suspended', 'terms_amended'];
    for (const k of kinds) await createNotice(t.db, { accountId, kind: k, now: T0 });
    for (const role of memberRoles) {
      const shown = (await listNotices(t.db, accountId, { role })).entries.map((e) => e.kind).sort();
      expect(shown).toEqual(kinds.filter((k) => rolesConcernedBy(k).includes(role)).sort());
    }
    expect((await listNotices(t.db, accountId, { role: null })).entries).toHaveLength(kinds.length);
  });
});

describe('the one table of who a notice concerns', () => {
  it('hides from a role exactly the kinds that don’t concern it; suspension concerns everyone', () => {
    const every = Object.keys(NOTICE_PARAMS) as NoticeKind[];
    for (const role of memberRoles) {
      for (const k of every) expect(noticeKindsHiddenFrom(role).includes(k)).toBe(!rolesConcernedBy(k).includes(role));
    }
    expect(rolesConcernedBy('suspended')).toEqual(memberRoles);
    expect(rolesConcernedBy('invoice_issued')).toEqual(['owner', 'billing']);
    expect(noticeKindsHiddenFrom(null)).toEqual([]);
  });
});
