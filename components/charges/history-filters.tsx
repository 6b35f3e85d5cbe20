'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from '@/components/shell/client-i18n';
import { useTransition } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import type { HistoryFilter } from '@/lib/charges/history-filter';
import { historyTypes } from '@/lib/charges/history-filter';

const labelClasses = 'block text-sm font-medium';
const inputClasses =
  'mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-600 dark:bg-slate-800';

/**
 * The history's filters. They live in the address (a plain GET form without JavaScript), so a
 * filtered view can be shared or reloaded; with JavaScript the page changes without a full load.
 */
export function HistoryFilters({ filter, services }: { filter: HistoryFilter; services: { id: string; label: string }[] }) {
  const t = useTranslations('charges.filters');
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value !== '') search.set(name, value);
    }
    const query = search.toString();
    startTransition(() => router.push(query ? `/charges?${query}` : '/charges'));
  }

  return (
    <form method="get" action="/charges" onSubmit={submit} className="flex flex-wrap items-end gap-4" aria-label={t('label')}>
      <div>
        <label htmlFor="history-from" className={labelClasses}>
          {t('from')}
        </label>
        <input id="history-from" type="date" name="from" defaultValue={filter.from ?? ''} className={inputClasses} />
      </div>
      <div>
        <label htmlFor="history-to" className={labelClasses}>
          {t('to')}
        </label>
        <input id="history-to" type="date" name="to" defaultValue={filter.to ?? ''} className={inputClasses} />
      </div>
      <div>
        <label htmlFor="history-service" className={labelClasses}>
          {t('service')}
        </label>
        <select id="history-service" name="service" defaultValue={filter.service ?? ''} className={inputClasses}>
          <option value="">{t('allServices')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="history-type" className={labelClasses}>
          {t('type')}
        </label>
        <select id="history-type" name="type" defaultValue={filter.type ?? ''} className={inputClasses}>
          <option value="">{t('allTypes')}</option>
          {historyTypes.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={pending}>
        {t('apply')}
      </Button>
      <Link href="/charges" className={buttonClasses('ghost')}>
        {t('clear')}
      </Link>
      <p className="basis-full text-xs text-slate-600 dark:text-slate-400">{t('dateHint')}</p>
    </form>
  );
}
