import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PriceChangeForms } from '@/components/admin-public/price-change-forms';
import { ScheduledChangesTable } from '@/components/admin-public/scheduled-changes-table';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { loadCatalogue } from '@/lib/catalogue/rates';
import { earliestEffectiveDate, listPriceChanges } from '@/lib/catalogue/price-schedule';
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
  const now = new Date();
  const db = getDb();
  const catalogue = await loadCatalogue(db);
  const changes = await listPriceChanges(db, { now, timeZone: cfg.billingTimeZone });
  const categories = [...new Set([...catalogue.taxRules.map((r) => r.category), ...catalogue.prices.map((p) => p.taxCategory)])].sort();
  return (
    <div className="space-y-6">
      <PageHeader title={t('admin.title')} description={t('admin.description', { days: cfg.priceNoticeDays })} />
      <Card>
        <PriceChangeForms
          services={catalogue.services.map((s) => ({ id: s.id, name: s.name, unit: s.unit }))}
          categories={categories}
          minDate={earliestEffectiveDate(now, cfg.billingTimeZone, cfg.priceNoticeDays)}
        />
      </Card>
      <ScheduledChangesTable changes={changes.map((c) => ({ ...c, scheduledAt: c.scheduledAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null }))} />
    </div>
  );
}
