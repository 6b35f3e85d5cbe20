'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { ActionError, viewerAction, type ActionResult } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { formatCny } from '@/lib/money';
import { isMobileBrowser, startTopUp } from '@/lib/payments/create-top-up';
import { offeredPaymentProviders, paymentProviderFor } from '@/lib/payments/providers';
import { topUpChoiceSchema, type TopUpLimits } from '@/lib/payments/top-up-amount';

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
  const run = viewerAction({ policy: 'app/(portal)/top-up/actions.ts#startTopUpAction', schema }, async ({ provider: providerName, amountFen, limits }, viewer) => {
    const provider = paymentProviderFor(providerName, cfg);
    if (!provider) throw new ActionError('provider_error', t('errors.provider'));
    const h = await headers();
    const result = await startTopUp(getDb(), provider, {
      accountId: viewer.accountId,
      userId: viewer.userId,
      actorName: viewer.name,
      amountFen,
      limits,
      description: `${t('title')} · ${viewer.accountId}`,
      ip: clientIp(h),
      userAgent: h.get('user-agent'),
      mobile: isMobileBrowser(h.get('user-agent')),
      sessionId: viewer.sessionId,
      now: new Date(),
    });
    if (!result.ok) {
      if (result.code === 'amount_out_of_range') {
        const message = t('errors.outOfRange', { min: formatCny(limits.minFen, locale), max: formatCny(limits.maxFen, locale) });
        throw new ActionError('invalid', message, { amount: message });
      }
      throw new ActionError('provider_error', t('errors.provider'));
    }
    return { paymentId: result.paymentId, checkoutUrl: result.checkoutUrl };
  });
  return run(input);
}
