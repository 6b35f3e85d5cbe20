import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SmsProviderName } from '@/lib/config/sms';
import type { Db } from '@/lib/db/client';
import { noticeDeliveries } from '@/lib/db/schema';
import { recordBounce, retryDelayMs } from '../outbox';

/*
 * Delivery receipts (Alibaba's SmsReport by HTTP push, Tencent's status callback). Neither provider
 * signs these callbacks, so a receipt is believed only when (1) its URL carries the configured
 * SMS_RECEIPT_TOKEN (checked by the route, constant-time) and (2) it names a message we sent and are
 * waiting on: the provider's id (BizId / SerialNo) of an outbox row in `sent`, to the same number,
 * and for Alibaba also our own row id echoed back as `out_id`. Anything else is acknowledged and
 * ignored, so a forged or replayed receipt changes nothing.
 */

export const SMS_RULES = {
  /** Sends of one SMS whose receipts all said "not delivered" before it counts as a bounce. */
  maxUndelivered: 3,
} as const;

export interface SmsReceipt {
  /** BizId (Alibaba) or SerialNo / sid (Tencent). */
  messageId: string;
  /** The number as the receipt gives it (national or with country code). */
  phone: string;
  /** Alibaba: the OutId we sent (our outbox row id). */
  reference: string | null;
  delivered: boolean;
  /** The carrier's status code (`DELIVERED`, `DELIVRD`, `MK:0001`, …) and description. */
  status: string;
}

const alibabaReport = z.array(
  z.object({
    phone_number: z.string().max(32),
    success: z.boolean(),
    biz_id: z.string().min(1).max(128),
    out_id: z.string().max(128).nullish(),
    err_code: z.string().max(128).nullish(),
    err_msg: z.string().max(512).nullish(),
  }),
).max(1000);

const tencentReport = z.array(
  z.object({
    mobile: z.string().max(32),
    nationcode: z.string().max(8).nullish(),
    report_status: z.enum(['SUCCESS', 'FAIL']),
    sid: z.string().min(1).max(128),
    errmsg: z.string().max(128).nullish(),
    description: z.string().max(512).nullish(),
  }),
).max(1000);

/** Parses a receipt body in the provider's format; null when it is not one. */
export function parseSmsReceipts(provider: SmsProviderName, body: unknown): SmsReceipt[] | null {
  if (provider === 'alibaba') {
    const parsed = alibabaReport.safeParse(body);
    if (!parsed.success) return null;
    return parsed.data.map((r) => ({
      messageId: r.biz_id,
      phone: r.phone_number,
      reference: r.out_id ?? null,
      delivered: r.success,
      status: [r.err_code, r.err_msg].filter(Boolean).join(' '),
    }));
  }
  const parsed = tencentReport.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data.map((r) => ({
    messageId: r.sid,
    phone: `${r.nationcode ? `+${r.nationcode}` : ''}${r.mobile}`,
    reference: null,
    delivered: r.report_status === 'SUCCESS',
    status: [r.errmsg, r.description].filter(Boolean).join(' '),
  }));
}

/** What each provider expects as the answer to a receipt it pushed. */
export function receiptAcknowledgement(provider: SmsProviderName): unknown {
  return provider === 'alibaba' ? { code: 0, msg: '成功' } : { result: 0, errmsg: 'OK' };
}

const digits = (phone: string) => phone.replace(/\D/g, '');
/** The same number: equal digits, or one is the other with its country code in front (national form). */
function samePhone(e164: string, given: string): boolean {
  const a = digits(e164);
  const b = digits(given).replace(/^00/, '');
  return b.length >= 6 && (a === b || a.endsWith(b));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReceiptOutcome {
  delivered: number;
  retrying: number;
  bounced: number;
  ignored: number;
}

/**
 * Applies receipts: delivered → `delivered`; not delivered → sent again after the outbox backoff,
 * and after SMS_RULES.maxUndelivered undelivered sends a bounce that prompts the customer to check
 * the number (as an email bounce does). Each receipt changes its row at most once (only a row still
 * `sent` under that provider id matches; a resend gets a new id).
 */
export async function applySmsReceipts(db: Db, receipts: SmsReceipt[], now: Date): Promise<ReceiptOutcome> {
  const outcome: ReceiptOutcome = { delivered: 0, retrying: 0, bounced: 0, ignored: 0 };
  for (const receipt of receipts) {
    const changed = await db.transaction(async (tx) => {
      const conditions = [eq(noticeDeliveries.channel, 'sms'), eq(noticeDeliveries.status, 'sent'), eq(noticeDeliveries.providerMessageId, receipt.messageId)];
      if (receipt.reference !== null) {
        if (!uuidPattern.test(receipt.reference)) return 'ignored' as const;
        conditions.push(eq(noticeDeliveries.id, receipt.reference));
      }
      const [row] = await tx.select().from(noticeDeliveries).where(and(...conditions)).for('update');
      if (!row || !samePhone(row.destination, receipt.phone)) return 'ignored' as const;
      if (receipt.delivered) {
        await tx.update(noticeDeliveries).set({ status: 'delivered' }).where(eq(noticeDeliveries.id, row.id));
        return 'delivered' as const;
      }
      const lastError = `undelivered: ${receipt.status || 'no reason given'}`.slice(0, 1000);
      if (row.attempts >= SMS_RULES.maxUndelivered) {
        await tx.update(noticeDeliveries).set({ status: 'bounced', lastError }).where(eq(noticeDeliveries.id, row.id));
        await recordBounce(tx, { accountId: row.accountId, channel: 'sms', destination: row.destination, dedupeKey: `contact_bounced:${row.id}`, now });
        return 'bounced' as const;
      }
      await tx
        .update(noticeDeliveries)
        .set({ status: 'pending', lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)) })
        .where(eq(noticeDeliveries.id, row.id));
      return 'retrying' as const;
    });
    outcome[changed] += 1;
  }
  return outcome;
}
