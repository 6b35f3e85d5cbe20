import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PaymentStatusPanel } from '@/components/top-up/payment-status-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { paymentStatusView } from '@/lib/payments/payment-queries';
import { qrCodeDataUrl } from '@/lib/payments/qr-code';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('topup');
  return { title: t('payment.title') };
}

/** Where the browser lands after the provider's page; it shows, it never credits. */
export default async function PaymentStatusPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const viewer = await requireViewer('/top-up/[paymentId]');
  const { paymentId } = await params;
  const t = await getTranslations('topup');
  const view = await paymentStatusView(getDb(), viewer.accountId, paymentId, new Date(), { impersonating: viewer.impersonation !== null });
  if (!view) notFound();
  return (
    <>
      <PageHeader title={t('payment.title')} />
      <PaymentStatusPanel initial={view} qrImage={view.qrCode ? await qrCodeDataUrl(view.qrCode) : null} />
    </>
  );
}
