import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** What an unknown path (`kind="notFound"`) or a refused page (`kind="forbidden"`) says, inside whichever frame holds it. */
export async function Refusal({ kind }: { kind: 'notFound' | 'forbidden' }) {
  const t = await getTranslations('common');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t(`${kind}.title`)}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{t(`${kind}.body`)}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline dark:text-sky-300">
        {t('backHome')}
      </Link>
    </>
  );
}
