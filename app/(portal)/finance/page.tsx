import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';

export default async function FinancePage() {
  await requireViewer({ role: 'finance' });
  const t = await getTranslations('finance');
  return <PageHeader title={t('title')} description={t('description')} />;
}
