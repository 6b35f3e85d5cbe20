import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';

export default async function SupportPage() {
  await requireViewer({ role: 'support' });
  const t = await getTranslations('support');
  return <PageHeader title={t('title')} description={t('description')} />;
}
