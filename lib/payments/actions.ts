'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction, type ActionResult } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { formatCny, parseYuanToFen } from '@/lib/money';
import { isMobileBrowser, startTopUp, TopUpError } from './create-top-up';
import { offeredPaymentProviders, paymentProviderFor } from './providers';
import { RefundError, refundTopUp } from './refund-top-up';
import { topUpChoiceSchema, type TopUpLimits } from './top-up-amount';

/**
 * Starting a top-up moves money: refused while support views as the customer (and recorded),
 * validated with zod against the chosen provider's limits (a clear message on the field, nothing
 * created), then recorded as a pending payment. The browser is sent to the provider's page (or,
 * for a QR code, to the payment's own page); only the provider's signed confirmation credits.
 */
export async function startTopUpAction(input: { amount: string; provider?: string }): Promise<ActionResult<{ paymentId: string; checkoutUrl: string }>> {
  const cfg = config();
  const offered = offeredPaymentProviders(cfg);
  const t = await getTranslations('topup');
  const locale = await getLocale();
  const messages = (limits: TopUpLimits) => ({
    not_a_number: t('errors.notANumber'),
    below_min: t('errors.belowMin', { min: formatCny(limits.minFen, locale) }),
    above_max: t('errors.aboveMax', { max: formatCny(limits.maxFen, locale) }),
  });
  // Production without any provider: nothing can be started (never the sandbox), and the refusal says so.
  const noProvider = offered.length === 0 ? (await getTranslations('modes.cardTopUpsUnavailable'))('refused') : null;
  const schema = topUpChoiceSchema(offered, messages, noProvider ?? t('errors.unknownProvider'));
  const run = viewerAction({ policy: 'lib/payments/actions.ts#startTopUpAction', schema }, async ({ provider: providerName, amountFen, limits }, viewer, actor) => {
    const provider = paymentProviderFor(providerName, cfg);
    if (!provider) throw TopUpError.providerError(null);
    // An amount outside the limits or an unreachable provider is a TopUpError, answered by the guard.
    return startTopUp(getDb(), provider, {
      accountId: viewer.accountId,
      actor,
      amountFen,
      limits,
      description: `${t('title')} · ${viewer.accountId}`,
      mobile: isMobileBrowser(actor.userAgent),
      sessionId: actor.sessionId,
      now: new Date(),
    });
  });
  return run(input);
}

/**
 * Refunds (part of) a mistaken top-up that is not yet spent: a reason is required; the provider's
 * refund API is called and the money leaves the wallet through the ledger (lib/payments/refund-top-up.ts).
 */
export const refundTopUpAction = viewerAction(
  {
    policy: 'lib/payments/actions.ts#refundTopUpAction',
    schema: z.object({ paymentId: z.string().trim().max(64), amount: z.string().trim().max(40), reason: z.string().max(5000) }),
  },
  async (input, _viewer, actor) => {
    const t = await getTranslations('reversals.refund');
    const locale = await getLocale();
    const amountFen = parseYuanToFen(input.amount.replace(/^[¥￥]\s*/, '').replace(/,/g, ''));
    if (!/^pay_[0-9a-f]{24}$/.test(input.paymentId)) throw new RefundError('not_found');
    if (amountFen === null || amountFen <= 0n) throw new RefundError('amount_invalid');
    // A refused refund is a RefundError (on its field), answered by the guard.
    const result = await refundTopUp(getDb(), (name) => paymentProviderFor(name, config()), { paymentId: input.paymentId, amountFen, reason: input.reason, actor, now: new Date() });
    const amount = formatCny(result.amountFen, locale);
    return { refundId: result.refundId, message: result.status === 'succeeded' ? t('done', { amount }) : t('pending', { amount }) };
  },
);
