'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { REJECT_REASON_MAX_LENGTH, rejectInvoice } from '@/lib/invoices/reject-invoice';
import { formatCny, parseYuanToFen } from '@/lib/money';
import { paymentProviderFor } from '@/lib/payments/providers';
import { REFUND_REASON_MAX_LENGTH, refundTopUp } from '@/lib/payments/refund-top-up';

/* The finance queue's decisions: finance staff only; each runs in one transaction in lib/invoices. */

function issueContext() {
  const cfg = config();
  return { seller: cfg.seller, timeZone: cfg.billingTimeZone };
}

async function failure(code: string, status?: string): Promise<never> {
  const t = await getTranslations('finance');
  const statusText = status ? t(`statuses.${status}`) : '';
  throw new ActionError(code, t(`errors.${code}`, { status: statusText }));
}

export const issueInvoiceAction = viewerAction(
  { policy: 'app/(portal)/finance/actions.ts#issueInvoiceAction', schema: z.object({ invoiceId: z.uuid() }) },
  async (input, viewer) => {
    const t = await getTranslations('finance');
    const result = await issueInvoice(getDb(), { invoiceId: input.invoiceId, userId: viewer.userId, now: new Date(), ...issueContext() });
    if (!result.ok) return failure(result.code, result.status);
    return { number: result.number, message: t('actions.issued', { number: result.number }) };
  },
);

export const rejectInvoiceAction = viewerAction(
  { policy: 'app/(portal)/finance/actions.ts#rejectInvoiceAction', schema: z.object({ invoiceId: z.uuid(), reason: z.string().max(5000) }) },
  async (input, viewer) => {
    const t = await getTranslations('finance');
    const reason = input.reason.trim();
    if (reason === '' || reason.length > REJECT_REASON_MAX_LENGTH) {
      const message = t('errors.reason_required', { max: REJECT_REASON_MAX_LENGTH });
      throw new ActionError('reason_required', message, { reason: message });
    }
    const result = await rejectInvoice(getDb(), { invoiceId: input.invoiceId, userId: viewer.userId, reason, now: new Date() });
    if (!result.ok) return failure(result.code, result.status);
    return { message: t('actions.rejected') };
  },
);

export const issueCreditNoteAction = viewerAction(
  { policy: 'app/(portal)/finance/actions.ts#issueCreditNoteAction', schema: z.object({ invoiceId: z.uuid() }) },
  async (input, viewer) => {
    const t = await getTranslations('finance');
    const result = await issueCreditNote(getDb(), { invoiceId: input.invoiceId, userId: viewer.userId, now: new Date(), ...issueContext() });
    if (!result.ok) return failure(result.code, result.status);
    return { number: result.number, message: t('actions.credited', { number: result.number }) };
  },
);

/**
 * Refunds (part of) a mistaken top-up that is not yet spent: a reason is required; the provider's
 * refund API is called and the money leaves the wallet through the ledger (lib/payments/refund-top-up.ts).
 */
export const refundTopUpAction = viewerAction(
  {
    policy: 'app/(portal)/finance/actions.ts#refundTopUpAction',
    schema: z.object({ paymentId: z.string().trim().max(64), amount: z.string().trim().max(40), reason: z.string().max(5000) }),
  },
  async (input, viewer) => {
    const t = await getTranslations('reversals.refund');
    const locale = await getLocale();
    const amountFen = parseYuanToFen(input.amount.replace(/^[¥￥]\s*/, '').replace(/,/g, ''));
    if (!/^pay_[0-9a-f]{24}$/.test(input.paymentId)) {
      const message = t('errors.not_found');
      throw new ActionError('not_found', message, { paymentId: message });
    }
    if (amountFen === null || amountFen <= 0n) {
      const message = t('errors.amount_invalid');
      throw new ActionError('amount_invalid', message, { amount: message });
    }
    const result = await refundTopUp(getDb(), (name) => paymentProviderFor(name, config()), {
      paymentId: input.paymentId,
      amountFen,
      reason: input.reason,
      userId: viewer.userId,
      actorName: viewer.name,
      now: new Date(),
    });
    if (!result.ok) {
      const field = result.code === 'reason_required' ? 'reason' : result.code === 'exceeds_payment' || result.code === 'exceeds_unspent' || result.code === 'amount_invalid' ? 'amount' : 'paymentId';
      const message =
        result.code === 'exceeds_payment' || result.code === 'exceeds_unspent'
          ? t(`errors.${result.code}`, { limit: formatCny(result.limitFen, locale) })
          : result.code === 'provider_refused'
            ? t('errors.provider_refused', { reason: result.reason })
            : t(`errors.${result.code}`, { max: REFUND_REASON_MAX_LENGTH });
      throw new ActionError(result.code, message, { [field]: message });
    }
    const amount = formatCny(result.amountFen, locale);
    return { refundId: result.refundId, message: result.status === 'succeeded' ? t('done', { amount }) : t('pending', { amount }) };
  },
);
