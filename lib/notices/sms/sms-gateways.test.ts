import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SmsGatewayConfig, SmsProviderName } from '@/lib/config/sms';
import { getContactDetails } from '@/lib/contact/contact-details';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { requestContactVerification } from '@/lib/contact/request-verification';
import { verifyContactCode } from '@/lib/contact/verify-contact';
import { noticeDeliveries } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { createNotice } from '../create-notice';
import { listNotices } from '../notice-centre';
import { deliverOutbox, retryDelayMs } from '../outbox';
import { insertCustomer, recordingTransports } from '../testing';
import { DeliveryError } from '../transports';
import { createSmsGateway } from './gateway';
import { applySmsReceipts, parseSmsReceipts, SMS_RULES } from './receipts';
import { startAlibabaStandIn, startTencentStandIn, type SentSms } from './stand-ins';

const T0 = new Date('2026-03-10T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const APP = 'http://portal.test';
const TEMPLATES = { verification_code: 'SMS_100001', notice: 'SMS_100002', low_balance: 'SMS_100003' };

type StandIn = Awaited<ReturnType<typeof startAlibabaStandIn>>;

function gatewayConfig(provider: SmsProviderName, standIn: StandIn, keys = standIn.keys): SmsGatewayConfig {
  return {
    provider,
    signName: '账户门户',
    templates: TEMPLATES,
    endpoint: standIn.url,
    receiptToken: 'x'.repeat(32),
    alibaba: provider === 'alibaba' ? { accessKeyId: keys.id, accessKeySecret: keys.secret } : null,
    tencent: provider === 'tencent' ? { secretId: keys.id, secretKey: keys.secret, sdkAppId: '1400000001', region: 'ap-guangzhou' } : null,
  };
}

/** The number as each provider receives it: Alibaba national for mainland numbers, Tencent E.164. */
const onTheWire = (provider: SmsProviderName, e164: string) => (provider === 'alibaba' ? e164.slice(3) : e164);
/** A receipt in the provider's own format, parsed by the portal's parser. */
function receipt(provider: SmsProviderName, sms: SentSms, delivered: boolean, overrides: Record<string, unknown> = {}) {
  const body =
    provider === 'alibaba'
      ? [{ phone_number: sms.phone, send_time: '2026-03-10 16:00:00', report_time: '2026-03-10 16:00:05', success: delivered, err_code: delivered ? 'DELIVERED' : 'MK:0001', err_msg: delivered ? '用户接收成功' : '空号', sms_size: '1', biz_id: sms.messageId, out_id: sms.reference, ...overrides }]
      : [{ user_receive_time: '2026-03-10 16:00:05', nationcode: '86', mobile: sms.phone.replace(/^\+86/, ''), report_status: delivered ? 'SUCCESS' : 'FAIL', errmsg: delivered ? 'DELIVRD' : 'MK:0001', description: delivered ? '用户短信送达成功' : '空号', sid: sms.messageId, ...overrides }];
  const parsed = parseSmsReceipts(provider, JSON.parse(JSON.stringify(body)));
  if (!parsed) throw new Error('receipt did not parse');
  return parsed;
}

describe.each(['alibaba', 'tencent'] as const)('SMS through %s (against a stand-in that verifies the signature)', (provider) => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = provider === 'alibaba' ? await startAlibabaStandIn() : await startTencentStandIn();
  });
  afterAll(async () => standIn?.close());
  beforeEach(() => {
    standIn.state.answerFor = () => 'ok';
  });

  it('sends the verification code with its template, the sign name and the code as the variable', async () => {
    const gateway = createSmsGateway(gatewayConfig(provider, standIn));
    const sent = await gateway.sendSms({ to: '+8613800001234', text: 'code 123456', template: { name: 'verification_code', values: [['code', '123456']] } });
    const last = standIn.sent.at(-1)!;
    expect(last).toMatchObject({ phone: onTheWire(provider, '+8613800001234'), signName: '账户门户', templateId: 'SMS_100001' });
    expect(last.params).toEqual(provider === 'alibaba' ? { code: '123456' } : ['123456']);
    expect(sent.messageId).toBe(last.messageId);
    expect(standIn.refused).toEqual([]);
  });

  it('a request signed with another secret is refused by the stand-in, and that is a permanent failure', async () => {
    const gateway = createSmsGateway(gatewayConfig(provider, standIn, { id: standIn.keys.id, secret: 'not-the-secret' }));
    const failure = await gateway.sendSms({ to: '+8613800001234', text: 'x', template: { name: 'verification_code', values: [['code', '1']] } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ kind: 'permanent' });
    expect((failure as Error).message).toMatch(provider === 'alibaba' ? /SignatureDoesNotMatch/ : /AuthFailure\.SignatureFailure/);
    expect(standIn.refused.at(-1)).toBe(provider === 'alibaba' ? 'SignatureDoesNotMatch' : 'AuthFailure.SignatureFailure');
  });

  it('classifies the provider’s answers: a wrong number is a refused recipient, throttling is transient', async () => {
    const gateway = createSmsGateway(gatewayConfig(provider, standIn));
    const message = { to: '+8613800009999', text: 'x', template: { name: 'notice', values: [['title', 'Hello']] as [string, string][] } };
    standIn.state.answerFor = () => (provider === 'alibaba' ? 'isv.MOBILE_NUMBER_ILLEGAL' : 'InvalidParameterValue.IncorrectPhoneNumber');
    await expect(gateway.sendSms(message)).rejects.toMatchObject({ kind: 'recipient_refused' });
    standIn.state.answerFor = () => (provider === 'alibaba' ? 'isv.BUSINESS_LIMIT_CONTROL' : 'LimitExceeded.PhoneNumberDailyLimit');
    await expect(gateway.sendSms(message)).rejects.toMatchObject({ kind: 'transient' });
    standIn.state.answerFor = () => (provider === 'alibaba' ? 'isv.SMS_TEMPLATE_ILLEGAL' : 'FailedOperation.TemplateIncorrectOrUnapproved');
    await expect(gateway.sendSms(message)).rejects.toMatchObject({ kind: 'permanent' });
  });

  describe.each(testDatabaseKinds())('with the outbox on %s', (kind) => {
    let t: TestDatabase;
    let n = 0;
    beforeAll(async () => {
      t = await createTestDatabase(kind);
    });
    afterAll(async () => t?.close());

    async function customer(phone: string) {
      n += 1;
      const c = await insertCustomer(t.db, { id: `SMS${provider[0]}${kind[0]}${n}`, locale: 'zh-CN' });
      await seedVerifiedContacts(t.db, { accountId: c.accountId, phone, now: T0 });
      return c;
    }
    const transports = () => ({ email: recordingTransports().transports.email, sms: createSmsGateway(gatewayConfig(provider, standIn)) });
    const smsRow = async (accountId: string) => (await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId))).find((r) => r.channel === 'sms')!;

    it('a phone code goes through the gateway and the code it carried verifies the number', async () => {
      const { accountId, userId } = await customer('+8613811110000');
      const result = await requestContactVerification(t.db, { accountId, channel: 'phone', value: '13822220000', actor: { userId, name: 'Customer', ip: '127.0.0.1' }, locale: 'zh-CN', now: T0, transports: transports() });
      expect(result).toMatchObject({ status: 'sent' });
      const last = standIn.sent.at(-1)!;
      expect(last.phone).toBe(onTheWire(provider, '+8613822220000'));
      const code = provider === 'alibaba' ? (last.params as Record<string, string>).code : (last.params as string[])[0];
      expect(await verifyContactCode(t.db, { accountId, channel: 'phone', code, actor: { userId, name: 'Customer' }, now: T0 })).toBe('+8613822220000');
    });

    it('a notice with its own template sends its variables; a delivered receipt marks it delivered, once', async () => {
      const { accountId } = await customer('+8613811110001');
      await createNotice(t.db, { accountId, kind: 'low_balance', params: { balanceFen: '1200', thresholdFen: '5000' }, now: T0 });
      await createNotice(t.db, { accountId, kind: 'reinstated', params: { balance: '0.00' }, now: T0 });
      expect(await deliverOutbox(t.db, { now: T0, transports: transports(), appUrl: APP })).toMatchObject({ sent: 2 });
      const mine = standIn.sent.filter((s) => s.phone === onTheWire(provider, '+8613811110001'));
      const low = mine.findLast((s) => s.templateId === 'SMS_100003')!;
      expect(low.params).toEqual(provider === 'alibaba' ? { balance: '¥12.00', threshold: '¥50.00' } : ['¥12.00', '¥50.00']);
      // A kind without its own template uses the generic notice template with the title.
      const generic = mine.findLast((s) => s.templateId === 'SMS_100002')!;
      expect(generic.params).toEqual(provider === 'alibaba' ? { title: '您的账户已恢复服务' } : ['您的账户已恢复服务']);

      const rows = (await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.accountId, accountId))).filter((r) => r.providerMessageId === low.messageId);
      expect(rows).toHaveLength(1);
      if (provider === 'alibaba') expect(low.reference).toBe(rows[0].id);
      expect(await applySmsReceipts(t.db, receipt(provider, low, true), at(5_000))).toMatchObject({ delivered: 1 });
      const [after] = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.id, rows[0].id));
      expect(after.status).toBe('delivered');
      // The same receipt again changes nothing.
      expect(await applySmsReceipts(t.db, receipt(provider, low, true), at(6_000))).toMatchObject({ delivered: 0, ignored: 1 });
    });

    it('forged receipts change nothing: an unknown id, another number, or (Alibaba) another OutId', async () => {
      const { accountId } = await customer('+8613811110002');
      await createNotice(t.db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, now: T0 });
      await deliverOutbox(t.db, { now: T0, transports: transports(), appUrl: APP });
      const sms = standIn.sent.at(-1)!;
      const forged = [
        receipt(provider, { ...sms, messageId: `${sms.messageId}0` }, false),
        receipt(provider, { ...sms, phone: onTheWire(provider, '+8613899999999') }, false),
        ...(provider === 'alibaba' ? [receipt(provider, { ...sms, reference: '00000000-0000-4000-8000-000000000000' }, false), receipt(provider, { ...sms, reference: 'not-a-uuid' }, false)] : []),
      ].flat();
      expect(await applySmsReceipts(t.db, forged, at(1_000))).toMatchObject({ ignored: forged.length, retrying: 0, bounced: 0 });
      expect((await smsRow(accountId)).status).toBe('sent');
      expect(parseSmsReceipts(provider, { not: 'a receipt' })).toBeNull();
    });

    it('undelivered: resent with backoff, and after the last try a bounce that prompts the customer to check the number', async () => {
      const { accountId } = await customer('+8613811110003');
      await createNotice(t.db, { accountId, kind: 'penalty_posted', params: { amount: '0.30', balance: '-100.30' }, now: T0 });
      let now = T0;
      for (let attempt = 1; attempt <= SMS_RULES.maxUndelivered; attempt += 1) {
        expect(await deliverOutbox(t.db, { now, transports: transports(), appUrl: APP })).toMatchObject({ sent: 1 });
        const sms = standIn.sent.at(-1)!;
        const outcome = await applySmsReceipts(t.db, receipt(provider, sms, false), now);
        const row = await smsRow(accountId);
        expect(row.attempts).toBe(attempt);
        if (attempt < SMS_RULES.maxUndelivered) {
          expect(outcome).toMatchObject({ retrying: 1 });
          expect(row).toMatchObject({ status: 'pending' });
          expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(attempt));
          expect(await deliverOutbox(t.db, { now: new Date(row.nextAttemptAt.getTime() - 1), transports: transports(), appUrl: APP })).toMatchObject({ sent: 0 });
          now = row.nextAttemptAt;
        } else {
          expect(outcome).toMatchObject({ bounced: 1 });
          expect(row.status).toBe('bounced');
          expect(row.lastError).toMatch(/undelivered: MK:0001/);
        }
      }
      expect((await getContactDetails(t.db, accountId, now)).prompt).toMatchObject({ reason: 'bounced', channel: 'phone', destination: '+8613811110003' });
      expect((await listNotices(t.db, accountId)).entries[0].kind).toBe('contact_bounced');
    });

    it('a number the gateway refuses at once is a bounce without retries', async () => {
      const { accountId } = await customer('+8613811110004');
      standIn.state.answerFor = () => (provider === 'alibaba' ? 'isv.MOBILE_NUMBER_ILLEGAL' : 'InvalidParameterValue.IncorrectPhoneNumber');
      await createNotice(t.db, { accountId, kind: 'reinstated', now: T0 });
      expect(await deliverOutbox(t.db, { now: T0, transports: transports(), appUrl: APP })).toMatchObject({ bounced: 1 });
      expect(await smsRow(accountId)).toMatchObject({ status: 'bounced', attempts: 1 });
      expect((await getContactDetails(t.db, accountId, T0)).prompt).toMatchObject({ reason: 'bounced', channel: 'phone' });
    });
  });
});
