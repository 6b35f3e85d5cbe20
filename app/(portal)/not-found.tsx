import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** notFound() in a signed-in page (e.g. another customer's invoice): inside the portal layout's shell. */
export default async function PortalNotFound() {
  const t = await getTranslations('common');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{t('notFound.body')}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline dark:text-sky-300">
        {t('backHome')}
      </Link>
    </>
  );
}
