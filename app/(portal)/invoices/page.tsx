import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AccountInvoiceList } from '@/components/invoices/account-invoice-list';
import { InvoiceableMonths } from '@/components/invoices/invoiceable-months';
import { RequestInvoiceForm } from '@/components/invoices/request-invoice-form';
import { TitleManager } from '@/components/invoices/title-manager';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { loadInvoicesPage } from '@/lib/invoices/load-invoices';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices');
  return { title: t('title') };
}

export default async function InvoicesPage() {
  const viewer = await requireViewer('/invoices');
  const t = await getTranslations('invoices');
  const format = await getFormatter();
  const { months, titles: titleViews, invoices, businessTax, readOnly } = await loadInvoicesPage(getDb(), viewer);
  const monthLabel = (month: string) => format.dateTime(new Date(`${month}-15T00:00:00Z`), { year: 'numeric', month: 'long', timeZone: 'UTC' });

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-6">
        {readOnly ? <Alert tone="info">{t('readOnly')}</Alert> : null}
        {businessTax ? (
          <Alert tone="info">
            <Link href="/invoices/business-tax" className="underline underline-offset-2">
              {t('businessTax.link')}
            </Link>
          </Alert>
        ) : null}
        <InvoiceableMonths months={months} monthLabel={monthLabel} />
        <RequestInvoiceForm
          months={months.map((m) => ({ month: m.month, label: monthLabel(m.month) }))}
          titles={titleViews.map(({ id, name, isDefault, specialReady }) => ({ id, name, isDefault, specialReady }))}
          defaultEmail={viewer.email}
          disabled={readOnly}
        />
        <TitleManager titles={titleViews} disabled={readOnly} />
        <AccountInvoiceList invoices={invoices} />
      </div>
    </>
  );
}
