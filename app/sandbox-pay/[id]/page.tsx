import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { SandboxCardForm } from '@/components/sandbox-pay/sandbox-card-form';
import { SandboxChallenge } from '@/components/sandbox-pay/sandbox-challenge';
import { openToAnyone } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';
import { payingSession } from '@/lib/payments/sandbox/paying-session';
import { getSandboxCheckout } from '@/lib/payments/sandbox/sandbox-checkouts';
import { groupCardNumber, SANDBOX_TEST_CARDS } from '@/lib/payments/sandbox/test-cards';

/** The sandbox card processor's hosted payment page (looks and behaves like a third party's). */
export default async function SandboxPayPage({ params }: { params: Promise<{ id: string }> }) {
  if (!config().demoMode) notFound();
  openToAnyone('/sandbox-pay/[id]');
  const { id } = await params;
  const t = await getTranslations('topup.sandbox');
  const locale = await getLocale();
  const payer = await payingSession();
  // Only the session that started the payment sees its page; to anyone else it does not exist.
  const checkout = payer && /^sbx_[0-9a-f]{24}$/.test(id) ? await getSandboxCheckout(getDb(), id, payer) : null;
  const merchant = config().seller.name;

  const panel = 'rounded-2xl bg-white p-6 shadow-xl ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700';
  if (!checkout) {
    return (
      <section className={panel}>
        <h1 className="text-xl font-semibold">{t('closedHeading')}</h1>
        <p className="mt-2 text-sm">{t('notFound')}</p>
      </section>
    );
  }

  const now = new Date();
  const amount = formatCny(checkout.amountFen, locale);
  const expired = (checkout.status === 'open' || checkout.status === 'challenge') && checkout.expiresAt.getTime() <= now.getTime();
  const returnLink = (
    <a href={checkout.returnUrl} className="mt-4 inline-block text-sm font-medium text-violet-800 underline underline-offset-2 dark:text-violet-300">
      {t('return', { merchant })}
    </a>
  );

  return (
    <section className={panel} aria-labelledby="sandbox-pay-heading">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('payTo', { merchant })}</p>
      <h1 id="sandbox-pay-heading" className="mt-1 text-3xl font-semibold tabular-nums">
        <span className="sr-only">{t('amountDue')}: </span>
        {amount}
      </h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{checkout.description}</p>
      <hr className="my-5 border-slate-200 dark:border-slate-700" />

      {expired ? (
        <>
          <h2 className="text-lg font-semibold">{t('closedHeading')}</h2>
          <p className="mt-2 text-sm">{t('expiredBody')}</p>
          {returnLink}
        </>
      ) : checkout.status === 'open' ? (
        <>
          <h2 className="mb-4 text-lg font-semibold">{t('cardHeading')}</h2>
          <SandboxCardForm checkoutId={checkout.id} amountLabel={amount} />
          <details className="mt-5 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800">
            <summary className="cursor-pointer font-medium">{t('testCards')}</summary>
            <ul className="mt-2 space-y-1">
              {SANDBOX_TEST_CARDS.map((c) => (
                <li key={c.number}>
                  <span className="font-mono">{groupCardNumber(c.number)}</span> —{' '}
                  {c.behaviour === 'succeed' ? t('cardSucceeds') : c.behaviour === 'decline' ? t('cardDeclined') : t('cardChallenge')}
                </li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t('testCardsHint')}</p>
          </details>
          <a href={checkout.returnUrl} className="mt-4 inline-block text-sm text-slate-700 underline underline-offset-2 dark:text-slate-300">
            {t('cancel', { merchant })}
          </a>
        </>
      ) : checkout.status === 'challenge' ? (
        <SandboxChallenge checkoutId={checkout.id} body={t('challengeBody', { amount, last4: checkout.cardLast4 ?? '' })} />
      ) : (
        <>
          <h2 className="text-lg font-semibold">{t('doneHeading')}</h2>
          <p className="mt-2 text-sm">{t('closedBody')}</p>
          {returnLink}
        </>
      )}
    </section>
  );
}
