import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PriceChangeForms } from '@/components/admin-public/price-change-forms';
import { ScheduledChangesTable } from '@/components/admin-public/scheduled-changes-table';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { loadAdminPrices } from '@/lib/catalogue/load-admin-prices';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('prices');
  return { title: t('admin.metaTitle') };
}

/** Admin: schedule price and tax-rule changes with notice, and withdraw them before they take effect. */
export default async function AdminPricesPage() {
  await requireViewer('/admin/prices');
  const t = await getTranslations('prices');
  const cfg = config();
  const { services, categories, minDate, changes } = await loadAdminPrices(getDb(), cfg, { now: new Date() });
  return (
    <div className="space-y-6">
      <PageHeader title={t('admin.title')} description={t('admin.description', { days: cfg.priceNoticeDays })} />
      <Card>
        <PriceChangeForms
          services={services}
          categories={categories}
          minDate={minDate}
        />
      </Card>
      <ScheduledChangesTable changes={changes} />
    </div>
  );
}
