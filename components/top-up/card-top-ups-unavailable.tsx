import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';

/** Production without a card provider: no form, but how else to pay (bank transfer to the seller, quoting the account). */
export async function CardTopUpsUnavailable({ seller, accountId }: { seller: { name: string; bank: string }; accountId: string }) {
  const t = await getTranslations('modes.cardTopUpsUnavailable');
  return (
    <Card aria-labelledby="card-top-ups-unavailable-heading">
      <h2 id="card-top-ups-unavailable-heading" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-2 text-sm">{t('body')}</p>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t('payee')}</dt>
        <dd>{seller.name}</dd>
        <dt className="font-medium">{t('bank')}</dt>
        <dd className="break-words">{seller.bank}</dd>
        <dt className="font-medium">{t('reference')}</dt>
        <dd className="font-mono" data-testid="transfer-reference">
          {accountId}
        </dd>
      </dl>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t('after')}</p>
    </Card>
  );
}
