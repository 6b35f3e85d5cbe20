import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PriceListView } from '@/components/public/price-list-view';
import { PageHeader } from '@/components/ui/page-header';
import { config } from '@/lib/config';
import { cachedPriceList } from '@/lib/public-data/cached-data';
import { calendarDateIn } from '@/lib/time/zoned-date';
import { openToAnyone } from '@/lib/auth/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('prices');
  return { title: t('metaTitle') };
}

/** Public: the price list billing uses, with VAT-inclusive prices and upcoming changes (no sign-in). */
export default async function PricesPage() {
  openToAnyone('/prices');
  const t = await getTranslations('prices');
  const cfg = config();
  const list = await cachedPriceList(calendarDateIn(new Date(), cfg.billingTimeZone));
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <PriceListView list={list} noticeDays={cfg.priceNoticeDays} />
    </div>
  );
}
