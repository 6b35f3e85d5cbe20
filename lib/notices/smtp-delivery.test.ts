import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccuracyPrompt, getContactDetails } from '@/lib/contact/contact-details';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { requestContactVerification } from '@/lib/contact/request-verification';
import { verifyContactCode } from '@/lib/contact/verify-contact';
import { noticeDeliveries } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { createNotice } from './create-notice';
import { transportsFromConfig } from './mailbox';
import { listNotices } from './notice-centre';
import { deliverOutbox } from './outbox';
import { codeIn, insertCustomer, recordingTransports } from './testing';
import { startSmtpServer } from './smtp-test-server';


function header(raw: string, name: string): string | undefined {
  const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

/** The decoded text of a message (quoted-printable soft breaks and escapes undone). */
function decodedBody(raw: string): string {
  const body = raw.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

const T0 = new Date('2026-03-10T08:00:00Z');
const APP = 'http://portal.test';

describe.each(testDatabaseKinds())('email over a real SMTP server, on %s', (kind) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let n = 0;
  beforeAll(async () => {
    [t, smtp] = await Promise.all([createTestDatabase(kind), startSmtpServer()]);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  const transports = () => transportsFromConfig(t.db, { demoMode: false, smtpUrl: smtp.url, smtpFrom: 'Account Portal <no-reply@portal.test>' });

  async function customer(email: string, locale: string | null = null) {
    n += 1;
    const c = await insertCustomer(t.db, { id: `S${kind}${n}`, locale });
    await seedVerifiedContacts(t.db, { accountId: c.accountId, email, now: T0 });
    return c;
  }

  it('delivers a notice by email: subject, recipient and body', async () => {
    const { accountId } = await customer('alice.smtp@example.com');
    await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-100.00' }, now: T0 });
    const summary = await deliverOutbox(t.db, { now: T0, transports: transports(), appUrl: APP });
    expect(summary.sent).toBe(1);
    const message = smtp.received.find((m) => m.to.includes('alice.smtp@example.com'));
    expect(message).toBeDefined();
    expect(message?.to).toEqual(['alice.smtp@example.com']);
    expect(message?.from).toBe('no-reply@portal.test');
    expect(header(message!.raw, 'Subject')).toBe('Your account is suspended');
    expect(header(message!.raw, 'To')).toBe('alice.smtp@example.com');
    const body = decodedBody(message!.raw);
    expect(body).toContain('Your balance fell below zero (-¥100.00)');
    expect(body).toContain(`${APP}/notices`);
    expect(body).toContain('<h1');
    const [row] = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId));
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row.providerMessageId).toBeTruthy();
  });

  it('writes the email in the customer’s language', async () => {
    const { accountId } = await customer('zh.smtp@example.com', 'zh-CN');
    await createNotice(t.db, { accountId, kind: 'reinstated', params: { balance: '0.30' }, now: T0 });
    await deliverOutbox(t.db, { now: T0, transports: transports(), appUrl: APP });
    const message = smtp.received.find((m) => m.to.includes('zh.smtp@example.com'));
    // Non-ASCII subjects are MIME-encoded words.
    expect(header(message!.raw, 'Subject')).toMatch(/^=\?UTF-8\?/i);
    expect(decodedBody(message!.raw)).toContain('您的余额已恢复至 ¥0.30');
  });

  it('a refused recipient marks a bounce and brings up the accuracy prompt', async () => {
    const { accountId } = await customer('refused.smtp@example.com');
    expect((await getContactDetails(t.db, accountId, T0)).prompt).toBeNull();
    await createNotice(t.db, { accountId, kind: 'penalty_posted', params: { amount: '0.30', balance: '-100.30' }, now: T0 });
    const summary = await deliverOutbox(t.db, { now: new Date(T0.getTime() + 1000), transports: transports(), appUrl: APP });
    expect(summary.bounced).toBe(1);
    const [row] = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId));
    expect(row.status).toBe('bounced');
    expect(row.lastError).toMatch(/550/);
    expect((await getContactDetails(t.db, accountId, T0)).prompt).toMatchObject({ reason: 'bounced', channel: 'email', destination: 'refused.smtp@example.com' });
    // The banner on every page reads the same prompt.
    expect(await getAccuracyPrompt(t.db, accountId, T0)).toMatchObject({ reason: 'bounced', destination: 'refused.smtp@example.com' });
    expect((await listNotices(t.db, accountId)).entries[0].kind).toBe('contact_bounced');
  });

  it('an unreachable SMTP server is a transient failure, retried later', async () => {
    const { accountId } = await customer('later.smtp@example.com');
    await createNotice(t.db, { accountId, kind: 'reinstated', now: T0 });
    const down = transportsFromConfig(t.db, { demoMode: false, smtpUrl: 'smtp://127.0.0.1:1', smtpFrom: 'no-reply@portal.test' });
    await deliverOutbox(t.db, { now: T0, transports: down, appUrl: APP });
    const [row] = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(T0.getTime());
  });

  it('sends a verification code by email and the code from the message verifies', async () => {
    const { accountId, userId } = await customer('before.smtp@example.com');
    const sms = recordingTransports().transports.sms;
    const result = await requestContactVerification(t.db, {
      accountId,
      channel: 'email',
      value: 'after.smtp@example.com',
      actor: { userId, name: 'Customer', ip: '127.0.0.1' },
      locale: 'en',
      now: T0,
      transports: { ...transports(), sms },
    });
    expect(result).toMatchObject({ status: 'sent' });
    const message = smtp.received.find((m) => m.to.includes('after.smtp@example.com'));
    expect(header(message!.raw, 'Subject')).toBe('Your verification code');
    const code = codeIn(decodedBody(message!.raw));
    expect(await verifyContactCode(t.db, { accountId, channel: 'email', code, actor: { userId, name: 'Customer' }, now: T0 })).toBe('after.smtp@example.com');
  });

  it('a code to a refused address is reported, and nothing is left pending', async () => {
    const { accountId, userId } = await customer('keep.smtp@example.com');
    const result = requestContactVerification(t.db, {
      accountId,
      channel: 'email',
      value: 'refused.new@example.com',
      actor: { userId, name: 'Customer', ip: '127.0.0.1' },
      locale: 'en',
      now: T0,
      transports: transports(),
    });
    await expect(result).rejects.toMatchObject({ code: 'recipient_refused' });
    const details = await getContactDetails(t.db, accountId, T0);
    expect(details.email).toMatchObject({ verified: 'keep.smtp@example.com', pending: null });
  });
});
