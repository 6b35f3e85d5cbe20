import { getTranslations } from 'next-intl/server';
import { Skeleton } from '@/components/ui/skeleton';

/*
 * In a route group so that this skeleton wraps only the history list: a loading boundary streams the page
 * with status 200 at once, so a notFound() below it (e.g. /charges/day/[day] with a bad id) could no longer
 * answer 404.
 */
export default async function ChargesLoading() {
  const t = await getTranslations('charges');
  return <Skeleton label={t('loadingPage')} blocks={3} className="h-28" />;
}
