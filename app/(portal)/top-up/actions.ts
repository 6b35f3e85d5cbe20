'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { ActionError, viewerAction, type ActionResult } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { formatCny } from '@/lib/money';
import { startTopUp } from '@/lib/payments/create-top-up';
import { activePaymentProviderName, paymentProviderFor } from '@/lib/payments/providers';
import { topUpLimits, topUpRequestSchema } from '@/lib/payments/top-up-amount';

/**
 * Starting a top-up moves money: refused while support views as the customer (and recorded),
 * validated with zod (a clear message on the amount field, nothing created), then recorded as a
 * pending payment. The browser is sent to the provider's page; only its webhook credits.
 */
export async function startTopUpAction(input: { amount: string }): Promise<ActionResult<{ paymentId: string; checkoutUrl: string }>> {
  const cfg = config();
  const limits = topUpLimits(cfg);
  const t = await getTranslations('topup');
  const locale = await getLocale();
  const min = formatCny(limits.minFen, locale);
  const max = formatCny(limits.maxFen, locale);
  const schema = topUpRequestSchema(limits, {
    not_a_number: t('errors.notANumber'),
    below_min: t('errors.belowMin', { min }),
    above_max: t('errors.aboveMax', { max }),
  });
  const run = viewerAction({ schema, refuseWhileImpersonating: true, refuseWhenClosed: true, name: 'top_up' }, async ({ amount }, viewer) => {
    const provider = paymentProviderFor(activePaymentProviderName(cfg), cfg);
    if (!provider) throw new ActionError('provider_error', t('errors.provider'));
    const h = await headers();
    const result = await startTopUp(getDb(), provider, {
      accountId: viewer.accountId,
      userId: viewer.userId,
      actorName: viewer.name,
      amountFen: amount,
      limits,
      description: `${t('title')} · ${viewer.accountId}`,
      ip: clientIp(h),
      userAgent: h.get('user-agent'),
      now: new Date(),
    });
    if (!result.ok) {
      if (result.code === 'amount_out_of_range') {
        const message = t('errors.outOfRange', { min, max });
        throw new ActionError('invalid', message, { amount: message });
      }
      throw new ActionError('provider_error', t('errors.provider'));
    }
    return { paymentId: result.paymentId, checkoutUrl: result.checkoutUrl };
  });
  return run(input);
}
