import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountContacts, activityRecords, contactVerifications, noticeDeliveries } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { createNotice } from '@/lib/notices/create-notice';
import { codeIn, insertCustomer, recordingTransports } from '@/lib/notices/testing';
import { getContactDetails } from './contact-details';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { confirmContactAccuracy } from './manage-contact';
import { OTP_RULES } from './otp';
import { seedDemoContacts } from '@/lib/demo/contacts';
import { ContactError } from './contact-error';
import { requestContactVerification, type RequestVerificationInput } from './request-verification';
import { verifyContactCode } from './verify-contact';

const T0 = new Date('2026-03-10T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The customer acting (insertCustomer names the user after the account; the name is not what these tests are about). */
const actor = (userId: string, ip?: string) => ({ userId, name: 'Customer', ...(ip ? { ip } : {}) });

describe.each(testDatabaseKinds())('contact verification on %s', (kind) => {
  let t: TestDatabase;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  async function customer(opts: { locale?: string } = {}) {
    n += 1;
    return insertCustomer(t.db, { id: `C${kind}${n}`, locale: opts.locale });
  }

  function requester(accountId: string, userId: string) {
    const rec = recordingTransports();
    const request = (channel: 'email' | 'phone', value: string, now: Date, extra: Partial<RequestVerificationInput> = {}) =>
      requestContactVerification(t.db, { accountId, channel, value, actor: { userId, name: 'Customer', ip: `10.0.0.${n}` }, locale: 'en', now, transports: rec.transports, ...extra });
    const lastEmailCode = () => codeIn(rec.emails[rec.emails.length - 1].text);
    const lastSmsCode = () => codeIn(rec.sms[rec.sms.length - 1].text);
    return { rec, request, lastEmailCode, lastSmsCode };
  }

  it('stores the code only hashed and sends it to the new address', async () => {
    const { accountId, userId } = await customer();
    const { request, rec, lastEmailCode } = requester(accountId, userId);
    const result = await request('email', ' New@Example.com ', T0);
    expect(result).toMatchObject({ status: 'sent', value: 'new@example.com' });
    expect(rec.emails).toHaveLength(1);
    expect(rec.emails[0].to).toBe('new@example.com');
    const code = lastEmailCode();
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await t.db.select().from(contactVerifications).where(eq(contactVerifications.accountId, accountId));
    expect(row.codeHash).not.toContain(code);
    expect(row.codeSalt).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(`"${code}"`);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(10 * MINUTE);
  });

  it('keeps the verified email in use while the new one is pending, and switches once verified', async () => {
    const { accountId, userId } = await customer();
    await seedVerifiedContacts(t.db, { accountId, email: 'old@example.com', now: T0 });
    const { request, lastEmailCode } = requester(accountId, userId);
    await request('email', 'new@example.com', T0);

    const pending = await getContactDetails(t.db, accountId, at(MINUTE));
    expect(pending.email.verified).toBe('old@example.com');
    expect(pending.email.pending).toMatchObject({ value: 'new@example.com', status: 'pending', expired: false, attemptsLeft: 5 });

    // A notice raised meanwhile goes to the verified address only.
    await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, now: at(MINUTE) });
    const deliveries = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId));
    expect(deliveries.map((d) => d.destination)).toEqual(['old@example.com']);

    const verified = await verifyContactCode(t.db, { accountId, channel: 'email', code: lastEmailCode(), actor: actor(userId), now: at(2 * MINUTE) });
    expect(verified).toBe('new@example.com');
    const after = await getContactDetails(t.db, accountId, at(2 * MINUTE));
    expect(after.email.verified).toBe('new@example.com');
    expect(after.email.verifiedAt).toEqual(at(2 * MINUTE));
    expect(after.email.pending).toBeNull();
    const activity = await t.db.select().from(activityRecords).where(eq(activityRecords.accountId, accountId));
    expect(activity.map((a) => a.kind)).toContain('contact_verified');
  });

  it('refuses a code after 10 minutes', async () => {
    const { accountId, userId } = await customer();
    const { request, lastSmsCode } = requester(accountId, userId);
    await request('phone', '138 0000 1111', T0);
    const code = lastSmsCode();
    await expect(verifyContactCode(t.db, { accountId, channel: 'phone', code, actor: actor(userId), now: at(OTP_RULES.ttlMs) })).rejects.toMatchObject({ code: 'expired' });
    const details = await getContactDetails(t.db, accountId, at(OTP_RULES.ttlMs));
    expect(details.phone.pending).toMatchObject({ value: '+8613800001111', expired: true });
    expect(details.phone.verified).toBeNull();
  });

  it('accepts a code just before it expires', async () => {
    const { accountId, userId } = await customer();
    const { request, lastSmsCode } = requester(accountId, userId);
    await request('phone', '+86 138-0000-2222', T0);
    expect(await verifyContactCode(t.db, { accountId, channel: 'phone', code: lastSmsCode(), actor: actor(userId), now: at(OTP_RULES.ttlMs - 1) })).toBe('+8613800002222');
  });

  it('locks the code after 5 wrong attempts, even for the right code afterwards', async () => {
    const { accountId, userId } = await customer();
    const { request, lastEmailCode } = requester(accountId, userId);
    await request('email', 'lock@example.com', T0);
    const code = lastEmailCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i += 1) {
      await expect(verifyContactCode(t.db, { accountId, channel: 'email', code: wrong, actor: actor(userId), now: at(i * SECOND) })).rejects.toMatchObject({
        code: 'wrong_code',
        attemptsLeft: 5 - i,
      });
    }
    await expect(verifyContactCode(t.db, { accountId, channel: 'email', code: wrong, actor: actor(userId), now: at(5 * SECOND) })).rejects.toMatchObject({ code: 'locked' });
    await expect(verifyContactCode(t.db, { accountId, channel: 'email', code, actor: actor(userId), now: at(6 * SECOND) })).rejects.toMatchObject({ code: 'locked' });
    const details = await getContactDetails(t.db, accountId, at(6 * SECOND));
    expect(details.email.pending).toMatchObject({ status: 'locked', attemptsLeft: 0 });
    expect(details.email.verified).toBeNull();
  });

  it('concurrent wrong guesses never exceed 5 attempts', async () => {
    const { accountId, userId } = await customer();
    const { request, lastEmailCode } = requester(accountId, userId);
    await request('email', 'race@example.com', T0);
    const wrong = lastEmailCode() === '000000' ? '111111' : '000000';
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => verifyContactCode(t.db, { accountId, channel: 'email', code: wrong, actor: actor(userId), now: at(SECOND) })),
    );
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ContactError && r.reason.code === 'wrong_code')).toHaveLength(4);
    const [row] = await t.db.select().from(contactVerifications).where(eq(contactVerifications.accountId, accountId));
    expect(row.attempts).toBe(5);
    expect(row.status).toBe('locked');
  });

  it('a new code after a lockout works, and supersedes the old one', async () => {
    const { accountId, userId } = await customer();
    const { request, lastEmailCode } = requester(accountId, userId);
    await request('email', 'again@example.com', T0);
    const first = lastEmailCode();
    await request('email', 'again@example.com', at(OTP_RULES.resendCooldownMs));
    const second = lastEmailCode();
    if (first !== second) {
      await expect(verifyContactCode(t.db, { accountId, channel: 'email', code: first, actor: actor(userId), now: at(2 * MINUTE) })).rejects.toMatchObject({ code: 'wrong_code' });
    }
    expect(await verifyContactCode(t.db, { accountId, channel: 'email', code: second, actor: actor(userId), now: at(2 * MINUTE) })).toBe('again@example.com');
  });

  it('waits 60 s between two codes to the same value; re-entering the pending value within it sends nothing new', async () => {
    const { accountId, userId } = await customer();
    const { request, rec } = requester(accountId, userId);
    expect(await request('phone', '13900001111', T0)).toMatchObject({ status: 'sent' });
    expect(await request('phone', '+86 139 0000 1111', at(30 * SECOND))).toEqual({ status: 'already_sent', value: '+8613900001111', resendAvailableAt: at(MINUTE) });
    expect(rec.sms).toHaveLength(1);
    expect((await getContactDetails(t.db, accountId, at(30 * SECOND))).phone.resendAvailableAt).toEqual(at(MINUTE));
    // A typo corrected at once goes to the corrected number (the per-account limit bounds these).
    expect(await request('phone', '13900002222', at(40 * SECOND))).toMatchObject({ status: 'sent', value: '+8613900002222' });
    // Back to the first number within its cooldown: refused until 60 s after its code.
    await expect(request('phone', '13900001111', at(59 * SECOND))).rejects.toMatchObject({ code: 'cooldown', retryAt: at(MINUTE), params: { seconds: 1 } });
    expect(rec.sms).toHaveLength(2);
    expect(await request('phone', '13900001111', at(MINUTE))).toMatchObject({ status: 'sent', value: '+8613900001111' });
    expect(rec.sms).toHaveLength(3);
    const details = await getContactDetails(t.db, accountId, at(MINUTE));
    expect(details.phone.pending?.value).toBe('+8613900001111');
    expect(details.phone.resendAvailableAt).toEqual(at(2 * MINUTE));
  });

  it('a locked code may be replaced by a new one only after the cooldown', async () => {
    const { accountId, userId } = await customer();
    const { request, lastEmailCode } = requester(accountId, userId);
    await request('email', 'cool@example.com', T0);
    const wrong = lastEmailCode() === '000000' ? '111111' : '000000';
    for (let i = 0; i < OTP_RULES.maxAttempts; i += 1) {
      await expect(verifyContactCode(t.db, { accountId, channel: 'email', code: wrong, actor: actor(userId), now: at(SECOND) })).rejects.toBeInstanceOf(ContactError);
    }
    await expect(request('email', 'cool@example.com', at(10 * SECOND))).rejects.toMatchObject({ code: 'cooldown', retryAt: at(MINUTE), params: { seconds: 50 } });
    expect(await request('email', 'cool@example.com', at(MINUTE))).toMatchObject({ status: 'sent' });
    expect(await verifyContactCode(t.db, { accountId, channel: 'email', code: lastEmailCode(), actor: actor(userId), now: at(MINUTE) })).toBe('cool@example.com');
  });

  it('limits codes per account in a rolling hour', async () => {
    const { accountId, userId } = await customer();
    const { request } = requester(accountId, userId);
    for (let i = 0; i < OTP_RULES.maxSendsPerAccount; i += 1) {
      expect(await request(i % 2 ? 'email' : 'phone', i % 2 ? `r${i}@example.com` : `1390000${String(1000 + i)}`, at(i * MINUTE))).toMatchObject({ status: 'sent' });
    }
    const refusedAt = at(OTP_RULES.maxSendsPerAccount * MINUTE);
    const retryAt = new Date(refusedAt.getTime() + OTP_RULES.rateWindowMs);
    await expect(request('email', 'one-more@example.com', refusedAt)).rejects.toMatchObject({ code: 'rate_limited_account', retryAt, params: { time: retryAt } });
    expect(await request('email', 'one-more@example.com', at(OTP_RULES.rateWindowMs + MINUTE))).toMatchObject({ status: 'sent' });
  });

  it('limits codes per IP address across accounts', async () => {
    const ip = '192.0.2.77';
    const rec = recordingTransports();
    for (let i = 0; i < OTP_RULES.maxSendsPerIp; i += 1) {
      const { accountId, userId } = await customer();
      const r = await requestContactVerification(t.db, { accountId, channel: 'email', value: `ip${i}@example.com`, actor: actor(userId, ip), locale: 'en', now: at(i * SECOND), transports: rec.transports });
      expect(r).toMatchObject({ status: 'sent' });
    }
    const { accountId, userId } = await customer();
    const refused = requestContactVerification(t.db, { accountId, channel: 'email', value: 'ipx@example.com', actor: actor(userId, ip), locale: 'en', now: at(MINUTE), transports: rec.transports });
    await expect(refused).rejects.toMatchObject({ code: 'rate_limited_ip' });
    const other = await requestContactVerification(t.db, { accountId, channel: 'email', value: 'ipx@example.com', actor: actor(userId, '192.0.2.78'), locale: 'en', now: at(MINUTE), transports: rec.transports });
    expect(other).toMatchObject({ status: 'sent' });
  });

  it('refuses an invalid phone number and saves nothing', async () => {
    const { accountId, userId } = await customer();
    const { request, rec } = requester(accountId, userId);
    await expect(request('phone', '12345', T0)).rejects.toMatchObject({ code: 'invalid_phone', field: 'value' });
    await expect(request('phone', '010 1234 5678', T0)).rejects.toMatchObject({ code: 'not_mobile', field: 'value' });
    await expect(request('email', 'not-an-email', T0)).rejects.toMatchObject({ code: 'invalid_email', field: 'value' });
    expect(rec.sms).toHaveLength(0);
    expect(await t.db.select().from(contactVerifications).where(eq(contactVerifications.accountId, accountId))).toHaveLength(0);
  });

  it('entering the verified value again withdraws the pending change', async () => {
    const { accountId, userId } = await customer();
    await seedVerifiedContacts(t.db, { accountId, phone: '+8613811112222', now: T0 });
    const { request } = requester(accountId, userId);
    await request('phone', '13833334444', T0);
    expect(await request('phone', '138 1111 2222', at(SECOND))).toEqual({ status: 'unchanged', value: '+8613811112222' });
    const details = await getContactDetails(t.db, accountId, at(SECOND));
    expect(details.phone.pending).toBeNull();
    expect(details.phone.verified).toBe('+8613811112222');
  });

  it('a refused address leaves nothing pending and does not start the cooldown', async () => {
    const { accountId, userId } = await customer();
    const { request, rec } = requester(accountId, userId);
    rec.failures.email = 'recipient_refused';
    await expect(request('email', 'nobody@example.com', T0)).rejects.toMatchObject({ code: 'recipient_refused', field: 'value' });
    expect((await getContactDetails(t.db, accountId, T0)).email.pending).toBeNull();
    rec.failures.email = null;
    expect(await request('email', 'somebody@example.com', at(SECOND))).toMatchObject({ status: 'sent' });
  });

  it('writes the code message in the requester’s language', async () => {
    const { accountId, userId } = await customer({ locale: 'zh-CN' });
    const { request, rec } = requester(accountId, userId);
    await request('email', 'zh@example.com', T0, { locale: 'zh-CN' });
    expect(rec.emails[0].subject).toBe('您的验证码');
    expect(rec.emails[0].html).toContain('lang="zh-CN"');
  });

  it('asks to confirm accuracy after 180 days and stops once confirmed', async () => {
    const { accountId, userId } = await customer();
    const created = new Date('2026-01-01T00:00:00Z');
    const day = 24 * 60 * MINUTE;
    expect((await getContactDetails(t.db, accountId, new Date(created.getTime() + 179 * day))).prompt).toBeNull();
    expect((await getContactDetails(t.db, accountId, new Date(created.getTime() + 180 * day))).prompt).toEqual({ reason: 'stale', lastConfirmedAt: null });
    const confirmedAt = new Date(created.getTime() + 200 * day);
    await confirmContactAccuracy(t.db, { accountId, actor: actor(userId), now: confirmedAt });
    expect((await getContactDetails(t.db, accountId, new Date(confirmedAt.getTime() + 179 * day))).prompt).toBeNull();
    expect((await getContactDetails(t.db, accountId, new Date(confirmedAt.getTime() + 181 * day))).prompt).toEqual({ reason: 'stale', lastConfirmedAt: confirmedAt });
    const [row] = await t.db.select().from(accountContacts).where(eq(accountContacts.accountId, accountId));
    expect(row.accuracyConfirmedAt).toEqual(confirmedAt);
  });

  it('seeds the demo customers’ verified contacts once', async () => {
    const { accountId } = await insertCustomer(t.db, { id: 'ALICE' });
    await seedDemoContacts(t.db, T0);
    await seedDemoContacts(t.db, at(MINUTE));
    const details = await getContactDetails(t.db, accountId, at(MINUTE));
    expect(details.email).toMatchObject({ verified: 'alice@demo.test', verifiedAt: T0, pending: null });
    expect(details.phone.verified).toBe('+8613800138000');
    expect(details.accuracyConfirmedAt).toEqual(T0);
  });
});
