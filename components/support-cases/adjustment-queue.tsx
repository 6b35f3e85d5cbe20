'use client';

import { useLocale, useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { approveAdjustmentAction, rejectAdjustmentAction } from '@/lib/support-cases/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { TableHead, Td, Th, Tr } from '@/components/ui/table';
import { useServerAction } from '@/components/ui/use-server-action';
import type { PendingAdjustmentView } from '@/lib/finance/load-finance';

function yuan(value: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 }).format(value as `${number}`);
}

type Run = ReturnType<typeof useServerAction>['run'];

function Row({ item, run, pending }: { item: PendingAdjustmentView; run: Run; pending: boolean }) {
  const t = useTranslations('supportCases.finance');
  const locale = useLocale();
  const id = useId();
  const [reason, setReason] = useState('');
  const amount = yuan(item.amount, locale);
  return (
    <Tr data-testid="pending-adjustment" data-adjustment-id={item.id}>
      <Td>#{item.caseNumber}</Td>
      <Td>
        {item.accountName} <span className="font-mono text-xs">({item.accountId})</span>
      </Td>
      <Td numeric>
        <span className="block font-medium">{amount}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{t('disputed', { amount: yuan(item.disputed, locale) })}</span>
      </Td>
      <Td className="whitespace-pre-wrap break-words">{item.reason}</Td>
      <Td>
        <span className="block">{item.requestedByName}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{new Date(item.requestedAt).toLocaleString(locale)}</span>
      </Td>
      <Td>
        <div className="space-y-2">
          <button
            type="button"
            className={buttonClasses('primary')}
            disabled={pending}
            aria-label={t('approveLabel', { amount, name: item.accountName })}
            onClick={() => run(() => approveAdjustmentAction({ adjustmentId: item.id, customerName: item.accountName }))}
          >
            {t('approve')}
          </button>
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              run(() => rejectAdjustmentAction({ adjustmentId: item.id, reason }));
            }}
          >
            <div>
              <label htmlFor={`${id}-reason`} className="block text-xs font-medium">
                {t('rejectLabel', { amount })}
              </label>
              <input
                id={`${id}-reason`}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                className="mt-1 block w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
              />
            </div>
            <button type="submit" className={buttonClasses('secondary')} disabled={pending}>
              {t('reject')}
            </button>
          </form>
        </div>
      </Td>
    </Tr>
  );
}

/** Finance's queue of adjustments waiting for a second person, oldest first. */
export function AdjustmentQueue({ items }: { items: PendingAdjustmentView[] }) {
  const t = useTranslations('supportCases.finance');
  // One message for the queue: an approved row leaves the list when the page re-renders, its message stays.
  const { pending, feedback, run } = useServerAction();
  return (
    <section aria-labelledby="adjustments-queue-heading">
      <h2 id="adjustments-queue-heading" className="mb-1 text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      {feedback ? (
        <Alert tone={feedback.tone} className="mb-3">
          {feedback.text}
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('empty')}</p>
      ) : (
        <div role="region" aria-label={t('caption')} tabIndex={0} className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('caption')}</caption>
            <TableHead>
              <Th>{t('case')}</Th>
              <Th>{t('customer')}</Th>
              <Th numeric>{t('amount')}</Th>
              <Th>{t('reason')}</Th>
              <Th>{t('requestedBy')}</Th>
              <Th>
                <span className="sr-only">{t('approve')}</span>
              </Th>
            </TableHead>
            <tbody>
              {items.map((item) => (
                <Row key={item.id} item={item} run={run} pending={pending} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
