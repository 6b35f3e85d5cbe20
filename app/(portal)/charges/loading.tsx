import { getTranslations } from 'next-intl/server';
import { Skeleton } from '@/components/ui/skeleton';

export default async function ChargesLoading() {
  const t = await getTranslations('charges');
  return <Skeleton label={t('loadingPage')} blocks={3} className="h-28" />;
}
